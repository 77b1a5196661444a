import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PIPEDRIVE, expect, test } from './fixtures';
import { SAMPLE_PDF, SAMPLE_PHOTO, sampleMedia } from '../fake-twilio/seeds/media-samples';
import { connectAndSync } from './helpers';

/**
 * The pictures in the README, taken from the production build on the fixture inbox: each badge state, the picker,
 * a sent template. Written to .output/screenshots (copy them to docs/screenshots when the UI changes).
 */
const DIR = path.resolve(import.meta.dirname, '../../.output/screenshots');

test('screenshots of the badge states, the picker and a send', async ({ context, openPopup, fakeTwilio }) => {
  test.setTimeout(60_000);
  mkdirSync(DIR, { recursive: true });
  fakeTwilio.control.upsertTemplate({
    friendlyName: 'order_ready',
    language: 'en',
    types: { 'twilio/quick-reply': { body: 'Hi {{1}}, your order {{2}} is *ready* for pickup. Reply below 👇', actions: [{ id: 'ok', title: 'I’ll come today' }, { id: 'later', title: 'Deliver it' }] } },
    variables: { '1': 'Ann', '2': 'A-1' },
    approval: { status: 'approved', category: 'UTILITY', name: 'order_ready' },
  });
  await connectAndSync(await openPopup(), fakeTwilio);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1100, height: 720 });
  for (const [conversation, state] of [['c-mari', 'open'], ['c-lucia', 'expiring'], ['c-joao', 'closed'], ['c-kevin', 'unknown']] as const) {
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/${conversation}`);
    await expect(page.getByRole('button', { name: /^WhatsApp session/ })).toHaveAttribute('data-state', state);
    await page.locator('main').screenshot({ path: path.join(DIR, `badge-${state}.png`) });
  }

  await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-mari`);
  await page.getByRole('button', { name: 'WhatsApp templates' }).click();
  const dialog = page.getByRole('dialog', { name: 'WhatsApp templates' });
  await dialog.getByRole('searchbox', { name: 'Search templates' }).fill('order');
  await dialog.getByRole('listbox', { name: 'Templates' }).getByRole('option').filter({ hasText: 'order_ready' }).click();
  await dialog.getByLabel('{{2}}', { exact: true }).fill('A-1042');
  await page.screenshot({ path: path.join(DIR, 'picker.png') });
  await dialog.getByRole('button', { name: 'Send template' }).click();
  await dialog.getByRole('button', { name: 'Send now' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/Delivered|Read/, { timeout: 10_000 });
  await page.screenshot({ path: path.join(DIR, 'sent.png') });
});

test('screenshots of the conversation panel: an open thread, a closed one, media', async ({ context, openPopup, fakeTwilio }) => {
  test.setTimeout(60_000);
  mkdirSync(DIR, { recursive: true });
  fakeTwilio.control.addInbound({ from: '+37251234567', body: 'Siin on foto pakist, nurk on *mõlkis* 😕', media: [sampleMedia(SAMPLE_PHOTO)] });
  fakeTwilio.control.addInbound({ from: '+37251234567', body: '', media: [sampleMedia(SAMPLE_PDF)] });
  await connectAndSync(await openPopup(), fakeTwilio);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1100, height: 720 });
  const panel = page.getByRole('region', { name: 'WhatsApp conversation' });

  await page.goto(`${PIPEDRIVE.textarea}/person/101`);
  await page.getByRole('button', { name: 'Open WhatsApp conversation' }).click();
  await expect(panel.getByRole('button', { name: 'Open the customer’s image at full size' }).locator('img')).toBeVisible();
  await expect(panel.locator('.media-file')).toContainText('invoice-10482.pdf');
  await page.screenshot({ path: path.join(DIR, 'thread-media.png') });

  await panel.getByRole('textbox', { name: 'WhatsApp reply' }).fill('Vabandust! Saadame uue paki homme.');
  await panel.getByRole('button', { name: 'Send reply' }).click();
  await expect(panel.locator('[data-status="read"]').filter({ hasText: 'Saadame uue paki' })).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: path.join(DIR, 'thread-open.png') });

  await page.goto(`${PIPEDRIVE.textarea}/person/303`);
  await expect(panel.getByRole('button', { name: /^WhatsApp session/ })).toHaveAttribute('data-state', 'closed');
  await expect(panel.getByRole('textbox', { name: 'WhatsApp reply' })).toBeDisabled();
  await page.screenshot({ path: path.join(DIR, 'thread-closed.png') });
});

test('screenshot of the template workshop: the editor with its preview and checks', async ({ context, openPopup, fakeTwilio, extensionId }) => {
  mkdirSync(DIR, { recursive: true });
  await connectAndSync(await openPopup(), fakeTwilio);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(`chrome-extension://${extensionId}/options.html#new`);
  await page.getByLabel('Name', { exact: true }).fill('order_pickup');
  await page.getByLabel('Language', { exact: true }).selectOption('en');
  await page.getByLabel('Category', { exact: true }).selectOption('UTILITY');
  await page.getByLabel('Type', { exact: true }).selectOption('card');
  await page.getByLabel('Header', { exact: true }).fill('Order {{1}} is *ready*');
  await page.getByLabel('Body', { exact: true }).fill('Hi {{2}}, your order is ready for pickup at our Tallinn shop until {{3}}');
  await page.getByLabel('Footer', { exact: true }).fill('Acme Sales · reply STOP to opt out');
  await page.getByRole('button', { name: 'Add a button' }).click();
  await page.getByLabel('Button 1 type').selectOption('URL');
  await page.getByLabel('Button 1 text').fill('See opening hours');
  await page.getByLabel('Button 1 link').fill('https://acme.example/shops/{{4}}');
  await page.getByLabel('Sample for {{1}}').fill('A-1042');
  await page.getByLabel('Sample for {{2}}').fill('Mari');
  await page.getByLabel('Sample for {{4}}').fill('tallinn');
  await expect(page.locator('[data-severity="error"]')).toHaveCount(2);
  await page.getByLabel('Sample for {{4}}').blur();
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: path.join(DIR, 'workshop-editor.png') });
});

test('screenshot of the inbox: every conversation, unread, names from Pipedrive', async ({ context, openPopup, fakeTwilio }) => {
  mkdirSync(DIR, { recursive: true });
  fakeTwilio.control.addInbound({ from: '+37255550000', body: 'Hello! I saw your stand at the fair, do you ship to Latvia?', at: Date.now() - 40 * 60_000 });
  const popup = await openPopup();
  await connectAndSync(popup, fakeTwilio);
  // After the first look (Twilio's times are whole seconds): unread.
  fakeTwilio.control.addInbound({ from: '+37251234567', body: 'Aitäh! Kas saaksite homme helistada?', at: Date.now() + 2_000 });
  await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'syncNow', payload: { kind: 'conversations' } }));
  const page = await context.newPage();
  await page.setViewportSize({ width: 1100, height: 720 });
  await page.goto(`${PIPEDRIVE.textarea}/pipeline`);
  await page.getByRole('button', { name: 'Open WhatsApp inbox' }).click();
  const list = page.getByRole('list', { name: 'WhatsApp conversations' });
  await expect(list.getByRole('listitem', { name: 'Mari Tamm' })).toHaveAttribute('data-unread', '1');
  await expect(list.getByRole('listitem', { name: 'João Silva' })).toBeVisible();
  await page.screenshot({ path: path.join(DIR, 'inbox.png') });
});
