import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../fake-twilio/seeds/demo';
import { expect, test } from './fixtures';
import { askAsExtensionPage, connectAndSync, connectWithToken, fakeTemplates, readStore, storedWindows } from './helpers';

const SALES = DEMO_SENDERS[0];

test.describe('popup: sender, sync and health', () => {
  test('the chosen sender persists across reopenings and starts a sync', async ({ openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await connectWithToken(popup, fakeTwilio);
    const select = popup.getByLabel('WhatsApp sender');
    await expect(select.locator('option')).toHaveText(['Choose a sender…', 'Acme Sales (+14155238886)', 'Acme Support (+442071838750)']);
    fakeTwilio.control.clearRequests();
    await select.selectOption(SALES.number);
    // The windows sync and the conversations sync each read the customers' messages to the new sender once.
    await expect.poll(() => fakeTwilio.control.requests().filter((r) => r.path.endsWith('/Messages.json') && r.query.To === SALES.whatsapp).length).toBe(2);

    const again = await openPopup();
    await expect(again.getByLabel('WhatsApp sender')).toHaveValue(SALES.number);
    await expect(again.getByText(/^Conversations synced/)).toBeVisible();
  });

  test('shows progress during a slow sync, then counts that match the fake', async ({ openPopup, fakeTwilio }) => {
    for (let i = 0; i < 1_100; i++) {
      fakeTwilio.control.upsertTemplate({ friendlyName: `bulk_${i}`, language: 'en', types: { 'twilio/text': { body: `Bulk ${i}` } }, approval: { status: 'approved', category: 'UTILITY', name: `bulk_${i}` } });
    }
    const popup = await openPopup();
    await connectWithToken(popup, fakeTwilio);
    await popup.getByLabel('WhatsApp sender').selectOption(SALES.number);
    await expect(popup.getByText(/^Templates synced/)).toBeVisible({ timeout: 15_000 });

    fakeTwilio.control.setLatency(700);
    await popup.getByRole('button', { name: 'Sync now' }).click();
    const progress = popup.getByRole('progressbar', { name: 'Sync progress' }).first();
    await expect(progress).toBeVisible();
    await expect(popup.getByText(/^Templates: page 1, 500 items$/)).toBeVisible({ timeout: 10_000 });
    await expect(popup.getByRole('progressbar')).toHaveCount(0, { timeout: 15_000 });

    const statuses = (await fakeTemplates(fakeTwilio)).map((t) => t.status);
    const count = (...of: string[]) => statuses.filter((s) => of.includes(s)).length.toLocaleString('en-US');
    const counts = popup.locator('dl.counts');
    await expect(counts.getByText('Approved').locator('xpath=following-sibling::dd')).toHaveText(count('approved'));
    await expect(counts.getByText('Pending or received').locator('xpath=following-sibling::dd')).toHaveText(count('pending', 'received'));
    await expect(counts.getByText('Rejected').locator('xpath=following-sibling::dd')).toHaveText(count('rejected'));
    await expect(counts.getByText('Paused or disabled').locator('xpath=following-sibling::dd')).toHaveText(count('paused', 'disabled'));
    await expect(counts.getByText('Not submitted').locator('xpath=following-sibling::dd')).toHaveText(count('unsubmitted'));
    expect(statuses.filter((s) => s === 'approved').length).toBeGreaterThan(1_100);
  });

  test('"Sync now" pressed ten times: one sync of each kind at a time, one sync’s worth of requests', async ({ context, openPopup, fakeTwilio }) => {
    for (let i = 0; i < 1_100; i++) {
      fakeTwilio.control.upsertTemplate({ friendlyName: `bulk_${i}`, language: 'en', types: { 'twilio/text': { body: `Bulk ${i}` } }, approval: { status: 'approved', category: 'UTILITY', name: `bulk_${i}` } });
    }
    const popup = await openPopup();
    await connectAndSync(popup, fakeTwilio);
    // Messages: the windows sync's one list and the conversations sync's two (the customers' and ours).
    const kindOf = (path: string) => (path.startsWith('/v1/ContentAndApprovals') ? 'templates' : path.endsWith('/Messages.json') ? 'messages' : undefined);
    const perKind = () => {
      const counts = { templates: 0, messages: 0 };
      for (const r of fakeTwilio.control.requests()) {
        const kind = kindOf(r.path);
        if (kind) counts[kind] += 1;
      }
      return counts;
    };
    // What one sync of each kind costs (several template pages, one page of messages).
    fakeTwilio.control.clearRequests();
    await askAsExtensionPage(popup, 'syncNow', {});
    const oneSync = perKind();
    expect(oneSync.templates).toBeGreaterThan(1);

    // Watch every sync request in flight, and hold them all until the ten clicks have reached the background.
    const inFlight = { templates: 0, messages: 0 };
    const most = { templates: 0, messages: 0 };
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await context.route(/^https:\/\/(api|content)\.twilio\.com\//, async (route) => {
      const url = new URL(route.request().url());
      const kind = kindOf(url.pathname);
      if (!kind) return route.fallback();
      inFlight[kind] += 1;
      most[kind] = Math.max(most[kind], inFlight[kind]);
      try {
        await gate;
        const response = await route.fetch({ url: fakeTwilio.url + url.pathname + url.search, maxRetries: 0 });
        await route.fulfill({ response });
      } finally {
        inFlight[kind] -= 1;
      }
    });

    fakeTwilio.control.clearRequests();
    const button = popup.getByRole('region', { name: 'Sync' }).getByRole('button').first();
    for (let i = 0; i < 10; i++) await button.click();
    // A message sent after the ten clicks is answered after them: every click has joined (or started) a sync by now.
    const status = await askAsExtensionPage(popup, 'getStatus', {});
    expect(status.ok && status.value.templates.running && status.value.windows.running).toBeTruthy();
    release();

    await expect(button).toHaveText('Sync now', { timeout: 15_000 });
    await expect.poll(perKind).toEqual(oneSync);
    // One sync of each kind at a time: one templates page, and the windows' list beside the conversations' two.
    expect(most).toEqual({ templates: 1, messages: 3 });
  });

  test('lists the templates that cannot be sent, with WhatsApp’s rejection reasons', async ({ openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await connectWithToken(popup, fakeTwilio);
    await expect(popup.getByText(/^Templates synced/)).toBeVisible();
    const auth = `Basic ${Buffer.from(`${fakeTwilio.credentials.accountSid}:${fakeTwilio.credentials.authToken}`).toString('base64')}`;
    const body = (await (await fetch(`${fakeTwilio.url}/v1/ContentAndApprovals?PageSize=1000`, { headers: { Authorization: auth } })).json()) as {
      contents: Array<{ friendly_name: string; language: string; approval_requests: { status: string; rejection_reason: string | null } }>;
    };
    const rejected = body.contents.filter((c) => c.approval_requests.status === 'rejected');
    const notApproved = body.contents.filter((c) => c.approval_requests.status !== 'approved');
    expect(rejected.length).toBeGreaterThan(0);

    await popup.getByText(`Not sendable (${notApproved.length})`).click();
    for (const template of rejected) {
      const item = popup.locator('.not-sendable li').filter({ hasText: `${template.friendly_name} (${template.language})` });
      await expect(item).toContainText('Rejected');
      await expect(item).toContainText(template.approval_requests.rejection_reason!);
    }
  });

  test('lists the conversations expiring soon, soonest first', async ({ openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await connectWithToken(popup, fakeTwilio);
    await popup.getByLabel('WhatsApp sender').selectOption(SALES.number);
    // With the default 2 h threshold only Lucía (wrote 23 h ago) is expiring; Mari and Jonas have ~21–22 h left.
    const list = popup.getByRole('list', { name: 'Expiring soon' });
    await expect(list.getByRole('listitem')).toHaveText([/^\+34600123456: (59 min|1 h) left Open$/]);
    expect(DEMO_CONTACTS.lucia.number).toBe('+34600123456');

    // A 23 h threshold brings in Mari (wrote 3 h ago: 21 h left), then Jonas (2 h ago: 22 h left).
    await popup.getByText('Settings', { exact: true }).click();
    await popup.getByLabel('“Expiring soon” when less than (minutes)').fill('1380');
    await popup.getByRole('button', { name: 'Save settings' }).click();
    await expect(list.getByRole('listitem')).toHaveText([/^\+34600123456/, /^\+37251234567/, /^\+4915123456789/]);
  });

  test('disconnect, after a confirmation, leaves no credentials and no records', async ({ openPopup, fakeTwilio, serviceWorker }) => {
    const popup = await openPopup();
    await connectWithToken(popup, fakeTwilio);
    await popup.getByLabel('WhatsApp sender').selectOption(SALES.number);
    await expect.poll(async () => (await storedWindows(popup)).length).toBeGreaterThan(0);
    // What the content script keeps about the rep's pages (typed numbers, confirmations, choices, drafts).
    await serviceWorker.evaluate((number) => chrome.storage.local.set({
      'content:manualNumbers': { 'acme.pipedrive.com/person/1': number },
      'content:confirmedConversations': { 'acme.pipedrive.com/c-1': true },
      'content:numberChoices': { 'acme.pipedrive.com/person/1': number },
      'content:replyDrafts': { 'acme.pipedrive.com/person/1': { text: 'Tere!', at: Date.now() } },
      'content:variableSources': { HX00000000000000000000000000000000: { '1': 'firstName' } },
    }), DEMO_CONTACTS.mari.number);

    await popup.getByRole('button', { name: 'Disconnect' }).click();
    const confirm = popup.getByRole('alertdialog');
    await expect(confirm).toContainText('removes the credentials and every synced template');
    await expect(popup.getByRole('button', { name: 'Yes, disconnect' })).toBeFocused();
    await popup.getByRole('button', { name: 'Yes, disconnect' }).click();
    await expect(popup.getByText('Disconnected. Nothing of the Twilio account is left in this browser.')).toBeVisible();
    await expect(popup.getByLabel('Account SID')).toBeVisible();

    for (const store of ['templatePages', 'windowBuckets', 'threads', 'sends', 'sync', 'secrets']) expect(await readStore(popup, store), store).toEqual([]);
    // Only the account epoch stays, which tells work begun before the disconnect that its account is gone.
    expect(await readStore(popup, 'accounts')).toEqual([{ id: 'current', epoch: expect.any(Number) }]);
    const areas = await serviceWorker.evaluate(async () => JSON.stringify([await chrome.storage.session.get(null), await chrome.storage.local.get(null)]));
    expect(areas).not.toContain(fakeTwilio.credentials.authToken);
    expect(areas).not.toContain(SALES.number);
    expect(areas).not.toContain(DEMO_CONTACTS.mari.number);
    expect(areas).not.toMatch(/content:(manualNumbers|confirmedConversations|numberChoices|replyDrafts|variableSources)/);
    expect(await serviceWorker.evaluate(() => chrome.alarms.getAll())).toEqual([]);
  });

  test('looks right at 360 px (screenshot)', async ({ openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await popup.setViewportSize({ width: 360, height: 600 });
    await connectWithToken(popup, fakeTwilio);
    await popup.getByLabel('WhatsApp sender').selectOption(SALES.number);
    await expect(popup.getByText(/^Conversations synced/)).toBeVisible();
    // Nothing wider than the popup.
    expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const dir = path.resolve(import.meta.dirname, '../../.output/screenshots');
    mkdirSync(dir, { recursive: true });
    await popup.screenshot({ path: path.join(dir, 'popup-connected.png'), fullPage: true });
  });
});
