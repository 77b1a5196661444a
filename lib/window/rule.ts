import type { UnknownReason, WindowState } from './model';

/**
 * The customer service window, as pure functions of what we know and the time (DESIGN §1, §6).
 * WhatsApp lets a business reply freely for 24 hours after the customer's most recent message; our own messages,
 * templates included, neither open nor extend it.
 */
export const WINDOW_MS = 24 * 60 * 60 * 1000;
/**
 * We call the window closed one minute before Twilio's 24 hours are up. The time a rep's reply needs to reach
 * WhatsApp (our POST, Twilio's queue, Meta) is counted against the window on Meta's side, and Twilio's clock is known
 * to us only to the second (its `Date` header): a reply sent in the last seconds could be accepted by Twilio and
 * then fail with 63016. A minute covers a slow queue; losing it costs the rep little.
 */
export const CLOSE_EARLY_MS = 60_000;

/** When we stop allowing free replies: Twilio's time of the customer's last message + 24 h, less the margin. */
export const windowEndsAt = (lastInboundAt: number): number => lastInboundAt + WINDOW_MS - CLOSE_EARLY_MS;
export const DEFAULT_EXPIRING_THRESHOLD_MS = 2 * 60 * 60 * 1000;

/** What the rule reads: what is known of a contact's window and how fresh that knowledge is. */
export interface WindowFacts {
  /** Newest inbound message from this contact that we know of (ms), if any. */
  lastInboundAt?: number;
  /**
   * Until when Twilio has been asked about this contact's last 24 hours (ms): the windows sync's last success, or
   * this contact's own refresh. Undefined when it never has.
   */
  knownUntil?: number;
  /** The last sync failed (and nothing newer succeeded). */
  isSyncFailing?: boolean;
  /**
   * While syncing fails, what Twilio said longer ago than this (the sync interval) is too old to call a window
   * `closed` with confidence: the customer may have written since. Undefined: never too old.
   */
  staleAfterMs?: number;
}

/** What the rule works out from the facts at a given time: the state, and when it ends. */
export interface WindowView {
  state: WindowState;
  /** When the window closes (or closed), exact, when known. */
  endsAt?: number;
  /** Time left when open or expiring. */
  msLeft?: number;
  reason?: UnknownReason;
}

export function windowView(facts: WindowFacts, now: number, expiringThresholdMs = DEFAULT_EXPIRING_THRESHOLD_MS): WindowView {
  const isStale =
    facts.isSyncFailing === true &&
    facts.staleAfterMs !== undefined &&
    (facts.knownUntil === undefined || now - facts.knownUntil > facts.staleAfterMs);
  if (facts.lastInboundAt !== undefined) {
    const endsAt = windowEndsAt(facts.lastInboundAt);
    const msLeft = endsAt - now;
    if (msLeft <= 0) return isStale ? { state: 'unknown', reason: 'sync-failing', endsAt } : { state: 'closed', endsAt };
    return { state: msLeft <= expiringThresholdMs ? 'expiring' : 'open', endsAt, msLeft };
  }
  // No inbound message on record: that means "closed" only once Twilio has actually been asked, recently enough.
  if (facts.knownUntil !== undefined && !isStale) return { state: 'closed' };
  return { state: 'unknown', reason: facts.isSyncFailing ? 'sync-failing' : 'not-synced' };
}

/**
 * When the view will next change on its own, so a badge can schedule exactly one timer: the expiring threshold,
 * the closing time, and in between the next whole minute of the countdown (seconds in the last minute).
 */
export function nextChangeAt(view: WindowView, now: number, expiringThresholdMs = DEFAULT_EXPIRING_THRESHOLD_MS): number | undefined {
  if (view.endsAt === undefined || view.msLeft === undefined) return undefined;
  const msLeft = view.msLeft;
  const step = msLeft <= 60_000 ? 1_000 : 60_000;
  // The displayed value changes when msLeft crosses a multiple of `step` (it is rounded up to the unit).
  const toNextStep = msLeft % step === 0 ? step : msLeft % step;
  const candidates = [now + toNextStep, view.endsAt];
  if (view.state === 'open') candidates.push(view.endsAt - expiringThresholdMs);
  return Math.min(...candidates.filter((at) => at > now));
}
