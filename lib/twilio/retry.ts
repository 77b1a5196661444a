import type { TwilioError } from './errors';

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  /** Backoff cap for attempt n is min(maxDelayMs, baseDelayMs × 2^n); the delay is uniform in [0, cap] ("full jitter"). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error goes to the caller instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

/**
 * Whether a failed attempt may be tried again. A request that is not idempotent (creating a message) is retried only
 * when Twilio says it did not act on it (429): after a timeout or a dropped connection the message may have been
 * created, and sending it twice is worse than reporting the failure.
 */
export function isRetryable(error: TwilioError, idempotent: boolean): boolean {
  if (error.kind === 'aborted') return false;
  if (error.kind === 'http' && error.status === 429) return true;
  if (!idempotent) return false;
  if (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'malformed') return true;
  return error.kind === 'http' && error.status >= 500;
}

/** Delay before retry number `retry` (0 for the first retry), honouring `Retry-After` when Twilio sent one. */
export function retryDelayMs(policy: RetryPolicy, retry: number, error: TwilioError, random: () => number): number | undefined {
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs <= policy.maxRetryAfterMs ? error.retryAfterMs : undefined;
  }
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * cap);
}
