import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isReadPath } from '@/lib/pipedrive/api-paths';
import {
  currentUserAnswer,
  dealAnswer,
  leadAnswer,
  organizationAnswer,
  parseAnswer,
  personAnswer,
  PipedriveShapeError,
  userAnswer,
} from '@/lib/pipedrive/api-schemas';

// The test Pipedrive's records (the e2e harness serves the same file): realistic v2 and v1 shapes.
const RECORDS = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../fixtures/pipedrive/records.json'), 'utf8')) as Record<string, Record<string, object>>;
const LEAD = '3f1c9a2e-c8b1-11f0-9d4e-0242ac130003';
const answer = (data: unknown) => ({ success: true, data });

describe('the answer schemas', () => {
  it('read the test Pipedrive’s records, extra fields and all', () => {
    for (const [schema, collection] of [[personAnswer, 'persons'], [dealAnswer, 'deals'], [organizationAnswer, 'organizations'], [leadAnswer, 'leads'], [userAnswer, 'users']] as const) {
      for (const data of Object.values(RECORDS[collection]!)) expect(() => parseAnswer(schema, collection, answer(data)), collection).not.toThrow();
    }
  });

  it('take unknown fields, nulls where Pipedrive leaves things empty, and trim and cap strings', () => {
    const person = parseAnswer(personAnswer, '/api/v2/persons/9', answer({
      id: 9, name: `  ${'N'.repeat(300)} `, first_name: '  ', last_name: null, org_id: null, owner_id: 7,
      phones: [{ value: '+372 5000 0000', primary: true, label: 'mobile', extra: 1 }], custom_fields: { abc: 1 }, brand_new_field: [1, 2],
    }));
    expect(person.data.name).toHaveLength(200);
    expect(person.data.first_name).toBeUndefined();
    expect(person.data.org_id).toBeNull();
    const deal = parseAnswer(dealAnswer, '/api/v2/deals/3', answer({ id: 3, title: 'Chairs', person_id: null, owner_id: 7, org_id: null }));
    expect(deal.data.person_id).toBeNull();
    expect(parseAnswer(currentUserAnswer, 'me', answer({ id: 7, name: 'Kristjan', company_domain: 'acme-eu' })).data.company_domain).toBe('acme-eu');
  });

  it.each([
    ['a v1 person (phone, org and owner as objects)', personAnswer, { id: 101, name: 'Mari Tamm', phone: [{ value: '+372 5123 4567', primary: true }], org_id: { name: 'Tamm OÜ', value: 11 }, owner_id: { name: 'Kristjan', id: 7 } }, 'data.phones'],
    ['a person whose phones are strings', personAnswer, { id: 101, name: 'Mari Tamm', phones: ['+372 5123 4567'] }, 'data.phones.0'],
    ['a person id as a string', personAnswer, { id: '101', name: 'Mari Tamm', phones: [] }, 'data.id'],
    ['a person without a name', personAnswer, { id: 101, phones: [] }, 'data.name'],
    ['a v1 deal (the owner as user_id, an object)', dealAnswer, { id: 201, title: 'Laptop order', user_id: { name: 'Kristjan', id: 7 }, person_id: { name: 'Mari', value: 101 } }, 'data.person_id'],
    ['a lead id that is a number', leadAnswer, { id: 5, title: 'Chairs', person_id: 105, owner_id: 8 }, 'data.id'],
    ['an organisation name as an object', organizationAnswer, { id: 11, name: { text: 'Tamm OÜ' } }, 'data.name'],
    ['a user without an id', userAnswer, { name: 'Kristjan Kask' }, 'data.id'],
    ['a company domain that is a host', currentUserAnswer, { id: 7, name: 'K', company_domain: 'evil.example/x' }, 'data.company_domain'],
  ])('give one clear error for %s', (_name, schema, data, where) => {
    let error: unknown;
    try {
      parseAnswer(schema, '/api/v2/some/1', answer(data));
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(PipedriveShapeError);
    const message = (error as Error).message;
    expect(message).toContain("Pipedrive's answer to /api/v2/some/1 has changed shape:");
    expect(message).toContain(where);
    // Where and what type, never the customer's data.
    expect(message).not.toMatch(/Mari|Tamm|5123|Kristjan|evil/);
  });

  it('refuses a body without data, or no body object at all', () => {
    expect(() => parseAnswer(personAnswer, 'p', { success: false, error: 'unauthorized access' })).toThrow(/changed shape: data is missing$/);
    expect(() => parseAnswer(personAnswer, 'p', '<html>')).toThrow(/changed shape: the body should be Object, is string$/);
  });
});

describe('the record paths a token may read', () => {
  it.each([
    ['/api/v2/persons/101', true],
    ['/api/v2/deals/201', true],
    ['/api/v2/organizations/11', true],
    ['/api/v1/users/7', true],
    [`/api/v1/leads/${LEAD}`, true],
    ['/api/v1/persons/101', false],
    ['/api/v1/deals/201', false],
    ['/api/v2/persons/101?api_token=x', false],
    ['/api/v2/persons/101/../../v1/users/me', false],
    ['/api/v2/persons/%31', false],
    ['/api/v1/users/me', false],
    ['/api/v2/persons', false],
    ['/api/v2/persons/0', false],
    ['/api/v1/leads/not-a-uuid', false],
    [`/api/v1/leads/${LEAD.toUpperCase()}`, false],
    ['//evil.example/api/v2/persons/1', false],
    ['https://evil.example/api/v2/persons/1', false],
    ['/api/v1/notes', false],
  ])('%s: %s', (p, expected) => {
    expect(isReadPath(p)).toBe(expected);
  });
});
