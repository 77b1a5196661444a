import { describe, expect, it } from 'vitest';
import { countryFromLocale, isE164, toE164 } from '@/lib/phone';

describe('toE164', () => {
  it.each([
    ['+372 5123 4567', undefined, '+37251234567'],
    ['+34 600 12 34 56', undefined, '+34600123456'],
    ['+55 11 91234-5678', undefined, '+5511912345678'],
    ['(0)7911 123456', 'GB', '+447911123456'],
    ['07911 123456', 'GB', '+447911123456'],
    ['5123 4567', 'EE', '+37251234567'],
    ['0037251234567', undefined, '+37251234567'],
    ['  +372\u00a05123\u00a04567 ', undefined, '+37251234567'],
    ['＋３７２ ５１２３ ４５６７', undefined, '+37251234567'], // full-width digits
    ['+٣٧٢٥١٢٣٤٥٦٧', undefined, '+37251234567'], // Arabic-Indic digits
    ['5123 4567', undefined, undefined], // national without a country
    ['hello', 'EE', undefined],
    ['+1 234', undefined, undefined],
    ['', 'EE', undefined],
  ])('%j (%s) → %s', (raw, country, expected) => {
    expect(toE164(raw, country)).toBe(expected);
  });

  it('knows E.164 when it sees it', () => {
    expect(isE164('+37251234567')).toBe(true);
    expect(isE164('37251234567')).toBe(false);
    expect(isE164('+372 5123 4567')).toBe(false);
  });

  it.each([
    ['et-EE', 'EE'],
    ['pt_BR', 'BR'],
    ['en', undefined],
  ])('country of %s is %s', (locale, expected) => {
    expect(countryFromLocale(locale)).toBe(expected);
  });
});
