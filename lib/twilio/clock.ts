/**
 * Twilio's clock, as far as its answers tell it. The 24-hour window is measured by Twilio (the customer's message
 * carries Twilio's `date_sent`), so "now" must be Twilio's time too, not a browser clock that may be minutes off.
 *
 * Every answer carries a `Date` header, truncated to the second and stamped before the answer travelled to us. So
 * `serverMs - arrivedAtMs` is a lower bound of the true offset, and the best lower bound over recent answers is the
 * tightest. Half a second is added for the truncation (the true stamp is uniformly somewhere in that second).
 */
export interface ClockSample {
  serverMs: number;
  localMs: number;
}

/** How many recent answers the estimate looks at: a clock that was corrected (NTP) is followed within a few syncs. */
export const CLOCK_SAMPLES = 16;

export function clockOffsetMs(samples: readonly ClockSample[]): number {
  if (samples.length === 0) return 0;
  let best = -Infinity;
  for (const { serverMs, localMs } of samples.slice(-CLOCK_SAMPLES)) best = Math.max(best, serverMs - localMs);
  return Math.round(best + 500);
}

/** Keeps the recent samples and the current offset; `now()` is Twilio's time as best we know it. */
export function createServerClock(localNow: () => number = Date.now) {
  const samples: ClockSample[] = [];
  let offset = 0;
  return {
    note(serverMs: number, localMs: number): void {
      samples.push({ serverMs, localMs });
      if (samples.length > CLOCK_SAMPLES) samples.shift();
      offset = clockOffsetMs(samples);
    },
    /** Twilio's time minus the browser's, ms (0 until Twilio has answered once). */
    offsetMs: (): number => offset,
    now: (): number => localNow() + offset,
    hasSamples: (): boolean => samples.length > 0,
  };
}

export type ServerClock = ReturnType<typeof createServerClock>;
