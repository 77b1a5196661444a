import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_CONTACTS } from '../fake-twilio/seeds/demo';
import { PIPEDRIVE, PIPEDRIVE_API_TOKEN, expect, pipedriveApiRequests, pipedriveNotes, test } from './fixtures';
import { connectAndSync, readStore, stopServiceWorker } from './helpers';
import { fakeThread, openPanel, panel, panelBadge, replyBox, shownMessages } from './pages/panel';
import { addOrderTemplate, choose, dialog, syncAndChoose } from './pages/picker';

/**
 * Notes in Pipedrive, end to end: the test Pipedrive (test/e2e/harness.ts) keeps the notes the extension writes,
 * logs every request and injects faults; the extension writes through the Pipedrive tab's session (acme accepts it).
 */
const { mari, lucia } = DEMO_CONTACTS;
const SALES = '+14155238886';
const LEAD = '3f1c9a2e-c8b1-11f0-9d4e-0242ac130003';
const EVE = '+37255551234';

const notesCalls = (context: BrowserContext, method: 'POST' | 'GET') =>
  pipedriveApiRequests(context).filter((r) => r.method === method && new URL(r.url).pathname === '/api/v1/notes');
const notes = (context: BrowserContext) => pipedriveNotes(context).notes;

async function sendReply(page: Page, text: string) {
  await expect(panelBadge(page)).toHaveAttribute('data-state', /open|expiring/);
  await replyBox(page).fill(text);
  await panel(page).getByRole('button', { name: 'Send reply' }).click();
  const reply = shownMessages(page).filter({ hasText: text });
  await expect(reply).toHaveAttribute('data-sid', /^SM/);
  return reply;
}

