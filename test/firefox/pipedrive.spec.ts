import type { Page } from 'puppeteer-core';
import { PIPEDRIVE } from '../fake-pipedrive';
import type { FakeTwilio } from '../fake-twilio';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../fake-twilio/seeds/demo';
import { SAMPLE_PDF, SAMPLE_PNG, sampleMedia } from '../fake-twilio/seeds/media-samples';
import { addOrderTemplate, fakeThread } from '../shared/fake-twilio-data';
import { attribute, attributesOfAll, click, count, fill, find, texts } from './dom';
import { expect, test } from './fixtures';
import type { FirefoxWithExtension } from './harness';
import { badge, connectAndSync, panel, picker } from './pages';

const SALES = DEMO_SENDERS[0].number;
const { mari, joao } = DEMO_CONTACTS;
/** Test-served Pipedrive records (test/fixtures/pipedrive/records.json). */
const PERSON = { mari: 101, joao: 303 } as const;

const messagePosts = (fake: FakeTwilio) => fake.control.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json'));

/** What the thread shows, oldest first: each message's SID, direction and (for ours) Twilio's status. */
const shownThread = async (page: Page) =>
  (await attributesOfAll(page, panel.messages, ['data-sid', 'data-direction', 'data-status'])).map((m) => ({ sid: m['data-sid'], direction: m['data-direction'], status: m['data-status'] }));

async function openPanel(firefox: FirefoxWithExtension, person: number): Promise<Page> {
  const page = await firefox.openPipedrive(`${PIPEDRIVE.textarea}/person/${person}`);
  await click(page, panel.launcher);
  await find(page, panel.region);
  return page;
}

