import { DEMO_CONTACTS, DEMO_SENDERS } from '../fake-twilio/seeds/demo';
import { PIPEDRIVE, expect, pipedriveApiRequests, test } from './fixtures';
import { connectAndSync, readStore, stopServiceWorker } from './helpers';
import { addOrderTemplate, choose, dialog, openPicker, results, syncAndChoose } from './pages/picker';

test.describe('Pipedrive: the template picker', () => {
  test('searches the synced catalogue in the page, accent-insensitive, with language and category filters', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await openPicker(page, PIPEDRIVE.textarea, 'c-mari');
    const search = dialog(page).getByRole('searchbox', { name: 'Search templates' });
    const options = results(page);

    // Approved first, the others greyed with their WhatsApp status and reason.
    await expect(options.first()).toHaveAttribute('data-status', 'approved');
    const rejected = options.filter({ hasText: 'demo_invitation' }).first();
    await expect(rejected).toContainText('Rejected by WhatsApp: ');

    await search.fill('codigo verificacion');
    await expect(options).toHaveCount(1);
    await expect(options.first()).toContainText('es · AUTHENTICATION');

    await search.fill('tellimus');
    await expect(options.first()).toContainText('order_shipped');
    await expect(options.first()).toContainText('et · UTILITY');

    await search.fill('');
    await dialog(page).getByLabel('Language').selectOption('pt_BR');
    await expect(options).not.toHaveCount(0);
    for (const meta of await options.locator('.meta').allTextContents()) expect(meta).toMatch(/^pt_BR/);
    await dialog(page).getByLabel('Category').selectOption('AUTHENTICATION');
    await expect(options).toHaveCount(1);
    await expect(dialog(page).getByText('1 of 1')).toBeVisible();

    // Keyboard: arrows move the choice from the search box, Escape closes and gives focus back.
    await dialog(page).getByLabel('Language').selectOption('');
    await dialog(page).getByLabel('Category').selectOption('');
    await search.fill('order');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowUp');
    await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'WhatsApp templates' })).toBeFocused();
  });

  test('is modal: the page behind it takes no focus and no clicks, and × or the backdrop close it', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await openPicker(page, PIPEDRIVE.textarea, 'c-mari');
    const composer = page.locator('textarea[aria-label="Message"]');
    // The page behind a modal dialog is inert: a script's focus() does nothing, and Tab never leaves the dialog.
    expect(await composer.evaluate((el: HTMLElement) => { el.focus(); return document.activeElement === el; })).toBe(false);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      expect(await composer.evaluate((el) => document.activeElement === el)).toBe(false);
    }
    await dialog(page).getByRole('button', { name: 'Close', exact: true }).click();
    await expect(dialog(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'WhatsApp templates' })).toBeFocused();

    await page.getByRole('button', { name: 'WhatsApp templates' }).click();
    await expect(dialog(page)).toBeVisible();
    await page.mouse.click(5, 5); // the backdrop, outside the dialog's box
    await expect(dialog(page)).toHaveCount(0);
  });

  test('opens from the keyboard shortcut and from / in an empty reply', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-mari`);
    const button = page.getByRole('button', { name: 'WhatsApp templates' });
    await expect(button).toHaveAttribute('title', /Alt\+Shift\+W/);
    await page.keyboard.press('Alt+Shift+W');
    await expect(dialog(page)).toBeVisible();
    await page.keyboard.press('Escape');

    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.click();
    await page.keyboard.type('/pay');
    await expect(dialog(page)).toBeVisible();
    const search = dialog(page).getByRole('searchbox', { name: 'Search templates' });
    await expect(search).toHaveValue('pay');
    await expect(search).toBeFocused();
    await page.keyboard.type('ment');
    await expect(results(page).first()).toContainText('payment_link');
    // Escape gives the focus back to the reply it was opened from.
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
    await expect(composer).toBeFocused();
  });

  for (const [variant, origin] of [['textarea', PIPEDRIVE.textarea], ['contenteditable', PIPEDRIVE.contenteditable]] as const) {
    test(`inserts the filled template into the ${variant} reply, and Pipedrive's Send sends it`, async ({ context, openPopup, fakeTwilio }) => {
      addOrderTemplate(fakeTwilio);
      await connectAndSync(await openPopup(), fakeTwilio);
      const page = await context.newPage();
      await openPicker(page, origin, 'c-mari');
      await choose(page, 'e2e_order_update');
      // {{1}} comes from the linked Pipedrive person's first name.
      await expect(dialog(page).getByLabel('{{1}}', { exact: true })).toHaveValue('Mari');
      await dialog(page).getByLabel('{{2}}', { exact: true }).fill('A-1042');
      await expect(dialog(page).getByRole('figure', { name: 'Preview' })).toHaveText('Hi Mari, your order A-1042 is ready for pickup.');
      await expect(dialog(page).getByRole('figure', { name: 'Preview' }).locator('strong')).toHaveText('ready');
      await dialog(page).getByRole('button', { name: 'Insert into reply' }).click();
      await expect(dialog(page)).toHaveCount(0);

      const composer = page.getByRole('textbox', { name: 'Message' });
      if (variant === 'textarea') await expect(composer).toHaveValue('Hi Mari, your order A-1042 is *ready* for pickup.');
      else await expect(composer).toHaveText('Hi Mari, your order A-1042 is *ready* for pickup.');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(page.locator('[data-test="sent-message"]')).toContainText('Hi Mari, your order A-1042 is *ready* for pickup.');
      // Free-form text went through Pipedrive, not through our Twilio client.
      expect(fakeTwilio.control.requests().filter((r) => r.method === 'POST')).toHaveLength(0);
    });
  }

  test('fills variables from the linked Pipedrive person and deal: organisation, deal title and owner', async ({ context, openPopup, fakeTwilio }) => {
    addOrderTemplate(fakeTwilio);
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await openPicker(page, PIPEDRIVE.textarea, 'c-mari'); // linked to person 101 and deal 201
    await choose(page, 'e2e_order_update');
    await expect(dialog(page).getByLabel('{{1}}', { exact: true })).toHaveValue('Mari');
    const second = dialog(page).getByLabel('{{2}}', { exact: true });
    const source = dialog(page).getByLabel('Fill {{2}} from');
    for (const [option, value] of [['Organisation', 'Tamm OÜ'], ['Deal title', 'Laptop order #4411'], ['Owner (you or a colleague)', 'Kristjan Kask'], ['Contact’s full name', 'Mari Tamm']] as const) {
      await source.selectOption({ label: option });
      await expect(second, option).toHaveValue(value);
    }
    // Read with the page's session from v2 persons, deals and organizations and v1 users; no v1 person or deal.
    const paths = pipedriveApiRequests(context).map((r) => new URL(r.url).pathname);
    expect(new Set(paths)).toEqual(new Set(['/api/v2/persons/101', '/api/v2/deals/201', '/api/v2/organizations/11', '/api/v1/users/7']));
    expect(pipedriveApiRequests(context).every((r) => r.status === 200 && !r.hasTokenHeader)).toBe(true);
  });

  test('sends a template through Twilio with exactly the right fields, then shows it delivered and read', async ({ context, openPopup, fakeTwilio }) => {
    const template = addOrderTemplate(fakeTwilio);
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await openPicker(page, PIPEDRIVE.textarea, 'c-joao'); // closed window: sending is the only way
    await choose(page, 'e2e_order_update');
    await expect(dialog(page).getByText('Inserting into the reply needs an open window; send the template instead.')).toBeVisible();
    await expect(dialog(page).getByRole('button', { name: 'Insert into reply' })).toBeDisabled();
    // João has no linked person: the first name comes from the conversation's name.
    await expect(dialog(page).getByLabel('{{1}}', { exact: true })).toHaveValue('João');
    await dialog(page).getByLabel('{{2}}', { exact: true }).fill('B-77');

    await dialog(page).getByRole('button', { name: 'Send template' }).click();
    await expect(dialog(page).getByText('Send “e2e_order_update” to +5511912345678 through Twilio now?')).toBeVisible();
    const sendNow = dialog(page).getByRole('button', { name: 'Send now' });
    await sendNow.dblclick(); // a double click still sends once

    const status = dialog(page).getByRole('status');
    await expect(status).toHaveText(/Delivered|Read by the customer/, { timeout: 10_000 });
    await expect(status).toHaveText('Read by the customer', { timeout: 10_000 });
    await page.keyboard.press('Escape'); // the focus stayed in the dialog after the confirmation went away
    await expect(dialog(page)).toHaveCount(0);

    const posts = fakeTwilio.control.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json'));
    expect(posts).toHaveLength(1);
    expect(posts[0]!.form).toEqual({
      To: `whatsapp:${DEMO_CONTACTS.joao.number}`,
      From: `whatsapp:${DEMO_SENDERS[0].number}`,
      ContentSid: template.sid,
      ContentVariables: JSON.stringify({ '1': 'João', '2': 'B-77' }),
    });
  });

  test('checks the variables as the rep types, against WhatsApp’s rules', async ({ context, openPopup, fakeTwilio }) => {
    addOrderTemplate(fakeTwilio);
    const page = await syncAndChoose(context, await openPopup(), fakeTwilio, 'e2e_order_update');
    const second = dialog(page).getByLabel('{{2}}', { exact: true });
    const send = dialog(page).getByRole('button', { name: 'Send template' });
    await expect(dialog(page).getByText('Required: Twilio refuses empty values.')).toBeVisible();
    await expect(send).toBeDisabled();
    await second.fill('A     1');
    await expect(dialog(page).getByText('No more than 4 spaces in a row (WhatsApp rule).')).toBeVisible();
    await second.fill('x'.repeat(251));
    await expect(dialog(page).getByText('At most 250 characters.')).toBeVisible();
    await second.fill('A-1042');
    await expect(dialog(page).getByText(/^\d+ \/ 1,024 characters/)).toBeVisible();
    await expect(send).toBeEnabled();
  });

  test('explains a 63032 failure in words', async ({ context, openPopup, fakeTwilio }) => {
    addOrderTemplate(fakeTwilio, 'MARKETING', 'e2e_marketing_offer');
    fakeTwilio.control.setContactFailure(DEMO_CONTACTS.mari.number, 63032);
    const page = await syncAndChoose(context, await openPopup(), fakeTwilio, 'e2e_marketing_offer');
    await dialog(page).getByLabel('{{2}}', { exact: true }).fill('C-9');
    await dialog(page).getByRole('button', { name: 'Send template' }).click();
    await dialog(page).getByRole('button', { name: 'Send now' }).click();
    const status = dialog(page).getByRole('status');
    await expect(status).toContainText('Not delivered', { timeout: 10_000 });
    await expect(status).toContainText('WhatsApp held this marketing message back for a Meta experiment: it was not delivered and not charged.');
  });

  test('shows template text and contact names from outside as text, never as HTML', async ({ context, openPopup, fakeTwilio }) => {
    fakeTwilio.control.upsertTemplate({
      friendlyName: 'xss_probe <b>bold</b>',
      language: 'en',
      types: { 'twilio/text': { body: '<img src=x onerror="window.__xss=2">Hello {{1}}' } },
      approval: { status: 'approved', category: 'UTILITY', name: 'xss_probe' },
    });
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await openPicker(page, PIPEDRIVE.textarea, 'c-kevin'); // the contact's name carries an <img onerror>
    await choose(page, 'xss_probe');
    const preview = dialog(page).getByRole('figure', { name: 'Preview' });
    await expect(preview).toHaveText('<img src=x onerror="window.__xss=2">Hello Kevin');
    await dialog(page).getByLabel('Fill {{1}} from').selectOption({ label: 'Contact’s full name' });
    await expect(preview).toHaveText('<img src=x onerror="window.__xss=2">Hello Kevin <img src=x onerror="window.__xss=1">');
    await expect(results(page).first().locator('.name')).toHaveText('xss_probe <b>bold</b>');
    expect(await page.evaluate(() => {
      const root = document.querySelector('wat-conversation')?.shadowRoot;
      return { images: root?.querySelectorAll('img, b').length, xss: (window as unknown as { __xss?: number }).__xss };
    })).toEqual({ images: 0, xss: undefined });
  });
});

