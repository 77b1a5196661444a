import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/**
 * Phone numbers in E.164 (`+37251234567`), the form Twilio's `whatsapp:` addresses use. Whatever the page shows
 * (`+372 5123 4567`, `5123 4567` with a default country, `00372…`, other scripts' digits) becomes that form here.
 */
export function toE164(raw: string, defaultCountry?: string): string | undefined {
  const cleaned = raw.normalize('NFKC').replace(/^\s*00/, '+').trim();
  if (cleaned === '' || cleaned.length > 40) return undefined;
  const country = defaultCountry && /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(cleaned, country);
  return parsed?.isValid() ? parsed.number : undefined;
}

export const isE164 = (value: string): boolean => /^\+[1-9]\d{6,14}$/.test(value) && toE164(value) === value;

/** The country of the browser's language (`et-EE` → EE), for numbers written without a country code. */
export function countryFromLocale(locale: string): string | undefined {
  const region = /[-_]([A-Za-z]{2})\b/.exec(locale)?.[1];
  return region?.toUpperCase();
}
