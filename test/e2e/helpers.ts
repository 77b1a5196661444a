import type { BrowserContext, Page } from '@playwright/test';
import type { FakeTwilio } from '../fake-twilio';
import type { MessageName, RequestOf, Result, ResponseOf } from '@/lib/messaging/protocol';
import { bucketWindows, currentTemplates, readStoreInPage } from '../shared/extension-db';

export { fakeTemplates } from '../shared/fake-twilio-data';

/** Sends a runtime message from an extension page (the popup), as the popup's own code would. */
export async function askAsExtensionPage<N extends MessageName>(page: Page, type: N, payload: RequestOf<N>): Promise<Result<ResponseOf<N>>> {
  return page.evaluate(([type, payload]) => chrome.runtime.sendMessage({ type, payload }), [type, payload] as const) as Promise<Result<ResponseOf<N>>>;
}

/**
 * Runs an expression inside our content script's isolated world on `page` (through CDP), so a test can send
 * exactly what a content script is able to send.
 */
export async function evaluateInContentScript<T>(page: Page, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: Array<{ id: number; name: string; auxData?: { type?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
  await cdp.send('Runtime.enable');
  const isolated = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'WhatsApp Templates for Pipedrive');
  if (!isolated) throw new Error('The content script is not running on this page');
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: isolated.id, awaitPromise: true, returnByValue: true });
  await cdp.detach();
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value as T;
}

/** Reads a whole object store of the extension's IndexedDB from an extension page (same origin as the worker). */
export async function readStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return (await page.evaluate(readStoreInPage, store)) as T[];
}

/** The synced catalogue as the extension stores it: the pages of the current generation, flattened. */
export async function storedTemplates<T = Record<string, unknown>>(page: Page): Promise<T[]> {
  const [sync, pages] = await Promise.all([
    readStore<{ kind: string; generation?: number }>(page, 'sync'),
    readStore<{ generation: number; page: number; templates: T[] }>(page, 'templatePages'),
  ]);
  return currentTemplates(sync, pages);
}

/** Every contact window the extension stores (its buckets flattened), as `{ sender, contact, lastInboundAt, … }`. */
export async function storedWindows<T = Record<string, unknown>>(page: Page): Promise<T[]> {
  return bucketWindows<T>(await readStore<{ sender: string; contacts: Record<string, object> }>(page, 'windowBuckets'));
}

/** Stops the extension's service worker for real (CDP from an extension page: the only way that works). */
export async function stopServiceWorker(context: BrowserContext, extensionPage: Page): Promise<void> {
  const cdp = await context.newCDPSession(extensionPage);
  const versions: Array<{ versionId: string; scriptURL: string; runningStatus: string }> = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => versions.push(...event.versions));
  await cdp.send('ServiceWorker.enable');
  const deadline = Date.now() + 5_000;
  while (!versions.some((v) => v.runningStatus === 'running') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const running = versions.filter((v) => v.runningStatus === 'running' && v.scriptURL.startsWith('chrome-extension://'));
  for (const version of running) await cdp.send('ServiceWorker.stopWorker', { versionId: version.versionId });
  await cdp.detach();
}

/** Connects Twilio through the popup UI with the fake's Auth Token. */
export async function connectWithToken(popup: Page, fake: FakeTwilio): Promise<void> {
  await popup.getByLabel('Account SID').fill(fake.credentials.accountSid);
  await popup.getByLabel('Auth Token').fill(fake.credentials.authToken);
  await popup.getByRole('button', { name: 'Connect' }).click();
  await popup.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
}

/** Connects, chooses the demo's first sender, and waits until both kinds have synced once. */
export async function connectAndSync(popup: Page, fake: FakeTwilio, sender = '+14155238886'): Promise<void> {
  await connectWithToken(popup, fake);
  await popup.getByLabel('WhatsApp sender').selectOption(sender);
  await popup.getByText(/^Templates synced/).waitFor();
  await popup.getByText(/^Conversations synced/).waitFor();
}

/** The demo account's first WhatsApp sender ("Acme Sales"). */
export const DEMO_FAKE_SENDER = '+14155238886';
