import { useEffect, useState } from 'preact/hooks';

/**
 * The current time, refreshed exactly when `nextChangeAt(now)` says the display will change (one timer, no
 * polling). Returns the time of the last render.
 */
export function useNow(nextChangeAt: (now: number) => number | undefined, clock: () => number = Date.now): number {
  const [now, setNow] = useState(clock);
  const next = nextChangeAt(now);
  useEffect(() => {
    if (next === undefined) return;
    // Timers can fire a little early; never schedule in the past, and land just after the boundary.
    const timer = setTimeout(() => setNow(clock()), Math.max(0, next - clock()) + 5);
    return () => clearTimeout(timer);
  }, [next, clock]);
  return now;
}
