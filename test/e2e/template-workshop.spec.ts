import { PIPEDRIVE, expect, test } from './fixtures';
import { connectAndSync } from './helpers';
import { choose, dialog, openPicker } from './pages/picker';
import { checks, errorChecks, openWorkshop, preview, submitButton, templateItem, templatesList, writeTextTemplate } from './pages/workshop';

/**
 * The template workshop in real Chromium against the fake Twilio: write, check, save, submit, follow WhatsApp's
 * verdict, fix a rejection, delete; the production build, Twilio's hosts forwarded to the fake.
 */
const BODY = 'Hi {{1}}, your order {{2}} is ready for pickup at our Tallinn shop. See you soon!';

test.describe('The template workshop', () => {
  test('a text template with two variables is created and submitted with exactly its JSON; approved, it is in the picker and sends', async ({ context, openPopup, fakeTwilio }) => {
    test.setTimeout(60_000);
    const popup = await openPopup();
    await connectAndSync(popup, fakeTwilio);
    // From the popup: "Manage templates" opens the workshop in a tab.
    const [workshop] = await Promise.all([context.waitForEvent('page'), popup.getByRole('button', { name: 'Manage templates' }).click()]);
    await expect(workshop.getByRole('heading', { name: 'WhatsApp templates', level: 1 })).toBeVisible();
    await expect(templatesList(workshop).getByRole('listitem')).not.toHaveCount(0);

    await writeTextTemplate(workshop, { name: 'e2e_pickup_ready', body: BODY, samples: { '1': 'Mari', '2': 'A-1042' } });
    await expect(checks(workshop)).toHaveText(['Nothing to fix: every check passes.']);
    await expect(preview(workshop)).toHaveText('Hi Mari, your order A-1042 is ready for pickup at our Tallinn shop. See you soon!');
    fakeTwilio.control.clearRequests();
    await submitButton(workshop).click();
    await expect(workshop.getByRole('status')).toContainText('“e2e_pickup_ready” went to WhatsApp for approval.');

    const writes = fakeTwilio.control.requests().filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path.replace(/HX[0-9a-f]{32}/, 'HX…')} ${r.status}`)).toEqual([
      'POST /v1/Content 201',
      'POST /v1/Content/HX…/ApprovalRequests/whatsapp 201',
    ]);
    expect(writes[0]!.json).toEqual({
      friendly_name: 'e2e_pickup_ready',
      language: 'en',
      variables: { '1': 'Mari', '2': 'A-1042' },
      types: { 'twilio/text': { body: BODY } },
    });
    expect(writes[1]!.json).toEqual({ name: 'e2e_pickup_ready', category: 'UTILITY' });
    const sid = /HX[0-9a-f]{32}/.exec(writes[1]!.path)![0];

    const item = templateItem(workshop, 'e2e_pickup_ready');
    await expect(item).toHaveAttribute('data-status', 'received');
    await expect(item).toContainText('Submitted to WhatsApp');
    // The draft went with the submission: nothing is left to continue.
    await expect(workshop.getByRole('heading', { name: 'Drafts on this device' })).toHaveCount(0);

    // WhatsApp reviews it; the next template sync follows.
    fakeTwilio.control.patchTemplate(sid, { status: 'pending' });
    await popup.getByRole('button', { name: 'Sync now' }).click();
    await expect(popup.getByText('e2e_pickup_ready (en) is being reviewed by WhatsApp.')).toBeVisible();
    fakeTwilio.control.patchTemplate(sid, { status: 'approved' });
    await popup.getByRole('button', { name: 'Sync now' }).click();
    await expect(popup.getByText('e2e_pickup_ready (en) was approved by WhatsApp: it can be sent now.')).toBeVisible();
    await expect(item).toHaveAttribute('data-status', 'approved');
    await popup.getByRole('button', { name: 'Got it' }).click();
    await expect(popup.getByText('e2e_pickup_ready (en) was approved by WhatsApp: it can be sent now.')).toHaveCount(0);

    // In the picker, sendable.
    const page = await context.newPage();
    await openPicker(page, PIPEDRIVE.textarea, 'c-mari');
    await choose(page, 'e2e_pickup_ready');
    await expect(dialog(page).getByLabel('{{1}}', { exact: true })).toHaveValue('Mari');
    await dialog(page).getByLabel('{{2}}', { exact: true }).fill('A-2001');
    await dialog(page).getByRole('button', { name: 'Send template' }).click();
    await dialog(page).getByRole('button', { name: 'Send now' }).click();
    await expect(dialog(page).getByRole('status')).toHaveText(/Delivered|Read by the customer/, { timeout: 10_000 });
    const sent = fakeTwilio.control.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json'));
    expect(sent.map((r) => [r.form?.ContentSid, r.form?.ContentVariables])).toEqual([[sid, JSON.stringify({ '1': 'Mari', '2': 'A-2001' })]]);
  });

  test('each error check blocks submitting, and a warning does not', async ({ context, openPopup, fakeTwilio, extensionId }) => {
    test.setTimeout(60_000);
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await openWorkshop(context, extensionId);
    await writeTextTemplate(page, { name: 'e2e_rules', body: BODY, samples: { '1': 'Mari', '2': 'A-1042' } });
    await expect(submitButton(page)).toBeEnabled();
    const name = page.getByLabel('Name', { exact: true });
    const body = page.getByLabel('Body', { exact: true });
    const type = page.getByLabel('Type', { exact: true });

    /** Breaks one rule, expects its line as the only error and Submit disabled, then puts it right again. */
    async function blocks(rule: string, breakIt: () => Promise<void>, fix: () => Promise<void>) {
      await breakIt();
      await expect(errorChecks(page), rule).toHaveCount(1);
      await expect(errorChecks(page)).toContainText(rule);
      await expect(submitButton(page)).toBeDisabled();
      await fix();
      await expect(errorChecks(page)).toHaveCount(0);
      await expect(submitButton(page)).toBeEnabled();
    }
    const setBody = (text: string) => () => body.fill(text);
    const restoreBody = () => body.fill(BODY);

    await blocks('The name may only have lowercase letters, digits and underscores', () => name.fill('Order Ready'), () => name.fill('e2e_rules'));
    await blocks('The variables skip {{2}}', async () => {
      await body.fill('Hi {{1}}, your order {{3}} is ready for pickup at our Tallinn shop. See you soon!');
      await page.getByLabel('Sample for {{3}}').fill('A-1042');
    }, restoreBody);
    await blocks('The body starts with a variable', setBody('{{1}}, your order {{2}} is ready for pickup at our Tallinn shop. See you soon!'), restoreBody);
    await blocks('The body ends with a variable', setBody('Hi {{1}}, your order is ready for pickup at our Tallinn shop: {{2}}.'), restoreBody);
    await blocks('{{1}} and {{2}} stand next to each other', setBody('Hi there {{1}} {{2}}, your order is ready for pickup at our Tallinn shop today.'), restoreBody);
    await blocks('Give {{2}} a sample value', () => page.getByLabel('Sample for {{2}}').fill(''), () => page.getByLabel('Sample for {{2}}').fill('A-1042'));
    await blocks('The body has 1,025 characters; WhatsApp allows 1,024.', setBody(`${BODY} ${'x'.repeat(1024 - BODY.length)}`), restoreBody);
    const category = (value: string) => async () => void (await page.getByLabel('Category', { exact: true }).selectOption(value));
    await blocks('Authentication templates are WhatsApp’s own one-time-code message', category('AUTHENTICATION'), category('UTILITY'));

    // A card: a header text of at most 60 characters with one variable at most, a footer without any.
    await type.selectOption('card');
    await page.getByLabel('Header', { exact: true }).fill('Your order');
    const header = page.getByLabel('Header', { exact: true });
    const footer = page.getByLabel('Footer', { exact: true });
    await blocks('The header has 61 characters; WhatsApp allows 60.', () => header.fill('h'.repeat(61)), () => header.fill('Your order'));
    await blocks('The header may hold at most one variable', () => header.fill('Order {{1}} {{2}}'), () => header.fill('Your order'));
    await blocks('The footer may hold no variable', () => footer.fill('For {{1}}'), () => footer.fill('Acme'));

    // Buttons: at most 10, their text at most 25, at most 2 links and 1 phone, a link's variable only at its end.
    await type.selectOption('call-to-action');
    const addButton = page.getByRole('button', { name: 'Add a button' });
    await addButton.click();
    await page.getByLabel('Button 1 type').selectOption('URL');
    await page.getByLabel('Button 1 text').fill('Track it');
    await page.getByLabel('Button 1 link').fill('https://acme.example/track/{{3}}');
    await page.getByLabel('Sample for {{3}}').fill('A-1042');
    await expect(errorChecks(page)).toHaveCount(0);
    await blocks('Button 1’s text has 26 characters; WhatsApp allows 25.', () => page.getByLabel('Button 1 text').fill('t'.repeat(26)), () => page.getByLabel('Button 1 text').fill('Track it'));
    await blocks('Button 1’s link may hold one variable, only at its very end', () => page.getByLabel('Button 1 link').fill('https://acme.example/{{3}}/track'),
      () => page.getByLabel('Button 1 link').fill('https://acme.example/track/{{3}}'));
    for (const n of [2, 3]) {
      await addButton.click();
      await page.getByLabel(`Button ${n} type`).selectOption('URL');
      await page.getByLabel(`Button ${n} text`).fill(`Link ${n}`);
      await page.getByLabel(`Button ${n} link`).fill(`https://acme.example/${n}`);
    }
    await expect(errorChecks(page)).toHaveText([/At most 2 link buttons: remove one\./]);
    await expect(submitButton(page)).toBeDisabled();
    await page.getByRole('button', { name: 'Remove button 3' }).click();
    for (const n of [3, 4]) {
      await addButton.click();
      await page.getByLabel(`Button ${n} type`).selectOption('PHONE_NUMBER');
      await page.getByLabel(`Button ${n} text`).fill(`Call ${n}`);
      await page.getByLabel(`Button ${n} phone number`).fill(`+3725123456${n}`);
    }
    await expect(errorChecks(page)).toHaveText([/At most 1 phone button: remove one\./]);
    await page.getByRole('button', { name: 'Remove button 4' }).click();
    await expect(errorChecks(page)).toHaveCount(0);

    await type.selectOption('quick-reply');
    for (let n = 1; n <= 11; n++) {
      await addButton.click();
      await page.getByLabel(`Button ${n} text`).fill(`Choice ${n}`);
    }
    await expect(errorChecks(page)).toHaveText([/At most 10 buttons: remove some\./]);
    await expect(submitButton(page)).toBeDisabled();
    await page.getByRole('button', { name: 'Remove button 11' }).click();
    await expect(errorChecks(page)).toHaveCount(0);

    // Warnings inform and do not block: too little fixed text for the variables, a body in another language.
    await type.selectOption('text');
    await body.fill('Hi {{1}}, order {{2}} now.');
    await expect(page.locator('[data-severity="warning"]')).toContainText('Too little fixed text for 2 variables: WhatsApp expects at least 5 words');
    await body.fill('Tere {{1}}, teie tellimus {{2}} on valmis ja ootab teid meie Tallinna poes. Kohtumiseni!');
    await expect(page.locator('[data-severity="warning"]')).toHaveText(/The body looks like Estonian, but the language is English/);
    await expect(submitButton(page)).toBeEnabled();
    expect(fakeTwilio.control.requests().filter((r) => r.path.startsWith('/v1/Content') && r.method !== 'GET')).toEqual([]);
  });

  test('a Twilio 400 is explained and the form is kept, also after closing the page; submitting again reuses the same Content', async ({ context, openPopup, fakeTwilio, extensionId }) => {
    fakeTwilio.control.upsertTemplate({ friendlyName: 'e2e_taken', language: 'en', types: { 'twilio/text': { body: 'Taken' } }, approval: { status: 'approved', name: 'e2e_taken', category: 'UTILITY' } });
    await connectAndSync(await openPopup(), fakeTwilio);
    let page = await openWorkshop(context, extensionId);
    await writeTextTemplate(page, { name: 'e2e_taken', body: BODY, samples: { '1': 'Mari', '2': 'A-1042' } });
    await submitButton(page).click();
    await expect(page.getByRole('alert')).toHaveText(
      'Twilio refused the template (Twilio error 20001): “A WhatsApp template named e2e_taken already exists in en”. Your text is kept: fix what Twilio names and try again.',
    );
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('e2e_taken');
    await expect(page.getByLabel('Body', { exact: true })).toHaveValue(BODY);

    await page.close();
    page = await openWorkshop(context, extensionId);
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('e2e_taken');
    await expect(page.getByLabel('Body', { exact: true })).toHaveValue(BODY);
    await expect(page.getByLabel('Sample for {{2}}')).toHaveValue('A-1042');
    await expect(page.getByRole('heading', { name: 'Template saved in Twilio, not submitted' })).toBeVisible();

    await page.getByLabel('Name', { exact: true }).fill('e2e_taken_again');
    await submitButton(page).click();
    await expect(page.getByRole('status')).toContainText('“e2e_taken_again” went to WhatsApp for approval.');
    const writes = fakeTwilio.control.requests().filter((r) => r.path.startsWith('/v1/Content') && r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path.replace(/HX[0-9a-f]{32}/, 'HX…')} ${r.status}`)).toEqual([
      'POST /v1/Content 201',
      'POST /v1/Content/HX…/ApprovalRequests/whatsapp 400',
      'PUT /v1/Content/HX… 200',
      'POST /v1/Content/HX…/ApprovalRequests/whatsapp 201',
    ]);
    expect(new Set(writes.map((r) => /HX[0-9a-f]{32}/.exec(r.path)?.[0]).filter(Boolean)).size).toBe(1);
  });

  test('a rejection shows its reason, in the popup too, and "Duplicate and fix" opens prefilled', async ({ context, openPopup, fakeTwilio, extensionId }) => {
    const reason = 'The template has too many variables for its length. Add more fixed text or remove variables, then submit again.';
    const { sid } = fakeTwilio.control.upsertTemplate({
      friendlyName: 'e2e_offer', language: 'en', types: { 'twilio/text': { body: 'Hi {{1}}, {{2}} off today.' } }, variables: { '1': 'Mari', '2': '10%' },
      approval: { status: 'pending', name: 'e2e_offer', category: 'MARKETING' },
    });
    const popup = await openPopup();
    await connectAndSync(popup, fakeTwilio);
    fakeTwilio.control.patchTemplate(sid, { status: 'rejected', rejectionReason: reason });
    await popup.getByRole('button', { name: 'Sync now' }).click();
    await expect(popup.getByText(`e2e_offer (en) was rejected by WhatsApp. Reason: ${reason}`)).toBeVisible();

    const page = await openWorkshop(context, extensionId);
    const item = templateItem(page, 'e2e_offer');
    await expect(item).toHaveAttribute('data-status', 'rejected');
    await expect(item).toContainText(`WhatsApp’s reason: ${reason}`);
    await item.getByRole('button', { name: 'Duplicate and fix' }).click();
    await expect(page.getByRole('complementary', { name: 'WhatsApp rejected “e2e_offer”' })).toHaveText(`WhatsApp rejected “e2e_offer”${reason}`);
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('e2e_offer');
    await expect(page.getByLabel('Category', { exact: true })).toHaveValue('MARKETING');
    await expect(page.getByLabel('Body', { exact: true })).toHaveValue('Hi {{1}}, {{2}} off today.');
    await expect(page.getByLabel('Sample for {{1}}')).toHaveValue('Mari');
    await expect(page.getByLabel('Sample for {{2}}')).toHaveValue('10%');
    // The checks say what WhatsApp said: too little text for its variables, and {{2}} at the start of a clause is fine.
    await expect(page.locator('[data-severity="warning"]')).toContainText('Too little fixed text for 2 variables');
  });

  test('Delete removes a template from Twilio and the list, after a confirmation; the picker’s "New template" opens a new one', async ({ context, openPopup, fakeTwilio, extensionId }) => {
    const { sid } = fakeTwilio.control.upsertTemplate({ friendlyName: 'e2e_old_offer', language: 'et', types: { 'twilio/text': { body: 'Vana pakkumine' } }, approval: { status: 'approved', name: 'e2e_old_offer', category: 'MARKETING' } });
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await openWorkshop(context, extensionId);
    const item = templateItem(page, 'e2e_old_offer', 'et');
    await item.getByRole('button', { name: 'Delete' }).click();
    await expect(item.getByRole('group', { name: 'Delete “e2e_old_offer” from Twilio? It can no longer be sent, and this cannot be undone.' })).toBeVisible();
    await item.getByRole('button', { name: 'Cancel' }).click();
    expect(fakeTwilio.control.requests().filter((r) => r.method === 'DELETE')).toEqual([]);
    await item.getByRole('button', { name: 'Delete' }).click();
    await item.getByRole('button', { name: 'Delete from Twilio' }).click();
    await expect(page.getByRole('status')).toHaveText('The template was deleted from Twilio.');
    await expect(item).toHaveCount(0);
    expect(fakeTwilio.control.requests().filter((r) => r.method === 'DELETE').map((r) => [r.path, r.status])).toEqual([[`/v1/Content/${sid}`, 204]]);
    const auth = `Basic ${Buffer.from(`${fakeTwilio.credentials.accountSid}:${fakeTwilio.credentials.authToken}`).toString('base64')}`;
    expect((await fetch(`${fakeTwilio.url}/v1/Content/${sid}`, { headers: { Authorization: auth } })).status).toBe(404);

    const pipedrive = await context.newPage();
    await openPicker(pipedrive, PIPEDRIVE.textarea, 'c-mari');
    const [opened] = await Promise.all([context.waitForEvent('page'), dialog(pipedrive).getByRole('button', { name: 'New template' }).click()]);
    await expect(opened).toHaveURL(/options\.html#new$/);
    await expect(opened.getByRole('heading', { name: 'New template', level: 2 })).toBeVisible();
    await expect(opened.getByLabel('Name', { exact: true })).toHaveValue('');
  });
});
