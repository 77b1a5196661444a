import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDb } from '../helpers/fake-http';
import { getPipedriveRecord, setPipedriveToken } from '@/lib/pipedrive/handlers';
import { pipedriveTokenRepo } from '@/lib/account/secrets-repo';
import { getDb } from '@/lib/db/schema';
import { createRouter, type Asker, type Handlers } from '@/lib/messaging/router';

/**
 * The rep's personal Pipedrive token: checked with Pipedrive before it is kept, sent only in the `x-api-token`
 * header, only to api.pipedrive.com and the token's own company, only for a tab on that company.
 */
const TOKEN = 'a'.repeat(40);
const OTHER_TOKEN = 'b'.repeat(40);
const ACME_TAB: Asker = { kind: 'content', url: 'https://acme.pipedrive.com/messaging/inbox/c-mari' };

interface Sent {
  url: string;
  init: RequestInit;
}
let sent: Sent[];

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** Pipedrive as the background meets it: `/users/me` knows the tokens' companies, acme serves one person. */
function fakePipedrive(url: string, init: RequestInit = {}): Promise<Response> {
  sent.push({ url, init });
  const token = new Headers(init.headers).get('x-api-token');
  const companies: Record<string, string> = { [TOKEN]: 'acme', [OTHER_TOKEN]: 'beta' };
  const { hostname, pathname } = new URL(url);
  if (hostname === 'api.pipedrive.com' && pathname === '/api/v1/users/me') {
    const domain = token ? companies[token] : undefined;
    return Promise.resolve(domain ? json(200, { success: true, data: { id: 7, name: 'Kristjan Kask', company_domain: domain, company_id: 1 } }) : json(401, { success: false, error: 'unauthorized access' }));
  }
  if (token !== TOKEN) return Promise.resolve(json(401, { success: false, error: 'unauthorized access' }));
  if (hostname === 'acme.pipedrive.com' && pathname === '/api/v2/persons/101') {
    return Promise.resolve(json(200, { success: true, data: { id: 101, name: 'Mari Tamm', phones: [] } }));
  }
  return Promise.resolve(json(404, { success: false, error: 'Person not found' }));
}

beforeEach(async () => {
  await freshDb();
  sent = [];
  vi.stubGlobal('fetch', vi.fn((input: string | URL, init?: RequestInit) => fakePipedrive(String(input), init)));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const noTokenInAnyUrl = () => {
  for (const { url } of sent) {
    expect(url).not.toContain(TOKEN);
    expect(new URL(url).search).toBe('');
  }
};

describe('setPipedriveToken', () => {
  it('asks api.pipedrive.com whose token it is, in the header, and keeps it with its company’s host', async () => {
    await expect(setPipedriveToken({ token: TOKEN })).resolves.toEqual({ hasToken: true, companyHost: 'acme.pipedrive.com' });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://api.pipedrive.com/api/v1/users/me');
    expect(new Headers(sent[0]!.init.headers).get('x-api-token')).toBe(TOKEN);
    expect(sent[0]!.init).toMatchObject({ credentials: 'omit', redirect: 'error' });
    noTokenInAnyUrl();
    await expect(pipedriveTokenRepo.load()).resolves.toEqual({ token: TOKEN, companyHost: 'acme.pipedrive.com' });
  });

  it('keeps nothing when Pipedrive refuses the token, and says so', async () => {
    await expect(setPipedriveToken({ token: 'c'.repeat(40) })).rejects.toMatchObject({ error: { code: 'bad-secret', message: 'Pipedrive refused this token' } });
    await expect(pipedriveTokenRepo.load()).resolves.toBeUndefined();
  });

  it('keeps the previous token when Pipedrive cannot be reached or answers another shape', async () => {
    await setPipedriveToken({ token: TOKEN });
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
    await expect(setPipedriveToken({ token: OTHER_TOKEN })).rejects.toMatchObject({ error: { code: 'unreachable' } });
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { success: true, data: { id: 7, name: 'Kristjan Kask', company: 'acme' } })));
    await expect(setPipedriveToken({ token: OTHER_TOKEN })).rejects.toMatchObject({ error: { code: 'internal', message: expect.stringContaining('data.company_domain is missing') } });
    await expect(pipedriveTokenRepo.load()).resolves.toEqual({ token: TOKEN, companyHost: 'acme.pipedrive.com' });
  });

  it('removes the token', async () => {
    await setPipedriveToken({ token: TOKEN });
    await expect(setPipedriveToken({ token: null })).resolves.toEqual({ hasToken: false });
    await expect(pipedriveTokenRepo.load()).resolves.toBeUndefined();
  });
});

