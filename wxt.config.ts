import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { MEDIA_HOSTS } from './lib/media-hosts';

/**
 * The sandbox build (demo, benchmark): WXT_SANDBOX_TWILIO=http://127.0.0.1:PORT sends every Twilio request to that
 * fake Twilio instead, and builds into .output/sandbox. A normal build has no such origin and no such permission.
 */
const SANDBOX_TWILIO = process.env.WXT_SANDBOX_TWILIO;

/**
 * The e2e timeout build: WXT_TEST_TWILIO_TIMEOUT_MS=2000 gives every Twilio request a 2 s timeout instead of 15 s, so
 * the fault suite can time out four attempts in seconds. It builds into .output/test-timeout, never into the
 * production output, and talks to the real Twilio hosts only (the tests route them to the fake).
 */
const TEST_TIMEOUT_MS = process.env.WXT_TEST_TWILIO_TIMEOUT_MS;
if (TEST_TIMEOUT_MS !== undefined && !/^[1-9]\d{2,4}$/.test(TEST_TIMEOUT_MS)) {
  throw new Error('WXT_TEST_TWILIO_TIMEOUT_MS must be a whole number of ms between 100 and 99999');
}
if (TEST_TIMEOUT_MS && SANDBOX_TWILIO) throw new Error('Build the sandbox and the timeout test build separately');

/**
 * The e2e test build also holds the `notifications` permission from install (WXT_TEST_NOTIFICATIONS=1): Playwright
 * cannot answer the browser's prompt for an optional permission, so the notifications e2e runs with it granted (the
 * request itself is unit-tested). Only with the timeout test build, never in the production output.
 */
const TEST_NOTIFICATIONS = process.env.WXT_TEST_NOTIFICATIONS === '1';
if (TEST_NOTIFICATIONS && !TEST_TIMEOUT_MS) throw new Error('WXT_TEST_NOTIFICATIONS is for the timeout test build only');

// The manifest is part of the product: permissions and hosts are exactly what the extension needs, nothing more
// (test/unit/manifest.test.ts and the hardening suite read the built manifest to keep it that way).
export default defineConfig({
  ...(SANDBOX_TWILIO && { outDir: '.output/sandbox' }),
  ...(TEST_TIMEOUT_MS && { outDir: '.output/test-timeout' }),
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'WhatsApp Templates for Pipedrive',
    default_locale: 'en',
    description: '__MSG_ext_description__',
    permissions: ['storage', 'alarms', 'scripting', ...(TEST_NOTIFICATIONS ? ['notifications'] : [])],
    host_permissions: [
      'https://*.pipedrive.com/*',
      'https://api.twilio.com/*',
      'https://content.twilio.com/*',
      'https://messaging.twilio.com/*',
      ...(SANDBOX_TWILIO ? [`${new URL(SANDBOX_TWILIO).protocol}//${new URL(SANDBOX_TWILIO).hostname}/*`] : []),
    ],
    // Twilio's media CDN, asked for only when a file cannot be read without it (lib/media-hosts.ts, SECURITY.md), and
    // desktop notifications, asked for when the rep turns them on (lib/conversations/notify.ts).
    ...(browser === 'firefox'
      ? { optional_permissions: [...MEDIA_HOSTS, 'notifications'] }
      : { optional_host_permissions: [...MEDIA_HOSTS], optional_permissions: ['notifications'] }),
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'whatsapp-templates-pipedrive@extension',
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
});
