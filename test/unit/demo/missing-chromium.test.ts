import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FakeTwilio } from '../../fake-twilio';
import { launchWithExtension } from '../../e2e/harness';

/**
 * A newcomer without Chromium: `npm run demo`, `npm run bench` and the e2e harness say in one line what is missing
 * and how to install it, and exit non-zero, instead of Playwright's stack trace after a build.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const MISSING = path.join(tmpdir(), 'no-chromium-here', 'chromium');
const INSTALL = 'apt-get install -y chromium';

function run(script: string) {
  return spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [script, '--headless'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CHROMIUM_PATH: MISSING, BENCH_PORT: '0' },
    timeout: 120_000,
  });
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('without Chromium', () => {
  it.each([
    ['npm run demo', 'test/demo/run.ts'],
    ['npm run bench', 'test/bench/run.ts'],
  ])('%s says what is missing and how to install it, in one line, and exits non-zero before building', (_name, script) => {
    const result = run(script);
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining(INSTALL)]);
    expect(result.stderr).toContain(MISSING);
    expect(result.stdout).not.toContain('Building');
  });

  it('launchWithExtension (the e2e harness) says the same', async () => {
    vi.stubEnv('CHROMIUM_PATH', MISSING);
    const extensionDir = mkdtempSync(path.join(tmpdir(), 'wat-extension-'));
    writeFileSync(path.join(extensionDir, 'manifest.json'), '{}');
    try {
      const launch = launchWithExtension({ fake: {} as FakeTwilio, extensionDir });
      await expect(launch).rejects.toThrow(INSTALL);
      await expect(launch).rejects.toThrow(/^[^\n]*$/);
    } finally {
      rmSync(extensionDir, { recursive: true, force: true });
    }
  });
});
