/**
 * Reading a person or a deal from Pipedrive's REST API (`/api/v1/persons/{id}`, `/api/v1/deals/{id}`): first with
 * the page's own session (same origin, the rep's cookies), and only when that is refused, through the background
 * with the rep's personal API token (which never enters the page). Parsers are defensive: it is the page's data.
 */
export interface PipedrivePerson {
  name?: string;
  firstName?: string;
  organisation?: string;
  owner?: string;
  /** As Pipedrive stores them (any format); the background makes them E.164. */
  phones: string[];
}

export interface PipedriveDeal {
  title?: string;
  owner?: string;
}

export type PipedriveRecordKind = 'person' | 'deal';

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 200) : undefined);
const nameOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null ? str((value as { name?: unknown }).name) : str(value);

function dataOf(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const data = (body as { data?: unknown }).data;
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
}

export function parsePerson(body: unknown): PipedrivePerson | undefined {
  const data = dataOf(body);
  if (!data) return undefined;
  const phones = Array.isArray(data.phone) ? data.phone : [];
  // Primary first: it is the number the team marked as the one to use.
  const sorted = [...phones].sort((a, b) => Number(Boolean((b as { primary?: unknown })?.primary)) - Number(Boolean((a as { primary?: unknown })?.primary)));
  return {
    name: str(data.name),
    firstName: str(data.first_name),
    organisation: nameOf(data.org_id) ?? str(data.org_name),
    owner: nameOf(data.owner_id) ?? str(data.owner_name),
    phones: sorted.map((p) => str((p as { value?: unknown })?.value)).filter((p): p is string => p !== undefined).slice(0, 10),
  };
}

export function parseDeal(body: unknown): PipedriveDeal | undefined {
  const data = dataOf(body);
  if (!data) return undefined;
  return { title: str(data.title), owner: nameOf(data.user_id) ?? nameOf(data.owner_id) ?? str(data.owner_name) };
}

export const apiPath = (kind: PipedriveRecordKind, id: string): string => `/api/v1/${kind === 'person' ? 'persons' : 'deals'}/${encodeURIComponent(id)}`;
