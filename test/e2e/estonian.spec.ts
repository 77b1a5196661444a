import { DEMO_FAKE_SENDER } from './helpers';
import { PIPEDRIVE, expect, test } from './fixtures';

test.use({ locale: 'et' });

test('a rep in Tallinn gets the popup, the badge and the picker in Estonian', async ({ context, openPopup, fakeTwilio }) => {
  const popup = await openPopup();
  await expect(popup.getByRole('heading', { name: 'Ühenda Twilio' })).toBeVisible();
  await popup.getByLabel('Konto SID').fill(fakeTwilio.credentials.accountSid);
  await popup.getByLabel('Autentimisvõti (Auth Token)').fill(fakeTwilio.credentials.authToken);
  await popup.getByRole('button', { name: 'Ühenda' }).click();
  await expect(popup.getByRole('status').first()).toHaveText('Ühendatud: Acme Sales (täis konto).');
  await popup.getByLabel('WhatsAppi saatja').selectOption(DEMO_FAKE_SENDER);
  await expect(popup.getByText(/^Vestlused sünkrooniti/)).toBeVisible();

  const page = await context.newPage();
  await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-mari`);
  const badge = page.getByRole('button', { name: /^WhatsAppi aken/ });
  await expect(badge).toHaveAttribute('data-state', 'open');
  await expect(badge).toHaveAccessibleName(/^WhatsAppi aken: avatud, jäänud (20 h 59 min|21 h)$/);
  await expect(badge).toHaveText(/^Aken avatud · jäänud/);
  // Dates in the rep's language: Estonian month names.
  await badge.click();
  await expect(page.getByRole('note')).toContainText(/Klient kirjutas viimati \d+\. (jaan|veebr|märts|apr|mai|juuni|juuli|aug|sept|okt|nov|dets)/);

  await page.getByRole('button', { name: 'WhatsAppi mallid' }).click();
  const dialog = page.getByRole('dialog', { name: 'WhatsAppi mallid' });
  await expect(dialog.getByRole('searchbox', { name: 'Otsi malle' })).toBeFocused();
  await expect(dialog.getByLabel('Keel')).toBeVisible();
  await dialog.getByRole('searchbox', { name: 'Otsi malle' }).fill('tellimus');
  await dialog.getByRole('listbox', { name: 'Mallid' }).getByRole('option').first().click();
  await expect(dialog.getByRole('button', { name: 'Lisa vastusesse' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Saada mall' })).toBeVisible();
  await expect(dialog.getByText(/\/ 1024 märki|Kohustuslik/).first()).toBeVisible();
});
