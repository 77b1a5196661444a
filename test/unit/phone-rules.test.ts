import { describe, expect, it } from 'vitest';
import {
  addressToE164, findPhonesInText, isE164, isSameWhatsApp, toE164, whatsAppForms, whatsAppKey,
} from '@/lib/phone';
import { isMobileNumber } from '@/lib/phone-type';

// Numbers as Pipedrive's pages show them (any written form) and as Twilio writes them (`whatsapp:+E164`). The
// Mexican, Argentine and Brazilian cases are the ones where WhatsApp's id is not the dialled E.164.

describe('toE164: every country and written form becomes one E.164', () => {
  it.each([
    // Estonia: no national prefix
    ['+372 5123 4567', undefined, '+37251234567'],
    ['5123-4567', 'EE', '+37251234567'],
    ['(+372) 5123 4567', undefined, '+37251234567'],
    // United Kingdom: national 0, (0) after the country code
    ['+44 7911 123456', undefined, '+447911123456'],
    ['07911 123456', 'GB', '+447911123456'],
    ['+44 (0)20 7183 8750', undefined, '+442071838750'],
    ['0044 20 7183 8750', undefined, '+442071838750'],
    // Germany
    ['+49 151 23456789', undefined, '+4915123456789'],
    ['030 12345678', 'DE', '+493012345678'],
    ['(030) 123 456 78', 'DE', '+493012345678'],
    ['0049-30-12345678', undefined, '+493012345678'],
    // United States
    ['+1 (201) 555-0123', undefined, '+12015550123'],
    ['201-555-0123', 'US', '+12015550123'],
    ['1 201 555 0123', 'US', '+12015550123'],
    // Mexico: the dialled form, and WhatsApp's "1" form kept as written (it is what Twilio sends)
    ['+52 55 1234 5678', undefined, '+525512345678'],
    ['55 1234 5678', 'MX', '+525512345678'],
    ['+52 1 55 1234 5678', undefined, '+5215512345678'],
    ['0052 1 55 1234 5678', undefined, '+5215512345678'],
    ['+52 1 12 3456 7890', undefined, undefined], // after the 1, no valid Mexican number
    ['+52 1 55 1234 567', undefined, undefined], // one digit short
    // Argentina: international mobile with 9, stored without, national 0…15…
    ['+54 9 11 2345-6789', undefined, '+5491123456789'],
    ['+54 11 2345 6789', undefined, '+541123456789'],
    ['011 15 2345-6789', 'AR', '+5491123456789'],
    ['011 2345-6789', 'AR', '+541123456789'],
    // Brazil: 9-digit mobile, old 8-digit mobile, landline
    ['+55 11 98765-4321', undefined, '+5511987654321'],
    ['(11) 98765-4321', 'BR', '+5511987654321'],
    ['+55 11 8765-4321', undefined, '+551187654321'],
    ['+55 11 3123-4567', undefined, '+551131234567'],
    // Spain
    ['+34 600 12 34 56', undefined, '+34600123456'],
    ['600 123 456', 'ES', '+34600123456'],
    ['+34 912 34 56 78', undefined, '+34912345678'],
    // other scripts' digits and the marks right-to-left text leaves between them
    ['＋５２ １ ５５ １２３４ ５６７８', undefined, '+5215512345678'],
    ['+٥٤ ٩ ١١ ٢٣٤٥ ٦٧٨٩', undefined, '+5491123456789'],
    ['۰۰۳۷۲ ۵۱۲۳ ۴۵۶۷', undefined, '+37251234567'],
    ['\u200f+372\u200f5123\u200f4567\u200f', undefined, '+37251234567'],
    ['whatsapp:+37251234567', undefined, '+37251234567'], // libphonenumber picks the number out of an address too
    // not numbers
    ['123', 'DE', undefined],
    ['+49 123', undefined, undefined],
  ])('%j (%s) → %s', (raw, country, expected) => {
    expect(toE164(raw, country)).toBe(expected);
  });

  it.each([
    ['+5215512345678', true],
    ['+525512345678', true],
    ['+5491123456789', true],
    ['+551187654321', true],
    ['+5211234567890', false],
    ['+52 1 55 1234 5678', false],
  ])('isE164(%s) is %s', (value, expected) => {
    expect(isE164(value)).toBe(expected);
  });
});

describe('addressToE164: the number in a Twilio address', () => {
  it.each([
    ['whatsapp:+5215512345678', '+5215512345678'],
    ['whatsapp:+37251234567', '+37251234567'],
    ['WhatsApp:+447911123456', '+447911123456'],
    ['+5491123456789', '+5491123456789'],
    [' whatsapp:+34600123456 ', '+34600123456'],
    ['whatsapp:37251234567', undefined],
    ['whatsapp:+372 5123 4567', undefined],
    ['whatsapp:+0123456789', undefined],
    ['whatsapp:+1234567890123456', undefined], // 16 digits: longer than E.164 allows
    ['sms:+37251234567', undefined],
    ['messenger:1234567890', undefined],
    ['whatsapp:', undefined],
    ['', undefined],
  ])('%j → %s', (address, expected) => {
    expect(addressToE164(address)).toBe(expected);
  });
});

