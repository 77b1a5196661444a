import { startFakeTwilio } from '../fake-twilio';
import { DEMO_SENDERS } from '../fake-twilio/seeds/demo';
import { expect, test } from './fixtures';
import { connectAndSync, readStore, storedTemplates, storedWindows } from './helpers';

const CONNECTED = 'Connected to Acme Sales (Full account).';

test.describe('popup: connect Twilio', () => {
  test('connects with the Account SID and Auth Token and shows the account', async ({ openPopup, fakeTwilio, serviceWorker }) => {
    const { accountSid, authToken } = fakeTwilio.credentials;
    const popup = await openPopup();
    // Pasted values often carry whitespace: the form trims them.
    await popup.getByLabel('Account SID').fill(`  ${accountSid}\n`);
    await popup.getByLabel('Auth Token').fill(authToken);
    await expect(popup.getByLabel('Remember on this device')).toBeChecked();
    await popup.getByRole('button', { name: 'Connect' }).click();
    await expect(popup.getByRole('status').first()).toHaveText(CONNECTED);

    // The check really went to Twilio with Basic auth as the account.
    const log = fakeTwilio.control.requests();
    expect(log.some((r) => r.path === `/2010-04-01/Accounts/${accountSid}.json` && r.authUser === accountSid)).toBe(true);

    // Remembered on this device: in the extension's IndexedDB, never in storage.local or storage.sync.
    expect(await readStore(popup, 'secrets')).toHaveLength(1);
    const areas = await serviceWorker.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]));
    expect(areas).not.toContain(authToken);

    // Reopening the popup shows the saved connection, never the secret.
    const again = await openPopup();
    await expect(again.getByRole('status').first()).toHaveText(CONNECTED);
    await expect(again.getByText(`Using AC…${accountSid.slice(-4)}`)).toBeVisible();
    expect(await again.content()).not.toContain(authToken);
  });

  test('connects with a Main API key, and with a Standard key that may not read the account', async ({ openPopup, fakeTwilio }) => {
    const { accountSid, mainKeySid, mainKeySecret, standardKeySid, standardKeySecret } = fakeTwilio.credentials;
    const popup = await openPopup();
    await popup.getByRole('button', { name: 'Use an API Key instead' }).click();
    await expect(popup.getByText('Twilio recommends an API Key')).toBeVisible();
    await popup.getByLabel('Account SID').fill(accountSid);
    await popup.getByLabel('API Key SID').fill(mainKeySid);
    await popup.getByLabel('API Key Secret').fill(mainKeySecret);
    await popup.getByRole('button', { name: 'Connect' }).click();
    await expect(popup.getByRole('status').first()).toHaveText(CONNECTED);
    await expect(popup.getByText(`Using SK…${mainKeySid.slice(-4)}`)).toBeVisible();

    await popup.getByRole('button', { name: 'Change credentials' }).click();
    await popup.getByRole('button', { name: 'Use an API Key instead' }).click();
    await popup.getByLabel('Account SID').fill(accountSid);
    await popup.getByLabel('API Key SID').fill(standardKeySid);
    await popup.getByLabel('API Key Secret').fill(standardKeySecret);
    await popup.getByRole('button', { name: 'Connect' }).click();
    await expect(popup.getByRole('status').first()).toHaveText(
      `Connected with API key SK…${standardKeySid.slice(-4)}. (A Standard key may not read the account's name.)`,
    );
  });

  test.describe('says in words why Twilio refused', () => {
    test('a wrong Auth Token', async ({ openPopup, fakeTwilio }) => {
      const popup = await openPopup();
      await popup.getByLabel('Account SID').fill(fakeTwilio.credentials.accountSid);
      await popup.getByLabel('Auth Token').fill('0'.repeat(32));
      await popup.getByRole('button', { name: 'Connect' }).click();
      await expect(popup.getByRole('status')).toHaveText('Twilio refused this Account SID and Auth Token. Check both and try again.');
    });

    test('a wrong API key secret', async ({ openPopup, fakeTwilio }) => {
      const popup = await openPopup();
      await popup.getByRole('button', { name: 'Use an API Key instead' }).click();
      await popup.getByLabel('Account SID').fill(fakeTwilio.credentials.accountSid);
      await popup.getByLabel('API Key SID').fill(fakeTwilio.credentials.mainKeySid);
      await popup.getByLabel('API Key Secret').fill('f'.repeat(32));
      await popup.getByRole('button', { name: 'Connect' }).click();
      await expect(popup.getByRole('status')).toHaveText('Twilio refused this API Key SID and secret. Check the secret and try again.');
    });

    test('a wrong Account SID for the key', async ({ openPopup, fakeTwilio }) => {
      const popup = await openPopup();
      await popup.getByRole('button', { name: 'Use an API Key instead' }).click();
      await popup.getByLabel('Account SID').fill('AC' + '1'.repeat(32));
      await popup.getByLabel('API Key SID').fill(fakeTwilio.credentials.mainKeySid);
      await popup.getByLabel('API Key Secret').fill(fakeTwilio.credentials.mainKeySecret);
      await popup.getByRole('button', { name: 'Connect' }).click();
      await expect(popup.getByRole('status')).toHaveText('This key belongs to another account: check the Account SID.');
    });

    test('a key that lacks access', async ({ openPopup, fakeTwilio }) => {
      await fakeTwilio.control.setFault({ path: '/2010-04-01/', status: 403, code: 20003 });
      const popup = await openPopup();
      await popup.getByLabel('Account SID').fill(fakeTwilio.credentials.accountSid);
      await popup.getByLabel('Auth Token').fill(fakeTwilio.credentials.authToken);
      await popup.getByRole('button', { name: 'Connect' }).click();
      await expect(popup.getByRole('status')).toHaveText('This API key lacks access to this account. Use a Main key or the Auth Token.');
    });

    test('Twilio unreachable', async ({ openPopup, fakeTwilio }) => {
      await fakeTwilio.control.setFault({ path: '/2010-04-01/', drop: true });
      const popup = await openPopup();
      await popup.getByLabel('Account SID').fill(fakeTwilio.credentials.accountSid);
      await popup.getByLabel('Auth Token').fill(fakeTwilio.credentials.authToken);
      await popup.getByRole('button', { name: 'Connect' }).click();
      await expect(popup.getByRole('status')).toHaveText('Twilio could not be reached. Check your connection and try again.');
    });
  });

  test('checks formats as the rep types', async ({ openPopup }) => {
    const popup = await openPopup();
    await popup.getByLabel('Account SID').fill('AC123');
    await expect(popup.getByText('An Account SID is AC followed by 32 letters and digits (0–9, a–f).')).toBeVisible();
    await expect(popup.getByLabel('Account SID')).toHaveAttribute('aria-invalid', 'true');
    await popup.getByLabel('Auth Token').fill('abc def\nghi jkl mno pqr');
    await expect(popup.getByText('Paste the secret without spaces or line breaks.')).toBeVisible();
    await expect(popup.getByRole('button', { name: 'Connect' })).toBeDisabled();
  });

  test('another account starts empty: nothing of the first account is kept or shown', async ({ context, openPopup, fakeTwilio }) => {
    // A second Twilio account: requests signed with its credentials go to its own fake.
    const other = await startFakeTwilio({ seed: { templates: 3, inbound: 4, contacts: 2, senders: 1 } });
    const otherAuth = `Basic ${Buffer.from(`${other.credentials.accountSid}:${other.credentials.authToken}`).toString('base64')}`;
    await context.route(/^https:\/\/(api|content|messaging)\.twilio\.com\//, async (route) => {
      if ((await route.request().allHeaders()).authorization !== otherAuth) return route.fallback();
      const url = new URL(route.request().url());
      await route.fulfill({ response: await route.fetch({ url: other.url + url.pathname + url.search, maxRetries: 0, maxRedirects: 0 }) });
    });
    try {
      const popup = await openPopup();
      await connectAndSync(popup, fakeTwilio, DEMO_SENDERS[0].number);
      expect((await storedWindows(popup)).length).toBeGreaterThan(0);
      const before = new Set((await storedTemplates<{ sid: string }>(popup)).map((t) => t.sid));

      await popup.getByRole('button', { name: 'Change credentials' }).click();
      await popup.getByLabel('Account SID').fill(other.credentials.accountSid);
      await popup.getByLabel('Auth Token').fill(other.credentials.authToken);
      await popup.getByRole('button', { name: 'Connect' }).click();
      await expect(popup.getByRole('status').first()).toContainText(`Connected to ${other.credentials.friendlyName}`);
      await expect(popup.getByText(/^Templates synced/)).toBeVisible();
      // The second account's only sender, chosen by its own first sync; the first account's is gone.
      await expect(popup.getByLabel('WhatsApp sender')).not.toHaveValue(DEMO_SENDERS[0].number);
      await expect.poll(async () => (await storedTemplates<{ sid: string }>(popup)).length).toBe(3);
      expect((await storedTemplates<{ sid: string }>(popup)).filter((t) => before.has(t.sid))).toEqual([]);
      expect((await storedWindows<{ sender: string }>(popup)).filter((w) => w.sender === DEMO_SENDERS[0].number)).toEqual([]);
      expect((await readStore<{ sender: string }>(popup, 'sends')).filter((s) => s.sender === DEMO_SENDERS[0].number)).toEqual([]);
    } finally {
      await other.close();
    }
  });

  test('keeps the secret only for this browser session when "Remember" is off', async ({ openPopup, fakeTwilio, serviceWorker }) => {
    const popup = await openPopup();
    await popup.getByLabel('Account SID').fill(fakeTwilio.credentials.accountSid);
    await popup.getByLabel('Auth Token').fill(fakeTwilio.credentials.authToken);
    await popup.getByLabel('Remember on this device').uncheck();
    await expect(popup.getByText('The secret is kept only until the browser closes.')).toBeVisible();
    await popup.getByRole('button', { name: 'Connect' }).click();
    await expect(popup.getByRole('status').first()).toHaveText(CONNECTED);
    expect(await readStore(popup, 'secrets')).toHaveLength(0);
    const session = await serviceWorker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
    expect(session).toContain(fakeTwilio.credentials.accountSid);
    // The secret still works: a sync runs with it.
    await popup.getByLabel('WhatsApp sender').selectOption(DEMO_SENDERS[0].number);
    await expect.poll(async () => (await storedTemplates(popup)).length).toBeGreaterThan(0);
  });
});
