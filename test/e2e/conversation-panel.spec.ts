import type { Page } from '@playwright/test';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../fake-twilio/seeds/demo';
import { SAMPLE_PDF, SAMPLE_PNG } from '../fake-twilio/seeds/media-samples';
import { PIPEDRIVE, expect, test } from './fixtures';
import { connectAndSync } from './helpers';
import { fakeThread, launcher, openPanel, panel, panelBadge, replyBox, shownMessages, shownThread, thread } from './pages/panel';
import { addOrderTemplate, choose, dialog } from './pages/picker';

const SALES = DEMO_SENDERS[0].number;
const { mari, joao, lucia } = DEMO_CONTACTS;
const MIN = 60_000;
/** Test-served Pipedrive records (test/fixtures/pipedrive/records.json). */
const PERSON = { mari: 101, landlineFirst: 301, mexico: 302, joao: 303, markup: 304, jonas: 305 } as const;
/** A lead whose person is Lucía García (105). */
const LEAD = '3f1c9a2e-c8b1-11f0-9d4e-0242ac130003';
const OLIVIA_MOBILE = '+447400123456';

const posts = (fake: { control: { requests(): Array<{ method: string; path: string; form: Record<string, string> | null }> } }) =>
  fake.control.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json'));

async function personPage(page: Page, id: number) {
  await openPanel(page, `${PIPEDRIVE.textarea}/person/${id}`);
}

