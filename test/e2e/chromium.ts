import { browserPath, missingBrowser, requireBrowser, type BrowserBinary } from '../shared/browser-binary';

/**
 * The Chromium every real-browser run uses (e2e, demo, bench). Playwright cannot download its own browsers on these
 * machines, so it drives Debian's package; `CHROMIUM_PATH` points elsewhere.
 */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const CHROMIUM: BrowserBinary = { name: 'Chromium', defaultPath: DEFAULT_CHROMIUM, envVar: 'CHROMIUM_PATH', aptPackage: 'chromium' };

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return browserPath(CHROMIUM, env);
}

/** What is missing and the command that installs it, in one line; undefined when Chromium is there. */
export function missingChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return missingBrowser(CHROMIUM, env);
}

/** The Chromium to launch; throws the one-line explanation when there is none. */
export function requireChromium(env: NodeJS.ProcessEnv = process.env): string {
  return requireBrowser(CHROMIUM, env);
}

/** For `npm run demo` and `npm run bench`: say what is missing in one line and exit 1, before building anything. */
export function exitUnlessChromium(): void {
  const problem = missingChromium();
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}
