import type { CdnLinks } from './cdn';
import type { FakeClock } from './clock';
import type { FaultRegistry } from './faults';
import type { RequestLog } from './request-log';
import type { FakeStore } from './store';
import type { StatusDelays } from './types';

/** The live parts of a running fake, shared by the HTTP server and the TypeScript control API. */
export interface FakeRuntime {
  store: FakeStore;
  clock: FakeClock;
  faults: FaultRegistry;
  log: RequestLog;
  /** Signed media URLs handed out by `…/Media/{ME}` redirects. */
  cdn: CdnLinks;
  settings: { latencyMs: number; delays: StatusDelays };
}
