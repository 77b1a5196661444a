/**
 * `npm run demo`: the product working in one command, with no Twilio account. Builds the sandbox extension (its
 * Twilio requests go to a local fake Twilio, the `demo` seed), opens Chromium with it installed and connected, on a
 * demo Pipedrive inbox whose conversations show every window state.
 *
 * With a display, the browser stays open for you to try things. Without one (or with `--headless`), it walks the same
 * story by itself, writes screenshots to demo-output/, and exits 0.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { startFakeTwilio } from '../fake-twilio';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../fake-twilio/seeds/demo';
import { exitUnlessChromium } from '../e2e/chromium';
import { PIPEDRIVE, launchWithExtension } from '../e2e/harness';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUTPUT = path.join(ROOT, 'demo-output');
const args = process.argv.slice(2);
const PORT = Number(args[args.indexOf('--port') + 1] || 4010) || 4010;
const isHeadless = args.includes('--headless') || !process.env.DISPLAY;

async function ask(page: Page, type: string, payload: unknown) {
  const reply = (await page.evaluate(([type, payload]) => chrome.runtime.sendMessage({ type, payload }), [type, payload] as const)) as { ok: boolean; error?: { message: string } };
  if (!reply.ok) throw new Error(`${type}: ${reply.error?.message}`);
  return reply;
}

async function main() {
  exitUnlessChromium(); // before the build: a newcomer learns at once what to install
  console.log('Building the sandbox extension…');
  execSync('npx wxt build', { cwd: ROOT, stdio: 'ignore', env: { ...process.env, WXT_SANDBOX_TWILIO: `http://127.0.0.1:${PORT}` } });
  const fake = await startFakeTwilio({ seed: 'demo', port: PORT });
  console.log(`fake-twilio listening on ${fake.url}`);
  const { context, close } = await launchWithExtension({ fake, headless: isHeadless, extensionDir: path.join(ROOT, '.output/sandbox/chrome-mv3') });
  // tsx names functions with an `__name` helper, which code sent to the page must find there too.
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
  await ask(popup, 'connectTwilio', { accountSid: fake.credentials.accountSid, secret: fake.credentials.authToken, remember: true });
  await ask(popup, 'setSender', { sender: DEMO_SENDERS[0].number });
  await ask(popup, 'syncNow', {});
  await popup.reload();

  if (isHeadless) {
    await walkThrough(context, popup, fake.url);
    await close();
    await fake.close();
    console.log(`\nDone: screenshots in ${path.relative(process.cwd(), OUTPUT)}/`);
    return;
  }

  const inbox = await context.newPage();
  await inbox.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-mari`);
  console.log(`
The extension is installed and connected to the sandbox ("Acme Sales"). Pipedrive's inbox is a demo page:
  Mari Tamm (open window), Lucía García (expiring), João Silva (closed), Ann Smith (never wrote), Kevin (no number).
Try:
  - open a person (${PIPEDRIVE.textarea}/person/101, Mari Tamm) and press the WhatsApp button at the bottom right
    (or Alt+Shift+C): the conversation from Twilio, a reply box while the window is open, the templates;
  - open a conversation and read its badge; press "WhatsApp templates" (or Alt+Shift+W, or type / in the reply);
  - send a template to João (closed window) and watch it become Delivered, then Read;
  - reply as a customer, then press "Sync now" in the popup tab and watch João's badge turn open:
      curl -X POST ${fake.url}/__fake/inbound -H 'Content-Type: application/json' -d '{"from":"${DEMO_CONTACTS.joao.number}","body":"Oi!"}'
  - a customer whose window ends in 30 s (open Ann Smith, watch it count down and close):
      curl -X POST ${fake.url}/__fake/inbound -H 'Content-Type: application/json' -d '{"from":"${DEMO_CONTACTS.ann.number}","body":"Hi","at":${Date.now() + 30_000 - 24 * 3_600_000}}'
Close the browser (or press Ctrl+C) to stop.`);
  await new Promise<void>((resolve) => {
    context.on('close', () => resolve());
    process.once('SIGINT', () => resolve());
  });
  await close().catch(() => undefined);
  await fake.close();
}

/** The story, by itself: every window state, the picker, a template sent and read, a reply reopening a window. */
async function walkThrough(context: BrowserContext, popup: Page, fakeUrl: string) {
  rmSync(OUTPUT, { recursive: true, force: true });
  mkdirSync(OUTPUT, { recursive: true });
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: path.join(OUTPUT, `${name}.png`) });
    console.log(`  ${name}.png`);
  };
  const page = await context.newPage();
  await page.setViewportSize({ width: 1100, height: 720 });
  const badge = page.getByRole('button', { name: /^WhatsApp session/ });

  console.log('Walking through the demo:');
  for (const [conversation, state] of [['c-mari', 'open'], ['c-lucia', 'expiring'], ['c-joao', 'closed'], ['c-kevin', 'unknown']] as const) {
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/${conversation}`);
    await badge.and(page.locator(`[data-state="${state}"]`)).waitFor();
    await shot(page, `badge-${state}`);
  }

  // A person's page: the conversation panel, with a reply that goes queued → read.
  await page.goto(`${PIPEDRIVE.textarea}/person/101`);
  await page.getByRole('button', { name: 'Open WhatsApp conversation' }).click();
  const panel = page.getByRole('region', { name: 'WhatsApp conversation' });
  await panel.locator('[data-direction]').first().waitFor();
  await panel.getByRole('textbox', { name: 'WhatsApp reply' }).fill('Tere, Mari! Pakk jõuab homme kohale.');
  await panel.getByRole('button', { name: 'Send reply' }).click();
  await panel.locator('[data-status="read"]').filter({ hasText: 'Pakk jõuab homme' }).waitFor({ timeout: 15_000 });
  await shot(page, 'conversation');
  await panel.getByRole('button', { name: 'Close WhatsApp conversation' }).click();

  await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-joao`);
  await page.getByRole('button', { name: 'Send a template' }).click();
  const dialog = page.getByRole('dialog', { name: 'WhatsApp templates' });
  await dialog.getByRole('searchbox', { name: 'Search templates' }).fill('order shipped');
  await dialog.getByRole('listbox', { name: 'Templates' }).getByRole('option').first().click();
  for (const [i, value] of ['A-1042', 'Friday, 14 March', 'https://track.acme.example/A-1042'].entries()) {
    await dialog.getByLabel(`{{${i + 2}}}`, { exact: true }).fill(value);
  }
  await shot(page, 'picker');
  await dialog.getByRole('button', { name: 'Send template' }).click();
  await dialog.getByRole('button', { name: 'Send now' }).click();
  await dialog.getByRole('status').filter({ hasText: 'Read by the customer' }).waitFor({ timeout: 15_000 });
  await shot(page, 'sent-read');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  // João answers: after the next sync his window is open again, without a reload.
  await fetch(`${fakeUrl}/__fake/inbound`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ from: DEMO_CONTACTS.joao.number, body: 'Recebido, obrigado!' }) });
  await ask(popup, 'syncNow', { kind: 'windows' });
  await badge.and(page.locator('[data-state="open"]')).waitFor();
  await shot(page, 'reply-reopened');

  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.reload();
  await popup.getByText(/^Templates synced/).waitFor();
  await popup.screenshot({ path: path.join(OUTPUT, 'popup.png'), fullPage: true });
  console.log('  popup.png');
}

await main();
