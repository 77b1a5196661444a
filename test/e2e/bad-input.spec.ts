import type { Page } from '@playwright/test';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../fake-twilio/seeds/demo';
import { PIPEDRIVE, expect, test } from './fixtures';
import { connectAndSync, fakeTemplates, storedTemplates, storedWindows } from './helpers';
import { addOrderTemplate, choose, dialog, openPicker, results, syncAndChoose } from './pages/picker';

/**
 * Odd input where the rep sees it: phone numbers as people write them on the Pipedrive page, variables WhatsApp
 * refuses or that merely look unusual, content types we do not know, an empty and a huge catalogue, and a very
 * chatty customer. Each either works or gets a clear message in words. (Template names and bodies carrying HTML
 * and script are in template-picker.spec.ts: shown as text, never as HTML.)
 */
const MARI = DEMO_CONTACTS.mari.number; // +37251234567, whose window is open in the demo seed
const SALES = DEMO_SENDERS[0];

/** Serves the inbox with these conversations instead of the fixture's (the page fetches the list when it loads). */
async function withConversations(page: Page, conversations: Array<{ id: string; name: string; phone: string }>) {
  await page.route('**/__fixtures__/conversations.json', (route) =>
    route.fulfill({
      json: conversations.map((c) => ({ ...c, channel: 'whatsapp', messages: [{ direction: 'inbound', text: 'Hello', at: '2026-11-25T08:00:00Z' }] })),
    }),
  );
}

const badge = (page: Page) => page.getByRole('button', { name: /^WhatsApp session/ });

