import { PIPEDRIVE } from '../fake-pipedrive';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../fake-twilio/seeds/demo';
import { bucketWindows, currentTemplates, readStoreInPage } from '../shared/extension-db';
import { fakeTemplates } from '../shared/fake-twilio-data';
import { attribute, choose, click, count, find, texts } from './dom';
import { expect, test } from './fixtures';
import { connectAndSync, connectWithToken, panel, popup, untilSyncsSettle } from './pages';

const SALES = DEMO_SENDERS[0];
const { mari } = DEMO_CONTACTS;
const DAY = 24 * 3_600_000;

test('connects Twilio from the popup and syncs the templates and the windows', async ({ firefox, fake }) => {
  const page = await firefox.openExtensionPage('/popup.html');
  await connectWithToken(page, fake);
  expect(await texts(page, popup.status)).toContain('Connected to Acme Sales (Full account).');
  // The check went to Twilio (the sandbox build talks to the fake) with Basic auth as the account.
  const { accountSid } = fake.credentials;
  expect(fake.control.requests().filter((r) => r.path === `/2010-04-01/Accounts/${accountSid}.json`).map((r) => [r.method, r.authUser, r.status])).toEqual([
    ['GET', accountSid, 200],
  ]);

  fake.control.clearRequests();
  await choose(page, popup.sender, SALES.number);
  await find(page, { css: 'time', text: /^Templates synced/ });
  await find(page, { css: 'time', text: /^Conversations synced/ });

  // The templates sync: every page of ContentAndApprovals; the popup counts them by status as the fake has them.
  const listed = await fakeTemplates(fake);
  const count = (...of: string[]) => listed.filter((t) => of.includes(t.status)).length.toLocaleString('en-US');
  expect(await texts(page, popup.counts)).toEqual([
    `Approved${count('approved')}`,
    `Pending or received${count('pending', 'received')}`,
    `Rejected${count('rejected')}`,
    `Paused or disabled${count('paused', 'disabled')}`,
    `Not submitted${count('unsubmitted')}`,
  ]);
  const [sync, templatePages, buckets] = await Promise.all(['sync', 'templatePages', 'windowBuckets'].map((store) => page.evaluate(readStoreInPage, store)));
  const stored = currentTemplates(sync as Array<{ kind: string; generation?: number }>, templatePages as Array<{ generation: number; templates: Array<{ sid: string; status: string }> }>);
  expect(stored.map((t) => [t.sid, t.status]).sort()).toEqual(listed.map((t) => [t.sid, t.status]).sort());

  // The windows sync: the sender's inbound messages, one window per contact who wrote in the last 24 h.
  const windowsAsked = fake.control.requests().filter((r) => r.method === 'GET' && r.path.endsWith('/Messages.json'));
  // (The inbox's conversations sync reads both of Twilio's lists, ours and the customers'.)
  expect(windowsAsked.every((r) => r.query.To === SALES.whatsapp || r.query.From === SALES.whatsapp)).toBe(true);
  expect(windowsAsked.some((r) => r.query.To === SALES.whatsapp)).toBe(true);
  const now = fake.control.clock().now;
  const wrote = new Set(
    fake.control.messages()
      .filter((m) => m.direction === 'inbound' && m.to === SALES.whatsapp && Date.parse(m.date_sent!) >= now - DAY)
      .map((m) => m.from.replace('whatsapp:', '')),
  );
  const windows = bucketWindows<{ contact: string }>(buckets as Array<{ sender: string; contacts: Record<string, object> }>);
  expect(windows.map((w) => w.contact).sort()).toEqual([...wrote].sort());
  expect(wrote.size).toBeGreaterThanOrEqual(3);
});

test('the toolbar button (browser_action) opens the same popup, which shows the connection', async ({ firefox, fake }) => {
  const page = await firefox.openExtensionPage('/popup.html');
  await connectWithToken(page, fake);

  expect(await firefox.pressToolbarButton()).toBe(`${firefox.extensionOrigin}/popup.html`);
  // The toolbar's popup is another page of the extension: read what it shows from this one.
  const shown = () => page.evaluate(() => browser.extension.getViews({ type: 'popup' }).map((view) => view.document.body.innerText));
  await expect.poll(shown).toEqual([expect.stringContaining('Connected to Acme Sales (Full account).')]);
});

test('the toolbar icon (browserAction’s badge) counts the unread messages, and reading the conversation clears it', async ({ firefox, fake }) => {
  const page = await firefox.openExtensionPage('/popup.html');
  await connectAndSync(page, fake);
  // MV2: Firefox has `browserAction`, not `action`; the count goes there.
  expect(await page.evaluate(() => typeof (browser as { action?: unknown }).action)).toBe('undefined');
  const iconText = () => page.evaluate(() => browser.browserAction.getBadgeText({}));
  expect(await iconText()).toBe('');

  await untilSyncsSettle(page);
  fake.control.addInbound({ from: mari.number, body: 'Kas saate mulle helistada?' });
  fake.control.addInbound({ from: mari.number, body: 'Ootan.' });
  await click(page, popup.syncNow);
  await expect.poll(iconText).toBe('2');

  const pipeline = await firefox.openPipedrive(`${PIPEDRIVE.textarea}/pipeline`);
  const launcher = { css: 'button', name: 'Open WhatsApp inbox' };
  await expect.poll(() => attribute(pipeline, launcher, 'data-unread')).toBe('2');
  await click(pipeline, launcher);
  await click(pipeline, { css: '[role="list"][aria-label="WhatsApp conversations"] [role="listitem"][aria-label="Mari Tamm"] button' });
  await expect.poll(async () => (await texts(pipeline, panel.messages)).at(-1)).toContain('Ootan.');
  await expect.poll(iconText).toBe('');
});

test('“Manage templates” opens the workshop (options_ui, in a tab) with the synced templates', async ({ firefox, fake }) => {
  const page = await firefox.openExtensionPage('/popup.html');
  await connectAndSync(page, fake);
  const workshop = await firefox.waitForTab('/options.html', () => click(page, { css: 'button', name: 'Manage templates' }));
  await find(workshop, { css: 'h1', text: 'WhatsApp templates' });
  const listed = (await fakeTemplates(fake)).length;
  await expect.poll(() => count(workshop, { css: 'ul.template-list > li' })).toBe(listed);
});
