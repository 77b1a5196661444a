import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The test Pipedrive, whatever drives the browser: pages from test/fixtures/pipedrive and its REST API answered from
 * records.json. Playwright (test/e2e/harness.ts) and Puppeteer (test/firefox/harness.ts) each hand it the request
 * they intercepted and send back its answer.
 */

const PIPEDRIVE_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/pipedrive');

/** Company subdomain → page variant. Real Pipedrive accounts live on their own subdomains too. */
export const PIPEDRIVE = {
  textarea: 'https://acme.pipedrive.com',
  contenteditable: 'https://beta.pipedrive.com',
  /** Refuses the page's session on its API: records only with its personal token (in `x-api-token`). */
  locked: 'https://locked.pipedrive.com',
  // Messaging markup without any of our test ids (test/fixtures/pipedrive/variant.js renders them):
  /** A textarea, "Send" as text, the channel as text, messages in a <ul>. */
  plain: 'https://plain.pipedrive.com',
  /** A contenteditable, Send by aria-label, the channel as an icon's alt, a role="log" of divs. */
  aria: 'https://aria.pipedrive.com',
  /** A role="textbox" plaintext-only editor, Send and the channel as SVG <title>s, messages as repeated divs. */
  svg: 'https://svg.pipedrive.com',
  /** A Messenger conversation shaped like `plain`. */
  messenger: 'https://messenger.pipedrive.com',
  /** A WhatsApp conversation beside notes, an email thread with its composer, and the app's search box. */
  mixed: 'https://mixed.pipedrive.com',
} as const;

/** Which URLs are the test Pipedrive's (every company's pages and API, and api.pipedrive.com). */
export const PIPEDRIVE_URL = /^https:\/\/([a-z0-9-]+\.)*pipedrive\.com\//;

/** The cookie every page answer sets, as Pipedrive's own session cookie would be: the API log says whether it came back. */
export const PIPEDRIVE_SESSION_COOKIE = 'pipedrive_session';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

