import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { inject, test as base } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../fake-twilio';
import { launchFirefox, type FirefoxWithExtension } from './harness';

export interface FirefoxFixtures {
  /** The demo account's fake Twilio, on the port the sandbox build talks to (its media links too). */
  fake: FakeTwilio;
  /** A fresh Firefox profile with the sandbox build installed. */
  firefox: FirefoxWithExtension;
}

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/firefox');

export const test = base.extend<FirefoxFixtures>({
  fake: async ({}, use) => {
    const fake = await startFakeTwilio({ seed: 'demo', port: inject('sandboxTwilioPort'), cdnOrigin: 'self' });
    await use(fake);
    await fake.close();
  },
  firefox: async ({ fake: _fake, task }, use) => {
    const firefox = await launchFirefox();
    await use(firefox);
    // What each tab showed when the test failed, for the one reading the failure.
    if (task.result?.state === 'fail') {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const slug = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
      for (const [i, page] of (await firefox.browser.pages()).entries()) {
        await page.screenshot({ path: path.join(SCREENSHOTS, `${slug}-${i}.png`) }).catch(() => undefined);
      }
    }
    await firefox.close();
  },
});

export { expect } from 'vitest';
