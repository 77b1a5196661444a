import { expect, test } from './fixtures';

test.describe('popup: connect Twilio', () => {
  test('connects with the Account SID and Auth Token and shows the account', async ({ openPopup, fakeTwilio, serviceWorker }) => {
    const { accountSid, authToken } = fakeTwilio.credentials;
    const popup = await openPopup();
    // Pasted values often carry whitespace: the form trims them.
    await popup.getByLabel('Account SID').fill(`  ${accountSid}\n`);
    await popup.getByLabel('Auth Token').fill(authToken);
    await popup.getByRole('button', { name: 'Connect' }).click();
    await expect(popup.getByRole('status')).toHaveText('Connected to Acme Sales (Full account).');

    // The check really went to Twilio with Basic auth as the account.
    const log = await fakeTwilio.control.requests();
    expect(log.some((r) => r.path === `/2010-04-01/Accounts/${accountSid}.json` && r.authUser === accountSid)).toBe(true);

    // Remembered on this device: the credentials are in the extension's IndexedDB, never in storage.local.
    const local = await serviceWorker.evaluate(() => chrome.storage.local.get(null));
    expect(JSON.stringify(local)).not.toContain(authToken);

    // Reopening the popup shows the saved connection without the secret.
    const again = await openPopup();
    await expect(again.getByRole('status')).toHaveText('Connected to Acme Sales (Full account).');
    await expect(again.getByText(`Using AC…${accountSid.slice(-4)}`)).toBeVisible();
    expect(await again.content()).not.toContain(authToken);
  });

  test('says in words when the Auth Token is wrong', async ({ openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await popup.getByLabel('Account SID').fill(fakeTwilio.credentials.accountSid);
    await popup.getByLabel('Auth Token').fill('0'.repeat(32));
    await popup.getByRole('button', { name: 'Connect' }).click();
    await expect(popup.getByRole('status')).toHaveText('Twilio refused this Account SID and Auth Token. Check both and try again.');
  });

  test('checks formats as the rep types', async ({ openPopup }) => {
    const popup = await openPopup();
    await popup.getByLabel('Account SID').fill('AC123');
    await expect(popup.getByText('An Account SID is AC followed by 32 letters and digits (0–9, a–f).')).toBeVisible();
    await expect(popup.getByLabel('Account SID')).toHaveAttribute('aria-invalid', 'true');
    await expect(popup.getByRole('button', { name: 'Connect' })).toBeDisabled();
  });

  test('says so when Twilio cannot be reached', async ({ openPopup, fakeTwilio }) => {
    await fakeTwilio.control.setFault({ path: '/2010-04-01/', drop: true });
    const popup = await openPopup();
    await popup.getByLabel('Account SID').fill(fakeTwilio.credentials.accountSid);
    await popup.getByLabel('Auth Token').fill(fakeTwilio.credentials.authToken);
    await popup.getByRole('button', { name: 'Connect' }).click();
    await expect(popup.getByRole('status')).toHaveText('Twilio could not be reached. Check your connection and try again.');
  });
});
