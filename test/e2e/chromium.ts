import { accessSync, constants } from 'node:fs';

/**
 * The Chromium every real-browser run uses (e2e, demo, bench). Playwright cannot download its own browsers on these
 * machines, so it drives Debian's package; `CHROMIUM_PATH` points elsewhere.
 */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

/** What is missing and the command that installs it, in one line; undefined when Chromium is there. */
export function missingChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const executable = chromiumPath(env);
  try {
    accessSync(executable, constants.X_OK);
    return undefined;
  } catch {
    const where = env.CHROMIUM_PATH ? `${executable} (CHROMIUM_PATH)` : executable;
    const elsewhere = env.CHROMIUM_PATH ? ', or point CHROMIUM_PATH at a Chromium binary' : '';
    return `Chromium is missing: nothing to run at ${where}. Install it with \`apt-get install -y chromium\`${elsewhere}.`;
  }
}

export class MissingChromiumError extends Error {
  override readonly name = 'MissingChromiumError';
}

/** The Chromium to launch; throws the one-line explanation when there is none. */
export function requireChromium(env: NodeJS.ProcessEnv = process.env): string {
  const problem = missingChromium(env);
  if (problem) throw new MissingChromiumError(problem);
  return chromiumPath(env);
}

/** For `npm run demo` and `npm run bench`: say what is missing in one line and exit 1, before building anything. */
export function exitUnlessChromium(): void {
  const problem = missingChromium();
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}
