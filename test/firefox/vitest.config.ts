import path from 'node:path';
import { defineConfig } from 'vitest/config';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The Firefox run (`npm run test:firefox`): real Firefox ESR through Puppeteer, one browser per test, one file at a
 * time (every test's fake Twilio listens on the one port the sandbox build was made for).
 */
export default defineConfig({
  root: ROOT,
  resolve: { alias: { '@': ROOT } },
  test: {
    include: ['test/firefox/**/*.spec.ts'],
    globalSetup: ['test/firefox/global-setup.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    // A real browser's answer takes longer than Vitest's default second.
    expect: { poll: { timeout: 5_000, interval: 100 } },
    hookTimeout: 60_000,
    reporters: ['verbose'],
  },
});
