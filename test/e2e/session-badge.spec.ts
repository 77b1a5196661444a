import type { Page } from '@playwright/test';
import { PIPEDRIVE, expect, test } from './fixtures';

const badge = (page: Page) => page.getByRole('img', { name: /^WhatsApp session/ });

test.describe('Pipedrive: the session badge', () => {
  for (const [variant, origin] of Object.entries(PIPEDRIVE)) {
    test(`mounts in an open shadow root beside the ${variant} composer`, async ({ context }) => {
      const page = await context.newPage();
      await page.goto(`${origin}/messaging/inbox/c-mari`);
      await expect(badge(page)).toHaveAttribute('data-state', 'unknown');
      await expect(badge(page)).toHaveAccessibleName('WhatsApp session: unknown, Twilio is not connected');

      // Beside the composer, inside an open shadow root, exactly once.
      const placement = await page.evaluate(() => {
        const hosts = document.querySelectorAll('wat-session-badge');
        const host = hosts[0];
        return {
          count: hosts.length,
          open: host?.shadowRoot !== null && host?.shadowRoot !== undefined,
          nextIsComposer: host?.nextElementSibling?.getAttribute('data-test') === 'messaging-composer',
        };
      });
      expect(placement).toEqual({ count: 1, open: true, nextIsComposer: true });
    });
  }

  test('follows the rep to another conversation without a reload', async ({ context }) => {
    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-mari`);
    await expect(badge(page)).toBeVisible();
    await page.evaluate(() => ((window as unknown as { navigated: boolean }).navigated = true));
    await page.getByRole('link', { name: 'Lucía García' }).click();
    await expect(page.getByRole('heading', { name: 'Lucía García' })).toBeVisible();
    await expect(badge(page)).toHaveCount(1);
    await expect(badge(page)).toBeVisible();
    // Same document: the app navigated with pushState.
    expect(await page.evaluate(() => (window as unknown as { navigated?: boolean }).navigated)).toBe(true);
  });

  test('says "not synced yet" once Twilio is connected', async ({ context, openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await popup.getByLabel('Account SID').fill(fakeTwilio.credentials.accountSid);
    await popup.getByLabel('Auth Token').fill(fakeTwilio.credentials.authToken);
    await popup.getByRole('button', { name: 'Connect' }).click();
    await expect(popup.getByRole('status')).toContainText('Connected');

    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-mari`);
    await expect(badge(page)).toHaveAccessibleName('WhatsApp session: unknown, not synced yet');
  });
});