test.describe('phone numbers as the Pipedrive page writes them', () => {
  const FORMS = [
    ['international, spaced', '+372 5123 4567'],
    ['international', '+37251234567'],
    ['with a 00 prefix', '00372 5123 4567'],
    ['national (default country EE)', '5123 4567'],
    ['in Arabic-Indic digits', '+٣٧٢ ٥١٢٣ ٤٥٦٧'],
    ['in fullwidth digits', '＋３７２ ５１２３ ４５６７'],
  ] as const;

  test('each form is Mari’s WhatsApp number: her open window, and a send addressed to +37251234567', async ({ context, openPopup, fakeTwilio, serviceWorker }) => {
    addOrderTemplate(fakeTwilio);
    await connectAndSync(await openPopup(), fakeTwilio);
    // The popup's "country for numbers without one": what a rep in Estonia would choose.
    await serviceWorker.evaluate(() => chrome.storage.local.set({ 'settings:defaultCountry': 'EE' }));
    const page = await context.newPage();
    await withConversations(page, FORMS.map(([, phone], i) => ({ id: `c-form-${i}`, name: 'Mari Tamm', phone })));
    for (const [i, [form]] of FORMS.entries()) {
      await openPicker(page, PIPEDRIVE.textarea, `c-form-${i}`);
      await expect(badge(page), form).toHaveAccessibleName(/^WhatsApp session: open/);
      await choose(page, 'e2e_order_update');
      await dialog(page).getByLabel('{{2}}', { exact: true }).fill('A-1');
      await dialog(page).getByRole('button', { name: 'Send template' }).click();
      await expect(dialog(page).getByText(`Send “e2e_order_update” to ${MARI} through Twilio now?`), form).toBeVisible();
      await page.keyboard.press('Escape');
    }
    expect(fakeTwilio.control.requests().filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  test('a number that is not a phone number says so, and the rep can type the number', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await withConversations(page, [{ id: 'c-short', name: 'Mari Tamm', phone: '+372 12' }]);
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-short`);
    await expect(badge(page)).toHaveAccessibleName('WhatsApp session: unknown, no WhatsApp number found');
  });
});

test.describe('variables', () => {
  test('emoji and right-to-left text work, and are sent exactly; tabs are refused in words; a line break never stays in the field', async ({ context, openPopup, fakeTwilio }) => {
    const template = addOrderTemplate(fakeTwilio);
    const page = await syncAndChoose(context, await openPopup(), fakeTwilio, 'e2e_order_update');
    const first = dialog(page).getByLabel('{{1}}', { exact: true });
    const second = dialog(page).getByLabel('{{2}}', { exact: true });
    const preview = dialog(page).getByRole('figure', { name: 'Preview' });
    const send = dialog(page).getByRole('button', { name: 'Send template' });

    await second.fill('A\tB');
    await expect(dialog(page).getByText('No line breaks or tabs (WhatsApp refuses them in variables).')).toBeVisible();
    await expect(send).toBeDisabled();
    await second.fill('A\nB'); // a one-line field: the browser itself never keeps a line break (Chromium: a space)
    expect(await second.inputValue()).not.toMatch(/[\r\n]/);
    await expect(dialog(page).getByText('No line breaks or tabs (WhatsApp refuses them in variables).')).toHaveCount(0);

    // 250 emoji are 250 characters (not 500 UTF-16 units); the 251st is refused.
    await second.fill('📦'.repeat(251));
    await expect(dialog(page).getByText('At most 250 characters.')).toBeVisible();
    await second.fill('📦'.repeat(250));
    await expect(dialog(page).getByText('At most 250 characters.')).toHaveCount(0);
    await expect(send).toBeEnabled();

    const rtl = 'مريم تام';
    const order = 'הזמנה 42 📦🎉';
    await first.fill(rtl);
    await second.fill(order);
    await expect(preview).toHaveText(`Hi ${rtl}, your order ${order} is ready for pickup.`);
    await send.click();
    await dialog(page).getByRole('button', { name: 'Send now' }).click();
    await expect(dialog(page).getByRole('status')).toHaveText(/Delivered|Read by the customer/, { timeout: 10_000 });
    const posts = fakeTwilio.control.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json'));
    expect(posts).toHaveLength(1);
    expect(posts[0]!.form).toMatchObject({ ContentSid: template.sid, ContentVariables: JSON.stringify({ '1': rtl, '2': order }) });
    const message = fakeTwilio.control.messages().find((m) => m.direction === 'outbound-api' && m.body.includes(order));
    expect(message?.body).toBe(`Hi ${rtl}, your order ${order} is *ready* for pickup.`);
  });

  test('a message that would render over 1,024 characters is refused in words before anything is sent', async ({ context, openPopup, fakeTwilio }) => {
    const filler = 'Our terms apply. '.repeat(59).trim(); // 1,002 characters
    fakeTwilio.control.upsertTemplate({
      friendlyName: 'e2e_long_terms',
      language: 'en',
      types: { 'twilio/text': { body: `${filler} Ref {{1}}` } },
      approval: { status: 'approved', category: 'UTILITY', name: 'e2e_long_terms' },
    });
    const page = await syncAndChoose(context, await openPopup(), fakeTwilio, 'e2e_long_terms');
    const ref = dialog(page).getByLabel('{{1}}', { exact: true });
    const send = dialog(page).getByRole('button', { name: 'Send template' });
    const base = [...`${filler} Ref `].length;
    await ref.fill('x'.repeat(1_024 - base)); // exactly 1,024
    await expect(dialog(page).getByText('1,024 / 1,024 characters', { exact: false })).toBeVisible();
    await expect(send).toBeEnabled();
    await ref.fill('x'.repeat(1_025 - base));
    await expect(dialog(page).getByText('Too long: WhatsApp refuses messages over 1,024 characters.')).toBeVisible();
    await expect(send).toBeDisabled();
    await expect(dialog(page).getByRole('button', { name: 'Insert into reply' })).toBeDisabled();
    expect(fakeTwilio.control.requests().filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});

test('content types the extension does not know are listed, previewed from their text, or said to have no preview', async ({ context, openPopup, fakeTwilio }) => {
  fakeTwilio.control.upsertTemplate({
    friendlyName: 'e2e_flow_booking',
    language: 'en',
    types: { 'whatsapp/flows': { body: 'Book a slot, {{1}}', flow_id: '123', flow_token: 'x' } },
    approval: { status: 'approved', category: 'UTILITY', name: 'e2e_flow_booking' },
  });
  fakeTwilio.control.upsertTemplate({
    friendlyName: 'e2e_future_type',
    language: 'en',
    types: { 'twilio/hologram': { depth: 3, frames: [1, 2] } },
    approval: { status: 'approved', category: 'MARKETING', name: 'e2e_future_type' },
  });
  await connectAndSync(await openPopup(), fakeTwilio);
  const page = await context.newPage();
  await openPicker(page, PIPEDRIVE.textarea, 'c-mari');
  const preview = dialog(page).getByRole('figure', { name: 'Preview' });
  await choose(page, 'e2e_flow_booking');
  await expect(preview).toHaveText('Book a slot, Mari');
  await choose(page, 'e2e_future_type');
  await expect(results(page).filter({ hasText: 'e2e_future_type' })).toContainText('en · MARKETING');
  await expect(preview).toHaveText('Twilio’s “twilio/hologram” content has no preview here; WhatsApp shows it as defined in Twilio.');
  // Nothing to write into a reply: only sending the template through Twilio remains.
  await expect(dialog(page).getByRole('button', { name: 'Insert into reply' })).toBeDisabled();
  await expect(dialog(page).getByRole('button', { name: 'Send template' })).toBeEnabled();
});

test.describe('catalogue size', () => {
  test('an empty catalogue: the picker opens, searches, and says there are no templates', async ({ context, openPopup, fakeTwilio }) => {
    for (const { sid } of await fakeTemplates(fakeTwilio)) fakeTwilio.control.deleteTemplate(sid);
    const popup = await openPopup();
    await connectAndSync(popup, fakeTwilio);
    expect(await storedTemplates(popup)).toEqual([]);
    const page = await context.newPage();
    await openPicker(page, PIPEDRIVE.textarea, 'c-mari');
    const empty = 'No templates yet. Sync in the extension’s popup, or create templates in Twilio’s Content Template Builder.';
    await expect(dialog(page).getByText(empty)).toBeVisible();
    await dialog(page).getByRole('searchbox', { name: 'Search templates' }).fill('order');
    await expect(dialog(page).getByText('0 of 0')).toBeVisible();
    await expect(dialog(page).getByText(empty)).toBeVisible(); // still the reason, not "no match"
    await expect(dialog(page).getByText('No template matches.')).toHaveCount(0);
    await expect(results(page)).toHaveCount(0);
  });

  test('10,000 templates: synced in full, the picker opens, counts and finds one', async ({ context, openPopup, fakeTwilio }) => {
    test.setTimeout(120_000);
    for (let i = 0; i < 10_000; i++) {
      fakeTwilio.control.upsertTemplate({ friendlyName: `bulk_${i}`, language: 'en', types: { 'twilio/text': { body: `Bulk offer ${i}` } }, approval: { status: 'approved', category: 'UTILITY', name: `bulk_${i}` } });
    }
    const popup = await openPopup();
    await connectAndSync(popup, fakeTwilio);
    const total = (await storedTemplates(popup)).length;
    expect(total).toBe(10_041); // the demo's 41 and ours
    const page = await context.newPage();
    await openPicker(page, PIPEDRIVE.textarea, 'c-mari');
    await expect(dialog(page).getByText(/ of 10,041$/)).toBeVisible();
    await choose(page, 'bulk_9876');
    await expect(results(page).first()).toContainText('bulk_9876');
    await expect(dialog(page).getByRole('figure', { name: 'Preview' })).toHaveText('Bulk offer 9876');
  });
});

test('a customer who wrote 5,000 times today: the windows sync keeps the newest, and the badge is right', async ({ context, openPopup, fakeTwilio }) => {
  test.setTimeout(90_000);
  const newest = Math.floor((Date.now() - 5 * 60_000) / 1000) * 1000; // five minutes ago, whole seconds (RFC 2822)
  for (let i = 0; i < 5_000; i++) {
    fakeTwilio.control.addInbound({ from: MARI, body: `Message ${i}`, at: newest - (4_999 - i) * 10_000 });
  }
  const popup = await openPopup();
  await connectAndSync(popup, fakeTwilio);
  const windows = await storedWindows<{ sender: string; contact: string; lastInboundAt: number }>(popup);
  expect(windows.filter((w) => w.contact === MARI)).toEqual([expect.objectContaining({ sender: SALES.number, lastInboundAt: newest })]);
  // The sync read every page of the day: 5,000 and the seed's, 1,000 per page.
  const pages = fakeTwilio.control.requests().filter((r) => r.path.endsWith('/Messages.json') && r.query.To === SALES.whatsapp);
  expect(pages.length).toBeGreaterThanOrEqual(6);

  const page = await context.newPage();
  await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-mari`);
  // 24 h from five minutes ago: 23 h 5x min left.
  await expect(badge(page)).toHaveAccessibleName(/^WhatsApp session: open, 23 h 5\d min left$/);
});
