import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { phoneFromText, whatsAppKey } from '../phone';
import { personSearchPath } from './api-paths';
import { parseAnswer, personSearchAnswer } from './api-schemas';
import type { FetchJson } from './api';

/** A Pipedrive person a search found. */
export interface PersonFound {
  id: number;
  name: string;
  phones: string[];
}

/** The persons of a search answer (an answer of another shape rejects with a `PipedriveShapeError`). */
export function readPersonsFound(path: string, body: unknown): PersonFound[] {
  return parseAnswer(personSearchAnswer, path, body).data.items.flatMap(({ item }) =>
    item.name ? [{ id: item.id, name: item.name, phones: item.phones.map((phone) => (typeof phone === 'string' ? phone : phone.value)) }] : [],
  );
}

/** Persons whose name is like `term` ("Link to a person"); undefined when Pipedrive could not be asked. */
export async function searchPersonsByName(term: string, fetchJson: FetchJson): Promise<PersonFound[] | undefined> {
  const path = personSearchPath(term.trim().slice(0, 100), 'name');
  const body = await fetchJson(path);
  return body === undefined ? undefined : readPersonsFound(path, body);
}

/**
 * The Pipedrive person with this WhatsApp number: `null` when none has it, undefined when Pipedrive could not be
 * asked. Pipedrive matches a phone search against the digits as stored, and reps store numbers with and without the
 * country code, so the number is asked for with its country code and, when that finds none, in its national form;
 * a person counts only when one of their phones is the same WhatsApp number (phone.ts `whatsAppKey`).
 */
export async function findPersonByNumber(e164: string, fetchJson: FetchJson, country?: string): Promise<PersonFound | null | undefined> {
  const key = whatsAppKey(e164);
  const parsed = parsePhoneNumberFromString(e164);
  const terms = [...new Set([e164.slice(1), parsed?.nationalNumber].filter((term): term is string => Boolean(term && term.length >= 4)))];
  for (const term of terms) {
    const path = personSearchPath(term, 'phone');
    const body = await fetchJson(path);
    if (body === undefined) return undefined;
    const match = readPersonsFound(path, body).find((person) =>
      person.phones.some((phone) => {
        const number = phoneFromText(phone, country ?? parsed?.country);
        return number !== undefined && whatsAppKey(number) === key;
      }),
    );
    if (match) return match;
  }
  return null;
}