test('the badge on a Messaging conversation shows each window: unknown, open, expiring, closed', async ({ firefox, fake }) => {
  const page = await firefox.openPipedrive(`${PIPEDRIVE.textarea}/messaging/inbox/c-mari`);
  await expect.poll(() => attribute(page, badge, 'aria-label')).toBe('WhatsApp session: unknown, Twilio is not connected');

  await connectAndSync(await firefox.openExtensionPage('/popup.html'), fake);
  // Back to the Pipedrive tab: Firefox runs no CSS animation in a background tab, and our UI is found by one.
  await page.bringToFront();
  const cases: Array<[string, string, RegExp]> = [
    ['c-mari', 'open', /^WhatsApp session: open, (20 h 59 min|21 h) left$/],
    ['c-lucia', 'expiring', /^WhatsApp session: expiring, (59 min|1 h) left$/],
    ['c-joao', 'closed', /^WhatsApp session: closed, templates only$/],
    ['c-kevin', 'unknown', /^WhatsApp session: unknown, no WhatsApp number found$/],
  ];
  for (const [conversation, state, name] of cases) {
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/${conversation}`);
    await expect.poll(() => attribute(page, badge, 'data-state'), { message: conversation }).toBe(state);
    expect(await attribute(page, badge, 'aria-label')).toMatch(name);
    // A closed window says so above the composer.
    expect(await count(page, { css: '[role="note"]', text: /free-form replies will fail/ })).toBe(state === 'closed' ? 1 : 0);
  }
});

test('the conversation panel on a person shows the thread as Twilio has it, the person read with the page’s session; Escape and Alt+Shift+C close and open it', async ({ firefox, fake }) => {
  await connectAndSync(await firefox.openExtensionPage('/popup.html'), fake);
  const page = await openPanel(firefox, PERSON.mari);
  await expect.poll(() => shownThread(page)).toEqual(fakeThread(fake, SALES, [mari.number]).slice(-50));
  expect(await texts(page, panel.heading)).toEqual(['Mari Tamm']);
  expect(await attribute(page, panel.badge, 'data-state')).toBe('open');
  expect((await texts(page, panel.messages)).at(-1)).toContain('Tere, Mari! Jah, see läks täna hommikul teele.');
  // Escape closes it, and the shortcut opens it again (Firefox keeps Alt+Shift+C for the page).
  await page.keyboard.press('Escape');
  await expect.poll(() => count(page, panel.region)).toBe(0);
  await page.keyboard.down('Alt');
  await page.keyboard.down('Shift');
  await page.keyboard.press('KeyC');
  await page.keyboard.up('Shift');
  await page.keyboard.up('Alt');
  await find(page, panel.region);

  // Firefox: a content script's own fetch is the extension's (no Pipedrive cookies); the person was read with the
  // page's fetch (`content.fetch`), so with the rep's Pipedrive session and no token.
  const personReads = firefox.pipedriveApi.filter((r) => new URL(r.url).pathname === `/api/v2/persons/${PERSON.mari}`);
  expect(personReads.length).toBeGreaterThan(0);
  expect(personReads.every((r) => r.status === 200 && r.hasSessionCookie && !r.hasTokenHeader)).toBe(true);
});

test('the customer’s image and PDF show in the thread, made from bytes the background fetched', async ({ firefox, fake }) => {
  fake.control.addInbound({ from: mari.number, body: 'Siin on pilt', media: [sampleMedia(SAMPLE_PNG)] });
  fake.control.addInbound({ from: mari.number, body: '', media: [sampleMedia(SAMPLE_PDF, { filename: 'arve-10482.pdf' })] });
  await connectAndSync(await firefox.openExtensionPage('/popup.html'), fake);
  const page = await openPanel(firefox, PERSON.mari);

  const image = { css: '[role="log"] button img', name: 'Image from the customer' };
  await expect.poll(async () => (await find(page, image)).evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 15_000 }).toBe(8);
  const download = { css: '[role="log"] .media-file a', name: 'Download arve-10482.pdf' };
  expect(await attribute(page, download, 'href')).toMatch(/^blob:/);
  // The page never held a Twilio media URL (they work like credentials): only the background asked for the files.
  const html = await page.evaluate(() => [...document.querySelectorAll('*')].map((el) => el.shadowRoot?.getHTML() ?? '').join(''));
  expect(html).not.toMatch(/twilio\.com|twiliocdn|\/Media\/|127\.0\.0\.1/);
  const fromCdn = fake.control.requests().filter((r) => r.path.startsWith('/__cdn/'));
  expect(fromCdn.length).toBeGreaterThanOrEqual(2);
  expect(fromCdn.every((r) => r.status === 200)).toBe(true);
});

test('a reply POSTs To, From and Body once, and goes queued → read in the thread', async ({ firefox, fake }) => {
  await connectAndSync(await firefox.openExtensionPage('/popup.html'), fake);
  fake.control.setStatusDelays({ sentMs: 1_000, deliveredMs: 2_000, readMs: 3_000 });
  const page = await openPanel(firefox, PERSON.mari);
  await expect.poll(() => attribute(page, panel.badge, 'data-state')).toBe('open');
  fake.control.clearRequests();

  await fill(page, panel.reply, 'Tere, Mari! Pakk jõuab homme.');
  await click(page, panel.sendReply);
  const reply = { ...panel.messages, text: /Tere, Mari! Pakk jõuab homme\./ };
  await expect.poll(() => attribute(page, reply, 'data-status')).toBe('queued');
  expect(messagePosts(fake).map((r) => r.form)).toEqual([{ To: `whatsapp:${mari.number}`, From: `whatsapp:${SALES}`, Body: 'Tere, Mari! Pakk jõuab homme.' }]);
  await expect.poll(() => attribute(page, reply, 'data-status'), { timeout: 15_000 }).toBe('read');
  expect(await texts(page, reply)).toEqual([expect.stringContaining('Read')]);
  expect(messagePosts(fake)).toHaveLength(1);
});

test('on a closed window the reply is disabled, and a template sent from the panel POSTs its SID and variables', async ({ firefox, fake }) => {
  const template = addOrderTemplate(fake);
  await connectAndSync(await firefox.openExtensionPage('/popup.html'), fake);
  const page = await openPanel(firefox, PERSON.joao);
  await expect.poll(() => attribute(page, panel.badge, 'data-state')).toBe('closed');
  expect(await (await find(page, panel.reply)).evaluate((el) => (el as HTMLTextAreaElement).disabled)).toBe(true);
  fake.control.clearRequests();

  await click(page, panel.templates);
  await find(page, picker.dialog);
  await fill(page, picker.search, 'e2e_order_update');
  await click(page, picker.option('e2e_order_update'));
  // Pre-filled from the Pipedrive person.
  await expect.poll(async () => (await find(page, picker.variable('1'))).evaluate((el) => (el as HTMLInputElement).value)).toBe('João');
  await fill(page, picker.variable('2'), 'B-77');
  await click(page, picker.send);
  await click(page, picker.sendNow);
  await expect.poll(() => texts(page, picker.status), { timeout: 15_000 }).toEqual(['Read by the customer']);

  expect(messagePosts(fake).map((r) => r.form)).toEqual([
    { To: `whatsapp:${joao.number}`, From: `whatsapp:${SALES}`, ContentSid: template.sid, ContentVariables: JSON.stringify({ '1': 'João', '2': 'B-77' }) },
  ]);
  await page.keyboard.press('Escape');
  await expect.poll(() => count(page, picker.dialog)).toBe(0);
  const sent = { ...panel.messages, text: /Template: e2e_order_update/ };
  await expect.poll(() => texts(page, sent)).toEqual([expect.stringContaining('Hi João, your order B-77 is ready for pickup.')]);
  expect(await attribute(page, sent, 'data-direction')).toBe('outbound');
});
