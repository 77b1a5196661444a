import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { PIPEDRIVE_URL, createFakePipedrive, type FakePipedrive, type PipedriveApiRequest } from '../fake-pipedrive';
import { requireBrowser, type BrowserBinary } from '../shared/browser-binary';

/**
 * Real Firefox (Debian's ESR) with the Firefox build of the extension, driven by Puppeteer over WebDriver BiDi.
 *
 * - The sandbox build (`.output/sandbox/firefox-mv2`, see test/firefox/global-setup.ts) talks to the fake Twilio
 *   directly: BiDi's interception never sees an extension background's own requests (checked: not even an intercept
 *   for every context), so the production build's Twilio calls could not be faked.
 * - Pipedrive is served to each page through Puppeteer's request interception from the fake Pipedrive.
 * - Extension pages are opened in a tab by the browser's own (privileged) code: BiDi refuses to navigate to
 *   `moz-extension://`, and so does a page. Firefox allows that code only with `--remote-allow-system-access`; the
 *   same access stops the background as about:debugging's "Terminate background script" does.
 */

export const FIREFOX: BrowserBinary = { name: 'Firefox ESR', defaultPath: '/usr/bin/firefox-esr', envVar: 'FIREFOX_PATH', aptPackage: 'firefox-esr' };

/** The production Firefox build (what `npm run zip:firefox` packs). */
export const FIREFOX_DIR = path.resolve(import.meta.dirname, '../../.output/firefox-mv2');
/** Where the sandbox build for Firefox goes (WXT's sandbox output folder, Firefox's target). */
export const SANDBOX_FIREFOX_DIR = path.resolve(import.meta.dirname, '../../.output/sandbox/firefox-mv2');

/**
 * The moz-extension host is random per profile unless the profile names it: a fixed one makes extension URLs known
 * before the extension is installed.
 */
const EXTENSION_UUID = '5f0c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b';

export interface FirefoxManifest {
  manifest_version: number;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  background?: { scripts?: string[]; service_worker?: string; persistent?: boolean };
  browser_action?: { default_popup?: string; default_title?: string };
  action?: unknown;
  sidebar_action?: unknown;
  browser_specific_settings: { gecko: { id: string } };
}

export function readManifest(extensionDir: string): FirefoxManifest {
  return JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as FirefoxManifest;
}

/** What a BiDi `script.evaluate` answers (only the parts read here). */
interface EvaluateResult {
  type: 'success' | 'exception';
  result?: { type: string; value?: unknown };
  exceptionDetails?: { text: string };
}

/** Puppeteer's BiDi connection, which its public types do not name: only the call made here. */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

function bidiConnection(browser: Browser): BidiConnection {
  const connection = (browser as unknown as { connection?: Partial<BidiConnection> }).connection;
  if (typeof connection?.send !== 'function') throw new Error('Puppeteer no longer exposes its BiDi connection: the Firefox harness needs updating');
  return connection as BidiConnection;
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** `moz-extension://<uuid>` */
  extensionOrigin: string;
  /** Every request the pages made to the test Pipedrive's API, in order. */
  pipedriveApi: PipedriveApiRequest[];
  /** Opens one of the extension's pages (`/popup.html`) in a new tab, as the browser would, and waits for it. */
  openExtensionPage(pathname: string): Promise<Page>;
  /** Does `opened` (a click that opens an extension page), then waits for that page's new tab. */
  waitForTab(pathname: string, opened: () => Promise<unknown>): Promise<Page>;
  /** A new tab on a Pipedrive URL, served by the fake Pipedrive. */
  openPipedrive(url: string): Promise<Page>;
  /** Runs an async expression in the browser window's privileged scope; its value comes back through JSON. */
  privileged<T>(expression: string): Promise<T>;
  /** `running`, `stopped`, … as Firefox keeps it for the background page. */
  backgroundState(): Promise<string>;
  /** Stops the background page now, as Firefox does to an idle event page (and about:debugging's "Terminate"). */
  terminateBackground(): Promise<void>;
  /** Presses the toolbar button (the `browser_action`); resolves with the URL of the page its panel opened. */
  pressToolbarButton(): Promise<string>;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  extensionDir?: string;
  headless?: boolean;
}

