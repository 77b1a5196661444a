import type { Page } from '@playwright/test';
import { DEMO_CONTACTS } from '../fake-twilio/seeds/demo';
import { CLOSE_EARLY_MS } from '../../lib/window/rule';
import { PIPEDRIVE, PIPEDRIVE_ACME_TOKEN, PIPEDRIVE_API_TOKEN, expect, pipedriveApiRequests, test } from './fixtures';
import { askAsExtensionPage, connectAndSync, readStore } from './helpers';

const badge = (page: Page) => page.getByRole('button', { name: /^WhatsApp session/ });
const DAY = 24 * 3_600_000;

test.describe('Pipedrive: the session badge', () => {
  for (const [variant, origin] of [['textarea', PIPEDRIVE.textarea], ['contenteditable', PIPEDRIVE.contenteditable]] as const) {
    test(`mounts in an open shadow root beside the ${variant} composer`, async ({ context }) => {
      const page = await context.newPage();
      await page.goto(`${origin}/messaging/inbox/c-mari`);
      await expect(badge(page)).toHaveAttribute('data-state', 'unknown');
      await expect(badge(page)).toHaveAccessibleName('WhatsApp session: unknown, Twilio is not connected');

      // Beside the composer, inside an open shadow root, exactly once.
      const placement = await page.evaluate(() => {
        const hosts = document.querySelectorAll('wat-conversation');
        const host = hosts[0];
        return { count: hosts.length, open: host?.shadowRoot != null, nextIsComposer: host?.nextElementSibling?.getAttribute('data-test') === 'messaging-composer' };
      });
      expect(placement).toEqual({ count: 1, open: true, nextIsComposer: true });
    });
  }

  test('shows each demo contact’s window: open, expiring, closed, unknown', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    const cases: Array<[string, string, RegExp]> = [
      ['c-mari', 'open', /^WhatsApp session: open, (20 h 59 min|21 h) left$/],
      ['c-lucia', 'expiring', /^WhatsApp session: expiring, (59 min|1 h) left$/],
      ['c-joao', 'closed', /^WhatsApp session: closed, templates only$/],
      ['c-ann', 'closed', /^WhatsApp session: closed, templates only$/],
      ['c-kevin', 'unknown', /^WhatsApp session: unknown, no WhatsApp number found$/],
    ];
    for (const [conversation, state, name] of cases) {
      await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/${conversation}`);
      await expect(badge(page), conversation).toHaveAttribute('data-state', state);
      await expect(badge(page), conversation).toHaveAccessibleName(name);
    }
    // The closed window: a notice above the composer, with a way to send a template.
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-joao`);
    await expect(page.getByRole('note').filter({ hasText: 'free-form replies will fail' })).toBeVisible();
    await page.getByRole('button', { name: 'Send a template' }).click();
    await expect(page.getByRole('dialog', { name: 'WhatsApp templates' })).toBeVisible();
  });

  test('explains itself: when the customer last wrote and when the window closes', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-mari`);
    await badge(page).click();
    const details = page.getByRole('note').filter({ hasText: 'The customer last wrote on' });
    await expect(details).toContainText('The window closes on');
    await expect(details).toContainText('Checked with Twilio');
  });

  test('counts down and turns closed at the exact end, without a reload', async ({ context, openPopup, fakeTwilio }) => {
    // Twilio's dates have whole seconds, so the window ends on a whole second too.
    const endsAt = Math.floor((Date.now() + 12_000) / 1000) * 1000;
    // Our window ends CLOSE_EARLY_MS before Twilio's 24 h: the customer wrote 24 h minus that minus 12 s ago.
    fakeTwilio.control.addInbound({ from: DEMO_CONTACTS.ann.number, body: 'Hi!', at: endsAt - DAY + CLOSE_EARLY_MS });
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-ann`);
    await expect(badge(page)).toHaveAttribute('data-state', 'expiring');
    await expect(badge(page)).toHaveAccessibleName(/^WhatsApp session: expiring, \d+ s left$/);
    const first = Number(/(\d+) s/.exec((await badge(page).getAttribute('aria-label'))!)![1]);
    await expect(badge(page)).not.toHaveAccessibleName(`WhatsApp session: expiring, ${first} s left`, { timeout: 3_000 });

    await expect(badge(page)).toHaveAttribute('data-state', 'closed', { timeout: 15_000 });
    const flippedAt = Date.now();
    // Within a second of the exact end (the badge schedules its own timer for it). It may come up to a second early,
    // never late by more: Twilio's clock is known from its `Date` header, to the second, and rounded to the safe side.
    expect(flippedAt).toBeGreaterThanOrEqual(endsAt - 1_000);
    expect(flippedAt - endsAt).toBeLessThan(1_500);
    await expect(page.getByRole('note').filter({ hasText: 'free-form replies will fail' })).toBeVisible();
  });

  test('turns open when a sync brings the customer’s reply, without a reload', async ({ context, openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await connectAndSync(popup, fakeTwilio);
    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-joao`);
    await expect(badge(page)).toHaveAttribute('data-state', 'closed');
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    fakeTwilio.control.addInbound({ from: DEMO_CONTACTS.joao.number, body: 'Ainda tenho interesse!' });
    await popup.getByRole('button', { name: 'Sync now' }).click();
    await expect(badge(page)).toHaveAttribute('data-state', 'open', { timeout: 5_000 });
    await expect(badge(page)).toHaveAccessibleName(/^WhatsApp session: open, 2[34] h( \d+ min)? left$/);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  });

  test('follows the rep to another conversation (pushState), showing the new contact', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-mari`);
    await expect(badge(page)).toHaveAttribute('data-state', 'open');
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByRole('link', { name: 'Lucía García' }).click();
    await expect(page.getByRole('heading', { name: 'Lucía García' })).toBeVisible();
    await expect(badge(page)).toHaveCount(1);
    await expect(badge(page)).toHaveAttribute('data-state', 'expiring');
    await page.goBack();
    await expect(badge(page)).toHaveAttribute('data-state', 'open');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  });

  test('puts nothing beside a deal’s notes editor or on a Messenger conversation', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.textarea}/deal/201`);
    await expect(page.getByRole('textbox', { name: 'Take a note' })).toBeVisible();
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-peter`);
    await expect(page.getByRole('heading', { name: 'Peter Novak' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
    // Give the extension every chance to (wrongly) appear: of ours there is only the inbox's launcher, at the bottom right.
    await page.waitForTimeout(1_000);
    expect(await page.evaluate(() => document.querySelectorAll('[class^="wat-"], wat-conversation, wat-confirm-whatsapp').length)).toBe(0);
    await expect(page.getByRole('button', { name: 'Open WhatsApp inbox' })).toBeVisible();
    await page.goto(`${PIPEDRIVE.textarea}/deal/201`);
    // The deal's own WhatsApp conversation is our panel's launcher at the bottom right, never beside an editor.
    await expect(page.getByRole('button', { name: 'Open WhatsApp conversation' })).toBeVisible();
    await page.waitForTimeout(1_000);
    expect(await page.evaluate(() => document.querySelectorAll('wat-conversation, wat-confirm-whatsapp').length)).toBe(0);
  });

  test('a contact with several numbers: the one WhatsApp is on, and which one it is', async ({ context, openPopup, fakeTwilio }) => {
    // Olivia's Pipedrive person lists a landline first; her WhatsApp is the mobile second.
    fakeTwilio.control.addInbound({ from: '+447400123456', body: 'Hi, Olivia here.', at: Date.now() - 60 * 60_000 });
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-olivia`);
    await expect(badge(page)).toHaveAttribute('data-state', 'open');
    await expect(page.locator('wat-conversation').getByTitle('WhatsApp number')).toHaveText('+447400123456');
  });

  test('asks for the number when the page shows none, and remembers it for the conversation', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-kevin`);
    const field = page.getByLabel("Customer's WhatsApp number");
    await field.fill('12');
    await page.getByRole('button', { name: 'Save number' }).click();
    await expect(page.getByRole('alert')).toHaveText('Not a valid phone number. Use the international form, e.g. +372 5123 4567.');
    await field.fill('+372 5345 6789');
    await page.getByRole('button', { name: 'Save number' }).click();
    await expect(badge(page)).toHaveAttribute('data-state', 'closed');
    await expect(field).toHaveCount(0);

    await page.reload();
    await expect(badge(page)).toHaveAttribute('data-state', 'closed');
    await expect(page.getByLabel("Customer's WhatsApp number")).toHaveCount(0);
  });
});

