import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../../fake-twilio/seeds/demo';
import { addApprovedText, freshDb } from '../helpers/fake-http';
import { saveCredentials } from '@/lib/account/credentials';
import { createBackground } from '@/lib/messaging/handlers';
import { createSendHandlers } from '@/lib/sends/handlers';
import { createSyncService, type SyncService } from '@/lib/sync/service';
import { createTemplateHandlers } from '@/lib/templates/handlers';
import { getDb } from '@/lib/db/schema';
import type { Handlers } from '@/lib/messaging/router';
import type { Asker } from '@/lib/messaging/router';

/**
 * Two Twilio accounts (two fakes: the demo one and a generated one with a single sender). Switching from one to the
 * other, or disconnecting, while work of the first is still under way must leave nothing of the first behind.
 */
const POPUP: Asker = { kind: 'extension', url: 'chrome-extension://test/popup.html' };
const TAB: Asker = { kind: 'content', url: 'https://acme.pipedrive.com/person/1' };
const SALES = DEMO_SENDERS[0].number;
const realFetch = globalThis.fetch;

let first: FakeTwilio;
let second: FakeTwilio;
let sync: SyncService;
let handlers: Handlers;

/** The fake whose account the request's Basic credentials name (Auth Token or an API key of it). */
function fakeFor(init?: RequestInit): FakeTwilio {
  const header = new Headers(init?.headers).get('Authorization') ?? '';
  const user = atob(header.replace(/^Basic /, '')).split(':')[0];
  const { accountSid, mainKeySid, standardKeySid } = second.credentials;
  return [accountSid, mainKeySid, standardKeySid].includes(user ?? '') ? second : first;
}

beforeEach(async () => {
  fakeBrowser.reset();
  await freshDb();
  first = await startFakeTwilio({ seed: 'demo' });
  second = await startFakeTwilio({ seed: { templates: 4, inbound: 6, contacts: 3, senders: 1 } });
  vi.stubGlobal('fetch', (input: string | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    return realFetch(fakeFor(init).url + url.pathname + url.search, init);
  });
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('et-EE');
  sync = createSyncService();
  handlers = createBackground(sync, createTemplateHandlers()).handlers;
});
afterEach(async () => {
  await sync.stopAll();
  vi.unstubAllGlobals();
  await Promise.all([first.close(), second.close()]);
});

const connect = (fake: FakeTwilio) =>
  handlers.connectTwilio({ accountSid: fake.credentials.accountSid, secret: fake.credentials.authToken, remember: true }, POPUP);

/** Every record of a store, straight from the extension's IndexedDB. */
const all = async <S extends 'sends' | 'threads' | 'windowBuckets'>(store: S) => (await getDb()).getAll(store);
const settle = (ms = 600) => new Promise((r) => setTimeout(r, ms));

/** The first account connected, its sender chosen and synced, one template sent, one conversation read. */
async function useFirstAccount(): Promise<void> {
  await connect(first);
  await handlers.setSender({ sender: SALES }, POPUP);
  const contentSid = addApprovedText(first, 'switch_probe', 'Hi {{1}}');
  await Promise.all([sync.run('templates'), sync.run('windows')]);
  await sync.runAll();
  await handlers.sendTemplate({ id: crypto.randomUUID(), contact: DEMO_CONTACTS.joao.number, contentSid, variables: { '1': 'João' } }, TAB);
  await handlers.getThread({ contact: DEMO_CONTACTS.mari.number, limit: 20, refresh: true }, TAB);
  expect((await all('sends')).length).toBeGreaterThan(0);
  expect((await all('threads')).length).toBeGreaterThan(0);
  expect((await all('windowBuckets')).length).toBeGreaterThan(0);
}

describe('connecting another Twilio account', () => {
  it('starts it empty: no sender, window, send, thread or template of the old account is kept', async () => {
    await useFirstAccount();
    const oldTemplates = new Set((await handlers.listTemplates({}, TAB)).templates.map((t) => t.sid));

    await connect(second);
    const status = await handlers.getStatus({}, POPUP);
    expect(status.sender).not.toBe(SALES);
    expect(status.connection.accountSid).toBe(second.credentials.accountSid);
    await settle();
    await sync.runAll();
    expect((await all('sends')).filter((send) => send.sender === SALES)).toEqual([]);
    expect((await all('threads')).filter((thread) => thread.sender === SALES)).toEqual([]);
    expect((await all('windowBuckets')).filter((bucket) => bucket.sender === SALES)).toEqual([]);
    const templates = (await handlers.listTemplates({}, TAB)).templates;
    expect(templates.length).toBeGreaterThan(0);
    expect(templates.filter((t) => oldTemplates.has(t.sid))).toEqual([]);
    // The new account's only sender is chosen by its own first sync.
    const [only] = (await handlers.listSenders({}, POPUP)).senders;
    expect((await handlers.getStatus({}, POPUP)).sender).toBe(only?.number);
  });

  it('does not join a sync of the old account still running: the new account is synced, nothing of the old stored', async () => {
    await connect(first);
    await sync.stopAll();
    first.control.setLatency(400);
    const oldSync = sync.run('templates'); // the old account's, waiting on Twilio
    await settle(100);

    await connect(second);
    await oldSync;
    await vi.waitFor(async () => expect(sync.isRunning('templates')).toBe(false), { timeout: 5_000 });
    await settle(100);
    await vi.waitFor(async () => expect(sync.isRunning('templates')).toBe(false), { timeout: 5_000 });

    expect(second.control.requests().filter((r) => r.path === '/v1/ContentAndApprovals').length).toBeGreaterThan(0);
    const stored = new Set((await handlers.listTemplates({}, TAB)).templates.map((t) => t.sid));
    const ofSecond = (await (await realFetch(`${second.url}/v1/ContentAndApprovals?PageSize=500`, {
      headers: { Authorization: `Basic ${btoa(`${second.credentials.accountSid}:${second.credentials.authToken}`)}` },
    })).json()) as { contents: Array<{ sid: string }> };
    expect([...stored].sort()).toEqual(ofSecond.contents.map((c) => c.sid).sort());
  });
});

