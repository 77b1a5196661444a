import { test as base, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { startFakeTwilio, type FakeTwilio } from '../fake-twilio';
import { launchWithExtension } from './harness';

export { PIPEDRIVE, PIPEDRIVE_ACME_TOKEN, PIPEDRIVE_API_TOKEN, pipedriveApiRequests, pipedriveNotes } from './harness';

export interface ExtensionOptions {
  /** Which build to load; `test.use({ extensionDir: TEST_TIMEOUT_EXTENSION_DIR })` for the timeout faults. */
  extensionDir: string | undefined;
}

export interface ExtensionFixtures {
  fakeTwilio: FakeTwilio;
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Opens the popup as a tab (a real popup cannot be opened by a test). */
  openPopup: () => Promise<Page>;
}

export const test = base.extend<ExtensionFixtures & ExtensionOptions>({
  extensionDir: [undefined, { option: true }],
  fakeTwilio: async ({}, use) => {
    const fake = await startFakeTwilio({ seed: 'demo' });
    await use(fake);
    await fake.close();
  },
  context: async ({ fakeTwilio, locale, extensionDir }, use) => {
    // `test.use({ locale: 'et' })` runs the browser (and so the extension's UI) in that language.
    const { context, close } = await launchWithExtension({ fake: fakeTwilio, locale, extensionDir });
    await use(context);
    await close();
  },
  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  openPopup: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    });
  },
});

export const expect = test.expect;
