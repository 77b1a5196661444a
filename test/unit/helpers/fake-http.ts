import { IDBFactory } from 'fake-indexeddb';
import type { FakeTwilio } from '../../fake-twilio';
import { closeDbForTests } from '@/lib/db/schema';
import { DEFAULT_RETRY } from '@/lib/twilio/retry';
import { createTwilioHttp, type TwilioCredentials, type TwilioHttp } from '@/lib/twilio/http';

/**
 * A request to one of Twilio's hosts (or its media CDN), sent to the fake instead. Redirects are followed as a
 * browser follows them: to the new host (the fake again), without the Authorization header once the origin changes.
 */
export async function fetchFromFake(fake: FakeTwilio, input: string, init?: RequestInit, hops = 0): Promise<Response> {
  const url = new URL(input);
  const response = await fetch(fake.url + url.pathname + url.search, { ...init, redirect: 'manual' });
  const location = response.headers.get('Location');
  if (response.status < 300 || response.status >= 400 || !location || hops >= 5) return response;
  const next = new URL(location, url);
  const headers = new Headers(init?.headers);
  if (next.origin !== url.origin) headers.delete('Authorization');
  return fetchFromFake(fake, next.toString(), { ...init, headers }, hops + 1);
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