test.describe('Pipedrive: the contact from Pipedrive’s API', () => {
  test('uses the rep’s personal API token when the page’s session may not read the person', async ({ context, openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await connectAndSync(popup, fakeTwilio);
    const page = await context.newPage();
    // Ann's conversation shows no number: only her Pipedrive person has it, and this company refuses the session.
    await page.goto(`${PIPEDRIVE.locked}/messaging/inbox/c-ann`);
    await expect(badge(page)).toHaveAccessibleName('WhatsApp session: unknown, no WhatsApp number found');

    await popup.getByText('Settings', { exact: true }).click();
    await popup.getByLabel('Personal Pipedrive API token (optional)').fill(PIPEDRIVE_API_TOKEN);
    await popup.getByRole('button', { name: 'Save settings' }).click();
    await expect(popup.getByText('A Pipedrive API token is saved.')).toBeVisible();
    // Kept with the company Pipedrive named for it: the only host it will be sent to.
    const [kept] = await readStore<{ id: string; token: string; companyHost?: string }>(popup, 'secrets').then((all) => all.filter((r) => r.id === 'pipedrive'));
    expect(kept?.companyHost).toBe('locked.pipedrive.com');

    await page.reload();
    await expect(badge(page)).toHaveAttribute('data-state', 'closed');
    // The token stayed in the extension: the page only ever saw its own session's refusal.
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.reload();
    await expect(badge(page)).toHaveAttribute('data-state', 'closed');
    expect(requests.some((url) => url.includes(PIPEDRIVE_API_TOKEN))).toBe(false);

    // What reached Pipedrive (the page's and the background's requests): the token only as a header, only to
    // api.pipedrive.com (once, to learn its company) and to locked's own host; v2 reads, never a v1 person.
    const api = pipedriveApiRequests(context);
    const withToken = api.filter((r) => r.hasTokenHeader).map((r) => new URL(r.url));
    expect(withToken.map((url) => url.href)).toContain('https://api.pipedrive.com/api/v1/users/me');
    expect(withToken.map((url) => url.href)).toContain('https://locked.pipedrive.com/api/v2/persons/104');
    expect(new Set(withToken.map((url) => url.host))).toEqual(new Set(['api.pipedrive.com', 'locked.pipedrive.com']));
    expect(api.filter((r) => r.url.includes('api_token') || r.url.includes(PIPEDRIVE_API_TOKEN))).toEqual([]);
    expect(api.filter((r) => r.status === 410)).toEqual([]);
  });

  test('a conversation opened again on the page shows its badge from what Pipedrive said before, while Pipedrive is asked again', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    // Ann's conversation shows no number: only her Pipedrive person has it.
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-ann`);
    await expect(badge(page)).toHaveAttribute('data-state', 'closed');
    await page.locator('a[data-id="c-mari"]').click();
    await expect(badge(page)).toHaveAttribute('data-state', 'open');

    // Pipedrive is slow now: Ann's person is answered only when the test lets it go.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const asked: string[] = [];
    await page.route('**/api/v2/persons/104', async (route) => {
      asked.push(route.request().url());
      await held;
      await route.fallback();
    });
    await page.locator('a[data-id="c-ann"]').click();
    await expect(badge(page)).toHaveAttribute('data-state', 'closed');
    await expect(badge(page)).toHaveAccessibleName('WhatsApp session: closed, templates only');
    await expect.poll(() => asked.length).toBe(1);
    release();
    await page.locator('a[data-id="c-mari"]').click();
    await expect(badge(page)).toHaveAttribute('data-state', 'open');
  });

  test('never uses a token of another Pipedrive company on this company’s pages', async ({ context, openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await connectAndSync(popup, fakeTwilio);
    await popup.getByText('Settings', { exact: true }).click();
    await popup.getByLabel('Personal Pipedrive API token (optional)').fill(PIPEDRIVE_ACME_TOKEN);
    await popup.getByRole('button', { name: 'Save settings' }).click();
    await expect(popup.getByText('A Pipedrive API token is saved.')).toBeVisible();

    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.locked}/messaging/inbox/c-ann`);
    // The background refused to read locked's person with acme's token: no number, as without a token.
    await expect(badge(page)).toHaveAccessibleName('WhatsApp session: unknown, no WhatsApp number found');
    await page.getByRole('button', { name: 'WhatsApp templates' }).click();
    await expect(page.getByRole('dialog', { name: 'WhatsApp templates' })).toBeVisible();
    const sentToLocked = pipedriveApiRequests(context).filter((r) => new URL(r.url).host === 'locked.pipedrive.com');
    expect(sentToLocked.length).toBeGreaterThan(0); // the page's own session tried (and was refused)
    expect(sentToLocked.filter((r) => r.hasTokenHeader)).toEqual([]);
  });

  test('does not keep a token Pipedrive refuses', async ({ context, openPopup }) => {
    const popup = await openPopup();
    await popup.getByText('Settings', { exact: true }).click();
    await popup.getByLabel('Personal Pipedrive API token (optional)').fill('9'.repeat(40));
    await popup.getByRole('button', { name: 'Save settings' }).click();
    // The other settings were saved; the rep is told the token was not, and why.
    await expect(popup.getByRole('status').filter({ hasText: 'Pipedrive refused this API token: it was not saved.' })).toBeVisible();
    await expect.poll(() => pipedriveApiRequests(context).filter((r) => r.url === 'https://api.pipedrive.com/api/v1/users/me'))
      .toEqual([{ method: 'GET', url: 'https://api.pipedrive.com/api/v1/users/me', hasTokenHeader: true, hasSessionCookie: false, status: 401 }]);
    // The popup's message gets the refusal as a value, and nothing was kept.
    await expect(askAsExtensionPage(popup, 'setPipedriveToken', { token: '9'.repeat(40) }))
      .resolves.toEqual({ ok: false, error: { code: 'bad-secret', message: 'Pipedrive refused this token' } });
    expect((await readStore<{ id: string }>(popup, 'secrets')).map((record) => record.id)).toEqual([]);
    await popup.reload();
    await popup.getByText('Settings', { exact: true }).click();
    await expect(popup.getByLabel('Personal Pipedrive API token (optional)')).toBeVisible();
    await expect(popup.getByText('A Pipedrive API token is saved.')).toHaveCount(0);
  });
});