describe('whatsAppKey and whatsAppForms: the forms of one WhatsApp account', () => {
  it.each([
    // country, given, key, forms
    ['MX dialled', '+525512345678', '+525512345678', ['+525512345678', '+5215512345678']],
    ['MX WhatsApp', '+5215512345678', '+525512345678', ['+5215512345678', '+525512345678']],
    ['AR mobile with 9', '+5491123456789', '+5491123456789', ['+5491123456789', '+541123456789']],
    ['AR stored without 9', '+541123456789', '+5491123456789', ['+541123456789', '+5491123456789']],
    ['AR Córdoba without 9', '+543515123456', '+5493515123456', ['+543515123456', '+5493515123456']],
    ['AR toll-free', '+548001234567', '+548001234567', ['+548001234567']],
    ['BR mobile, 9 digits', '+5511987654321', '+5511987654321', ['+5511987654321', '+551187654321']],
    ['BR mobile, old 8 digits', '+551187654321', '+5511987654321', ['+551187654321', '+5511987654321']],
    ['BR old 8 digits from 6', '+554166554433', '+5541966554433', ['+554166554433', '+5541966554433']],
    ['BR new 9 digits (91…)', '+5511912345678', '+5511912345678', ['+5511912345678']],
    ['BR landline', '+551131234567', '+551131234567', ['+551131234567']],
    ['BR 9 + landline digits', '+5511931234567', '+5511931234567', ['+5511931234567']],
    ['EE', '+37251234567', '+37251234567', ['+37251234567']],
    ['GB', '+447911123456', '+447911123456', ['+447911123456']],
    ['DE', '+4915123456789', '+4915123456789', ['+4915123456789']],
    ['US', '+12015550123', '+12015550123', ['+12015550123']],
    ['ES', '+34600123456', '+34600123456', ['+34600123456']],
    ['not E.164', '+52 55 1234 5678', '+52 55 1234 5678', ['+52 55 1234 5678']],
  ])('%s: %s → key %s, forms %j', (_country, given, key, forms) => {
    expect(whatsAppKey(given)).toBe(key);
    expect(whatsAppForms(given)).toEqual(forms);
  });

  it('every form of a number has the same key and the same forms, in any order', () => {
    for (const given of ['+525512345678', '+5491123456789', '+551187654321']) {
      for (const form of whatsAppForms(given)) {
        expect(whatsAppKey(form)).toBe(whatsAppKey(given));
        expect(new Set(whatsAppForms(form))).toEqual(new Set(whatsAppForms(given)));
      }
    }
  });
});

describe('isSameWhatsApp: the page form and the Twilio form of a number', () => {
  it.each([
    // Pipedrive's page as typed, its default country, Twilio's address, same account?
    ['+52 55 1234 5678', undefined, 'whatsapp:+5215512345678', true],
    ['55 1234 5678', 'MX', 'whatsapp:+5215512345678', true],
    ['+52 1 55 1234 5678', undefined, 'whatsapp:+525512345678', true],
    ['+52 55 1234 5678', undefined, 'whatsapp:+525512345678', true],
    ['+52 55 1234 5679', undefined, 'whatsapp:+5215512345678', false],
    ['+52 81 1234 5678', undefined, 'whatsapp:+5215512345678', false],
    ['+54 11 2345 6789', undefined, 'whatsapp:+5491123456789', true],
    ['011 15 2345-6789', 'AR', 'whatsapp:+5491123456789', true],
    ['011 2345-6789', 'AR', 'whatsapp:+5491123456789', true],
    ['+54 351 512 3456', undefined, 'whatsapp:+5493515123456', true],
    ['+54 11 2345 6780', undefined, 'whatsapp:+5491123456789', false],
    ['+55 11 98765-4321', undefined, 'whatsapp:+551187654321', true],
    ['+55 11 8765-4321', undefined, 'whatsapp:+5511987654321', true],
    ['+55 21 98765-4321', undefined, 'whatsapp:+551187654321', false], // another area code
    ['+55 11 91234-5678', undefined, 'whatsapp:+551112345678', false],
    ['+55 11 3123-4567', undefined, 'whatsapp:+5511931234567', false], // a landline never gains a 9
    ['+372 5123 4567', undefined, 'whatsapp:+37251234567', true],
    ['5123 4567', 'EE', 'whatsapp:+37251234568', false],
    ['07911 123456', 'GB', 'whatsapp:+447911123456', true],
    ['030 12345678', 'DE', 'whatsapp:+493012345678', true],
    ['030 12345678', 'DE', 'whatsapp:+4930123456789', false],
    ['201-555-0123', 'US', 'whatsapp:+12015550123', true],
    ['600 12 34 56', 'ES', 'whatsapp:+34600123456', true],
    ['600 12 34 56', 'ES', 'whatsapp:+34600123465', false],
  ])('page %j (%s) and Twilio %s: %s', (page, country, address, expected) => {
    const pageE164 = toE164(page, country);
    const twilioE164 = addressToE164(address);
    expect(pageE164).toBeDefined();
    expect(twilioE164).toBeDefined();
    expect(isSameWhatsApp(pageE164!, twilioE164!)).toBe(expected);
    expect(isSameWhatsApp(twilioE164!, pageE164!)).toBe(expected);
  });

  it.each([
    ['+551121234567'], // São Paulo, starting with 2
    ['+551131234567'], // starting with 3
    ['+554532782153'], // Paraná, starting with 3
    ['+555141234567'], // Porto Alegre, starting with 4
    ['+556151234567'], // Brasília, starting with 5
  ])('Brazilian landline %s never gains a 9', (landline) => {
    const withNine = landline.replace(/^(\+55\d{2})/, '$19');
    expect(whatsAppForms(landline)).toEqual([landline]);
    expect(whatsAppKey(landline)).toBe(landline);
    expect(isSameWhatsApp(landline, withNine)).toBe(false);
  });

  it.each([
    ['', ''],
    ['abc', 'abc'],
    ['+52 55 1234 5678', '+52 55 1234 5678'],
  ])('%j and %j are not numbers, so never the same', (a, b) => {
    expect(isSameWhatsApp(a, b)).toBe(false);
  });
});

