import { PIPEDRIVE } from '../fake-pipedrive';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../fake-twilio/seeds/demo';
import { readStoreInPage } from '../shared/extension-db';
import { fakeThread } from '../shared/fake-twilio-data';
import { attribute, attributesOfAll, click, find } from './dom';
import { expect, test } from './fixtures';
import { badge, connectAndSync, panel, popup, untilSyncsSettle } from './pages';

const SALES = DEMO_SENDERS[0];
const { mari, joao } = DEMO_CONTACTS;

test('the background is an event page: stopped by Firefox, it wakes for the panel and finds a secret kept only in storage.session', async ({ firefox, fake }) => {
  const popup = await firefox.openExtensionPage('/popup.html');
  await connectAndSync(popup, fake, { remember: false });

  // Not remembered: in storage.session only, never in IndexedDB, storage.local or storage.sync.
  const { authToken, accountSid } = fake.credentials;
  expect(await popup.evaluate(readStoreInPage, 'secrets')).toEqual([]);
  expect(await popup.evaluate(async () => JSON.stringify(await browser.storage.session.get(null)))).toContain(authToken);
  expect(await popup.evaluate(async () => JSON.stringify([await browser.storage.local.get(null), await browser.storage.sync.get(null)]))).not.toContain(authToken);

  await firefox.terminateBackground();
  expect(await firefox.backgroundState()).toBe('stopped');
  fake.control.clearRequests();

  const page = await firefox.openPipedrive(`${PIPEDRIVE.textarea}/person/101`);
  await click(page, panel.launcher);
  await find(page, panel.region);
  const shown = async () => (await attributesOfAll(page, panel.messages, ['data-sid'])).map((m) => m['data-sid']);
  await expect.poll(shown).toEqual(fakeThread(fake, SALES.number, [mari.number]).slice(-50).map((m) => m.sid));
  expect(await firefox.backgroundState()).toBe('running');
  // The woken background read the thread from Twilio with the secret it found in storage.session.
  const threadReads = fake.control.requests().filter((r) => r.method === 'GET' && r.path.endsWith('/Messages.json'));
  expect(threadReads.map((r) => [r.query.From, r.query.To, r.authUser, r.status])).toEqual(
    expect.arrayContaining([
      [mari.whatsapp, SALES.whatsapp, accountSid, 200],
      [SALES.whatsapp, mari.whatsapp, accountSid, 200],
    ]),
  );
});

test('the sync alarm wakes the stopped event page, and its sync brings a customer’s reply to the badge', async ({ firefox, fake }) => {
  const popup = await firefox.openExtensionPage('/popup.html');
  await connectAndSync(popup, fake);
  const alarm = await popup.evaluate(() => browser.alarms.get('sync'));
  expect(alarm?.periodInMinutes).toBe(5);

  await firefox.terminateBackground();
  fake.control.clearRequests();
  fake.control.addInbound({ from: joao.number, body: 'Ainda tenho interesse!' });
  // The alarm's next firing, brought forward from its 5 minutes; then no page of ours is open to wake anything.
  await popup.evaluate(() => browser.alarms.create('sync', { when: Date.now() + 1_000, periodInMinutes: 5 }));
  await popup.close();
  expect(await firefox.backgroundState()).toBe('stopped');

  const windowSyncs = () => fake.control.requests().filter((r) => r.method === 'GET' && r.path.endsWith('/Messages.json') && r.query.To === SALES.whatsapp);
  await expect.poll(() => windowSyncs().length, { timeout: 10_000 }).toBeGreaterThan(0);
  expect(await firefox.backgroundState()).toBe('running');
  expect(fake.control.requests().some((r) => r.path === '/v1/ContentAndApprovals')).toBe(true);

  const page = await firefox.openPipedrive(`${PIPEDRIVE.textarea}/messaging/inbox/c-joao`);
  await expect.poll(() => attribute(page, badge, 'data-state')).toBe('open');
  expect(await attribute(page, badge, 'aria-label')).toMatch(/^WhatsApp session: open, 2[34] h( \d+ min)? left$/);
});

test('notifications: the permission is asked within the rep’s click (Firefox refuses it outside one), then one per new message, from a restarted event page too', async ({ firefox, fake }) => {
  const page = await firefox.openExtensionPage('/popup.html');
  await connectAndSync(page, fake);
  // Firefox insists on a user action for an optional permission (Chromium is more lenient).
  const outsideAClick = await page.evaluate(() => browser.permissions.request({ permissions: ['notifications'] }).then(String, (error: Error) => error.message));
  expect(outsideAClick).toBe('permissions.request may only be called from a user input handler');

  await click(page, { css: 'summary', text: 'Settings' });
  const notify = { css: 'input[type="checkbox"]', name: 'Notify me of new WhatsApp messages' };
  await click(page, notify);
  await expect.poll(async () => (await find(page, notify)).evaluate((box) => (box as HTMLInputElement).checked)).toBe(true);
  expect(await page.evaluate(() => browser.permissions.contains({ permissions: ['notifications'] }))).toBe(true);

  // Headless Firefox has no alert to show: each notification closes at once, and says so with its id.
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { seen });
    browser.notifications.onClosed.addListener((id) => void seen.push(id));
  });
  const notified = () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  const customerWrites = async (body: string) => {
    await untilSyncsSettle(page);
    return fake.control.addInbound({ from: mari.number, body }).sid;
  };
  const first = await customerWrites('Kas saate mulle helistada?');
  await click(page, popup.syncNow);
  await expect.poll(notified).toEqual([`wat-message:${mari.number}|${first}`]);

  await firefox.terminateBackground();
  const second = await customerWrites('Ootan.');
  await click(page, popup.syncNow);
  await expect.poll(notified).toEqual([`wat-message:${mari.number}|${first}`, `wat-message:${mari.number}|${second}`]);
});