function fixtureFile(name: string): { body: Buffer; contentType: string } | undefined {
  const file = path.resolve(PIPEDRIVE_FIXTURES, name);
  if (!file.startsWith(PIPEDRIVE_FIXTURES + path.sep)) return undefined;
  try {
    return { body: readFileSync(file), contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' };
  } catch {
    return undefined;
  }
}

/** Which fixture page a Pipedrive URL gets (a single-page app: every path of a kind gets the same page). */
function pageFor(url: URL): string {
  if (url.pathname.startsWith('/bench/')) return 'bench-mutations.html';
  if (url.pathname.startsWith('/person/')) return 'person.html';
  if (url.pathname.startsWith('/deal/')) return 'deal.html';
  if (url.pathname.startsWith('/leads/')) return 'lead.html';
  const byCompany: Record<string, string> = {
    beta: 'inbox-contenteditable.html',
    plain: 'inbox-plain.html',
    aria: 'inbox-aria.html',
    svg: 'inbox-svg.html',
    messenger: 'inbox-messenger.html',
    mixed: 'inbox-mixed.html',
  };
  return byCompany[url.hostname.split('.')[0] ?? ''] ?? 'inbox.html';
}

/** One request to the test Pipedrive's API (pages and fixtures are not logged): what a test may check afterwards. */
export interface PipedriveApiRequest {
  method: string;
  url: string;
  /** A write's JSON body. */
  body?: unknown;
  /** The `x-api-token` header was sent (its value is not kept). */
  hasTokenHeader: boolean;
  /** The page's session cookie came along (a request made with the page's own session). */
  hasSessionCookie: boolean;
  /** The answer's status; 0 when a fault dropped the connection. */
  status: number;
}

/** A note as the test Pipedrive keeps it (`GET /api/v1/notes` answers these, in Pipedrive's v1 shape). */
export interface PipedriveNote {
  id: number;
  content: string;
  person_id: number | null;
  deal_id: number | null;
  lead_id: string | null;
  org_id: number | null;
  add_time: string;
  update_time: string;
  /** The company it was written on (`acme.pipedrive.com`). */
  host: string;
}

/**
 * A fault for the next `times` requests to `/api/v1/notes` of `method`: a status with Pipedrive's error body
 * (nothing written; after `holdMs`), or `lost`: the note is written and then the connection drops (the answer never
 * arrives), after `holdMs` (a worker can be stopped while it waits), or `dropped`: the connection drops before
 * anything is written.
 */
export interface NoteFault {
  method: 'POST' | 'GET';
  kind: { status: number; holdMs?: number } | { lost: true; holdMs?: number } | { dropped: true };
  times: number;
}

/** A request as the browser driver intercepted it; header names in lower case. */
export interface PipedriveRequest {
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  /** The request's body as sent (a write's JSON). */
  postData?: string;
}

export interface PipedriveAnswer {
  status: number;
  contentType: string;
  body: Buffer | string;
  headers: Record<string, string>;
  /** A fault: the driver waits this long before it answers (or drops the connection). */
  delayMs?: number;
  /** A fault: the driver drops the connection instead of answering. */
  isDropped?: boolean;
}

/** What the extension wrote over the fixtures: persons (added or changed), deals' and leads' links to a person. */
export interface WrittenRecords {
  persons: WrittenPersons;
  deals: Record<string, Record<string, unknown>>;
  leads: Record<string, Record<string, unknown>>;
}

/** The test Pipedrive of one browser: what its pages asked of the API, the records and notes they wrote, the note faults to come. */
export interface FakePipedrive {
  /** Answers one request to `https://<company>.pipedrive.com/**` (or api.pipedrive.com). */
  answer(request: PipedriveRequest): PipedriveAnswer;
  /** Every request to the API, in order (pages and fixtures are not logged). */
  readonly requests: PipedriveApiRequest[];
  readonly notes: PipedriveNote[];
  /** Push one to inject it. */
  readonly faults: NoteFault[];
  readonly written: WrittenRecords;
}

/**
 * A fixture file under `/__fixtures__/`, the API from records.json (with this browser's writes over it), else the page
 * for that kind of path, which sets the session cookie a real Pipedrive page would have.
 */
export function createFakePipedrive(): FakePipedrive {
  const requests: PipedriveApiRequest[] = [];
  const written: WrittenRecords = { persons: new Map(), deals: {}, leads: {} };
  const notes: PipedriveNote[] = [];
  const faults: NoteFault[] = [];
  function answer(request: PipedriveRequest): PipedriveAnswer {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/__fixtures__/')) {
      const file = fixtureFile(url.pathname.slice('/__fixtures__/'.length));
      return file ? { status: 200, ...file, headers: {} } : { status: 404, contentType: 'text/plain', body: '', headers: {} };
    }
    if (url.pathname.startsWith('/api/') || url.hostname === 'api.pipedrive.com') {
      const token = request.headers['x-api-token'];
      const { method } = request;
      const body = method === 'GET' || !request.postData ? undefined : (JSON.parse(request.postData) as unknown);
      const hasSessionCookie = (request.headers['cookie'] ?? '').split(/;\s*/).some((c) => c.startsWith(`${PIPEDRIVE_SESSION_COOKIE}=`));
      const entry: PipedriveApiRequest = { method, url: url.href, ...(body !== undefined && { body }), hasTokenHeader: token !== undefined, hasSessionCookie, status: 0 };
      requests.push(entry);
      const isNotes = url.pathname === NOTES_PATH && url.hostname !== 'api.pipedrive.com' && !isLockedOut(url, token);
      const fault = isNotes ? takeFault(faults, method) : undefined;
      if (fault && 'dropped' in fault) return { ...jsonAnswer(0, null), isDropped: true };
      if (fault && 'status' in fault) {
        entry.status = fault.status;
        return { ...jsonAnswer(fault.status, { success: false, error: 'Internal server error', errorCode: fault.status }), ...(fault.holdMs && { delayMs: fault.holdMs }) };
      }
      const { status, json } = isNotes ? answerNotes(method, url, body, notes, readRecords(written)) : answerPipedriveApi(method, url, token, body, written);
      // Written, but the answer never arrives (held first, so a test can stop the worker that waits for it).
      if (fault && 'lost' in fault) return { ...jsonAnswer(0, null), isDropped: true, ...(fault.holdMs && { delayMs: fault.holdMs }) };
      entry.status = status;
      return jsonAnswer(status, json);
    }
    const file = fixtureFile(pageFor(url))!;
    const company = url.hostname.split('.')[0];
    return { status: 200, ...file, headers: { 'set-cookie': `${PIPEDRIVE_SESSION_COOKIE}=${company}-rep; Path=/; Secure; SameSite=Lax` } };
  }
  return { answer, requests, notes, faults, written };
}

const jsonAnswer = (status: number, json: unknown): PipedriveAnswer => ({ status, contentType: 'application/json', body: JSON.stringify(json), headers: {} });

