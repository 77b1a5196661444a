import { IDBFactory } from 'fake-indexeddb';
import type { FakeTwilio } from '../../fake-twilio';
import { closeDbForTests } from '@/lib/db/schema';
import { DEFAULT_RETRY } from '@/lib/twilio/retry';
import { createTwilioHttp, type TwilioCredentials, type TwilioHttp } from '@/lib/twilio/http';

/** Our Twilio client, talking to the fake over real HTTP (Twilio's hosts rewritten to the fake's origin). */
export function httpAgainst(fake: FakeTwilio, credentials?: TwilioCredentials, options: { retryWaits?: boolean } = {}): TwilioHttp {
  return createTwilioHttp({
    credentials: credentials ?? { accountSid: fake.credentials.accountSid, secret: fake.credentials.authToken },
    fetch: (input, init) => {
      const url = new URL(String(input));
      return fetch(fake.url + url.pathname + url.search, init);
    },
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
