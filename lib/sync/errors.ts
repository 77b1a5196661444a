import type { SyncError } from '../db/schema';
import { TwilioError } from '../twilio/errors';

/**
 * A sync failure as the popup shows it: a stable code it can translate, and an English message for logs and
 * tests. Never the request's details (they could carry credentials). A 401 is `bad-secret` only when the credential
 * probe confirmed it (`isRefused`); otherwise it is about that one endpoint, like a 403.
 */
export function toSyncError(error: unknown, at: number, isRefused = false): SyncError {
  if (!(error instanceof TwilioError)) return { code: 'internal', message: 'The sync failed inside the extension', at };
  const twilio = error.code ? ` (Twilio error ${error.code})` : '';
  if (error.kind === 'timeout') return { code: 'timeout', message: 'Twilio did not answer in time', at };
  if (error.kind === 'network' || error.kind === 'aborted') return { code: 'unreachable', message: 'Twilio could not be reached', at };
  if (error.kind === 'malformed') return { code: 'malformed', message: 'Twilio sent a reply the extension could not read', at };
  if (error.status === 401 && isRefused) return { code: 'bad-secret', message: `Twilio refused the saved credentials${twilio}`, at };
  if (error.status === 401 || error.status === 403) return { code: 'no-access', message: `The saved credentials lack access to this data${twilio}`, at };
  if (error.status === 404) return { code: 'not-found', message: `Twilio does not know this resource${twilio}`, at };
  if (error.status === 429) return { code: 'rate-limited', message: `Twilio is rate-limiting requests${twilio}`, at };
  if (error.status >= 500) return { code: 'twilio-down', message: `Twilio is having trouble (HTTP ${error.status})`, at };
  return { code: 'twilio-error', message: `${error.message}${twilio}`, at };
}