describe('findPhonesInText: numbers in free text', () => {
  it.each([
    ['Call +372 5123 4567 or +372 5123 4567 again', undefined, ['+37251234567']],
    ['Mob. 07911 123456, office 020 7183 8750', 'GB', ['+447911123456', '+442071838750']],
    ['+1 (201) 555-0123, +55 (11) 98765-4321, +34 600 12 34 56', undefined, ['+12015550123', '+5511987654321', '+34600123456']],
    ['(030) 123 456 78', 'DE', ['+493012345678']],
    ['0049 30 12345678', 'DE', ['+493012345678']],
    ['600 12 34 56', 'ES', ['+34600123456']],
    ['5123 4567', 'EE', ['+37251234567']],
    ['5123 4567', undefined, []], // national, and no country to place it
    // dates are not numbers, and do not join the number after them
    ['Meeting 12.03.2025', 'DE', []],
    ['12.03.25 and 01.02.2025', 'DE', []],
    ['2025-03-12', 'DE', []],
    ['03.12.2025 10:30', 'DE', []],
    ['Termin 12/03/2025', 'DE', []],
    ['am 12.03.2025 030 12345678', 'DE', ['+493012345678']],
    ['12.03.2025 +372 5123 4567', 'DE', ['+37251234567']],
    ['+33 1.23.45.67.89', undefined, ['+33123456789']], // dotted groups that are a number
    ['01.12.45.67.89', 'FR', ['+33112456789']], // starts like a date, goes on like a number
    ['+49 30 12.03.20', undefined, ['+4930120320']], // ends like a date, after the number's own digits
    // WhatsApp's Mexican form, as written, beside the dialled one
    ['WhatsApp: +52 1 55 1234 5678', undefined, ['+5215512345678']],
    ['+52 155 1234 5678', undefined, ['+5215512345678']],
    ['+52 55 1234 5678 / +52 1 55 1234 5678', undefined, ['+525512345678', '+5215512345678']],
    ['011 15 2345-6789', 'AR', ['+5491123456789']],
    // other scripts' digits
    ['full-width ＋３７２ ５１２３ ４５６７', undefined, ['+37251234567']],
    ['full-width national ５１２３ ４５６７', 'EE', ['+37251234567']],
    ['Arabic-Indic +٣٧٢ ٥١٢٣ ٤٥٦٧', undefined, ['+37251234567']],
    ['Eastern Arabic-Indic +۳۷۲ ۵۱۲۳ ۴۵۶۷', undefined, ['+37251234567']],
    ['هاتف: \u200f+٣٧٢\u200f٥١٢٣\u200f٤٥٦٧\u200f', undefined, ['+37251234567']],
    ['no numbers here', 'EE', []],
    ['', 'EE', []],
  ])('%j (%s) → %j', (text, country, expected) => {
    expect(findPhonesInText(text, country)).toEqual(expected);
  });
});

describe('isMobileNumber: the full metadata types the number', () => {
  it.each([
    ['EE mobile', '+37251234567', true],
    ['GB mobile', '+447911123456', true],
    ['GB landline', '+442071838750', false],
    ['DE mobile', '+4915123456789', true],
    ['DE landline', '+493012345678', false],
    ['US either', '+12015550123', undefined],
    ['US toll-free', '+18002345678', false],
    ['MX either', '+525512345678', undefined],
    ['MX WhatsApp form', '+5215512345678', true],
    ['AR mobile with 9', '+5491123456789', true],
    ['AR without 9', '+541123456789', undefined],
    ['BR mobile', '+5511987654321', true],
    ['BR old 8-digit mobile', '+551187654321', true],
    ['BR landline', '+551131234567', false],
    ['ES mobile', '+34600123456', true],
    ['ES landline', '+34912345678', false],
    ['not E.164', '+34 600 12 34 56', undefined],
    ['not a number', '+1234', undefined],
  ])('%s %s → %s', (_what, e164, expected) => {
    expect(isMobileNumber(e164)).toBe(expected);
  });
});
