import { chromium, type BrowserContext, type Route } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FakeTwilio } from '../fake-twilio';
import { PIPEDRIVE_URL, createFakePipedrive, type FakePipedrive, type PipedriveApiRequest } from '../fake-pipedrive';
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

export { PIPEDRIVE, PIPEDRIVE_ACME_TOKEN, PIPEDRIVE_API_TOKEN, type PipedriveApiRequest } from '../fake-pipedrive';

/** Serves `https://<company>.pipedrive.com/**` from the fake Pipedrive (test/fake-pipedrive), with its faults (a hold, a dropped connection). */
async function servePipedrive(route: Route, pipedrive: FakePipedrive): Promise<void> {
  const request = route.request();
  const answer = pipedrive.answer({ method: request.method(), url: request.url(), headers: await request.allHeaders(), postData: request.postData() ?? undefined });
  if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
  // The page or worker that asked may be gone by now (a test closed it, stopped it): nothing to answer.
  if (answer.isDropped) return route.abort('connectionreset').catch(() => undefined);
  return route.fulfill({ status: answer.status, body: answer.body, contentType: answer.contentType, headers: answer.headers }).catch(() => undefined);
}

/** Forwards Twilio's hosts (and its media CDN) to the fake; `route.fetch` also catches the service worker's requests. */
async function forwardToFake(route: Route, fake: FakeTwilio): Promise<void> {
  const url = new URL(route.request().url());
  try {
    let response = await route.fetch({ url: fake.url + url.pathname + url.search, maxRetries: 0, maxRedirects: 0 });
    // Twilio answers a media file with a 307 to its CDN. A redirect fulfilled here is not followed by Chromium for a
    // service worker's request (checked: "Failed to fetch", the CDN never asked), so the hop to the CDN (the fake
    // again, without the credentials, as a browser sends it) is made here. The redirect itself is covered by the
    // fake's and the client's unit tests.
    const location = response.headers()['location'];
    if (response.status() >= 300 && response.status() < 400 && location) {
      const next = new URL(location, url);
      response = await route.fetch({ url: fake.url + next.pathname + next.search, headers: {}, maxRetries: 0, maxRedirects: 0 });
    }
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

const apiLogs = new WeakMap<BrowserContext, PipedriveApiRequest[]>();
const pipedrives = new WeakMap<BrowserContext, FakePipedrive>();

/** The notes this context's extension wrote into the test Pipedrive, the records it wrote, and its note faults (push one to inject it). */
export function pipedriveNotes(context: BrowserContext): Pick<FakePipedrive, 'notes' | 'faults' | 'written'> {
  const pipedrive = pipedrives.get(context);
  if (!pipedrive) throw new Error('The test hosts are not routed for this context');
  return pipedrive;
}

/** Every request this context's pages and service worker made to the test Pipedrive's API, in order. */
export function pipedriveApiRequests(context: BrowserContext): readonly PipedriveApiRequest[] {
  return apiLogs.get(context) ?? [];
}

/** Pipedrive's pages from the fixtures, and Twilio's three hosts forwarded to the fake. */
export async function routeTestHosts(context: BrowserContext, fake: FakeTwilio): Promise<void> {
  const pipedrive = createFakePipedrive();
  apiLogs.set(context, pipedrive.requests);
  pipedrives.set(context, pipedrive);
  await context.route(PIPEDRIVE_URL, (route) => servePipedrive(route, pipedrive));
  await context.route(/^https:\/\/((api|content|messaging)\.twilio\.com|mms\.twiliocdn\.com)\//, (route) => forwardToFake(route, fake));
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
