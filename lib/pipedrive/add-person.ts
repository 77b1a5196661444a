import { dealPath, leadPath } from './api-paths';
import { parseAnswer, personAnswer } from './api-schemas';
import type { RecordRef } from './api';

/**
 * "Add to Pipedrive" for a conversation whose number has no Pipedrive person (a deal or a lead without one): a new
 * person with the number (`POST /api/v2/persons`), linked to the page's deal (`PATCH /api/v2/deals/{id}`) or lead
 * (`PATCH /api/v1/leads/{id}`). Content-safe: how a request is made is the caller's (the page's session).
 */

/** Pipedrive's status and parsed JSON body; rejects when Pipedrive could not be reached. */
export type SendJson = (method: 'POST' | 'PATCH', path: string, body: unknown) => Promise<{ status: number; body?: unknown }>;

export const PERSONS_PATH = '/api/v2/persons';

export type AddPersonResult = { ok: true; personId: string; isLinked: boolean } | { ok: false; status: number };

export async function addPersonFor(ref: RecordRef, person: { name: string; phone: string }, send: SendJson): Promise<AddPersonResult> {
  const created = await send('POST', PERSONS_PATH, { name: person.name, phones: [{ value: person.phone, primary: true, label: 'mobile' }] });
  if (created.status < 200 || created.status >= 300) return { ok: false, status: created.status };
  const personId = parseAnswer(personAnswer, PERSONS_PATH, created.body).data.id;
  if (ref.kind === 'person') return { ok: true, personId: String(personId), isLinked: true };
  const path = ref.kind === 'deal' ? dealPath(ref.id) : leadPath(ref.id);
  const linked = await send('PATCH', path, { person_id: personId }).catch(() => ({ status: 0 }));
  return { ok: true, personId: String(personId), isLinked: linked.status >= 200 && linked.status < 300 };
}
