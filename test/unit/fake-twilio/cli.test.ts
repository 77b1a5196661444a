import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

/** `npm run fake-twilio`: prints the listening line first, then the credentials, and stops on SIGTERM. */
const ROOT = path.resolve(import.meta.dirname, '../../..');

it('prints "fake-twilio listening on …" and the seed credentials, then exits on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fake-twilio/cli.ts', '--port', '0', '--seed', 'empty'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Control API')) resolve();
    });
    child.once('exit', (code) => {
      reject(new Error(`exited early (${String(code)}): ${output}`));
    });
  });

  const lines = output.split('\n');
  expect(lines[0]).toMatch(/^fake-twilio listening on http:\/\/127\.0\.0\.1:\d+$/);
  for (const label of ['Account SID:', 'Auth Token:', 'Main API key SID:', 'Main API key secret:', 'Standard API key SID:', 'Standard key secret:']) {
    expect(output).toContain(label);
  }
  expect(output).toContain('AC553a967334886e09494f384bf8b56f47');

  const url = lines[0]?.replace('fake-twilio listening on ', '') ?? '';
  expect((await fetch(`${url}/__fake/clock`)).status).toBe(200);

  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
}, 15_000);
