import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { freshDb } from '../helpers/fake-http';
import { loadCredentials, saveCredentials } from '@/lib/account/credentials';
import { getDb } from '@/lib/db/schema';

/** The stored Twilio secret is parsed when read back: a damaged record is no credentials, never half of one. */
const ACCOUNT = 'AC' + 'a'.repeat(32);
const KEY = 'SK' + 'b'.repeat(32);
const SESSION_KEY = 'session:twilioSecret';

beforeEach(async () => {
  fakeBrowser.reset();
  await freshDb();
});

describe('loadCredentials', () => {
  it('reads back what was saved, for the session or remembered', async () => {
    const secret = { accountSid: ACCOUNT, keySid: KEY, secret: 's3cret-value', friendlyName: 'Acme', accountType: 'Full' };
    await saveCredentials(secret, false);
    expect(await loadCredentials()).toEqual({ ...secret, remembered: false });
    await saveCredentials({ accountSid: ACCOUNT, secret: 'token-value' }, true);
    expect(await loadCredentials()).toEqual({ accountSid: ACCOUNT, secret: 'token-value', remembered: true });
  });

  it.each([
    ['a key SID that is not one', { accountSid: ACCOUNT, keySid: 42, secret: 'token-value' }],
    ['an Account SID that is not one', { accountSid: 'acme', secret: 'token-value' }],
    ['an empty secret', { accountSid: ACCOUNT, secret: '' }],
    ['no secret', { accountSid: ACCOUNT }],
    ['not an object', 'AC…:token'],
  ])('reads a session secret with %s as no credentials', async (_name, stored) => {
    await browser.storage.session.set({ [SESSION_KEY]: stored });
    expect(await loadCredentials()).toBeUndefined();
  });

  it('drops keys a stored session secret should not have', async () => {
    await browser.storage.session.set({ [SESSION_KEY]: { accountSid: ACCOUNT, secret: 'token-value', remembered: true, authToken: 'other' } });
    expect(await loadCredentials()).toEqual({ accountSid: ACCOUNT, secret: 'token-value', remembered: false });
  });

  it('reads a damaged remembered record as no credentials', async () => {
    await (await getDb()).put('secrets', { id: 'twilio', accountSid: ACCOUNT, secret: undefined as unknown as string });
    expect(await loadCredentials()).toBeUndefined();
  });
});
