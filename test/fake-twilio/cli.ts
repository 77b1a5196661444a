import { parseArgs } from 'node:util';
import { startFakeTwilio } from './index';
import type { GeneratedSeed, SeedName } from './types';

/**
 * `npm run fake-twilio -- --port 4010 --seed demo [--latency 50]`
 * Seeds: demo, empty, or generated:templates=N,inbound=M,contacts=K[,senders=S][,seed=X].
 */
const USAGE = 'Usage: npm run fake-twilio -- [--port 4010] [--seed demo|empty|generated:templates=N,inbound=M,contacts=K] [--latency MS]';

function parseSeed(value: string): SeedName | GeneratedSeed {
  if (value === 'demo' || value === 'empty') return value;
  const match = /^generated:(.+)$/.exec(value);
  if (!match?.[1]) throw new Error(`Unknown seed "${value}". ${USAGE}`);
  const sizes = new Map<string, number>();
  for (const pair of match[1].split(',')) {
    const [key = '', number = ''] = pair.split('=');
    sizes.set(key.trim(), Number(number));
  }
  return {
    templates: sizes.get('templates') ?? 0,
    inbound: sizes.get('inbound') ?? 0,
    contacts: sizes.get('contacts') ?? 1,
    senders: sizes.get('senders'),
    seed: sizes.get('seed'),
  };
}

function parseNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`--${name} takes a whole number. ${USAGE}`);
  return number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, seed: { type: 'string' }, latency: { type: 'string' } },
  });
  const fake = await startFakeTwilio({
    seed: parseSeed(values.seed ?? 'demo'),
    port: parseNumber(values.port, 'port') ?? 4010,
    latencyMs: parseNumber(values.latency, 'latency'),
  });
  const c = fake.credentials;
  console.log(`fake-twilio listening on ${fake.url}`);
  console.log(`Account:              ${c.friendlyName}`);
  console.log(`Account SID:          ${c.accountSid}`);
  console.log(`Auth Token:           ${c.authToken}`);
  console.log(`Main API key SID:     ${c.mainKeySid}`);
  console.log(`Main API key secret:  ${c.mainKeySecret}`);
  console.log(`Standard API key SID: ${c.standardKeySid}`);
  console.log(`Standard key secret:  ${c.standardKeySecret}`);
  console.log(`Control API:          ${fake.url}/__fake/ (see test/fake-twilio/README.md)`);

  const stop = (): void => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
