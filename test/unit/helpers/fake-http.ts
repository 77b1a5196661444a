import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';
import { DEMO_SENDERS } from '../../fake-twilio/seeds/demo';
import { saveCredentials } from '@/lib/account/credentials';
import { accountRepo } from '@/lib/account/repo';
import { closeDbForTests } from '@/lib/db/schema';
import { DEFAULT_RETRY } from '@/lib/twilio/retry';
import { createTwilioHttp, type TwilioCredentials, type TwilioHttp } from '@/lib/twilio/http';

/**
 * A request to one of Twilio's hosts (or its media CDN), sent to the fake instead. Redirects are followed as a
 * browser follows them: to the new host (the fake again), without the Authorization header once the origin changes.
 */
export async function fetchFromFake(fake: FakeTwilio, input: string, init?: RequestInit, hops = 0, send: typeof fetch = fetch): Promise<Response> {
  const url = new URL(input);
  const response = await send(fake.url + url.pathname + url.search, { ...init, redirect: 'manual' });
  const location = response.headers.get('Location');
  if (response.status < 300 || response.status >= 400 || !location || hops >= 5) return response;
  const next = new URL(location, url);
  const headers = new Headers(init?.headers);
  if (next.origin !== url.origin) headers.delete('Authorization');
  return fetchFromFake(fake, next.toString(), { ...init, headers }, hops + 1, send);
}

/** Our Twilio client, talking to the fake over real HTTP (Twilio's hosts rewritten to the fake's origin). */
export function httpAgainst(fake: FakeTwilio, credentials?: TwilioCredentials, options: { retryWaits?: boolean } = {}): TwilioHttp {
  return createTwilioHttp({
    credentials: credentials ?? { accountSid: fake.credentials.accountSid, secret: fake.credentials.authToken },
    fetch: (input, init) => fetchFromFake(fake, String(input), init),
    // Retries really happen, without the real backoff's seconds (the policy itself is unit-tested in twilio/).
    retry: DEFAULT_RETRY,
    sleep: options.retryWaits ? undefined : async () => undefined,
    timeoutMs: 2_000,
  });
}

/** An approved plain-text template added to the fake; returns its Content SID. */
export function addApprovedText(fake: FakeTwilio, name: string, body: string): string {
  return fake.control.upsertTemplate({ friendlyName: name, language: 'en', types: { 'twilio/text': { body } }, approval: { status: 'approved', category: 'UTILITY', name } }).sid;
}

/** A brand-new, empty IndexedDB for the next test. */
export async function freshDb(): Promise<void> {
  await closeDbForTests();
  globalThis.indexedDB = new IDBFactory();
}

/** The background's own `fetch` goes to this fake (Twilio's hosts and its media CDN rewritten), until `vi.unstubAllGlobals`. */
export function sendFetchToFake(fake: FakeTwilio): void {
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: string | URL, init?: RequestInit) => fetchFromFake(fake, String(input), init, 0, realFetch));
}

/**
 * A background talking to a fresh fake Twilio, for each test of the file: an empty database, the fake's credentials
 * saved, the sender chosen (unless `sender: null`), and the background's own `fetch` sent to the fake. Read the fake
 * through the returned getter (it is a new one for every test).
 */
export function useBackgroundAgainstFake(options: { now?: number; sender?: string | null; before?: (fake: FakeTwilio) => void } = {}): () => FakeTwilio {
  let fake: FakeTwilio | undefined;
  beforeEach(async () => {
    await freshDb();
    fake = await startFakeTwilio({ seed: 'demo', ...(options.now !== undefined && { now: options.now }) });
    options.before?.(fake);
    await saveCredentials({ accountSid: fake.credentials.accountSid, secret: fake.credentials.authToken }, true);
    if (options.sender !== null) await accountRepo.setSender(0, options.sender ?? DEMO_SENDERS[0].number, 'listed');
    sendFetchToFake(fake);
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await fake?.close();
  });
  return () => {
    if (!fake) throw new Error('useBackgroundAgainstFake: the fake starts in beforeEach');
    return fake;
  };
}

/** One fake Twilio for a whole test file, reset (its clock set to `now`) before each test; `onReset` runs after that. */
export function useSharedFake(now: number, onReset?: (fake: FakeTwilio) => void): () => FakeTwilio {
  let fake: FakeTwilio | undefined;
  beforeAll(async () => {
    fake = await startFakeTwilio({ seed: 'demo', now });
  });
  afterAll(() => fake?.close());
  beforeEach(() => {
    fake!.control.setClock({ now });
    fake!.control.reset();
    onReset?.(fake!);
  });
  return () => fake!;
}
