import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../../fake-twilio/seeds/demo';
import { addApprovedText, freshDb, sendFetchToFake } from '../helpers/fake-http';
import { saveCredentials } from '@/lib/account/credentials';
import { createBackground } from '@/lib/messaging/handlers';
import { SYNC_ALARM, createSyncService, type SyncService } from '@/lib/sync/service';
import { createTemplateHandlers } from '@/lib/templates/handlers';
import type { Asker } from '@/lib/messaging/router';

/**
 * Every content script can write `storage.local` (the Pipedrive page cannot, but our script runs inside it). So
 * whatever the background acts on must not be taken from there on its word: the sender and the credentials'
 * refusal are not there at all, and the interval, the threshold and the country are checked when read.
 */
const POPUP: Asker = { kind: 'extension', url: 'chrome-extension://test/popup.html' };
const SALES = DEMO_SENDERS[0].number;
const SUPPORT = DEMO_SENDERS[1].number;
/** A valid number that is not one of the demo account's senders. */
const STRANGER = '+15005550006';

let fake: FakeTwilio;
let sync: SyncService;

/** What a content script can do to storage.local: write any key there. */
const writeAsContentScript = (items: Record<string, unknown>) => browser.storage.local.set(items);

beforeEach(async () => {
  fakeBrowser.reset();
  await freshDb();
  fake = await startFakeTwilio({ seed: 'demo' });
  sendFetchToFake(fake);
  await saveCredentials({ accountSid: fake.credentials.accountSid, secret: fake.credentials.authToken }, true);
  sync = createSyncService();
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('et-EE');
});
afterEach(async () => {
  await sync.stopAll();
  vi.unstubAllGlobals();
  await fake.close();
});

const background = () => createBackground(sync, createTemplateHandlers()).handlers;
const posts = () => fake.control.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json'));

describe('the sender', () => {
  it('stays the one the rep chose when a content script writes another into storage.local, and sends go from it', async () => {
    const handlers = background();
    await handlers.setSender({ sender: SALES }, POPUP);
    await writeAsContentScript({ 'settings:sender': STRANGER });
    await new Promise((r) => setTimeout(r, 20)); // any watcher of the old key has run

    expect((await handlers.getStatus({}, POPUP)).sender).toBe(SALES);
    const contentSid = addApprovedText(fake, 'trust_probe', 'Hello {{1}}');
    await sync.run('templates');
    await handlers.sendTemplate({ id: crypto.randomUUID(), contact: DEMO_CONTACTS.joao.number, contentSid, variables: { '1': 'João' } }, POPUP);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.form).toMatchObject({ From: `whatsapp:${SALES}` });
  });

  it('must be one of the online senders Twilio lists for the account', async () => {
    const handlers = background();
    await expect(handlers.setSender({ sender: STRANGER }, POPUP)).rejects.toMatchObject({ error: { code: 'not-found' } });
    expect((await handlers.getStatus({}, POPUP)).sender).toBeNull();
    await expect(handlers.setSender({ sender: SUPPORT }, POPUP)).resolves.toEqual({ sender: SUPPORT });
    expect((await handlers.getStatus({}, POPUP)).sender).toBe(SUPPORT);
  });

  it('is the typed number when the key may not list the senders', async () => {
    const { accountSid, standardKeySid, standardKeySecret } = fake.credentials;
    await saveCredentials({ accountSid, keySid: standardKeySid, secret: standardKeySecret }, true);
    await fake.control.setFault({ path: '/v2/Channels/Senders', status: 403, code: 20003 });
    const handlers = background();
    await expect(handlers.setSender({ sender: STRANGER }, POPUP)).resolves.toEqual({ sender: STRANGER });
    expect((await handlers.getStatus({}, POPUP)).sender).toBe(STRANGER);
  });

  it('an earlier version’s choice in storage.local is taken over only when Twilio lists it', async () => {
    await writeAsContentScript({ 'settings:sender': STRANGER });
    await sync.run('windows');
    expect((await background().getStatus({}, POPUP)).sender).toBeNull(); // two online senders: the rep chooses

    await writeAsContentScript({ 'settings:sender': SUPPORT });
    await sync.run('windows');
    expect((await background().getStatus({}, POPUP)).sender).toBe(SUPPORT);
  });
});

describe('the settings the background reads from storage.local', () => {
  it('a sync interval out of range or of another type schedules the default 5 minutes', async () => {
    for (const value of [0, -5, 0.01, 100_000, 'often', null]) {
      await writeAsContentScript({ 'settings:syncIntervalMinutes': value });
      await sync.ensureAlarm();
      expect((await browser.alarms.get(SYNC_ALARM))?.periodInMinutes, String(value)).toBe(5);
    }
    await writeAsContentScript({ 'settings:syncIntervalMinutes': 30 }); // what the popup may save
    await sync.ensureAlarm();
    expect((await browser.alarms.get(SYNC_ALARM))?.periodInMinutes).toBe(30);
  });

  it('an expiring threshold out of range and a country of another shape are not acted on', async () => {
    const handlers = background();
    await handlers.setSender({ sender: SALES }, POPUP);
    await writeAsContentScript({ 'settings:expiringThresholdMinutes': 10_000_000, 'settings:defaultCountry': 'zz' });
    const window = await handlers.getWindow({ phone: '5123 4567' }, POPUP);
    expect(window.expiringThresholdMs).toBe(120 * 60_000);
    expect(window.contact).toBe('+37251234567'); // read with the browser's country, not a made-up one

    await writeAsContentScript({ 'settings:defaultCountry': { toString: 'EE' }, 'settings:expiringThresholdMinutes': '60' });
    expect((await handlers.getWindow({ phone: '5123 4567' }, POPUP)).expiringThresholdMs).toBe(120 * 60_000);
  });

  it('a refusal written into storage.local neither stops the schedule nor says the credentials were refused', async () => {
    await writeAsContentScript({ 'status:authFailure': { at: Date.now(), status: 401 } });
    await sync.ensureAlarm();
    expect(await browser.alarms.get(SYNC_ALARM)).toMatchObject({ periodInMinutes: 5 });
    expect(await background().getConnection({}, POPUP)).toMatchObject({ connected: true, isRefused: false });
    await expect(sync.run('templates')).resolves.toEqual({ ok: true });
  });
});
