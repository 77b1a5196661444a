import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';
import { freshDb, sendFetchToFake } from '../helpers/fake-http';
import { saveCredentials } from '@/lib/account/credentials';
import { createBackground } from '@/lib/messaging/handlers';
import { SYNC_ALARM, createSyncService, type SyncService } from '@/lib/sync/service';
import { createTemplateHandlers } from '@/lib/templates/handlers';
import { syncRepo } from '@/lib/sync/repo';
import type { Asker } from '@/lib/messaging/router';
import { accountRepo } from '@/lib/account/repo';

/** "Test connection" in the popup, through the background's handler, with Twilio's hosts sent to the fake. */
const POPUP: Asker = { kind: 'extension', url: 'chrome-extension://test/popup.html' };
let fake: FakeTwilio;
let sync: SyncService;

beforeEach(async () => {
  fakeBrowser.reset();
  await freshDb();
  fake = await startFakeTwilio({ seed: 'demo' });
  sendFetchToFake(fake);
  sync = createSyncService();
  // Twilio refused the saved credentials once: the schedule is paused.
  await accountRepo.setAuthFailure({ at: Date.now(), status: 401 });
});
afterEach(async () => {
  await sync.stopAll();
  vi.unstubAllGlobals();
  await fake.close();
});

const background = () => createBackground(sync, createTemplateHandlers()).handlers;

describe('testCredentials', () => {
  it('a successful "Test connection" lifts the pause: the schedule is back and a sync runs at once', async () => {
    // A Standard key: Twilio answers 401 on the account fetch, and the Messages probe accepts it.
    await saveCredentials({ accountSid: fake.credentials.accountSid, keySid: fake.credentials.standardKeySid, secret: fake.credentials.standardKeySecret }, true);
    const info = await background().testCredentials({}, POPUP);
    expect(info).toMatchObject({ connected: true, isRefused: false });
    expect((await accountRepo.get()).authFailure).toBeUndefined();
    expect(await browser.alarms.get(SYNC_ALARM)).toMatchObject({ periodInMinutes: 5 });
    await vi.waitFor(async () => expect((await syncRepo.get('templates')).lastSuccessAt).toBeDefined());
  });

  it('a refused secret (401 on the credential probe) keeps the pause and schedules nothing', async () => {
    await saveCredentials({ accountSid: fake.credentials.accountSid, keySid: fake.credentials.standardKeySid, secret: 'f'.repeat(32) }, true);
    await expect(background().testCredentials({}, POPUP)).rejects.toMatchObject({ error: { code: 'bad-secret' } });
    expect((await accountRepo.get()).authFailure).toMatchObject({ status: 401 });
    expect(await browser.alarms.get(SYNC_ALARM)).toBeUndefined();
    expect(fake.control.requests().filter((r) => r.path === '/v1/ContentAndApprovals')).toHaveLength(0);
  });
});
