import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { phoneFromText, whatsAppForms, whatsAppKey } from '../phone';
import type { PersonFound } from './person-search';

/**
 * What to search Pipedrive's persons for to find a WhatsApp number: Pipedrive matches a phone search against the
 * digits as stored, and reps store numbers with and without the country code, so each WhatsApp form of the number
 * (Mexico's +52/+521…) with its country code, then nationally. Background only (libphonenumber's metadata).
 */
export function phoneSearchTerms(e164: string): string[] {
  const forms = whatsAppForms(e164);
  return [...new Set([...forms.map((form) => form.slice(1)), ...forms.map((form) => parsePhoneNumberFromString(form)?.nationalNumber)])]
    .filter((term): term is string => Boolean(term && term.length >= 4));
}

/** The found person one of whose phones is this WhatsApp number (phone.ts `whatsAppKey`), or null. */
export function personWithNumber(e164: string, found: readonly PersonFound[], defaultCountry?: string): PersonFound | null {
  const key = whatsAppKey(e164);
  const country = defaultCountry ?? parsePhoneNumberFromString(e164)?.country;
  return found.find((person) => person.phones.some((phone) => {
    const number = phoneFromText(phone, country);
    return number !== undefined && whatsAppKey(number) === key;
  })) ?? null;
}
