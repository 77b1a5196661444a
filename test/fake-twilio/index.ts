import type { AddressInfo } from 'node:net';
import { CdnLinks } from './cdn';
import { FakeClock } from './clock';
import { createControl, type FakeControl } from './control';
import { FaultRegistry } from './faults';
import { createFakeServer } from './http/server';
import { RequestLog } from './request-log';
import type { FakeRuntime } from './runtime';
import { seedFactory } from './seeds';
import { FakeStore } from './store';
import {
  DEFAULT_STATUS_DELAYS,
  type GeneratedSeed,
  type SeedCredentials,
  type SeedName,
  type StatusDelays,
} from './types';

/**
 * A fake Twilio on 127.0.0.1: the paths of api.twilio.com, content.twilio.com and messaging.twilio.com
 * on one origin (forward `https://<host>.twilio.com/<path>` to `<url>/<path>`), plus a control API.
 * See README.md.
 */
export interface StartOptions {
  /** Default: `demo`. */
  seed?: SeedName | GeneratedSeed;
  /** Default: a free port. */
  port?: number;
  /** Extra delay before every Twilio answer (ms). */
  latencyMs?: number;
  /** Freeze the fake clock at this instant (ms); default: real time. */
  now?: number;
  /** When outbound messages become sent / delivered / read; default 1 s / 2 s / 4 s after creation. */
  statusDelays?: Partial<StatusDelays>;
  /**
   * Where a media file's 307 points: Twilio's CDN host (default), or `'self'`, the fake's own origin, for a client
   * that reaches only the fake (the sandbox build) and so could never follow a link to the real CDN host.
   */
  cdnOrigin?: 'twilio' | 'self';
}

export interface FakeTwilio {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  close(): Promise<void>;
  credentials: SeedCredentials;
  control: FakeControl;
}

export async function startFakeTwilio(options: StartOptions = {}): Promise<FakeTwilio> {
  const seed = seedFactory(options.seed ?? 'demo');
  const clock = new FakeClock(options.now);
  const delays = { ...DEFAULT_STATUS_DELAYS, ...options.statusDelays };
  const latencyMs = options.latencyMs ?? 0;
  const runtime: FakeRuntime = {
    store: new FakeStore(seed(clock.now())),
    clock,
    faults: new FaultRegistry(),
    log: new RequestLog(),
    cdn: new CdnLinks(),
    settings: { latencyMs, delays },
  };
  const control = createControl(runtime, { seed, initialLatencyMs: latencyMs, initialDelays: delays });
  const server = createFakeServer(runtime, control);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  if (options.cdnOrigin === 'self') runtime.cdn.origin = `http://127.0.0.1:${port}`;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    credentials: runtime.store.credentials,
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets (the SDK's agent keeps them) would otherwise hold close() open.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export type { FakeControl } from './control';
export type { ClockInput, ClockState } from './clock';
export type { Fault, FaultInput } from './faults';
export type { InboundInput } from './messaging';
export type { InboundMediaInput } from './media';
export type { MediaJson } from './render/media';
export { CDN_LINK_TTL_MS, CDN_ORIGIN, CDN_PREFIX } from './cdn';
export type { RequestLogEntry } from './request-log';
export type { TemplateInput, TemplatePatch } from './templates';
export type { MessageJson } from './render/message';
export type { ContentAndApprovalsJson, ContentJson, ApprovalFetchJson } from './render/content';
export type { SenderJson } from './render/sender';
export type { AccountJson } from './render/account';
export type { TwilioErrorBody } from './errors';
export type {
  ApprovalStatus,
  AsyncFailureCode,
  ContentTypes,
  GeneratedSeed,
  SeedCredentials,
  SeedName,
  StatusDelays,
} from './types';
export {
  DEMO_CONTACTS,
  DEMO_CONTACT_LIST,
  DEMO_CREDENTIALS,
  DEMO_SENDERS,
  demoTemplateSid,
  type DemoContact,
  type DemoWindowState,
} from './seeds/demo';
export { EMPTY_CREDENTIALS } from './seeds/empty';
export { GENERATED_CREDENTIALS, generatedContactNumber, generatedSenderNumber } from './seeds/generated';
