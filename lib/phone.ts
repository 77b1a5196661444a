import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

// Content-safe: the content script imports this file, so it uses libphonenumber's smallest metadata (`/min`), which
// knows each country's lengths and leading digits but not whether a number is a mobile (that is lib/phone-type.ts).

/** Digits of other scripts that libphonenumber reads (Arabic-Indic ٠–٩ and Eastern Arabic-Indic ۰–۹). */
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
/** Direction marks that numbers copied out of right-to-left text carry between their digits. */
const BIDI_MARKS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** The shape of E.164 itself: a plus, a country code not starting with 0, at most 15 digits in all. */
const E164_SHAPE = /^\+[1-9]\d{6,14}$/;

/** ASCII digits and `+` for every script's: NFKC turns fullwidth ＋５ into +5, the Arabic-Indic ones are mapped. */
function asciiDigits(text: string): string {
  return text
    .normalize('NFKC')
    .replace(BIDI_MARKS, '')
    .replace(ARABIC_INDIC_DIGITS, (digit) => String(digit.charCodeAt(0) - (digit >= '\u06F0' ? 0x06f0 : 0x0660)));
}

const asCountry = (country: string | undefined): CountryCode | undefined =>
  country && /^[A-Z]{2}$/.test(country) ? (country as CountryCode) : undefined;

const isValidE164 = (e164: string): boolean => parsePhoneNumberFromString(e164)?.isValid() === true;

/**
 * Mexico dropped the mobile "1" after +52 in 2019 and libphonenumber rejects `+521…`, but WhatsApp (and so Twilio's
 * `whatsapp:` addresses) still writes Mexican mobiles that way. A Mexican number never starts with 1, so `+521` and
 * a valid ten-digit number can only be that form.
 */
function isMexicanWhatsAppForm(e164: string): boolean {
  const tenDigits = /^\+521(\d{10})$/.exec(e164)?.[1];
  return tenDigits !== undefined && isValidE164(`+52${tenDigits}`);
}

/**
 * Phone numbers in E.164 (`+37251234567`), the form Twilio's `whatsapp:` addresses use. Whatever the page shows
 * (`+372 5123 4567`, `5123 4567` with a default country, `00372…`, other scripts' digits) becomes that form here.
 * WhatsApp's Mexican form `+521…` is kept as written (it is what Twilio sends and expects), not turned into `+52…`.
 */
export function toE164(raw: string, defaultCountry?: string): string | undefined {
  const cleaned = asciiDigits(raw).replace(/^\s*00/, '+').trim();
  if (cleaned === '' || cleaned.length > 40) return undefined;
  const parsed = parsePhoneNumberFromString(cleaned, asCountry(defaultCountry));
  if (!parsed) return undefined;
  return parsed.isValid() || isMexicanWhatsAppForm(parsed.number) ? parsed.number : undefined;
}

export const isE164 = (value: string): boolean => E164_SHAPE.test(value) && toE164(value) === value;

/** The country of the browser's language (`et-EE` → EE), for numbers written without a country code. */
export function countryFromLocale(locale: string): string | undefined {
  const region = /[-_]([A-Za-z]{2})\b/.exec(locale)?.[1];
  return region?.toUpperCase();
}

/** The number in a Twilio address (`whatsapp:+5215512345678` → `+5215512345678`); a bare `+E164` passes. */
export function addressToE164(address: string): string | undefined {
  // Only the shape is checked, not libphonenumber's metadata: Twilio's address is what WhatsApp really used, and a
  // range newer than our metadata must still find its conversation.
  return /^(?:whatsapp:)?(\+[1-9]\d{6,14})$/i.exec(address.trim())?.[1];
}

/**
 * The canonical form and WhatsApp's other form of one account, in the three countries where WhatsApp's id and the
 * dialled number differ; one form everywhere else. The canonical form is for comparing: it is not always the form
 * Twilio uses, so send to and look up every form of `whatsAppForms`.
 */
