import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/**
 * The sandbox build (demo, benchmark): WXT_SANDBOX_TWILIO=http://127.0.0.1:PORT sends every Twilio request to that
 * fake Twilio instead, and builds into .output/sandbox. A normal build has no such origin and no such permission.
 */
const SANDBOX_TWILIO = process.env.WXT_SANDBOX_TWILIO;

// The manifest is part of the product: permissions and hosts are exactly what the extension needs, nothing more
// (test/unit/manifest.test.ts and the hardening suite read the built manifest to keep it that way).
export default defineConfig({
  ...(SANDBOX_TWILIO && { outDir: '.output/sandbox' }),
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'WhatsApp Templates for Pipedrive',
    default_locale: 'en',
    description: '__MSG_ext_description__',
    permissions: ['storage', 'alarms'],
    host_permissions: [
      'https://*.pipedrive.com/*',
      'https://api.twilio.com/*',
      'https://content.twilio.com/*',
      'https://messaging.twilio.com/*',
      ...(SANDBOX_TWILIO ? [`${new URL(SANDBOX_TWILIO).protocol}//${new URL(SANDBOX_TWILIO).hostname}/*`] : []),
    ],
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
