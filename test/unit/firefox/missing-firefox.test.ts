import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { launchFirefox } from '../../firefox/harness';

/** Without Firefox ESR, the Firefox run says in one line what is missing and how to install it. */
afterEach(() => {
  vi.unstubAllEnvs();
});

it('launchFirefox (the Firefox harness) names the missing binary and the package that installs it, in one line', async () => {
  const missing = path.join(tmpdir(), 'no-firefox-here', 'firefox-esr');
  vi.stubEnv('FIREFOX_PATH', missing);
  const launch = launchFirefox();
  await expect(launch).rejects.toThrow(`Firefox ESR is missing: nothing to run at ${missing} (FIREFOX_PATH). Install it with \`apt-get install -y firefox-esr\``);
  await expect(launch).rejects.toThrow(/^[^\n]*$/);
});