function whatsAppPair(e164: string): readonly [canonical: string, other?: string] {
  if (!isE164(e164)) return [e164];

  // Mexico: canonical `+52` + 10 digits, the only form valid since the 2019 numbering plan, the one libphonenumber
  // accepts and the one Pipedrive's pages show; `+521` + 10 digits is WhatsApp's (and Twilio's) legacy mobile id.
  const mexico = /^\+521?(\d{10})$/.exec(e164)?.[1];
  if (mexico !== undefined) return [`+52${mexico}`, `+521${mexico}`];

  // Argentina: canonical `+549` + 10 digits, how a mobile is dialled from abroad (libphonenumber types only this
  // form as MOBILE) and the form WhatsApp ids and Twilio use. `+54` + the same 10 digits is how mobiles are often
  // stored; without the 9 the digits cannot tell a mobile from a landline, so both forms are offered. Only
  // geographic numbers (area codes 11, 2…, 3…): toll-free 800 and the like never had a mobile 9.
  const argentina = /^\+549?([1-3]\d{9})$/.exec(e164)?.[1];
  if (argentina !== undefined) return validPair(`+549${argentina}`, `+54${argentina}`, e164);

  // Brazil: canonical with the ninth digit (area code + 9 + 8 digits), the only mobile form of today's plan (every
  // mobile since 2016). WhatsApp accounts opened before then may still use the 8-digit subscriber. Only an 8-digit
  // subscriber that looks like a mobile (6–9) gains the 9; landlines (2–5) never do, and a 9-digit subscriber whose
  // last eight start with 1–5 was never an 8-digit mobile, so it has one form.
  const brazil = /^\+55(\d{2})9?([6-9]\d{7})$/.exec(e164);
  if (brazil) return validPair(`+55${brazil[1]}9${brazil[2]}`, `+55${brazil[1]}${brazil[2]}`, e164);

  return [e164];
}

const validPair = (canonical: string, other: string, given: string): readonly [string, string?] =>
  isValidE164(canonical) && isValidE164(other) ? [canonical, other] : [given];

/** One key for every form of the same WhatsApp number (`+5215512345678` and `+525512345678` → `+525512345678`). */
export const whatsAppKey = (e164: string): string => whatsAppPair(e164)[0];

/** Every E.164 form that may address the same WhatsApp account: the given one first, then WhatsApp's other form. */
export const whatsAppForms = (e164: string): string[] =>
  [...new Set([e164, ...whatsAppPair(e164).filter((form) => form !== undefined)])];

/** Whether two E.164 numbers reach the same WhatsApp account (a Pipedrive number and a Twilio address, say). */
export const isSameWhatsApp = (a: string, b: string): boolean =>
  E164_SHAPE.test(a) && E164_SHAPE.test(b) && whatsAppKey(a) === whatsAppKey(b);

/**
 * Dates read as national numbers with min metadata (`12.03.2025` with DE is "valid" +4912032025), and a date just
 * before a number joins it (`12.03.2025 030 12345678`). Day.month.year / year-month-day with one separator, not
 * inside a longer run of digit groups or after a number's own digits.
 */
const DATES = /(?<![+\d][\s()./-]*)(?:[0-3]?\d([./-])[01]?\d\1(?:\d{4}|\d{2})|\d{4}([./-])[01]?\d\2[0-3]?\d)(?![./-]?\d)/g;

/** WhatsApp's Mexican mobile "1" (`+52 1 55…`, `+52 155…`): libphonenumber finds nothing valid while it is there. */
const MEXICAN_MOBILE_ONE = /(?:\+|(?<!\d)00)[\s().-]*52[\s().-]*1(?=[\s().-]*[2-9])/g;

/**
 * The phone numbers in free text, as E.164, each once, in the order they first appear. `defaultCountry` places
 * numbers written without a country code. Digits of other scripts count; dates do not.
 */
export function findPhonesInText(text: string, defaultCountry?: string): string[] {
  // Dates and Mexican 1s are blanked, not cut out, so that where each 1 was still holds in the text searched.
  const mexicanOnes: number[] = [];
  const searchable = asciiDigits(text)
    .replace(DATES, (date) => ' '.repeat(date.length))
    .replace(MEXICAN_MOBILE_ONE, (prefix: string, offset: number) => {
      mexicanOnes.push(offset + prefix.length - 1);
      return `${prefix.slice(0, -1)} `;
    });

  const found = new Set<string>();
  for (const { number, startsAt, endsAt } of findPhoneNumbersInText(searchable, { defaultCountry: asCountry(defaultCountry) })) {
    const hadMobileOne = number.countryCallingCode === '52' && mexicanOnes.some((at) => at >= startsAt && at < endsAt);
    found.add(hadMobileOne ? `+521${number.nationalNumber}` : number.number);
  }
  return [...found];
}

/**
 * A number someone wrote (the page, Pipedrive, the rep), as E.164, only when the text looks like a phone number to
 * libphonenumber's finder: a date such as `12.03.2025` is not a German number. `00` before the country code is read
 * as `+` whatever the country (the finder only knows the default country's own exit code).
 */
export function phoneFromText(raw: string, defaultCountry?: string): string | undefined {
  const cleaned = raw.normalize('NFKC').replace(/^\s*00(?=\d)/, '+');
  return findPhonesInText(cleaned, defaultCountry)[0];
}
