/**
 * The two writes the inbox makes to Pipedrive for a number no person has: a new person with it, or the number added
 * to a person's phones. Pure and content-safe: the page sends them with its session, the background with the rep's
 * token, both from this one description (the background never takes a path or a body from a page).
 */

/** A phone as Pipedrive's API v2 holds it on a person. */
export interface PersonPhoneValue {
  value: string;
  label?: string;
  primary?: boolean;
}

export type PersonWrite =
  | { kind: 'create'; name: string; phone: string }
  /** `phones`: the person's phones now (a PATCH replaces the whole list, so they are sent again). */
  | { kind: 'add-phone'; personId: number; phone: string; phones: PersonPhoneValue[] };

export interface PipedriveWriteRequest {
  method: 'POST' | 'PATCH';
  path: string;
  body: { name?: string; phones: PersonPhoneValue[] };
}

/** `POST /api/v2/persons` or `PATCH /api/v2/persons/{id}`; the number as E.164 with the label `mobile`. */
export function personWriteRequest(write: PersonWrite): PipedriveWriteRequest {
  const added: PersonPhoneValue = { value: write.phone, label: 'mobile', primary: write.kind === 'create' };
  if (write.kind === 'create') return { method: 'POST', path: '/api/v2/persons', body: { name: write.name.trim(), phones: [added] } };
  const phones = write.phones.map(({ value, label, primary }) => ({ value, ...(label && { label }), primary: primary === true }));
  return { method: 'PATCH', path: `/api/v2/persons/${write.personId}`, body: { phones: [...phones, added] } };
}

/** Pipedrive's own words for a refused write (its `error`), else its status. */
export function pipedriveRefusal(status: number, body: unknown): string {
  const error = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  return typeof error === 'string' && error ? `Pipedrive refused it: ${error.slice(0, 200)}` : `Pipedrive refused it (${status})`;
}
