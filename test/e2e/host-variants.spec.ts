import type { Locator, Page } from '@playwright/test';
import { PIPEDRIVE, expect, test } from './fixtures';
import { connectAndSync } from './helpers';
import { addOrderTemplate, choose, dialog, openPicker } from './pages/picker';

/**
 * Messaging markup that carries none of the test ids our own fixtures use (test/fixtures/pipedrive/inbox-*.html):
 * the composer, its conversation, the contact and the channel are recognised by their structure alone.
 */
const badge = (page: Page) => page.getByRole('button', { name: /^WhatsApp session/ });
const ours = (page: Page) => page.evaluate(() => ({
  bars: document.querySelectorAll('wat-conversation').length,
  offers: document.querySelectorAll('wat-confirm-whatsapp').length,
  docks: document.querySelectorAll('wat-floating-dock').length,
}));

interface Variant {
  origin: string;
  conversation: string;
  firstName: string;
  state: 'open' | 'expiring';
  reply: (page: Page) => Locator;
  send: (page: Page) => Locator;
}

const VARIANTS: Record<'plain' | 'aria' | 'svg', Variant> = {
  // A textarea with only a placeholder, "Send" as text, "WhatsApp · +372…" as text, messages in a <ul>.
  plain: {
    origin: PIPEDRIVE.plain, conversation: 'c-mari', firstName: 'Mari', state: 'open',
    reply: (page) => page.getByPlaceholder('Write a message…'),
    send: (page) => page.getByRole('button', { name: 'Send', exact: true }),
  },
  // A contenteditable, an icon-only Send by aria-label, the channel as an icon's alt, a role="log", a tel: link.
  aria: {
    origin: PIPEDRIVE.aria, conversation: 'c-lucia', firstName: 'Lucía', state: 'expiring',
    reply: (page) => page.getByLabel('Type a reply'),
    send: (page) => page.getByRole('button', { name: 'Send', exact: true }),
  },
  // A role="textbox" plaintext-only editor, Send and the channel as SVG <title>s, messages as repeated divs.
  svg: {
    origin: PIPEDRIVE.svg, conversation: 'c-jonas', firstName: 'Jonas', state: 'open',
    reply: (page) => page.getByRole('textbox', { name: 'Message Jonas' }),
    send: (page) => page.getByRole('button', { name: 'Send message', exact: true }),
  },
};

test.describe('Pipedrive: Messaging markup without our test ids', () => {
  for (const [name, variant] of Object.entries(VARIANTS)) {
    test(`${name}: the badge and the templates button beside the reply box, and a template goes in and out with Pipedrive's Send`, async ({ context, openPopup, fakeTwilio }) => {
      addOrderTemplate(fakeTwilio);
      await connectAndSync(await openPopup(), fakeTwilio);
      const page = await context.newPage();
      await openPicker(page, variant.origin, variant.conversation);
      await expect(badge(page)).toHaveAttribute('data-state', variant.state);
      await expect(page.getByRole('button', { name: 'WhatsApp templates' })).toBeVisible();

      // Once, right above the reply box: our host's next sibling is the box holding the rep's textbox.
      const isAboveReply = await variant.reply(page).evaluate((reply) => {
        const hosts = document.querySelectorAll('wat-conversation');
        return hosts.length === 1 && hosts[0]!.nextElementSibling?.contains(reply) === true;
      });
      expect(isAboveReply).toBe(true);

      await choose(page, 'e2e_order_update');
      // {{1}}: the first name from the person linked on the page, else from the conversation's heading.
      await expect(dialog(page).getByLabel('{{1}}', { exact: true })).toHaveValue(variant.firstName);
      await dialog(page).getByLabel('{{2}}', { exact: true }).fill('A-1042');
      await dialog(page).getByRole('button', { name: 'Insert into reply' }).click();
      await expect(dialog(page)).toHaveCount(0);

      const text = `Hi ${variant.firstName}, your order A-1042 is *ready* for pickup.`;
      if (name === 'plain') await expect(variant.reply(page)).toHaveValue(text);
      else await expect(variant.reply(page)).toHaveText(text);
      await variant.send(page).click();
      // The page's own state saw the text: its Send put it in the thread and emptied the reply.
      await expect(page.locator('#thread .sent')).toHaveText(text);
      if (name === 'plain') await expect(variant.reply(page)).toHaveValue('');
      else await expect(variant.reply(page)).toHaveText('');
      expect(fakeTwilio.control.requests().filter((r) => r.method === 'POST')).toHaveLength(0);
    });
  }

  test('nothing on a Messenger conversation of the same shape, though a message links wa.me', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.messenger}/messaging/inbox/c-peter`);
    await expect(page.getByRole('heading', { name: 'Peter Novak' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
    await page.waitForTimeout(1_500); // past the re-checks: every chance to (wrongly) appear
    expect(await ours(page)).toEqual({ bars: 0, offers: 0, docks: 0 });
  });

  test('only the WhatsApp reply box gets our UI, not the notes editor or the email composer beside it', async ({ context, openPopup, fakeTwilio }) => {
    await connectAndSync(await openPopup(), fakeTwilio);
    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.mixed}/messaging/inbox/c-ann`);
    // Ann's number is only on her Pipedrive person (linked in the conversation's header): her window is closed.
    await expect(badge(page)).toHaveAttribute('data-state', 'closed');
    const reply = page.getByRole('textbox', { name: 'Reply to Ann' });
    expect(await reply.evaluate((box) => document.querySelector('wat-conversation')?.nextElementSibling?.contains(box))).toBe(true);

    await page.getByLabel('Add a note').click();
    await page.keyboard.type('/');
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.type('/');
    await page.waitForTimeout(1_500);
    await expect(dialog(page)).toHaveCount(0);
    expect(await ours(page)).toEqual({ bars: 1, offers: 0, docks: 0 });
  });
});