test('the page’s own scripts cannot send or insert through our UI', async ({ context, openPopup, fakeTwilio }) => {
  addOrderTemplate(fakeTwilio);
  const page = await syncAndChoose(context, await openPopup(), fakeTwilio, 'e2e_order_update');
  await dialog(page).getByLabel('{{2}}', { exact: true }).fill('A-1042');
  await expect(dialog(page).getByRole('button', { name: 'Send template' })).toBeEnabled();

  // A hostile page script: clicks, synthetic events, and messages aimed at our open shadow root.
  await page.evaluate(() => {
    const root = document.querySelector('wat-conversation')!.shadowRoot!;
    const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name);
    button('Send template')?.click();
    button('Send template')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    button('Insert into reply')?.click();
    window.postMessage({ type: 'sendTemplate', payload: {} }, '*');
    document.dispatchEvent(new CustomEvent('wat-send', { detail: {} }));
  });
  await page.waitForTimeout(500);
  await expect(dialog(page).getByRole('button', { name: 'Send now' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('');
  expect(fakeTwilio.control.requests().filter((r) => r.method === 'POST')).toHaveLength(0);

  // The rep's own click still works.
  await dialog(page).getByRole('button', { name: 'Send template' }).click();
  await expect(dialog(page).getByRole('button', { name: 'Send now' })).toBeVisible();
});

test('two tabs sending the same pick make one send', async ({ context, openPopup, fakeTwilio }) => {
  addOrderTemplate(fakeTwilio);
  await connectAndSync(await openPopup(), fakeTwilio);
  const tabs = [await context.newPage(), await context.newPage()];
  for (const tab of tabs) {
    await openPicker(tab, PIPEDRIVE.textarea, 'c-joao');
    await choose(tab, 'e2e_order_update');
    await dialog(tab).getByLabel('{{2}}', { exact: true }).fill('B-77');
    await dialog(tab).getByRole('button', { name: 'Send template' }).click();
  }
  await Promise.all(tabs.map((tab) => dialog(tab).getByRole('button', { name: 'Send now' }).click()));
  for (const tab of tabs) await expect(dialog(tab).getByRole('status')).toHaveText(/Queued|Sent|Delivered|Read/, { timeout: 10_000 });
  expect(fakeTwilio.control.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json'))).toHaveLength(1);
});

test('a worker stopped between the POST and Twilio’s answer: one POST, and the send shows its real status once the worker wakes', async ({ context, openPopup, fakeTwilio }) => {
  test.setTimeout(60_000);
  addOrderTemplate(fakeTwilio);
  const popup = await openPopup();
  await connectAndSync(popup, fakeTwilio);
  const page = await context.newPage();
  await openPicker(page, PIPEDRIVE.textarea, 'c-joao');
  await choose(page, 'e2e_order_update');
  await dialog(page).getByLabel('{{2}}', { exact: true }).fill('B-77');
  await dialog(page).getByRole('button', { name: 'Send template' }).click();
  // Twilio creates the message only after 3 s; the worker that POSTed is gone by then.
  fakeTwilio.control.setFault({ path: '/2010-04-01/', method: 'POST', delayMs: 3_000 });
  await dialog(page).getByRole('button', { name: 'Send now' }).click();
  await page.waitForTimeout(800); // the POST has reached Twilio, whose answer is still 2 s away
  await stopServiceWorker(context, popup);

  // The woken worker never POSTs again: it says it is checking, finds the message in Twilio's list, and follows it.
  const status = dialog(page).getByRole('status');
  await expect(status).toHaveText('Twilio did not confirm the send; looking it up at Twilio…', { timeout: 10_000 });
  await expect(status).toHaveText('Read by the customer', { timeout: 20_000 });
  const posts = fakeTwilio.control.requests().filter((r) => r.method === 'POST');
  expect(posts).toHaveLength(1);
  const [message] = fakeTwilio.control.messages().filter((m) => m.direction === 'outbound-api' && m.to === `whatsapp:${DEMO_CONTACTS.joao.number}` && m.body.includes('B-77'));
  expect(message?.status).toBe('read');
  const sends = await readStore<{ sid?: string; status: string }>(popup, 'sends');
  expect(sends).toEqual([expect.objectContaining({ sid: message!.sid, status: 'read' })]);
  // The lookup asked for exactly this conversation: our sender to João (the inbox's sync lists all our messages, with no
  // `To` and Twilio's largest page: that one is not a lookup).
  const isInboxList = (query: Record<string, string>) => query.To === undefined && query.PageSize === '1000';
  const lookups = fakeTwilio.control.requests().filter((r) => r.method === 'GET' && r.path.endsWith('/Messages.json') && r.query.From === `whatsapp:${DEMO_SENDERS[0].number}` && !isInboxList(r.query));
  expect(lookups.length).toBeGreaterThan(0);
  for (const lookup of lookups) expect(lookup.query.To).toBe(`whatsapp:${DEMO_CONTACTS.joao.number}`);
});
