import { describe, expect, it } from 'vitest';
import { apiPath, parseDeal, parsePerson } from '@/lib/pipedrive/api';

describe('Pipedrive API parsers', () => {
  it('reads a person, primary phone first', () => {
    const body = {
      success: true,
      data: {
        name: 'Ann Smith', first_name: 'Ann', org_id: { name: 'Smith & Co' }, owner_id: { name: 'Kristjan Kask' },
        phone: [{ value: '020 7183 8750', primary: false }, { value: '+44 7911 123456', primary: true }, { value: '' }],
      },
    };
    expect(parsePerson(body)).toEqual({ name: 'Ann Smith', firstName: 'Ann', organisation: 'Smith & Co', owner: 'Kristjan Kask', phones: ['+44 7911 123456', '020 7183 8750'] });
  });

  it('survives odd shapes', () => {
    expect(parsePerson(null)).toBeUndefined();
    expect(parsePerson({ success: false })).toBeUndefined();
    expect(parsePerson({ data: { name: 42, phone: 'not a list' } })).toEqual({ name: undefined, firstName: undefined, organisation: undefined, owner: undefined, phones: [] });
    expect(parseDeal({ data: { title: 'Laptop order', user_id: { name: 'Kristjan' } } })).toEqual({ title: 'Laptop order', owner: 'Kristjan' });
  });

  it('builds paths from ids only', () => {
    expect(apiPath('person', '101')).toBe('/api/v1/persons/101');
    expect(apiPath('deal', '../x')).toBe('/api/v1/deals/..%2Fx');
  });
});
