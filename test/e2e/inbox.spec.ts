import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_CONTACTS } from '../fake-twilio/seeds/demo';
import { PIPEDRIVE, expect, pipedriveApiRequests, test } from './fixtures';
import { TEST_TIMEOUT_EXTENSION_DIR } from './harness';
import { askAsExtensionPage, connectAndSync } from './helpers';
import { panel, shownMessages } from './pages/panel';

const { mari } = DEMO_CONTACTS;
/** A customer no Pipedrive person has. */
const STRANGER = '+37255550000';
/** Person 304's number: their name is markup. */
const MARKUP_PERSON = '+37255551234';

const inboxLauncher = (page: Page) => page.getByRole('button', { name: 'Open WhatsApp inbox' });
const inbox = (page: Page) => page.getByRole('region', { name: 'WhatsApp inbox' });
const list = (page: Page) => inbox(page).getByRole('list', { name: 'WhatsApp conversations' });
const rows = (page: Page) => list(page).getByRole('listitem');

/** What the list shows, in order: each row's name (or number) and unread count. */
const shownRows = (page: Page) =>
  rows(page).evaluateAll((items) => items.map((item) => ({ name: item.getAttribute('aria-label'), unread: Number(item.getAttribute('data-unread')) })));

/** A page of Pipedrive with no person, deal or lead open (the pipeline). */
async function openInbox(page: Page): Promise<void> {
  await page.goto(`${PIPEDRIVE.textarea}/pipeline`);
  await inboxLauncher(page).click();
  await expect(inbox(page)).toBeVisible();
}

/** The toolbar icon's text, as the service worker set it. */
const iconText = (context: BrowserContext) => context.serviceWorkers()[0]!.evaluate(() => chrome.action.getBadgeText({}));

