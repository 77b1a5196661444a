import type * as v from 'valibot';
import { dealPath, LEAD_ID, leadPath, NUMERIC_ID, organizationPath, personPath, userPath } from './api-paths';
import { dealAnswer, leadAnswer, organizationAnswer, parseAnswer, personAnswer, PHONE_MAX_LENGTH, PHONES_MAX, PipedriveShapeError, userAnswer } from './api-schemas';

/**
 * The Pipedrive record a page is about (a person, a deal or a lead), read from Pipedrive's API with the person
 * behind it, the person's organisation and the owners' names (DESIGN §10: v2 persons, deals and organizations; v1
 * leads and users, which are not deprecated). Content-safe: how a path is fetched is the caller's `fetchJson` (the
 * page's session, else the background with the rep's token), so nothing here holds a secret.
 */

export type RecordRef = { kind: 'person'; id: string } | { kind: 'deal'; id: string } | { kind: 'lead'; id: string };

export interface PersonPhone {
  /** As Pipedrive stores it (any format); the background makes it E.164. */
  value: string;
  label?: string;
  isPrimary: boolean;
}

export interface PipedrivePerson {
  id: string;
  name?: string;
  firstName?: string;
  /** In Pipedrive's order, the primary one flagged. */
  phones: PersonPhone[];
  organisation?: string;
  owner?: string;
}

export interface PipedriveContext {
  person?: PipedrivePerson;
  deal?: { id: string; title?: string; owner?: string };
  lead?: { id: string; title?: string; owner?: string };
}

/** `fetchJson(path)` answers the parsed JSON body of a same-company API path, or undefined when it cannot be read. */
export type FetchJson = (path: string) => Promise<unknown>;

/**
 * The record `ref` names, with its person (a deal's or lead's linked person), organisation and owners. A record that
 * cannot be read leaves its part out; an answer of another shape rejects with a `PipedriveShapeError`. The
 * organisation and owner lookups run in parallel, and a failed one only leaves its field undefined.
 */
export async function readRecordContext(ref: RecordRef, fetchJson: FetchJson): Promise<PipedriveContext> {
  const read = onePerPath(fetchJson);
  if (ref.kind === 'person') {
    const person = await readPerson(ref.id, read);
    return person ? { person } : {};
  }
  if (ref.kind === 'deal') {
    const deal = await readMain(dealAnswer, dealPath(ref.id), read);
    if (!deal) return {};
    const [person, owner] = await Promise.all([readLinkedPerson(deal.person_id, read), lookUpName(userAnswer, userPath, deal.owner_id, read)]);
    return { ...(person && { person }), deal: { id: String(deal.id), title: deal.title, owner } };
  }
  const lead = await readMain(leadAnswer, leadPath(ref.id), read);
  if (!lead) return {};
  const [person, owner] = await Promise.all([readLinkedPerson(lead.person_id, read), lookUpName(userAnswer, userPath, lead.owner_id, read)]);
  return { ...(person && { person }), lead: { id: lead.id.toLowerCase(), title: lead.title, owner } };
}

// Pipedrive's web app puts the record in the path: /person/123, /deal/123, /leads/inbox/{uuid} (or /leads/{uuid}).
// A whole segment is taken, so /person/123abc is no record; a further segment (/person/123/activities) is the same one.
const RECORD_URLS: ReadonlyArray<{ kind: RecordRef['kind']; pattern: RegExp; id: RegExp }> = [
  { kind: 'person', pattern: /^\/person\/([^/]+)(?:\/|$)/, id: NUMERIC_ID },
  { kind: 'deal', pattern: /^\/deal\/([^/]+)(?:\/|$)/, id: NUMERIC_ID },
  { kind: 'lead', pattern: /^\/leads\/inbox\/([^/]+)(?:\/|$)/, id: LEAD_ID },
  { kind: 'lead', pattern: /^\/leads\/([^/]+)(?:\/|$)/, id: LEAD_ID },
];

/** The record a Pipedrive page URL is about, or undefined (a list, the inbox, an id of the wrong form). */
export function recordRefFromUrl(url: URL): RecordRef | undefined {
  for (const { kind, pattern, id } of RECORD_URLS) {
    const match = pattern.exec(url.pathname)?.[1];
    if (match && id.test(match)) return { kind, id: kind === 'lead' ? match.toLowerCase() : match };
  }
  return undefined;
}

type Read = (path: string) => Promise<unknown>;

/** Within one read, a path is asked once (a deal's owner is often its person's owner too). */
function onePerPath(fetchJson: FetchJson): Read {
  const asked = new Map<string, Promise<unknown>>();
  return (path) => {
    let answer = asked.get(path);
    if (!answer) asked.set(path, (answer = fetchJson(path)));
    return answer;
  };
}

type AnswerSchema = v.GenericSchema<unknown, { data: Record<string, unknown> }>;

/** The record's `data`, undefined when it could not be read; a changed shape rejects. */
async function readMain<T extends AnswerSchema>(schema: T, path: string, read: Read): Promise<v.InferOutput<T>['data'] | undefined> {
  const body = await read(path);
  return body === undefined ? undefined : parseAnswer(schema, path, body).data;
}

async function readLinkedPerson(id: number | null | undefined, read: Read): Promise<PipedrivePerson | undefined> {
  return id ? readPerson(String(id), read) : undefined;
}

async function readPerson(id: string, read: Read): Promise<PipedrivePerson | undefined> {
  const data = await readMain(personAnswer, personPath(id), read);
  if (!data) return undefined;
  const [organisation, owner] = await Promise.all([
    lookUpName(organizationAnswer, organizationPath, data.org_id, read),
    lookUpName(userAnswer, userPath, data.owner_id, read),
  ]);
  const phones: PersonPhone[] = [];
  for (const phone of data.phones) {
    const value = phone.value.trim();
    // Empty entries are Pipedrive's placeholder for "no number"; an overlong one is not a number a rep can dial.
    if (!value || value.length > PHONE_MAX_LENGTH) continue;
    phones.push({ value, ...(phone.label && { label: phone.label }), isPrimary: phone.primary === true });
    if (phones.length === PHONES_MAX) break;
  }
  return { id: String(data.id), name: data.name, firstName: data.first_name ?? undefined, phones, organisation, owner };
}

/** An organisation's or user's name; any failure (unreadable, refused, another shape) is no name. */
async function lookUpName(
  schema: typeof organizationAnswer | typeof userAnswer,
  pathOf: (id: string) => string,
  id: number | null | undefined,
  read: Read,
): Promise<string | undefined> {
  if (!id) return undefined;
  const path = pathOf(String(id));
  try {
    const body = await read(path);
    return body === undefined ? undefined : parseAnswer(schema, path, body).data.name;
  } catch (error) {
    // The record still reads without this name, but a changed shape must not go unnoticed.
    if (error instanceof PipedriveShapeError) console.warn('[whatsapp-templates]', error.message);
    return undefined;
  }
}
