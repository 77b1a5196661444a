import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { FIREFOX } from './harness';
import { requireBrowser } from '../shared/browser-binary';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The port the sandbox build sends Twilio's requests to: each test's fake Twilio listens there. */
    sandboxTwilioPort: number;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A port that is free now, outside the range the kernel hands out for outgoing connections. */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    const isFree = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (isFree) return port;
  }
  throw new Error('No free port for the fake Twilio');
}

/** Once per run: Firefox is there, the production Firefox build is fresh, and the sandbox build talks to the port the tests' fakes will use. */
export default async function setup(project: TestProject): Promise<void> {
  requireBrowser(FIREFOX); // before the build: one line saying what to install
  const port = await freePort();
  const build = (env: Record<string, string>) =>
    execFileSync(path.join(ROOT, 'node_modules/.bin/wxt'), ['build', '-b', 'firefox'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, ...env } });
  build({}); // the production build, whose manifest the tests read
  build({ WXT_SANDBOX_TWILIO: `http://127.0.0.1:${port}` });
  project.provide('sandboxTwilioPort', port);
}