test.describe('Pipedrive: the WhatsApp inbox', () => {
  test('lists every conversation of the period, newest first, with the Pipedrive names found by phone', async ({ context, openPopup, fakeTwilio }) => {
    fakeTwilio.control.addInbound({ from: STRANGER, body: 'Hello, who is this?\nSecond line', at: Date.now() - 60 * 60_000 });
    const popup = await openPopup();
    await connectAndSync(popup, fakeTwilio);
    const page = await context.newPage();
    await openInbox(page);

    // Names come in as the rows are looked up in Pipedrive; a number no person has stays a number.
    await expect.poll(() => shownRows(page)).toEqual([
      { name: STRANGER, unread: 0 },
      { name: 'Jonas Becker', unread: 0 },
      { name: 'Mari Tamm', unread: 0 },
      { name: 'Lucía García', unread: 0 },
      { name: 'João Silva', unread: 0 },
      { name: 'Ann Smith', unread: 0 },
    ]);
    // Everything already there when the extension connected counts as read.
    expect(await rows(page).first().getAttribute('aria-setsize')).toBe('6');
    expect(await rows(page).nth(3).getAttribute('aria-posinset')).toBe('4');
    const stranger = list(page).getByRole('listitem', { name: STRANGER });
    await expect(stranger).toContainText('Hello, who is this?');
    await expect(stranger).not.toContainText('Second line');
    await expect(list(page).getByRole('listitem', { name: 'Mari Tamm' })).toContainText('Tere, Mari! Jah, see läks täna hommikul teele.');
    // Each row carries the window badge.
    await expect(list(page).getByRole('listitem', { name: 'Lucía García' }).locator('.badge')).toHaveAttribute('data-state', 'expiring');
    await expect(list(page).getByRole('listitem', { name: 'João Silva' }).locator('.badge')).toHaveAttribute('data-state', 'closed');

    // Filters and the search.
    const filter = (name: string) => inbox(page).getByRole('button', { name, exact: true });
    await expect(filter('All')).toHaveAttribute('aria-pressed', 'true');
    await filter('Awaiting reply').click();
    await expect(filter('Awaiting reply')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(async () => (await shownRows(page)).map((row) => row.name)).toEqual([STRANGER, 'Jonas Becker', 'Lucía García']);
    await filter('Expiring soon').click();
    await expect.poll(async () => (await shownRows(page)).map((row) => row.name)).toEqual(['Lucía García']);
    await filter('All').click();
    const search = inbox(page).getByRole('searchbox', { name: 'Search conversations' });
    await search.fill('joao');
    await expect.poll(async () => (await shownRows(page)).map((row) => row.name)).toEqual(['João Silva']);
    await search.fill('5555');
    await expect.poll(async () => (await shownRows(page)).map((row) => row.name)).toEqual([STRANGER]);
    await search.fill('');

    // A conversation opens in the same panel, without a page load; "All conversations" goes back.
    const url = page.url();
    await list(page).getByRole('listitem', { name: 'Mari Tamm' }).getByRole('button').click();
    await expect(panel(page).getByRole('heading', { name: 'Mari Tamm' })).toBeVisible();
    await expect(shownMessages(page).last()).toContainText('Tere, Mari! Jah, see läks täna hommikul teele.');
    await expect(panel(page).getByRole('link', { name: 'Open in Pipedrive' })).toHaveAttribute('href', '/person/101');
    expect(page.url()).toBe(url);
    await panel(page).getByRole('button', { name: 'All conversations' }).click();
    await expect(list(page)).toBeVisible();
  });

  test('a new message raises the unread count on the launcher and the toolbar icon; opening it reads it', async ({ context, openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await connectAndSync(popup, fakeTwilio);
    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.textarea}/pipeline`);
    await expect(inboxLauncher(page)).toHaveAttribute('data-unread', '0');

    // After the first look (Twilio's times are whole seconds): news.
    fakeTwilio.control.addInbound({ from: mari.number, body: 'Kas saate mulle helistada?', at: Date.now() + 2_000 });
    fakeTwilio.control.addInbound({ from: mari.number, body: 'Ootan.', at: Date.now() + 3_000 });
    await askAsExtensionPage(popup, 'syncNow', { kind: 'conversations' });
    await expect(inboxLauncher(page)).toHaveAttribute('data-unread', '2');
    await expect(inboxLauncher(page)).toHaveAttribute('title', /2 unread WhatsApp messages/);
    await expect.poll(() => iconText(context)).toBe('2');

    await inboxLauncher(page).click();
    const row = list(page).getByRole('listitem', { name: 'Mari Tamm' });
    await expect(row).toHaveAttribute('data-unread', '2');
    await expect(row).toContainText('Ootan.');
    await row.getByRole('button').click();
    await expect(shownMessages(page).last()).toContainText('Ootan.');
    await expect.poll(() => iconText(context)).toBe('');

    // "Mark as unread" brings it back.
    await panel(page).getByRole('button', { name: 'Mark as unread' }).click();
    await expect.poll(() => iconText(context)).toBe('1');
    await panel(page).getByRole('button', { name: 'All conversations' }).click();
    await expect(row).toHaveAttribute('data-unread', '1');
    await inbox(page).getByRole('button', { name: 'Close WhatsApp inbox' }).click();
    await expect(inboxLauncher(page)).toHaveAttribute('data-unread', '1');
  });

  test('"Add to Pipedrive" makes a person of an unknown number, with one POST, and the name shows everywhere', async ({ context, openPopup, fakeTwilio }) => {
    fakeTwilio.control.addInbound({ from: STRANGER, body: 'Hi, I saw your ad' });
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await openInbox(page);
    await list(page).getByRole('listitem', { name: STRANGER }).getByRole('button').click();
    const unknown = panel(page).getByRole('group', { name: 'Number not in Pipedrive' });
    await expect(unknown).toContainText(`No Pipedrive person has ${STRANGER}.`);
    await unknown.getByRole('button', { name: 'Add to Pipedrive' }).click();
    await unknown.getByRole('textbox', { name: 'Name of the new person' }).fill('Kadri Kuusk');
    await unknown.getByRole('button', { name: 'Add person' }).click();
    await expect(panel(page).getByRole('heading', { name: 'Kadri Kuusk' })).toBeVisible();
    await expect(panel(page).getByRole('link', { name: 'Open in Pipedrive' })).toHaveAttribute('href', /^\/person\/9\d\d$/);
    const writes = pipedriveApiRequests(context).filter((r) => r.method !== 'GET');
    expect(writes).toEqual([expect.objectContaining({
      method: 'POST', url: `${PIPEDRIVE.textarea}/api/v2/persons`, body: { name: 'Kadri Kuusk', phones: [{ value: STRANGER, label: 'mobile', primary: true }] }, status: 201,
    })]);
    await panel(page).getByRole('button', { name: 'All conversations' }).click();
    await expect(list(page).getByRole('listitem', { name: 'Kadri Kuusk' })).toBeVisible();
    // Another tab of the same Pipedrive has the name too (the panel opens there as it was left: open).
    const other = await context.newPage();
    await other.goto(`${PIPEDRIVE.textarea}/pipeline`);
    await expect(list(other).getByRole('listitem', { name: 'Kadri Kuusk' })).toBeVisible();
  });

  test('"Link to a person" adds the number to a found person’s phones, keeping theirs', async ({ context, openPopup, fakeTwilio }) => {
    fakeTwilio.control.addInbound({ from: STRANGER, body: 'Tere, see on Mari uus number' });
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await openInbox(page);
    await list(page).getByRole('listitem', { name: STRANGER }).getByRole('button').click();
    const unknown = panel(page).getByRole('group', { name: 'Number not in Pipedrive' });
    await unknown.getByRole('button', { name: 'Link to a person' }).click();
    await unknown.getByRole('searchbox', { name: 'Find a Pipedrive person' }).fill('Mari');
    await unknown.getByRole('button', { name: 'Search' }).click();
    await unknown.getByRole('button', { name: 'Link to Mari Tamm' }).click();
    await expect(panel(page).getByRole('heading', { name: 'Mari Tamm' })).toBeVisible();
    const writes = pipedriveApiRequests(context).filter((r) => r.method !== 'GET');
    expect(writes).toEqual([expect.objectContaining({
      method: 'PATCH', url: `${PIPEDRIVE.textarea}/api/v2/persons/101`, status: 200,
      body: { phones: [{ value: '+372 5123 4567', label: 'mobile', primary: true }, { value: STRANGER, label: 'mobile', primary: false }] },
    })]);
  });

  test('3,000 conversations: only the rows in view are drawn, each with its place; the keyboard walks them all', async ({ context, openPopup, fakeTwilio }) => {
    for (let i = 0; i < 3_000; i++) fakeTwilio.control.addInbound({ from: `+3725${String(1_000_000 + i)}`, body: `Küsimus ${i}`, at: Date.now() - (i + 1) * 20_000 });
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await openInbox(page);
    await expect(rows(page).first()).toHaveAttribute('aria-setsize', '3005');
    expect(await rows(page).count()).toBeLessThan(40);
    await expect(rows(page).first()).toHaveAttribute('aria-posinset', '1');

    // The keyboard: End goes to the last conversation (drawn once scrolled there), Home back to the first.
    await rows(page).first().getByRole('button').focus();
    await page.keyboard.press('End');
    const last = list(page).locator('[aria-posinset="3005"]');
    await expect(last.getByRole('button')).toBeFocused();
    await expect(last).toBeInViewport();
    expect(await rows(page).count()).toBeLessThan(40);
    await page.keyboard.press('ArrowUp');
    await expect(list(page).locator('[aria-posinset="3004"]').getByRole('button')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(list(page).locator('[aria-posinset="1"]').getByRole('button')).toBeFocused();
    // Scrolling by hand draws the rows that come into view.
    await inbox(page).locator('.inbox-scroll').evaluate((scroller) => scroller.scrollTo(0, 64 * 1_500));
    await expect(list(page).locator('[aria-posinset="1502"]')).toBeInViewport();
  });

  test('markup in messages and names stays text in the list', async ({ context, openPopup, fakeTwilio }) => {
    fakeTwilio.control.addInbound({ from: MARKUP_PERSON, body: '<img src=x onerror="window.__xss=2"><script>window.__xss=3</script>' });
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await openInbox(page);
    const row = list(page).getByRole('listitem', { name: 'Eve <img src=x onerror="window.__xss=1">' });
    await expect(row).toContainText('<img src=x onerror="window.__xss=2"><script>');
    await expect(row.locator('img, script')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  });
});

/** The notifications the extension shows now, as the service worker sees them. */
const shownNotifications = (context: BrowserContext) =>
  context.serviceWorkers()[0]!.evaluate(async () => {
    const all = (await chrome.notifications.getAll()) as Record<string, boolean>;
    return Object.keys(all);
  });

test.describe('Pipedrive: notifications of new WhatsApp messages', () => {
  // The test build holds the permission from install: Playwright cannot answer the browser's prompt.
  test.use({ extensionDir: TEST_TIMEOUT_EXTENSION_DIR });

  test('one notification per new message once turned on, none before, none for what was already there', async ({ context, openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await connectAndSync(popup, fakeTwilio);
    await popup.goto(popup.url()); // the settings as a rep reopening the popup finds them
    const notify = popup.getByRole('checkbox', { name: 'Notify me of new WhatsApp messages' });
    await expect(notify).not.toBeChecked();
    await expect(popup.getByRole('checkbox', { name: 'Show message text in notifications' })).toBeDisabled();

    // Off: a new message notifies nobody.
    fakeTwilio.control.addInbound({ from: mari.number, body: 'Esimene', at: Date.now() + 2_000 });
    await askAsExtensionPage(popup, 'syncNow', { kind: 'conversations' });
    expect(await shownNotifications(context)).toEqual([]);

    await notify.check();
    await expect(notify).toBeChecked();
    fakeTwilio.control.addInbound({ from: mari.number, body: 'Teine <b>sõnum</b>', at: Date.now() + 3_000 });
    await askAsExtensionPage(popup, 'syncNow', { kind: 'conversations' });
    await expect.poll(() => shownNotifications(context)).toEqual([expect.stringMatching(new RegExp(`^wat-message:\\${mari.number}\\|SM`))]);
    // The same messages read again (the next sync's overlap) notify nothing more.
    await askAsExtensionPage(popup, 'syncNow', { kind: 'conversations' });
    expect(await shownNotifications(context)).toHaveLength(1);
  });

  test('the tab a notification brings forward opens that conversation', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.textarea}/pipeline`);
    await expect(inboxLauncher(page)).toBeVisible();
    // What the background does for a click: the Pipedrive tab is told which conversation to show.
    await context.serviceWorkers()[0]!.evaluate(async (number) => {
      const [tab] = await chrome.tabs.query({ url: 'https://*.pipedrive.com/*' });
      await chrome.tabs.sendMessage(tab!.id!, { type: 'openInboxConversation', number });
    }, mari.number);
    await expect(panel(page).getByRole('heading', { name: 'Mari Tamm' })).toBeVisible();
    await expect(shownMessages(page).last()).toContainText('Tere, Mari! Jah, see läks täna hommikul teele.');
  });
});
