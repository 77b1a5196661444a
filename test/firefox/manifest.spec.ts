import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { FIREFOX_DIR, readManifest } from './harness';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? files(path.join(dir, name)) : [path.join(dir, name)]));
}

/** Where Firefox's MV2 manifest differs from Chrome's MV3 one, the production Firefox build says it Firefox's way. */
test('the production Firefox build: an event page, a browserAction popup, hosts among the permissions, a gecko id', () => {
  const m = readManifest(FIREFOX_DIR);
  expect(m.manifest_version).toBe(2);
  // No service worker for extensions in MV2: a background page, unloaded while idle (an event page).
  expect(m.background).toEqual({ persistent: false, scripts: ['background.js'] });
  expect(m.browser_action).toEqual({ default_title: 'WhatsApp Templates for Pipedrive', default_popup: 'popup.html' });
  expect(m).not.toHaveProperty('action');
  // MV2 lists hosts among the permissions, and the media CDN among the optional ones (with notifications).
  expect(m.permissions).toEqual(['storage', 'alarms', 'scripting', 'https://*.pipedrive.com/*', 'https://api.twilio.com/*', 'https://content.twilio.com/*', 'https://messaging.twilio.com/*']);
  expect(m.optional_permissions).toEqual(['https://*.twiliocdn.com/*', 'notifications']);
  expect(m).not.toHaveProperty('host_permissions');
  expect(m).not.toHaveProperty('optional_host_permissions');
  expect(m.browser_specific_settings.gecko.id).toBe('whatsapp-templates-pipedrive@extension');
  // The panel lives in the Pipedrive page in both browsers: no Firefox sidebar.
  expect(m).not.toHaveProperty('sidebar_action');
});

test('the production Firefox build talks to no sandbox', () => {
  for (const file of files(FIREFOX_DIR).filter((f) => /\.(js|json|html)$/.test(f))) {
    expect(readFileSync(file, 'utf8'), file).not.toMatch(/127\.0\.0\.1|localhost/);
  }
});
