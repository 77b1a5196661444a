import { defineConfig } from '@playwright/test';

// One Chromium per test (extensions need a persistent context); 2-core machines: one worker.
export default defineConfig({
  testDir: './test/e2e',
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { trace: 'retain-on-failure' },
});