test.describe('Pipedrive: the conversation panel', () => {
  test('shows the person’s thread as Twilio has it, and pages back with “Show earlier messages”', async ({ context, openPopup, fakeTwilio }) => {
    // 60 more messages from Mari over the last days: more than the first 50.
    for (let i = 0; i < 60; i++) fakeTwilio.control.addInbound({ from: mari.number, body: `Küsimus ${i}`, at: Date.now() - (4_000 - i * 40) * MIN });
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await personPage(page, PERSON.mari);
    const all = fakeThread(fakeTwilio, SALES, [mari.number]);
    await expect.poll(() => shownThread(page)).toEqual(all.slice(-50));
    await expect(panel(page).getByRole('heading', { name: 'Mari Tamm' })).toBeVisible();
    await expect(panelBadge(page)).toHaveAttribute('data-state', 'open');
    await expect(shownMessages(page).last()).toContainText('Tere, Mari! Jah, see läks täna hommikul teele.');
    await expect(shownMessages(page).last()).toBeInViewport();

    await thread(page).getByRole('button', { name: 'Show earlier messages' }).click();
    await expect.poll(() => shownThread(page)).toEqual(all);
    await expect(thread(page).getByRole('button', { name: 'Show earlier messages' })).toHaveCount(0);
    // Day separators in the rep's locale.
    await expect(thread(page).getByRole('separator', { name: 'Today' })).toBeVisible();

    // Escape closes, the focus goes back to the launcher; the shortcut opens it again, and it stays open across pages.
    await page.keyboard.press('Escape');
    await expect(panel(page)).toHaveCount(0);
    await expect(launcher(page)).toBeFocused();
    await expect(launcher(page)).toHaveAttribute('title', /Alt\+Shift\+C/);
    await page.keyboard.press('Alt+Shift+C');
    await expect(panel(page)).toBeVisible();
    await page.goto(`${PIPEDRIVE.textarea}/person/${PERSON.joao}`);
    await expect(panel(page)).toBeVisible();
  });

  test('the panel is loaded when first opened, into our world only: the page can neither see nor fetch it', async ({ context, openPopup, fakeTwilio, extensionId }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.textarea}/person/${PERSON.mari}`);
    await expect(launcher(page)).toBeVisible();
    const viewStyles = () => page.locator('wat-conversation-panel').evaluate((host) => host.shadowRoot?.querySelectorAll('style[data-views]').length ?? -1);
    expect(await viewStyles()).toBe(0); // nothing of the panel is in the page before the rep asks for it
    // Not web-accessible: a page cannot fetch the views script, nor so tell that the extension is installed.
    const fetched = await page.evaluate((url) => fetch(url).then(() => 'fetched', () => 'refused'), `chrome-extension://${extensionId}/pipedrive-views.js`);
    expect(fetched).toBe('refused');

    await launcher(page).click();
    await expect(panel(page).getByRole('heading', { name: 'Mari Tamm' })).toBeVisible();
    await expect.poll(() => shownThread(page)).toEqual(fakeThread(fakeTwilio, SALES, [mari.number]).slice(-50));
    expect(await viewStyles()).toBe(1);
    expect(await page.evaluate(() => Object.keys(window).filter((key) => key.startsWith('__whatsapp')))).toEqual([]);
    // Closed and opened again: drawn from what was loaded, no second copy.
    await page.keyboard.press('Escape');
    await expect(panel(page)).toHaveCount(0);
    await launcher(page).click();
    await expect(panel(page)).toBeVisible();
    expect(await viewStyles()).toBe(1);
  });

  test('shows an image and a PDF the customer sent, as bytes from the background', async ({ context, openPopup, fakeTwilio }) => {
    fakeTwilio.control.addInbound({ from: mari.number, body: 'Siin on pilt', media: [{ contentType: 'image/png', base64: SAMPLE_PNG.base64 }] });
    fakeTwilio.control.addInbound({ from: mari.number, body: '', media: [{ contentType: 'application/pdf', filename: 'arve-10482.pdf', base64: SAMPLE_PDF.base64 }] });
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    const pageRequests: string[] = [];
    page.on('request', (request) => pageRequests.push(request.url()));
    await personPage(page, PERSON.mari);

    const open = thread(page).getByRole('button', { name: 'Open the customer’s image at full size' });
    await expect(open).toBeVisible();
    const image = open.locator('img');
    await expect(image).toHaveAttribute('alt', 'Image from the customer');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(8);
    // The files arrived after the text: the newest message is still the one in view.
    await expect(shownMessages(page).last()).toBeInViewport();
    await open.click();
    await expect(page.getByRole('dialog', { name: /full size/ })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: /full size/ })).toHaveCount(0);
    await expect(panel(page)).toBeVisible();

    const file = thread(page).locator('.media-file');
    await expect(file).toContainText('arve-10482.pdf');
    const download = file.getByRole('link', { name: 'Download arve-10482.pdf' });
    await expect(download).toHaveAttribute('href', /^blob:https:\/\/acme\.pipedrive\.com\//);
    // The page never saw a Twilio media URL (they work like credentials).
    expect(pageRequests.filter((url) => /twilio(cdn)?\.com/.test(url))).toEqual([]);
    const html = await panel(page).evaluate((node) => (node.getRootNode() as ShadowRoot).getHTML());
    expect(html).not.toMatch(/twilio\.com|twiliocdn|\/Media\//);
  });

  test('“Send reply” POSTs Body, From and To once, and the reply goes queued → delivered → read', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    // Slow enough to watch every step with the panel's follow-up polling.
    fakeTwilio.control.setStatusDelays({ sentMs: 3_000, deliveredMs: 6_000, readMs: 11_000 });
    const page = await context.newPage();
    await personPage(page, PERSON.mari);
    await expect(panelBadge(page)).toHaveAttribute('data-state', 'open');
    fakeTwilio.control.clearRequests();

    await replyBox(page).fill('Tere, Mari! Pakk jõuab homme.');
    await panel(page).getByRole('button', { name: 'Send reply' }).dblclick();
    const reply = shownMessages(page).filter({ hasText: 'Tere, Mari! Pakk jõuab homme.' });
    await expect(reply).toHaveAttribute('data-status', 'queued');
    await expect(replyBox(page)).toHaveValue('');
    expect(posts(fakeTwilio)).toHaveLength(1);
    const form = posts(fakeTwilio)[0]!.form!;
    expect(form).toEqual({ To: `whatsapp:${mari.number}`, From: `whatsapp:${SALES}`, Body: 'Tere, Mari! Pakk jõuab homme.' });
    await expect(reply).toHaveAttribute('data-status', 'delivered', { timeout: 12_000 });
    await expect(reply).toHaveAttribute('data-status', 'read', { timeout: 12_000 });
    await expect(reply).toContainText('Read');
    expect(posts(fakeTwilio)).toHaveLength(1);

    // Enter sends too, Shift+Enter adds a line.
    await replyBox(page).press('Shift+Enter');
    await expect(replyBox(page)).toHaveValue('\n');
    await replyBox(page).fill('Veel üks');
    await replyBox(page).press('Enter');
    await expect(shownMessages(page).filter({ hasText: 'Veel üks' })).toHaveCount(1);
    expect(posts(fakeTwilio)).toHaveLength(2);
  });

  test('a reply that fails is explained in words and offers “Retry”, which is a new send', async ({ context, openPopup, fakeTwilio }) => {
    // Every message to Jonas fails: his number is not on WhatsApp (63024).
    await connectAndSync(await openPopup(), fakeTwilio);
    fakeTwilio.control.setStatusDelays({ sentMs: 500, deliveredMs: 1_000, readMs: 2_000 });
    const page = await context.newPage();
    await personPage(page, PERSON.jonas);
    await expect(panelBadge(page)).toHaveAttribute('data-state', 'open');
    fakeTwilio.control.clearRequests();
    await replyBox(page).fill('Hallo Jonas, hier ist das Angebot.');
    await panel(page).getByRole('button', { name: 'Send reply' }).click();
    const failed = shownMessages(page).filter({ hasText: 'hier ist das Angebot' });
    await expect(failed).toHaveAttribute('data-status', 'undelivered', { timeout: 10_000 });
    await expect(failed).toContainText('not on WhatsApp');
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect(shownMessages(page).filter({ hasText: 'hier ist das Angebot' })).toHaveCount(2);
    expect(posts(fakeTwilio).map((r) => r.form?.Body)).toEqual(['Hallo Jonas, hier ist das Angebot.', 'Hallo Jonas, hier ist das Angebot.']);
  });

  test('a closed window disables the reply, and a template sent from the panel appears in the thread', async ({ context, openPopup, fakeTwilio }) => {
    const template = addOrderTemplate(fakeTwilio);
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await personPage(page, PERSON.joao);
    await expect(panelBadge(page)).toHaveAttribute('data-state', 'closed');
    await expect(replyBox(page)).toBeDisabled();
    await expect(panel(page).getByText('The 24-hour window is closed')).toBeVisible();

    await panel(page).getByRole('button', { name: 'WhatsApp templates' }).click();
    await choose(page, 'e2e_order_update');
    await expect(dialog(page).getByRole('button', { name: 'Insert into reply' })).toBeDisabled();
    // Pre-filled from the Pipedrive person (API v2).
    await expect(dialog(page).getByLabel('{{1}}', { exact: true })).toHaveValue('João');
    await dialog(page).getByLabel('{{2}}', { exact: true }).fill('B-77');
    await dialog(page).getByRole('button', { name: 'Send template' }).click();
    await dialog(page).getByRole('button', { name: 'Send now' }).click();
    await expect(dialog(page).getByRole('status')).toBeVisible();
    expect(posts(fakeTwilio).at(-1)!.form).toMatchObject({ To: `whatsapp:${joao.number}`, ContentSid: template.sid });
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
    // That Escape was the picker's: the panel stays, and the focus is back on the button that opened the picker.
    await expect(panel(page)).toBeVisible();
    await expect(panel(page).getByRole('button', { name: 'WhatsApp templates' })).toBeFocused();
    const sent = shownMessages(page).filter({ hasText: 'Template: e2e_order_update' });
    await expect(sent).toHaveCount(1);
    await expect(sent).toHaveAttribute('data-direction', 'outbound');
    await expect(sent).toContainText('Hi João, your order B-77 is ready for pickup.');
  });

  test('while the window is open, “Insert into reply” fills the reply box for the rep to edit', async ({ context, openPopup, fakeTwilio }) => {
    addOrderTemplate(fakeTwilio);
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await personPage(page, PERSON.mari);
    await expect(panelBadge(page)).toHaveAttribute('data-state', 'open');
    await panel(page).getByRole('button', { name: 'WhatsApp templates' }).click();
    await choose(page, 'e2e_order_update');
    await dialog(page).getByLabel('{{2}}', { exact: true }).fill('A-9');
    await dialog(page).getByRole('button', { name: 'Insert into reply' }).click();
    await expect(dialog(page)).toHaveCount(0);
    await expect(replyBox(page)).toHaveValue('Hi Mari, your order A-9 is *ready* for pickup.');
    await expect(replyBox(page)).toBeFocused();
    // A draft survives leaving the page and coming back.
    await replyBox(page).press('End');
    await replyBox(page).pressSequentially(' See you!');
    await page.goto(`${PIPEDRIVE.textarea}/person/${PERSON.joao}`);
    await page.goto(`${PIPEDRIVE.textarea}/person/${PERSON.mari}`);
    await expect(replyBox(page)).toHaveValue('Hi Mari, your order A-9 is *ready* for pickup. See you!');
  });

  test('a new message appears within 10 s without a reload, and the customer’s message opens the window', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await personPage(page, PERSON.joao);
    await expect(panelBadge(page)).toHaveAttribute('data-state', 'closed');
    await expect(shownMessages(page)).not.toHaveCount(0);
    fakeTwilio.control.addInbound({ from: joao.number, body: 'Olá, já recebi o boleto, obrigado!' });
    await expect(shownMessages(page).filter({ hasText: 'já recebi o boleto' })).toHaveCount(1, { timeout: 10_000 });
    await expect(panelBadge(page)).toHaveAttribute('data-state', 'open');
    await expect(replyBox(page)).toBeEnabled();
  });

  test('chooses the mobile with WhatsApp over a landline listed first; the “WhatsApp number” switches the thread', async ({ context, openPopup, fakeTwilio }) => {
    const hello = fakeTwilio.control.addInbound({ from: OLIVIA_MOBILE, body: 'Hi, Olivia here', at: Date.now() - 5 * MIN });
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await personPage(page, PERSON.landlineFirst);
    const number = panel(page).getByLabel('WhatsApp number');
    await expect(number).toHaveValue(OLIVIA_MOBILE);
    await expect.poll(() => shownThread(page)).toEqual([{ sid: hello.sid, direction: 'inbound', status: null }]);
    await number.selectOption({ index: 0 });
    await expect(thread(page).getByText('No WhatsApp messages with this number yet.')).toBeVisible();
    await expect(shownMessages(page)).toHaveCount(0);
    // The choice is remembered for the person.
    await page.reload();
    await launcher(page).or(panel(page)).first().waitFor();
    if (await launcher(page).isVisible()) await launcher(page).click();
    await expect(panel(page).getByLabel('WhatsApp number')).not.toHaveValue(OLIVIA_MOBILE);
  });

  test('a Mexican +52 person matches Twilio’s +521 messages, and replies go to the +521 form', async ({ context, openPopup, fakeTwilio }) => {
    const hola = fakeTwilio.control.addInbound({ from: '+5215512345678', body: 'Hola, ¿tienen envío a CDMX?', at: Date.now() - 10 * MIN });
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await personPage(page, PERSON.mexico);
    await expect.poll(() => shownThread(page)).toEqual([{ sid: hola.sid, direction: 'inbound', status: null }]);
    await expect(panelBadge(page)).toHaveAttribute('data-state', 'open');
    fakeTwilio.control.clearRequests();
    await replyBox(page).fill('¡Sí!');
    await panel(page).getByRole('button', { name: 'Send reply' }).click();
    await expect(shownMessages(page).filter({ hasText: '¡Sí!' })).toHaveCount(1);
    expect(posts(fakeTwilio).map((r) => r.form?.To)).toEqual(['whatsapp:+5215512345678']);
  });

  test('a deal and a lead show their person’s conversation; person A → person B by pushState shows B only', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    const mariThread = fakeThread(fakeTwilio, SALES, [mari.number]);
    await openPanel(page, `${PIPEDRIVE.textarea}/deal/201`);
    await expect.poll(() => shownThread(page)).toEqual(mariThread);
    await page.goto(`${PIPEDRIVE.textarea}/leads/inbox/${LEAD}`);
    await expect(panel(page).getByRole('heading', { name: 'Lucía García' })).toBeVisible();
    await expect.poll(() => shownThread(page)).toEqual(fakeThread(fakeTwilio, SALES, [lucia.number]));

    const joaoThread = fakeThread(fakeTwilio, SALES, [joao.number]);
    await page.goto(`${PIPEDRIVE.textarea}/person/${PERSON.mari}`);
    await expect.poll(() => shownThread(page)).toEqual(mariThread);
    const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.evaluate((id) => history.pushState({}, '', `/person/${id}`), PERSON.joao);
    await expect(panel(page).getByRole('heading', { name: 'João Silva' })).toBeVisible();
    await expect.poll(() => shownThread(page)).toEqual(joaoThread);
    for (const { sid } of mariThread) await expect(thread(page).locator(`[data-sid="${sid}"]`)).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(marker); // no reload
  });

  test('markup in a message, a file name and a person’s name stays text', async ({ context, openPopup, fakeTwilio }) => {
    const xss = '<img src=x onerror="window.__xss=1">';
    fakeTwilio.control.addInbound({ from: '+37255551234', body: `Hello ${xss}` });
    fakeTwilio.control.addInbound({ from: '+37255551234', body: '', media: [{ contentType: 'application/pdf', filename: `${xss}.pdf`, base64: SAMPLE_PDF.base64 }] });
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await personPage(page, PERSON.markup);
    await expect(panel(page).getByRole('heading', { name: /^Eve / })).toHaveText(`Eve ${xss}`);
    await expect(shownMessages(page).filter({ hasText: `Hello ${xss}` })).toHaveCount(1);
    await expect(thread(page).locator('.media-file')).toContainText('.pdf');
    const images = await panel(page).evaluate((node) => (node.getRootNode() as ShadowRoot).querySelectorAll('img').length);
    expect(images).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  test('before Twilio is connected, the panel says so (and asks for no number)', async ({ context }) => {
    const page = await context.newPage();
    await personPage(page, PERSON.mari);
    await expect(thread(page)).toContainText('Connect Twilio in the extension popup first');
    await expect(panel(page).getByLabel("Customer's WhatsApp number")).toHaveCount(0);
    await expect(replyBox(page)).toBeDisabled();
  });

  test('the Twilio secret never reaches the page', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    const seen: string[] = [];
    page.on('request', (request) => seen.push(request.url() + JSON.stringify(request.headers()) + (request.postData() ?? '')));
    page.on('console', (message) => seen.push(message.text()));
    await personPage(page, PERSON.mari);
    await expect(shownMessages(page)).not.toHaveCount(0);
    const everything = await page.evaluate(() => document.documentElement.outerHTML + JSON.stringify(localStorage) + JSON.stringify(sessionStorage));
    const shadow = await panel(page).evaluate((node) => (node.getRootNode() as ShadowRoot).getHTML());
    for (const text of [everything, shadow, ...seen]) {
      expect(text).not.toContain(fakeTwilio.credentials.authToken);
      expect(text).not.toContain(btoa(`${fakeTwilio.credentials.accountSid}:${fakeTwilio.credentials.authToken}`));
    }
  });
});
