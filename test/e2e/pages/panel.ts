import { expect, type Page } from '@playwright/test';
import type { ShownMessage } from '../../shared/fake-twilio-data';

export { fakeThread, type ShownMessage } from '../../shared/fake-twilio-data';

/** The conversation panel as a rep meets it on a Pipedrive person, deal or lead. */
export const launcher = (page: Page) => page.getByRole('button', { name: 'Open WhatsApp conversation' });
export const panel = (page: Page) => page.getByRole('region', { name: 'WhatsApp conversation' });
export const thread = (page: Page) => panel(page).getByRole('log', { name: 'WhatsApp messages' });
export const shownMessages = (page: Page) => thread(page).locator('[data-direction]');
export const replyBox = (page: Page) => panel(page).getByRole('textbox', { name: 'WhatsApp reply' });
export const panelBadge = (page: Page) => panel(page).getByRole('button', { name: /^WhatsApp session/ });

export async function openPanel(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await launcher(page).click();
  await expect(panel(page)).toBeVisible();
}

/** What the thread shows, oldest first: each message's SID, direction and (for ours) Twilio's status. */
export async function shownThread(page: Page): Promise<ShownMessage[]> {
  return shownMessages(page).evaluateAll((nodes) =>
    nodes.map((node) => ({ sid: node.getAttribute('data-sid') ?? '', direction: node.getAttribute('data-direction') ?? '', status: node.getAttribute('data-status') })),
  );
}