const NOTES_PATH = '/api/v1/notes';
const pipedriveTime = (at: number) => new Date(at).toISOString().replace('T', ' ').slice(0, 19);

/** The next fault for this request, used up as it is taken. */
function takeFault(faults: NoteFault[], method: string): NoteFault['kind'] | undefined {
  const fault = faults.find((f) => f.method === method && f.times > 0);
  if (!fault) return undefined;
  fault.times--;
  return fault.kind;
}

/**
 * `POST /api/v1/notes` (JSON body: `content` HTML, `person_id`, `deal_id`, `lead_id`, `org_id`, at least one of
 * them) and `GET /api/v1/notes` (`person_id`/`deal_id`/`lead_id` filters, `sort=add_time DESC`, `start`, `limit`;
 * `data` is null when nothing matches; `additional_data.pagination`), as Pipedrive's v1 answers them.
 */
function answerNotes(method: string, url: URL, body: unknown, notes: PipedriveNote[], records: Records): { status: number; json: unknown } {
  if (method === 'POST') {
    const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const content = input['content'];
    if (typeof content !== 'string' || content.trim() === '') return { status: 400, json: { success: false, error: 'Content is required', errorCode: 400 } };
    const id = (key: string) => (typeof input[key] === 'number' ? (input[key] as number) : typeof input[key] === 'string' && /^\d+$/.test(input[key] as string) ? Number(input[key]) : null);
    const links = { person_id: id('person_id'), deal_id: id('deal_id'), org_id: id('org_id'), lead_id: typeof input['lead_id'] === 'string' ? (input['lead_id'] as string) : null };
    if (links.person_id === null && links.deal_id === null && links.org_id === null && links.lead_id === null) {
      return { status: 400, json: { success: false, error: 'Note must be attached to a deal, person, organization or lead', errorCode: 400 } };
    }
    if (links.person_id !== null && !records.persons[String(links.person_id)]) return { status: 400, json: { success: false, error: 'Person not found', errorCode: 400 } };
    const now = pipedriveTime(Date.now());
    const note: PipedriveNote = { id: 9_000 + notes.length + 1, content, ...links, add_time: now, update_time: now, host: url.hostname };
    notes.push(note);
    return { status: 200, json: { success: true, data: noteData(note) } };
  }
  if (method !== 'GET') return { status: 405, json: { success: false, error: 'Method not allowed', errorCode: 405 } };
  const filter = (key: 'person_id' | 'deal_id' | 'lead_id') => url.searchParams.get(key);
  const [field = 'add_time', direction = 'ASC'] = (url.searchParams.get('sort') ?? 'add_time ASC').split(' ');
  const start = Number(url.searchParams.get('start') ?? 0);
  const limit = Math.min(500, Number(url.searchParams.get('limit') ?? 100));
  const matching = notes
    .filter((note) => note.host === url.hostname)
    .filter((note) => (['person_id', 'deal_id', 'lead_id'] as const).every((key) => filter(key) === null || String(note[key]) === filter(key)))
    .sort((a, b) => (field === 'add_time' ? a.add_time.localeCompare(b.add_time) || a.id - b.id : a.id - b.id) * (direction === 'DESC' ? -1 : 1));
  const page = matching.slice(start, start + limit);
  const more = start + limit < matching.length;
  return {
    status: 200,
    json: {
      success: true,
      data: page.length ? page.map(noteData) : null,
      additional_data: { pagination: { start, limit, more_items_in_collection: more, ...(more && { next_start: start + limit }) } },
    },
  };
}

function noteData(note: PipedriveNote) {
  const { host: _host, ...data } = note;
  return { ...data, user_id: 7, active_flag: true, pinned_to_deal_flag: false, pinned_to_person_flag: false, pinned_to_organization_flag: false, pinned_to_lead_flag: false, last_update_user_id: null };
}

/** `locked` refuses the page's session: only its personal token in `x-api-token` opens its API. */
const isLockedOut = (url: URL, token: string | undefined) => url.hostname.startsWith('locked.') && token !== PIPEDRIVE_API_TOKEN;

/** The fixtures' records, with what the extension wrote over them. */
function readRecords(written: WrittenRecords): Records {
  const records = JSON.parse(readFileSync(path.join(PIPEDRIVE_FIXTURES, 'records.json'), 'utf8')) as Records;
  Object.assign(records.persons, Object.fromEntries(written.persons));
  for (const collection of ['deals', 'leads'] as const) Object.assign(records[collection], written[collection]);
  return records;
}

