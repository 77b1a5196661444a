import { expect, type Page } from '@playwright/test';
import type { FakeTwilio } from '../../fake-twilio';

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

export interface ShownMessage {
  sid: string;
  direction: string;
  status: string | null;
}

/** What the thread shows, oldest first: each message's SID, direction and (for ours) Twilio's status. */
export async function shownThread(page: Page): Promise<ShownMessage[]> {
  return shownMessages(page).evaluateAll((nodes) =>
    nodes.map((node) => ({ sid: node.getAttribute('data-sid') ?? '', direction: node.getAttribute('data-direction') ?? '', status: node.getAttribute('data-status') })),
  );
}

/** The fake's messages between the sender and the customer's addresses, oldest first, as the panel should show them. */
export function fakeThread(fake: FakeTwilio, sender: string, addresses: readonly string[]): ShownMessage[] {
  const customer = new Set(addresses.map((a) => (a.startsWith('whatsapp:') ? a : `whatsapp:${a}`)));
  const us = `whatsapp:${sender}`;
  return fake.control
    .messages()
    .filter((m) => (m.from === us && customer.has(m.to)) || (m.to === us && customer.has(m.from)))
    .reverse()
    .map((m) => ({ sid: m.sid, direction: m.direction === 'inbound' ? 'inbound' : 'outbound', status: m.direction === 'inbound' ? null : m.status }));
}
