import { personSearchPath } from './api-paths';
import { parseAnswer, personSearchAnswer } from './api-schemas';
import type { FetchJson } from './api';

/**
 * Pipedrive's persons search, for the page: by name ("Link to a person"), and by the search terms the background
 * made of a number (its digits in each WhatsApp form and nationally, `phoneSearchTerms`). Content-safe and light:
 * which found person really has the number is the background's to say (`personWithNumber`), with the phone
 * metadata the page does not load.
 */

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
 * The persons a phone search finds for the first of `terms` that finds any (most numbers need one request), at most
 * ten; undefined when Pipedrive could not be asked.
 */
export async function searchPersonsByPhone(terms: readonly string[], fetchJson: FetchJson): Promise<PersonFound[] | undefined> {
  for (const term of terms) {
    const path = personSearchPath(term, 'phone');
    const body = await fetchJson(path);
    if (body === undefined) return undefined;
    const found = readPersonsFound(path, body);
    if (found.length > 0) return found.slice(0, 10).map((person) => ({ ...person, phones: person.phones.slice(0, 20) }));
  }
  return [];
}
