import { PIPEDRIVE } from '../fake-pipedrive';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../fake-twilio/seeds/demo';
import { readStoreInPage } from '../shared/extension-db';
import { fakeThread } from '../shared/fake-twilio-data';
import { attribute, attributesOfAll, click, find } from './dom';
import { expect, test } from './fixtures';
import { badge, connectAndSync, panel } from './pages';

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