describe('new credentials for the same account', () => {
  it('keep its sender, windows, sends and threads', async () => {
    await useFirstAccount();
    const before = { sends: await all('sends'), threads: await all('threads') };
    const { accountSid, mainKeySid, mainKeySecret } = first.credentials;
    await handlers.connectTwilio({ accountSid, keySid: mainKeySid, secret: mainKeySecret, remember: true }, POPUP);
    expect((await handlers.getStatus({}, POPUP)).sender).toBe(SALES);
    expect(await all('sends')).toEqual(before.sends);
    expect(await all('threads')).toEqual(before.threads);
    expect((await all('windowBuckets')).some((bucket) => bucket.sender === SALES)).toBe(true);
  });

  it('are not paused by a sync still running with the refused ones, and are synced at once', async () => {
    const { accountSid, standardKeySid, standardKeySecret } = first.credentials;
    await saveCredentials({ accountSid, keySid: standardKeySid, secret: 'f'.repeat(32) }, true); // revoked meanwhile
    first.control.setLatency(300);
    const refused = sync.run('templates'); // will get a 401, which the credential probe confirms
    await settle(100);
    await handlers.connectTwilio({ accountSid, keySid: standardKeySid, secret: standardKeySecret, remember: true }, POPUP);
    await refused;
    await vi.waitFor(async () => expect((await handlers.getStatus({}, POPUP)).templates.lastSuccessAt).toBeDefined(), { timeout: 5_000 });
    expect(await handlers.getConnection({}, POPUP)).toMatchObject({ connected: true, isRefused: false });
  });
});

describe('Disconnect while work of the account is under way', () => {
  beforeEach(async () => {
    await connect(first);
    await handlers.setSender({ sender: SALES }, POPUP);
    await sync.stopAll();
    first.control.setLatency(400);
  });

  it('a one-contact window refresh writes nothing after everything was cleared', async () => {
    // Asked a minute after the last sync, so the badge's question sends one refresh to Twilio.
    const later = createBackground(sync, createTemplateHandlers(), () => Date.now() + 60_000).handlers;
    await later.getWindow({ phone: DEMO_CONTACTS.lucia.number, refresh: true }, TAB);
    await settle(100); // the refresh is waiting on Twilio
    await handlers.disconnect({}, POPUP);
    await settle(1_000);
    expect(await all('windowBuckets')).toEqual([]);
  });

  it('a conversation read writes neither the thread nor the window after everything was cleared', async () => {
    const reading = handlers.getThread({ contact: DEMO_CONTACTS.mari.number, limit: 20, refresh: true }, TAB).catch(() => undefined);
    await settle(100);
    await handlers.disconnect({}, POPUP);
    await reading;
    await settle(300);
    expect(await all('threads')).toEqual([]);
    expect(await all('windowBuckets')).toEqual([]);
  });

  it('a send begun before Disconnect is neither stored nor POSTed once everything was cleared', async () => {
    first.control.setLatency(0);
    const templates = createTemplateHandlers();
    const contentSid = addApprovedText(first, 'disconnect_race', 'Hi {{1}}');
    await sync.run('templates');
    // The rep presses Disconnect while the send is between its checks and its claim.
    const sends = createSendHandlers({
      now: Date.now,
      getWindow: async () => {
        await handlers.disconnect({}, POPUP);
        return { state: 'closed', expiringThresholdMs: 2 * 3_600_000 };
      },
      getTemplate: (sid) => templates.find(sid),
    });
    first.control.clearRequests();
    await sends.sendTemplate({ id: crypto.randomUUID(), contact: DEMO_CONTACTS.joao.number, contentSid, variables: { '1': 'João' } }).catch(() => undefined);
    await settle(300);
    expect(first.control.requests().filter((r) => r.method === 'POST')).toEqual([]);
    expect(await all('sends')).toEqual([]);
  });

  it('a send’s status polling writes nothing after everything was cleared', async () => {
    first.control.setLatency(0);
    const contentSid = addApprovedText(first, 'disconnect_probe', 'Hi {{1}}');
    await sync.run('templates');
    await handlers.sendTemplate({ id: crypto.randomUUID(), contact: DEMO_CONTACTS.joao.number, contentSid, variables: { '1': 'João' } }, TAB);
    first.control.setLatency(400);
    await settle(2_100); // the first status poll is waiting on Twilio
    await handlers.disconnect({}, POPUP);
    await settle(1_500);
    expect(await all('sends')).toEqual([]);
  });
});
