import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CONTENT_SCRIPT_BUDGET_KB, contentScriptGzipKb } from './bundle-size';
import { EXTENSION_DIR, TEST_TIMEOUT_EXTENSION_DIR, TEST_TIMEOUT_MS } from './harness';

/** The production build's manifest asks for exactly what the extension needs, and nothing of the sandbox leaks in. */
const manifest = () => JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown>;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? files(path.join(dir, name)) : [path.join(dir, name)]));
}

test('permissions are exactly storage, alarms and scripting, hosts exactly Pipedrive and Twilio’s three', () => {
  const m = manifest();
  expect(m.name).toBe('WhatsApp Templates for Pipedrive');
  // scripting: the panel, the inbox and the picker are a script of their own, injected when first opened (no prompt:
  // Chromium shows no warning for it, the Pipedrive host permission is what covers the tab).
  expect(m.permissions).toEqual(['storage', 'alarms', 'scripting']);
  expect(m.host_permissions).toEqual(['https://*.pipedrive.com/*', 'https://api.twilio.com/*', 'https://content.twilio.com/*', 'https://messaging.twilio.com/*']);
  expect(m.content_scripts).toEqual([{ matches: ['https://*.pipedrive.com/*'], js: ['content-scripts/pipedrive.js'] }]);
  // Twilio's media CDN only when the rep allows it (asked when a file cannot be read without it), and desktop
  // notifications only when the rep turns them on.
  expect(m.optional_host_permissions).toEqual(['https://*.twiliocdn.com/*']);
  expect(m.optional_permissions).toEqual(['notifications']);
});

test('nothing is web-accessible (the content UI’s styles ship inside its script), and the default CSP applies', () => {
  const m = manifest();
  // The views script is built but listed nowhere: no page can fetch it or tell the extension is installed by it.
  expect(files(EXTENSION_DIR).map((f) => path.relative(EXTENSION_DIR, f))).toContain('pipedrive-views.js');
  expect(m).not.toHaveProperty('web_accessible_resources');
  expect(m).not.toHaveProperty('content_security_policy');
  expect(m).not.toHaveProperty('externally_connectable');
});

test(`the content script, which every Pipedrive page loads, stays within ${CONTENT_SCRIPT_BUDGET_KB} KB gzipped`, () => {
  // A size, not a timing: the same build gives the same figure on any machine. What grows it past the budget is most
  // often a value import that drags a library in (libphonenumber's metadata alone is about 20 KB).
  expect(contentScriptGzipKb(EXTENSION_DIR)).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_KB);
});

test('the production build talks to no sandbox', () => {
  for (const file of files(EXTENSION_DIR).filter((f) => /\.(js|json|html)$/.test(f))) {
    expect(readFileSync(file, 'utf8'), file).not.toMatch(/127\.0\.0\.1|localhost/);
  }
});

/** The Twilio client's per-request timeout as compiled into a build (the default of `timeoutMs` in lib/twilio/http.ts). */
function compiledTimeoutMs(dir: string): number[] {
  const code = readFileSync(path.join(dir, 'background.js'), 'utf8');
  return [...code.matchAll(/timeoutMs\s*\?\?\s*([\d_.e]+)/g)].map((m) => Number(m[1]!.replaceAll('_', '')));
}

test('the production build waits 15 s for Twilio; only the separate e2e timeout build waits less', () => {
  expect(compiledTimeoutMs(EXTENSION_DIR)).toEqual([15_000]);
  expect(compiledTimeoutMs(TEST_TIMEOUT_EXTENSION_DIR)).toEqual([TEST_TIMEOUT_MS]);
  expect(readFileSync(path.join(EXTENSION_DIR, 'background.js'), 'utf8')).not.toContain('WXT_TEST_TWILIO_TIMEOUT_MS');
});
