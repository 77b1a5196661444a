import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { FakeTwilio } from '../../fake-twilio';
import { PIPEDRIVE } from '../harness';
import { connectAndSync } from '../helpers';

export { addOrderTemplate } from '../../shared/fake-twilio-data';

/** The template picker as a rep meets it on a Pipedrive conversation (shared by the picker and bad-input specs). */
export const dialog = (page: Page) => page.getByRole('dialog', { name: 'WhatsApp templates' });
export const results = (page: Page) => dialog(page).getByRole('listbox', { name: 'Templates' }).getByRole('option');

export async function openPicker(page: Page, origin: string, conversation: string) {
  await page.goto(`${origin}/messaging/inbox/${conversation}`);
  await page.getByRole('button', { name: /^WhatsApp session/ }).waitFor();
  await page.getByRole('button', { name: 'WhatsApp templates' }).click();
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).getByRole('searchbox', { name: 'Search templates' })).toBeFocused();
}

/** The rep's path to a template: sync the fake into the extension, open the picker on Mari's conversation, choose it. */
export async function syncAndChoose(context: BrowserContext, popup: Page, fake: FakeTwilio, name: string): Promise<Page> {
  await connectAndSync(popup, fake);
  const page = await context.newPage();
  await openPicker(page, PIPEDRIVE.textarea, 'c-mari');
  await choose(page, name);
  return page;
}

export async function choose(page: Page, name: string) {
  await dialog(page).getByRole('searchbox', { name: 'Search templates' }).fill(name);
  await results(page).filter({ hasText: name }).first().click();
}
