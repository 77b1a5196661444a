import { describe, expect, it } from 'vitest';
import { checkVariable, checkVariables } from '@/lib/templates/validate';
import { placeholdersIn, renderPlaceholders } from '@/lib/templates/placeholders';

describe('placeholders', () => {
  it.each([
    ['Hi {{1}}, your order {{2}} ships {{1}}', ['1', '2']],
    ['Hello {{ first_name }}!', ['first_name']],
    ['{{2}} before {{1}}', ['2', '1']],
    ['no placeholders', []],
    ['{{not valid-key}} {{}} {single}', []],
  ])('%j has %j', (text, expected) => {
    expect(placeholdersIn(text)).toEqual(expected);
  });

  it('renders known values and leaves the rest as written', () => {
    expect(renderPlaceholders('Hi {{1}}, {{ first_name }} / {{3}}', { '1': 'Ann', first_name: 'Mari' })).toBe('Hi Ann, Mari / {{3}}');
  });
});

describe('checkVariable', () => {
  it.each([
    ['Ann Smith', undefined],
    ['Jüri 🚀 עברית', undefined],
    ['', 'missing'],
    ['   ', 'missing'],
    ['two\nlines', 'newline'],
    ['tab\there', 'newline'],
    ['five     spaces', 'spaces'],
    ['four    spaces', undefined],
    ['x'.repeat(250), undefined],
    ['x'.repeat(251), 'too-long'],
    ['🚀'.repeat(250), undefined],
  ])('%j → %s', (value, expected) => {
    expect(checkVariable(value)).toBe(expected);
  });
});

describe('checkVariables', () => {
  it('reports each problem by key, unknown keys, and the render length', () => {
    const result = checkVariables('Hi {{1}}, order {{2}}', ['1', '2'], { '1': 'Ann', '2': '', '3': 'x' });
    expect(result).toMatchObject({ ok: false, problems: { '2': 'missing' }, unknownKeys: ['3'], rendered: 'Hi Ann, order ', isTooLong: false });
  });

  it('refuses a render over 1,024 characters even with valid values', () => {
    const body = `${'a'.repeat(900)} {{1}}`;
    expect(checkVariables(body, ['1'], { '1': 'b'.repeat(123) }).ok).toBe(true);
    const result = checkVariables(body, ['1'], { '1': 'b'.repeat(124) });
    expect(result).toMatchObject({ ok: false, isTooLong: true });
  });

  it('accepts a complete, valid set', () => {
    expect(checkVariables('Hi {{first_name}}', ['first_name'], { first_name: 'Mari' })).toMatchObject({ ok: true, rendered: 'Hi Mari' });
  });
});
