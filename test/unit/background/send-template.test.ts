import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../../fake-twilio/seeds/demo';
import { freshDb, httpAgainst } from '../helpers/fake-http';
import { saveCredentials } from '@/lib/background/credentials';
import { createSendHandlers } from '@/lib/background/sends';
import { templatesRepo } from '@/lib/db/templates';
import { accountRepo } from '@/lib/db/account';
import { syncTemplates } from '@/lib/sync/templates';

/**
 * What the background refuses before anything reaches Twilio, against what the fake Twilio (modelled on Twilio's and
 * Meta's documented behaviour, not on our rule) would do with the message.
 */
const SALES = DEMO_SENDERS[0].number;
const MARI = DEMO_CONTACTS.mari.number; // wrote recently: her window is open
const realFetch = globalThis.fetch;
let fake: FakeTwilio;

beforeEach(async () => {
  await freshDb();
  fake = await startFakeTwilio({ seed: 'demo' });
  await saveCredentials({ accountSid: fake.credentials.accountSid, secret: fake.credentials.authToken }, true);
  await accountRepo.setSender(0, SALES, 'listed');
  vi.stubGlobal('fetch', (input: string | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    return realFetch(fake.url + url.pathname + url.search, init);
  });
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await fake.close();
});

const handlers = () =>
  createSendHandlers({
    now: Date.now,
    getWindow: async () => ({ state: 'open', expiringThresholdMs: 2 * 3_600_000 }),
    getTemplate: async (sid) => (await templatesRepo.all()).find((t) => t.sid === sid),
    sleep: () => new Promise((r) => setTimeout(r, 5)),
  });

describe('sendTemplate, inside the window', () => {
  it('refuses an unapproved template with a text and a card (Twilio would send the card, which needs approval), and POSTs nothing', async () => {
    const sid = fake.control.upsertTemplate({
      friendlyName: 'offer_card',
      language: 'en',
      types: { 'twilio/text': { body: 'Our offer, {{1}}' }, 'twilio/card': { title: 'Our offer, {{1}}', actions: [{ type: 'URL', title: 'See it', url: 'https://acme.example/offer' }] } },
      approval: { status: 'pending', category: 'MARKETING', name: 'offer_card' },
    }).sid;
    await syncTemplates({ epoch: 0, http: httpAgainst(fake), now: Date.now });
    fake.control.clearRequests();

    await expect(handlers().sendTemplate({ id: 'send-card', contact: MARI, contentSid: sid, variables: { '1': 'Mari' } }))
      .rejects.toMatchObject({ error: { code: 'not-sendable' } });
    expect(fake.control.requests().filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('sends an unapproved plain text template, and WhatsApp delivers it', async () => {
    const sid = fake.control.upsertTemplate({
      friendlyName: 'quick_hello', language: 'en', types: { 'twilio/text': { body: 'Hello {{1}}' } }, approval: { status: 'pending', category: 'UTILITY', name: 'quick_hello' },
    }).sid;
    await syncTemplates({ epoch: 0, http: httpAgainst(fake), now: Date.now });
    const sent = await handlers().sendTemplate({ id: 'send-text', contact: MARI, contentSid: sid, variables: { '1': 'Mari' } });
    expect(sent).toMatchObject({ status: 'queued' });
    fake.control.setClock({ advanceMs: 3_000 });
    expect(fake.control.messages().find((m) => m.sid === sent.sid)).toMatchObject({ status: 'delivered', error_code: null });
  });
});