describe('getPipedriveRecord', () => {
  it('reads an allowlisted path from the token’s company, with the token in the header only', async () => {
    await setPipedriveToken({ token: TOKEN });
    sent = [];
    await expect(getPipedriveRecord({ path: '/api/v2/persons/101' }, ACME_TAB)).resolves.toEqual({ body: { success: true, data: { id: 101, name: 'Mari Tamm', phones: [] } } });
    expect(sent.map((s) => s.url)).toEqual(['https://acme.pipedrive.com/api/v2/persons/101']);
    expect(new Headers(sent[0]!.init.headers).get('x-api-token')).toBe(TOKEN);
    expect(sent[0]!.init).toMatchObject({ credentials: 'omit', redirect: 'error' });
    noTokenInAnyUrl();
  });

  it.each([
    ['another company’s tab', 'https://beta.pipedrive.com/messaging/inbox/c-ann'],
    ['a look-alike host', 'https://acme.pipedrive.com.evil.example/person/101'],
    ['plain http', 'http://acme.pipedrive.com/person/101'],
    ['an extension page', 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html'],
  ])('refuses %s (forbidden) and sends nothing', async (_name, url) => {
    await setPipedriveToken({ token: TOKEN });
    sent = [];
    await expect(getPipedriveRecord({ path: '/api/v2/persons/101' }, { kind: 'content', url })).rejects.toMatchObject({ error: { code: 'forbidden' } });
    expect(sent).toEqual([]);
  });

  it('refuses any path but the five record reads, before anything is sent', async () => {
    await setPipedriveToken({ token: TOKEN });
    sent = [];
    for (const path of ['/api/v1/persons/101', '/api/v1/users/me', '/api/v2/persons/101?x=1', '//evil.example/x', '/api/v1/notes']) {
      await expect(getPipedriveRecord({ path }, ACME_TAB), path).rejects.toMatchObject({ error: { code: 'invalid-request' } });
    }
    expect(sent).toEqual([]);
  });

  it('checks a token saved before hosts were kept with Pipedrive first, and then keeps its host', async () => {
    await (await getDb()).put('secrets', { id: 'pipedrive', token: TOKEN });
    await expect(getPipedriveRecord({ path: '/api/v2/persons/101' }, ACME_TAB)).resolves.toMatchObject({ body: { data: { id: 101 } } });
    expect(sent.map((s) => s.url)).toEqual(['https://api.pipedrive.com/api/v1/users/me', 'https://acme.pipedrive.com/api/v2/persons/101']);
    await expect(pipedriveTokenRepo.load()).resolves.toEqual({ token: TOKEN, companyHost: 'acme.pipedrive.com' });
  });

  it('never uses an old token for the asking tab’s host without Pipedrive’s word', async () => {
    // An old token of `beta`, asked from an acme tab: the old code would have sent it to acme.
    await (await getDb()).put('secrets', { id: 'pipedrive', token: OTHER_TOKEN });
    await expect(getPipedriveRecord({ path: '/api/v2/persons/101' }, ACME_TAB)).rejects.toMatchObject({ error: { code: 'forbidden' } });
    expect(sent.map((s) => s.url)).toEqual(['https://api.pipedrive.com/api/v1/users/me']);
    // An old token Pipedrive refuses reads nothing at all.
    await (await getDb()).put('secrets', { id: 'pipedrive', token: 'c'.repeat(40) });
    sent = [];
    await expect(getPipedriveRecord({ path: '/api/v2/persons/101' }, ACME_TAB)).rejects.toMatchObject({ error: { code: 'bad-secret' } });
    expect(sent.map((s) => s.url)).toEqual(['https://api.pipedrive.com/api/v1/users/me']);
  });

  it('says when no token is set, and when Pipedrive has no such record', async () => {
    await expect(getPipedriveRecord({ path: '/api/v2/persons/101' }, ACME_TAB)).rejects.toMatchObject({ error: { code: 'not-found' } });
    expect(sent).toEqual([]);
    await setPipedriveToken({ token: TOKEN });
    await expect(getPipedriveRecord({ path: '/api/v2/deals/999' }, ACME_TAB)).rejects.toMatchObject({ error: { code: 'not-found' } });
  });
});

describe('the router in front of them', () => {
  const EXTENSION = { id: 'abcdefghijklmnopabcdefghijklmnop', baseUrl: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/' };
  const TAB = { id: EXTENSION.id, url: ACME_TAB.url, tab: { id: 7 }, frameId: 0 };
  const POPUP = { id: EXTENSION.id, url: `${EXTENSION.baseUrl}popup.html` };
  const route = createRouter({ getPipedriveRecord, setPipedriveToken } as unknown as Handlers, EXTENSION);

  it('answers a refused token as an error value for the popup', async () => {
    await expect(route({ type: 'setPipedriveToken', payload: { token: 'c'.repeat(40) } }, POPUP)).resolves.toEqual({ ok: false, error: { code: 'bad-secret', message: 'Pipedrive refused this token' } });
  });

  it.each([
    ['a free path', { path: '/api/v1/persons/101' }],
    ['the old kind and id', { kind: 'person', id: '101' }],
    ['a path with a query', { path: '/api/v2/persons/101?api_token=x' }],
    ['a huge path', { path: `/api/v2/persons/${'1'.repeat(10_000)}` }],
  ])('refuses %s from a content script (invalid-request)', async (_name, payload) => {
    await expect(route({ type: 'getPipedriveRecord', payload }, TAB)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(sent).toEqual([]);
  });

  it('refuses a tab of another company as a value', async () => {
    await setPipedriveToken({ token: TOKEN });
    await expect(route({ type: 'getPipedriveRecord', payload: { path: '/api/v2/persons/101' } }, { ...TAB, url: 'https://beta.pipedrive.com/person/101' }))
      .resolves.toEqual({ ok: false, error: { code: 'forbidden', message: 'The saved Pipedrive token is for another company' } });
  });
});
