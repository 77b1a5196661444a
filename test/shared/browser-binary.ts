import { accessSync, constants } from 'node:fs';

/**
 * A browser that a real-browser run launches from Debian's package (neither Playwright nor Puppeteer can download
 * one on these machines), and the variable that points elsewhere.
 */
export interface BrowserBinary {
  name: string;
  defaultPath: string;
  envVar: string;
  aptPackage: string;
}

export function browserPath(binary: BrowserBinary, env: NodeJS.ProcessEnv = process.env): string {
  return env[binary.envVar] || binary.defaultPath;
}

/** What is missing and the command that installs it, in one line; undefined when the browser is there. */
export function missingBrowser(binary: BrowserBinary, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const executable = browserPath(binary, env);
  try {
    accessSync(executable, constants.X_OK);
    return undefined;
  } catch {
    const where = env[binary.envVar] ? `${executable} (${binary.envVar})` : executable;
    const elsewhere = env[binary.envVar] ? `, or point ${binary.envVar} at a ${binary.name} binary` : '';
    return `${binary.name} is missing: nothing to run at ${where}. Install it with \`apt-get install -y ${binary.aptPackage}\`${elsewhere}.`;
  }
}

export class MissingBrowserError extends Error {
  override readonly name = 'MissingBrowserError';
}

/** The browser to launch; throws the one-line explanation when there is none. */
export function requireBrowser(binary: BrowserBinary, env: NodeJS.ProcessEnv = process.env): string {
  const problem = missingBrowser(binary, env);
  if (problem) throw new MissingBrowserError(problem);
  return browserPath(binary, env);
}
