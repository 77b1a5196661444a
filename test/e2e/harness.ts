import { chromium, type BrowserContext, type Route } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FakeTwilio } from '../fake-twilio';
import { requireChromium } from './chromium';

/**
 * Real Chromium with the built extension, Pipedrive served from the fixtures and Twilio forwarded to the fake.
 * Used by the e2e fixtures, the benchmark and the demo.
 */

/** The production build: what a rep installs is what the tests drive. */
export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3');
/**
 * The same code built with a 2 s Twilio request timeout instead of 15 s (`npm run build:test-timeout`), only for the
 * timeout faults: four timed-out attempts take seconds, not a minute.
 */
export const TEST_TIMEOUT_EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/test-timeout/chrome-mv3');
export const TEST_TIMEOUT_MS = 2_000;
const PIPEDRIVE_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/pipedrive');

/** Company subdomain → page variant. Real Pipedrive accounts live on their own subdomains too. */
export const PIPEDRIVE = {
  textarea: 'https://acme.pipedrive.com',
  contenteditable: 'https://beta.pipedrive.com',
  /** Refuses the page's session on its API: persons only with a personal token. */
  locked: 'https://locked.pipedrive.com',
} as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

function fixtureFile(name: string): { body: Buffer; contentType: string } | undefined {
  const file = path.resolve(PIPEDRIVE_FIXTURES, name);
  if (!file.startsWith(PIPEDRIVE_FIXTURES + path.sep)) return undefined;
  try {
    return { body: readFileSync(file), contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' };
  } catch {
    return undefined;
  }
}

/** Which fixture page a Pipedrive URL gets (a single-page app: every path of a kind gets the same page). */
function pageFor(url: URL): string {
  if (url.pathname.startsWith('/bench/')) return 'bench-mutations.html';
  if (url.pathname.startsWith('/person/')) return 'person.html';
  if (url.pathname.startsWith('/deal/')) return 'deal.html';
  return url.hostname.startsWith('beta.') ? 'inbox-contenteditable.html' : 'inbox.html';
}

/** Serves `https://<company>.pipedrive.com/**` from test/fixtures/pipedrive (a single-page app: every path gets its page). */
async function servePipedrive(route: Route): Promise<void> {
  const url = new URL(route.request().url());
  if (url.pathname.startsWith('/__fixtures__/')) {
    const file = fixtureFile(url.pathname.slice('/__fixtures__/'.length));
    return file ? route.fulfill({ body: file.body, contentType: file.contentType }) : route.fulfill({ status: 404 });
  }
  if (url.pathname.startsWith('/api/v1/')) return servePipedriveApi(route, url);
  const file = fixtureFile(pageFor(url))!;
  return route.fulfill({ body: file.body, contentType: file.contentType });
}

/**
 * Pipedrive's REST API for persons and deals, from test/fixtures/pipedrive/records.json, answering like Pipedrive
 * (`{success, data}`). The `acme` company accepts the page's session; `locked` refuses it (401) and only answers
 * with a personal `api_token`, to test the token fallback.
 */
async function servePipedriveApi(route: Route, url: URL): Promise<void> {
  const records = JSON.parse(readFileSync(path.join(PIPEDRIVE_FIXTURES, 'records.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const match = /^\/api\/v1\/(persons|deals)\/(\d+)$/.exec(url.pathname);
  if (url.hostname.startsWith('locked.') && url.searchParams.get('api_token') !== PIPEDRIVE_API_TOKEN) {
    return route.fulfill({ status: 401, json: { success: false, error: 'unauthorized access', errorCode: 401 } });
  }
  const data = match ? records[match[1]!]?.[match[2]!] : undefined;
  if (!data) return route.fulfill({ status: 404, json: { success: false, error: 'Not found' } });
  return route.fulfill({ json: { success: true, data } });
}

/** The personal API token the `locked` company accepts. */
export const PIPEDRIVE_API_TOKEN = '0123456789abcdef0123456789abcdef01234567';

/** Forwards Twilio's three hosts to the fake; `route.fetch` also catches the service worker's requests. */
async function forwardToFake(route: Route, fake: FakeTwilio): Promise<void> {
  const url = new URL(route.request().url());
  try {
    const response = await route.fetch({ url: fake.url + url.pathname + url.search, maxRetries: 0 });
    await route.fulfill({ response });
  } catch {
    // The fake dropped the connection on purpose (a fault), or the test is over: fail like the network would.
    await route.abort('connectionreset').catch(() => undefined);
  }
}

export interface LaunchOptions {
  fake: FakeTwilio;
  extensionDir?: string;
  headless?: boolean;
  locale?: string;
  /**
   * Serve Pipedrive's pages and forward Twilio's hosts at once (the default). Playwright then holds every request
   * of the browser for a look from Node, a few ms each: the benchmark times its syncs before adding them.
   */
  routes?: boolean;
}

/** Pipedrive's pages from the fixtures, and Twilio's three hosts forwarded to the fake. */
export async function routeTestHosts(context: BrowserContext, fake: FakeTwilio): Promise<void> {
  await context.route(/^https:\/\/([a-z0-9-]+\.)*pipedrive\.com\//, servePipedrive);
  await context.route(/^https:\/\/(api|content|messaging)\.twilio\.com\//, (route) => forwardToFake(route, fake));
}

export async function launchWithExtension(options: LaunchOptions): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  // Before anything else: without Chromium, one line saying how to install it instead of Playwright's stack trace.
  const executablePath = requireChromium();
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    const build = extensionDir === TEST_TIMEOUT_EXTENSION_DIR ? 'npm run build:test-timeout' : 'npx wxt build';
    throw new Error(`No built extension in ${extensionDir}: run \`${build}\` first`);
  }
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'wat-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: options.headless ?? !process.env.HEADED,
    locale: options.locale ?? 'en-US',
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--lang=${options.locale ?? 'en-US'}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  if (options.routes ?? true) await routeTestHosts(context, options.fake);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