/**
 * `PATCH /api/v2/deals/{id}` or `PATCH /api/v1/leads/{uuid}` with a `person_id` (a deal or lead without a person
 * linked to the one "Add to Pipedrive" made), as Pipedrive answers it: the record as it now is.
 */
function answerLink(method: string, url: URL, body: unknown, written: WrittenRecords, records: Records): { status: number; json: unknown } | undefined {
  const deal = /^\/api\/v2\/deals\/(\d+)$/.exec(url.pathname)?.[1];
  const lead = /^\/api\/v1\/leads\/([0-9a-f-]{36})$/.exec(url.pathname)?.[1];
  if (method !== 'PATCH' || (!deal && !lead)) return undefined;
  const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const [collection, key] = deal ? (['deals', deal] as const) : (['leads', lead!] as const);
  const existing = records[collection][key] as Record<string, unknown> | undefined;
  if (!existing) return notFound(deal ? 'Deal' : 'Lead');
  const next = { ...existing, ...(typeof input['person_id'] === 'number' && { person_id: input['person_id'] }) };
  written[collection][key] = next;
  return { status: 200, json: { success: true, data: next } };
}

/** The personal API token the `locked` company accepts (Kristjan Kask's, of `locked`). */
export const PIPEDRIVE_API_TOKEN = '0123456789abcdef0123456789abcdef01234567';
/** A valid token of another company (`acme`): it must never be used for `locked`'s pages. */
export const PIPEDRIVE_ACME_TOKEN = 'fedcba9876543210fedcba9876543210fedcba98';

/** Whose each token is, as `GET https://api.pipedrive.com/api/v1/users/me` tells it. */
const TOKEN_OWNERS: Record<string, { id: number; name: string; company_id: number; company_name: string; company_domain: string }> = {
  [PIPEDRIVE_API_TOKEN]: { id: 7, name: 'Kristjan Kask', company_id: 5501, company_name: 'Locked Ltd', company_domain: 'locked' },
  [PIPEDRIVE_ACME_TOKEN]: { id: 7, name: 'Kristjan Kask', company_id: 5502, company_name: 'Acme', company_domain: 'acme' },
};

type Records = Record<'persons' | 'deals' | 'organizations' | 'leads' | 'users', Record<string, unknown>>;

// Which collection each record path reads: v2 for persons, deals and organizations, v1 for leads and users.
const RECORD_PATHS: ReadonlyArray<[RegExp, keyof Records, string]> = [
  [/^\/api\/v2\/persons\/(\d+)$/, 'persons', 'Person'],
  [/^\/api\/v2\/deals\/(\d+)$/, 'deals', 'Deal'],
  [/^\/api\/v2\/organizations\/(\d+)$/, 'organizations', 'Organization'],
  [/^\/api\/v1\/leads\/([0-9a-f-]{36})$/, 'leads', 'Lead'],
  [/^\/api\/v1\/users\/(\d+)$/, 'users', 'User'],
];

const unauthorized = { status: 401, json: { success: false, error: 'unauthorized access', errorCode: 401, error_info: 'Please check developers.pipedrive.com' } };
const notFound = (what: string) => ({ status: 404, json: { success: false, error: `${what} not found`, errorCode: 404 } });

/**
 * Pipedrive's REST API, answering like Pipedrive (`{success, data}`) from test/fixtures/pipedrive/records.json: v2
 * persons, deals and organizations, v1 leads and users, and `/api/v1/users/me` on api.pipedrive.com (the token's
 * owner and company, from the `x-api-token` header). v1 persons, deals and organizations answer 410 Gone, so a
 * leftover v1 read fails loudly. `acme` and `beta` accept the page's session; `locked` refuses it (401) and answers
 * only with its personal token in `x-api-token` (an `api_token` in the query string is no token). Writes: `writePerson`,
 * `answerLink`, and the notes (`answerNotes`).
 */