export async function launchFirefox(options: FirefoxOptions = {}): Promise<FirefoxWithExtension> {
  const executablePath = requireBrowser(FIREFOX);
  const extensionDir = options.extensionDir ?? SANDBOX_FIREFOX_DIR;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No Firefox build in ${extensionDir}: run \`npm run test:firefox\`, which builds it`);
  }
  const manifest = readManifest(extensionDir);
  const addonId = manifest.browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: options.headless ?? !process.env.HEADED,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: EXTENSION_UUID }),
      // An optional permission asked for within the rep's click is granted without the prompt a test cannot answer
      // (Firefox still refuses one asked for outside a user action).
      'extensions.webextOptionalPermissionPrompts': false,
      'intl.accept_languages': 'en-US',
      'intl.locale.requested': 'en-US',
    },
  });
  try {
    await browser.installExtension(extensionDir);
  } catch (error) {
    await browser.close();
    throw error;
  }
  const bidi = bidiConnection(browser);
  const extensionOrigin = `moz-extension://${EXTENSION_UUID}`;
  const pipedrive = createFakePipedrive();

  const { contexts } = (await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as { contexts: Array<{ context: string; url: string }> };
  const window = contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('No browser window in BiDi’s chrome scope: is --remote-allow-system-access honoured?');

  async function privileged<T>(expression: string): Promise<T> {
    const { result } = await bidi.send('script.evaluate', {
      expression: `(async () => JSON.stringify((await (${expression})) ?? null))()`,
      target: { context: window!.context },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    const answer = result as EvaluateResult;
    if (answer.type !== 'success') throw new Error(`Privileged script failed: ${answer.exceptionDetails?.text}`);
    return JSON.parse(String(answer.result?.value)) as T;
  }

  const extension = `WebExtensionPolicy.getByID(${JSON.stringify(addonId)}).extension`;

  async function waitForTab(pathname: string, opened: () => Promise<unknown>): Promise<Page> {
    const url = new URL(pathname, extensionOrigin).href;
    const before = new Set(await browser.pages());
    await opened();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      for (const page of await browser.pages()) {
        if (before.has(page)) continue;
        // Puppeteer did not start this navigation, so its idea of the page's URL stays about:blank: ask the page.
        const ready = await page.evaluate((expected) => location.href === expected && document.readyState === 'complete', url).catch(() => false);
        if (ready) return page;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${url} did not open in a tab`);
  }

  const openExtensionPage = (pathname: string) =>
    waitForTab(pathname, () =>
      privileged(`(() => {
        const tab = gBrowser.addTab(${JSON.stringify(new URL(pathname, extensionOrigin).href)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
        gBrowser.selectedTab = tab;
      })()`),
    );

  async function openPipedrive(url: string): Promise<Page> {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => void servePipedrive(request, pipedrive));
    await page.goto(url);
    return page;
  }

  return {
    browser,
    extensionOrigin,
    pipedriveApi: pipedrive.requests,
    openExtensionPage,
    waitForTab,
    openPipedrive,
    privileged,
    backgroundState: () => privileged<string>(`${extension}.backgroundState`),
    terminateBackground: () => privileged(`${extension}.terminateBackground()`),
    pressToolbarButton: () =>
      privileged<string>(`(async () => {
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        // What a click on the toolbar button (or its entry in the extensions menu) does.
        await ExtensionParent.apiManager.global.browserActionFor(${extension}).openPopup(window);
        for (let waited = 0; waited < 5000; waited += 50) {
          const url = document.querySelector('.webextension-popup-browser')?.currentURI.spec;
          if (url && url !== 'about:blank') return url;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        return '';
      })()`),
    close: () => browser.close(),
  };
}

/** Pipedrive's pages and API from the fake Pipedrive; anything else goes to the network (there is none here). */
async function servePipedrive(request: HTTPRequest, pipedrive: FakePipedrive): Promise<void> {
  if (!PIPEDRIVE_URL.test(request.url())) return request.continue();
  // Puppeteer's BiDi requests have no `postData()`: a write's body is fetched.
  const postData = request.method() === 'GET' ? undefined : await request.fetchPostData();
  const answer = pipedrive.answer({ method: request.method(), url: request.url(), headers: request.headers(), postData });
  return request.respond({ status: answer.status, contentType: answer.contentType, body: answer.body, headers: answer.headers });
}
