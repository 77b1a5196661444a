import type { Page } from 'puppeteer-core';
import type { FakeTwilio } from '../fake-twilio';
import { DEMO_SENDERS } from '../fake-twilio/seeds/demo';
import { attribute, choose, click, fill, find, type Target } from './dom';

/** The popup, the Pipedrive badge, the conversation panel and the picker, as a rep meets them (Firefox's page objects). */
export const popup = {
  accountSid: { css: 'input', name: 'Account SID' },
  authToken: { css: 'input', name: 'Auth Token' },
  remember: { css: 'input[type="checkbox"]', name: 'Remember on this device' },
  connect: { css: 'button[type="submit"]', name: 'Connect' },
  status: { css: '[role="status"]' },
  sender: { css: 'select', name: 'WhatsApp sender' },
  syncNow: { css: 'button', name: 'Sync now' },
  counts: { css: 'dl.counts > div' },
} satisfies Record<string, Target>;

export const badge = { css: 'button[data-state]', name: /^WhatsApp session/ } satisfies Target;

export const panel = {
  launcher: { css: 'button', name: 'Open WhatsApp conversation' },
  region: { css: '[role="region"]', name: 'WhatsApp conversation' },
  heading: { css: '[role="region"] h2' },
  badge: { css: '[role="region"] button[data-state]', name: /^WhatsApp session/ },
  messages: { css: '[role="log"][aria-label="WhatsApp messages"] [data-direction]' },
  reply: { css: 'textarea', name: 'WhatsApp reply' },
  sendReply: { css: 'button', name: 'Send reply' },
  templates: { css: '[role="region"] button', name: 'WhatsApp templates' },
} satisfies Record<string, Target>;

export const picker = {
  // A native <dialog> (its role is implicit).
  dialog: { css: 'dialog', name: 'WhatsApp templates' },
  search: { css: 'input[type="search"]', name: 'Search templates' },
  option: (name: string): Target => ({ css: '[role="option"]', text: new RegExp(name) }),
  variable: (key: string): Target => ({ css: 'dialog input', name: `{{${key}}}` }),
  send: { css: 'dialog button', name: 'Send template' },
  sendNow: { css: 'dialog button', name: 'Send now' },
  status: { css: 'dialog [role="status"]' },
} satisfies Record<string, Target | ((name: string) => Target)>;

/** Connects Twilio through the popup's form with the fake's Auth Token; waits for "Connected". */
export async function connectWithToken(page: Page, fake: FakeTwilio, { remember = true } = {}): Promise<void> {
  await fill(page, popup.accountSid, fake.credentials.accountSid);
  await fill(page, popup.authToken, fake.credentials.authToken);
  const box = await find(page, popup.remember);
  if ((await box.evaluate((el) => (el as HTMLInputElement).checked)) !== remember) await box.click();
  await click(page, popup.connect);
  await find(page, { ...popup.status, text: /^Connected/ });
}

/** Connects, chooses the demo's first sender, and waits until both kinds have synced once. */
export async function connectAndSync(page: Page, fake: FakeTwilio, { remember = true } = {}): Promise<void> {
  await connectWithToken(page, fake, { remember });
  await choose(page, popup.sender, DEMO_SENDERS[0].number);
  await find(page, { css: 'time', text: /^Templates synced/ });
  await find(page, { css: 'time', text: /^Conversations synced/ });
}

/**
 * Waits until no sync runs ("Sync now" again, not "Syncing…") and one second more: what Twilio had at the first sync
 * counts as read, to Twilio's whole seconds, so a customer's message from then on is new.
 */
export async function untilSyncsSettle(page: Page): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await attribute(page, popup.syncNow, 'aria-busy')) !== 'false') {
    if (Date.now() > deadline) throw new Error('A sync was still running after 10 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 1_100));
}