test.describe('Pipedrive: sent messages become notes', () => {
  test('a sent reply becomes exactly one note on the person, and the thread says it is saved', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await openPanel(page, `${PIPEDRIVE.textarea}/person/101`);
    const reply = await sendReply(page, 'Tere, Mari! Arve on teel.');
    await expect(reply).toHaveAttribute('data-note', 'saved', { timeout: 15_000 });
    await expect(reply).toContainText('Saved to Pipedrive');
    const sid = await reply.getAttribute('data-sid');
    expect(notes(context)).toHaveLength(1);
    const [note] = notes(context);
    expect(note).toMatchObject({ person_id: 101, deal_id: null, lead_id: null, host: 'acme.pipedrive.com' });
    expect(note!.content).toContain('Tere, Mari! Arve on teel.');
    expect(note!.content).toContain(`WhatsApp message sent to ${mari.number}`);
    expect(note!.content).toContain(`Ref: wa-msg:${sid}`);
    // Through the tab's session: the POST came with no token.
    expect(notesCalls(context, 'POST').map((r) => [r.hasTokenHeader, r.status])).toEqual([[false, 200]]);
    // Polls and a reload later, still one.
    await page.reload();
    await page.getByRole('region', { name: 'WhatsApp conversation' }).or(page.getByRole('button', { name: 'Open WhatsApp conversation' })).first().waitFor();
    await page.waitForTimeout(3_000);
    expect(notesCalls(context, 'POST')).toHaveLength(1);
  });

  test('a template sent from a deal is noted on its person and the deal; a reply from a lead on its person and the lead', async ({ context, openPopup, fakeTwilio }) => {
    addOrderTemplate(fakeTwilio);
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await openPanel(page, `${PIPEDRIVE.textarea}/deal/201`);
    await panel(page).getByRole('button', { name: 'WhatsApp templates' }).click();
    await choose(page, 'e2e_order_update');
    await dialog(page).getByLabel('{{2}}', { exact: true }).fill('B-12');
    await dialog(page).getByRole('button', { name: 'Send template' }).click();
    await dialog(page).getByRole('button', { name: 'Send now' }).click();
    await expect(dialog(page).getByRole('status')).toBeVisible();
    await page.keyboard.press('Escape');
    const sent = shownMessages(page).filter({ hasText: 'Template: e2e_order_update' });
    await expect(sent).toHaveAttribute('data-note', 'saved', { timeout: 15_000 });
    expect(notes(context)).toHaveLength(1);
    expect(notes(context)[0]).toMatchObject({ person_id: 101, deal_id: 201, lead_id: null });
    expect(notes(context)[0]!.content).toContain('Template: e2e_order_update');
    expect(notes(context)[0]!.content).toContain('Hi Mari, your order B-12 is *ready* for pickup.');
    expect(notes(context)[0]!.content).toContain(`Ref: wa-msg:${await sent.getAttribute('data-sid')}`);

    // The panel stays open across pages.
    await page.goto(`${PIPEDRIVE.textarea}/leads/inbox/${LEAD}`);
    await expect(panel(page).getByRole('heading', { name: 'Lucía García' })).toBeVisible();
    const reply = await sendReply(page, '¡Hola Lucía! Le envío el presupuesto.');
    await expect(reply).toHaveAttribute('data-note', 'saved', { timeout: 15_000 });
    expect(notes(context)).toHaveLength(2);
    expect(notes(context)[1]).toMatchObject({ person_id: 105, deal_id: null, lead_id: LEAD });
    expect(notes(context)[1]!.content).toContain(lucia.number);
    expect(notesCalls(context, 'POST')).toHaveLength(2);
  });

  test('a template sent beside a Messaging conversation is noted on its linked person and deal', async ({ context, openPopup, fakeTwilio }) => {
    addOrderTemplate(fakeTwilio);
    const page = await syncAndChoose(context, await openPopup(), fakeTwilio, 'e2e_order_update'); // c-mari: person 101, deal 201
    await dialog(page).getByLabel('{{2}}', { exact: true }).fill('C-3');
    await dialog(page).getByRole('button', { name: 'Send template' }).click();
    await dialog(page).getByRole('button', { name: 'Send now' }).click();
    await expect(dialog(page).getByRole('status')).toBeVisible();
    await expect.poll(() => notes(context).length, { timeout: 15_000 }).toBe(1);
    expect(notes(context)[0]).toMatchObject({ person_id: 101, deal_id: 201, lead_id: null });
    expect(notes(context)[0]!.content).toContain('Hi Mari, your order C-3 is *ready* for pickup.');
  });

  test('two tabs on the same person: one note per message, and “Save conversation” pressed in both at once writes one', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const [first, second] = [await context.newPage(), await context.newPage()];
    await openPanel(first, `${PIPEDRIVE.textarea}/person/101`);
    await second.goto(`${PIPEDRIVE.textarea}/person/101`);
    await expect(panel(second)).toBeVisible();
    const reply = await sendReply(first, 'Kahest aknast üks märge.');
    for (const page of [first, second]) {
      await expect(shownMessages(page).filter({ hasText: 'Kahest aknast üks märge.' })).toHaveAttribute('data-note', 'saved', { timeout: 15_000 });
    }
    expect(await reply.getAttribute('data-sid')).toMatch(/^SM/);
    expect(notes(context)).toHaveLength(1);

    const save = (page: Page) => panel(page).getByRole('button', { name: 'Save conversation to Pipedrive' });
    await Promise.all([save(first).click(), save(second).click()]);
    for (const page of [first, second]) {
      await expect(panel(page).locator('.save-conversation').getByRole('status')).toHaveText(/^(Saved to Pipedrive \(messages: \d+\)\.|Nothing new since the last save\.)$/, { timeout: 15_000 });
    }
    expect(notes(context)).toHaveLength(2);
    expect(notesCalls(context, 'POST')).toHaveLength(2);
  });

  test('a note POST whose answer is lost is found among the person’s notes, not written twice', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    pipedriveNotes(context).faults.push({ method: 'POST', kind: { lost: true }, times: 1 });
    const page = await context.newPage();
    await openPanel(page, `${PIPEDRIVE.textarea}/person/101`);
    const reply = await sendReply(page, 'Kas kohtume homme?');
    await expect(reply).toHaveAttribute('data-note', 'saved', { timeout: 15_000 });
    expect(notes(context)).toHaveLength(1);
    expect(notesCalls(context, 'POST')).toHaveLength(1);
    // The person's newest notes were read before anything was POSTed again.
    const [list] = notesCalls(context, 'GET');
    expect(Object.fromEntries(new URL(list!.url).searchParams)).toMatchObject({ person_id: '101', sort: 'add_time DESC' });
  });

  test('a worker stopped while its note POST is on the way: the woken worker finds the note, one note in all', async ({ context, openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await connectAndSync(popup, fakeTwilio);
    // Pipedrive writes the note and holds its answer; the worker is stopped while it waits.
    pipedriveNotes(context).faults.push({ method: 'POST', kind: { lost: true, holdMs: 4_000 }, times: 1 });
    const page = await context.newPage();
    await openPanel(page, `${PIPEDRIVE.textarea}/person/101`);
    const reply = await sendReply(page, 'Pakk on teel, jälgimiskood tuleb e-kirjaga.');
    await expect.poll(() => notesCalls(context, 'POST').length).toBe(1);
    await stopServiceWorker(context, popup);
    // The panel's next poll wakes a worker: it finds the `posting` job and reads the person's notes first.
    await expect(reply).toHaveAttribute('data-note', 'saved', { timeout: 25_000 });
    expect(notes(context)).toHaveLength(1);
    expect(notesCalls(context, 'POST')).toHaveLength(1);
    expect(notesCalls(context, 'GET').length).toBeGreaterThanOrEqual(1);
  });

  test('a Pipedrive 500 on the note is retried, then shown as “Not saved to Pipedrive” with Retry, which writes it once', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    pipedriveNotes(context).faults.push({ method: 'POST', kind: { status: 500 }, times: 4 });
    const page = await context.newPage();
    await openPanel(page, `${PIPEDRIVE.textarea}/person/101`);
    const reply = await sendReply(page, 'Tere! Kas sobib kell 15?');
    await expect(reply).toHaveAttribute('data-note', 'failed', { timeout: 20_000 });
    await expect(reply).toContainText('Not saved to Pipedrive: Pipedrive did not answer, after several tries.');
    await panel(page).screenshot({ path: '.output/screenshots/note-not-saved.png' });
    // Four attempts, each after the first reading the person's notes (a 500 may still have written it).
    expect(notesCalls(context, 'POST').map((r) => r.status)).toEqual([500, 500, 500, 500]);
    expect(notesCalls(context, 'GET')).toHaveLength(3);
    expect(notes(context)).toHaveLength(0);

    await reply.getByRole('button', { name: 'Retry saving to Pipedrive' }).click();
    await expect(reply).toHaveAttribute('data-note', 'saved', { timeout: 15_000 });
    expect(notes(context)).toHaveLength(1);
    expect(notesCalls(context, 'POST').map((r) => r.status)).toEqual([500, 500, 500, 500, 200]);
  });

  test('“Save conversation” writes the transcript once, then only the new lines', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await openPanel(page, `${PIPEDRIVE.textarea}/person/101`);
    const all = fakeThread(fakeTwilio, SALES, [mari.number]);
    await expect(shownMessages(page)).toHaveCount(all.length);
    const save = panel(page).getByRole('button', { name: 'Save conversation to Pipedrive' });
    const status = panel(page).locator('.save-conversation').getByRole('status');
    await save.click();
    await expect(status).toHaveText(`Saved to Pipedrive (messages: ${all.length}).`, { timeout: 15_000 });
    expect(notes(context)).toHaveLength(1);
    const first = notes(context)[0]!;
    expect(first).toMatchObject({ person_id: 101 });
    expect(first.content).toContain(`WhatsApp conversation with ${mari.number}`);
    expect(first.content).toContain('Tere! Kas mu tellimus #10482 on juba teele läinud?'); // the customer's
    expect(first.content).toContain('Tere, Mari! Jah, see läks täna hommikul teele.'); // ours
    expect(first.content.match(/<p>[^<]*· <b>/g)).toHaveLength(all.length);

    fakeTwilio.control.addInbound({ from: mari.number, body: 'Aitäh, ootan!' });
    await expect(shownMessages(page).filter({ hasText: 'Aitäh, ootan!' })).toHaveCount(1, { timeout: 10_000 });
    await save.click();
    await expect(status).toHaveText('Saved to Pipedrive (messages: 1).', { timeout: 15_000 });
    await panel(page).screenshot({ path: '.output/screenshots/conversation-saved.png' });
    expect(notes(context)).toHaveLength(2);
    const second = notes(context)[1]!.content;
    expect(second).toContain('Aitäh, ootan!');
    expect(second).not.toContain('Tere! Kas mu tellimus');
    expect(second.match(/<p>[^<]*· <b>/g)).toHaveLength(1);

    await save.click();
    await expect(status).toHaveText('Nothing new since the last save.');
    expect(notesCalls(context, 'POST')).toHaveLength(2);
  });

  test('markup in a reply, a customer’s message and the transcript stays text in the notes', async ({ context, openPopup, fakeTwilio }) => {
    const xss = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    fakeTwilio.control.addInbound({ from: EVE, body: `Hello ${xss}` });
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await openPanel(page, `${PIPEDRIVE.textarea}/person/304`);
    const reply = await sendReply(page, `Hi Eve ${xss} & more`);
    await expect(reply).toHaveAttribute('data-note', 'saved', { timeout: 15_000 });
    await panel(page).getByRole('button', { name: 'Save conversation to Pipedrive' }).click();
    await expect(panel(page).locator('.save-conversation').getByRole('status')).toHaveText(/^Saved to Pipedrive/, { timeout: 15_000 });
    expect(notes(context)).toHaveLength(2);

    const viewer = await context.newPage();
    for (const { content } of notes(context)) {
      expect(content).not.toMatch(/<img|<script/i);
      expect(content).toContain('&#60;img src=x onerror=&#34;window.__xss=1&#34;&#62;&#60;script&#62;');
      // Shown as Pipedrive would show it, as HTML: nothing becomes an element, nothing runs.
      await viewer.setContent(content);
      expect(await viewer.evaluate(() => document.querySelectorAll('img, script').length)).toBe(0);
      expect(await viewer.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      await expect(viewer.locator('body')).toContainText('<img src=x onerror="window.__xss=1">');
    }
  });

  test('a number with no Pipedrive person gets no note; “Add to Pipedrive” adds one, and then the conversation can be saved', async ({ context, openPopup, fakeTwilio }) => {
    const number = '+37255550100';
    fakeTwilio.control.addInbound({ from: number, body: 'Tere, kas toolid on saadaval?' });
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await openPanel(page, `${PIPEDRIVE.textarea}/deal/202`); // a deal without a person
    await panel(page).getByLabel("Customer's WhatsApp number").fill(number);
    await panel(page).getByRole('button', { name: 'Save number' }).click();
    const before = await sendReply(page, 'Jah, on laos.');
    await expect(panel(page).getByRole('group', { name: 'Number not in Pipedrive' })).toContainText(`No Pipedrive person has ${number}.`);
    await page.waitForTimeout(2_000);
    await expect(before).not.toHaveAttribute('data-note', /./);
    expect(notesCalls(context, 'POST')).toHaveLength(0);
    await expect(panel(page).getByRole('button', { name: 'Save conversation to Pipedrive' })).toHaveCount(0);

    await panel(page).getByRole('button', { name: 'Add to Pipedrive' }).click();
    await panel(page).getByLabel('Name of the new person').fill('Toolide ostja');
    await panel(page).getByRole('button', { name: 'Add person' }).click();
    const save = panel(page).getByRole('button', { name: 'Save conversation to Pipedrive' });
    await expect(save).toBeVisible();
    await expect(panel(page).getByRole('heading', { name: 'Toolide ostja' })).toBeVisible();
    const [person] = [...pipedriveNotes(context).written.persons.values()];
    expect(person).toMatchObject({ name: 'Toolide ostja', phones: [{ value: number, primary: true, label: 'mobile' }] });
    expect(pipedriveNotes(context).written.deals['202']).toMatchObject({ person_id: person!['id'] });

    await save.click();
    await expect(panel(page).locator('.save-conversation').getByRole('status')).toHaveText('Saved to Pipedrive (messages: 2).', { timeout: 15_000 });
    expect(notes(context)).toHaveLength(1);
    expect(notes(context)[0]).toMatchObject({ person_id: person!['id'], deal_id: 202 });
    expect(notes(context)[0]!.content).toContain('Tere, kas toolid on saadaval?');
    expect(notes(context)[0]!.content).toContain('Jah, on laos.');
    // From now on each message is noted.
    const after = await sendReply(page, 'Saadan pakkumise.');
    await expect(after).toHaveAttribute('data-note', 'saved', { timeout: 15_000 });
    expect(notes(context)[1]).toMatchObject({ person_id: person!['id'], deal_id: 202 });
  });

  test('with the personal token, a note is still written when its tab is closed right after the send', async ({ context, openPopup, fakeTwilio }) => {
    fakeTwilio.control.addInbound({ from: '+447911123456', body: 'Hi, any news on the quote?' });
    const popup = await openPopup();
    await connectAndSync(popup, fakeTwilio);
    await popup.getByText('Settings', { exact: true }).click();
    await popup.getByLabel('Personal Pipedrive API token (optional)').fill(PIPEDRIVE_API_TOKEN);
    await popup.getByRole('button', { name: 'Save settings' }).click();
    await expect(popup.getByText('A Pipedrive API token is saved.')).toBeVisible();
    // The first note POST fails: its retry comes after the tab is gone.
    pipedriveNotes(context).faults.push({ method: 'POST', kind: { status: 503 }, times: 1 });
    const page = await context.newPage();
    await openPanel(page, `${PIPEDRIVE.locked}/person/104`); // locked refuses the page's session
    await sendReply(page, 'Hi Ann, the quote is attached.');
    await page.close();
    await expect.poll(() => notes(context).length, { timeout: 15_000 }).toBe(1);
    expect(notes(context)[0]).toMatchObject({ person_id: 104, host: 'locked.pipedrive.com' });
    const posts = notesCalls(context, 'POST');
    expect(posts.map((r) => [new URL(r.url).host, r.hasTokenHeader, r.status])).toEqual([['locked.pipedrive.com', true, 503], ['locked.pipedrive.com', true, 200]]);
  });

  test('without a token, a tab closed right after the send: the note waits and says why, and is written when Pipedrive is open again', async ({ context, openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await connectAndSync(popup, fakeTwilio);
    // The tab is closed while Pipedrive takes its time over the note's first POST (and then refuses it).
    pipedriveNotes(context).faults.push({ method: 'POST', kind: { status: 503, holdMs: 3_000 }, times: 1 });
    const page = await context.newPage();
    await openPanel(page, `${PIPEDRIVE.textarea}/person/101`);
    const sid = await (await sendReply(page, 'Tere! Helistan homme.')).getAttribute('data-sid');
    await expect.poll(() => notesCalls(context, 'POST').length).toBe(1);
    await page.close();
    await expect
      .poll(async () => (await readStore<{ key: string; state: string; problem?: string }>(popup, 'noteJobs')).find((job) => job.key === sid), { timeout: 15_000 })
      .toMatchObject({ state: 'failed', problem: 'no-access' });
    expect(notes(context)).toHaveLength(0);

    const again = await context.newPage();
    await again.goto(`${PIPEDRIVE.textarea}/person/101`); // the panel opens again by itself: it was open
    await expect(panel(again)).toBeVisible();
    const reply = shownMessages(again).filter({ hasText: 'Tere! Helistan homme.' });
    await expect(reply).toHaveAttribute('data-note', 'saved', { timeout: 15_000 });
    expect(notes(context)).toHaveLength(1);
    // The closed tab may have written it: the person's notes were read before it was POSTed again.
    expect(notesCalls(context, 'GET').length).toBeGreaterThanOrEqual(1);
    expect(notesCalls(context, 'POST')).toHaveLength(2);
  });
});