function answerPipedriveApi(method: string, url: URL, token: string | undefined, body: unknown, written: WrittenRecords): { status: number; json: unknown } {
  const isPersonWrite = (method === 'POST' && url.pathname === '/api/v2/persons') || (method === 'PATCH' && /^\/api\/v2\/persons\/\d+$/.test(url.pathname));
  const isLink = method === 'PATCH' && /^\/api\/(v2\/deals\/\d+|v1\/leads\/[0-9a-f-]{36})$/.test(url.pathname);
  if (method !== 'GET' && !isPersonWrite && !isLink) return { status: 405, json: { success: false, error: 'Method not allowed', errorCode: 405 } };
  if (url.hostname === 'api.pipedrive.com') {
    if (url.pathname !== '/api/v1/users/me') return notFound('Method');
    const owner = token === undefined ? undefined : TOKEN_OWNERS[token];
    if (!owner) return unauthorized;
    return { status: 200, json: { success: true, data: { ...owner, email: 'kristjan@acme.example', is_you: true, activated: true, active_flag: true } } };
  }
  if (/^\/api\/v1\/(persons|deals|organizations)(\/|$)/.test(url.pathname)) {
    return { status: 410, json: { success: false, error: 'This v1 endpoint is no longer available: use /api/v2', errorCode: 410 } };
  }
  if (isLockedOut(url, token)) return unauthorized;
  const records = readRecords(written);
  if (isPersonWrite) return writePerson(records, url, body, written.persons);
  if (isLink) return answerLink(method, url, body, written, records)!;
  if (url.pathname === '/api/v2/persons/search') return searchPersons(records, url.searchParams);
  for (const [pattern, collection, name] of RECORD_PATHS) {
    const id = pattern.exec(url.pathname)?.[1];
    if (id === undefined) continue;
    const data = records[collection][id];
    return data ? { status: 200, json: { success: true, data } } : notFound(name);
  }
  return notFound('Method');
}

/** The persons the tests' pages added or changed (`POST`/`PATCH /api/v2/persons`), over the fixtures, per browser. */
type WrittenPersons = Map<string, Record<string, unknown>>;

/**
 * `POST /api/v2/persons` (a name and phones; 400 without a name) and `PATCH /api/v2/persons/{id}` (the fields sent
 * replace the person's: `phones` is the whole new list), answered with the person as v2 shapes it.
 */
function writePerson(records: Records, url: URL, body: unknown, written: WrittenPersons): { status: number; json: unknown } {
  const fields = (body && typeof body === 'object' ? body : {}) as { name?: unknown; phones?: unknown };
  const phones = Array.isArray(fields.phones) ? fields.phones : undefined;
  const id = /\/(\d+)$/.exec(url.pathname)?.[1];
  if (id === undefined) {
    if (typeof fields.name !== 'string' || !fields.name.trim()) return { status: 400, json: { success: false, error: 'Name must be given', errorCode: 400 } };
    const next = 900 + written.size + 1;
    const person = { id: next, name: fields.name, first_name: fields.name.split(' ')[0], last_name: null, phones: phones ?? [], emails: [], org_id: null, owner_id: 7 };
    written.set(String(next), person);
    return { status: 201, json: { success: true, data: person } };
  }
  const current = records.persons[id] as Record<string, unknown> | undefined;
  if (!current) return notFound('Person');
  const person = { ...current, ...(typeof fields.name === 'string' && { name: fields.name }), ...(phones && { phones }) };
  written.set(id, person);
  return { status: 200, json: { success: true, data: person } };
}

/**
 * `GET /api/v2/persons/search` as Pipedrive answers it: `data.items[].item` with the person's phones as strings. A
 * phone search matches the term's digits anywhere in a stored number's digits (as Pipedrive's does: "447400"
 * finds "+44 7400 123456"), a name search part of the name, whatever the case; a term under 2 characters is refused.
 */
function searchPersons(records: Records, query: URLSearchParams): { status: number; json: unknown } {
  const term = query.get('term') ?? '';
  if (term.length < 2) return { status: 400, json: { success: false, error: 'Search term must be at least 2 characters long', errorCode: 400 } };
  const field = query.get('fields') ?? 'name';
  const digits = (text: string) => text.replace(/\D/g, '');
  const persons = Object.values(records.persons) as Array<{ id: number; name: string; phones?: Array<{ value: string }>; org_id?: number | null }>;
  const found = persons.filter((person) =>
    field === 'phone'
      ? digits(term).length >= 2 && (person.phones ?? []).some((phone) => digits(phone.value).includes(digits(term)))
      : person.name.toLowerCase().includes(term.toLowerCase()),
  );
  const limit = Number(query.get('limit') ?? 100);
  return {
    status: 200,
    json: {
      success: true,
      data: {
        items: found.slice(0, limit).map((person) => ({
          result_score: 1,
          item: { id: person.id, type: 'person', name: person.name, phones: (person.phones ?? []).map((phone) => phone.value), emails: [], visible_to: 3, owner: { id: 7 }, organization: null, custom_fields: [], notes: [] },
        })),
      },
      additional_data: { next_cursor: null },
    },
  };
}
