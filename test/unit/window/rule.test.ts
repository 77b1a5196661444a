import { describe, expect, it } from 'vitest';
import { CLOSE_EARLY_MS, WINDOW_MS, nextChangeAt, windowView } from '@/lib/window/rule';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const H = 3_600_000;
const MIN = 60_000;
const TWO_HOURS = 2 * H;

describe('windowView', () => {
  // Our window is Twilio's 24 h less CLOSE_EARLY_MS (a reply needs time to reach WhatsApp).
  const OPEN_MS = WINDOW_MS - CLOSE_EARLY_MS;
  const E = CLOSE_EARLY_MS;
  it.each([
    ['wrote 3 h ago', { lastInboundAt: NOW - 3 * H, knownUntil: NOW }, { state: 'open', endsAt: NOW + 21 * H - E, msLeft: 21 * H - E }],
    ['wrote just now', { lastInboundAt: NOW, knownUntil: NOW }, { state: 'open', endsAt: NOW + OPEN_MS, msLeft: OPEN_MS }],
    ['2 h 1 ms left', { lastInboundAt: NOW - 22 * H + E + 1 }, { state: 'open', endsAt: NOW + TWO_HOURS + 1, msLeft: TWO_HOURS + 1 }],
    ['exactly 2 h left', { lastInboundAt: NOW - 22 * H + E }, { state: 'expiring', endsAt: NOW + TWO_HOURS, msLeft: TWO_HOURS }],
    ['1 ms left', { lastInboundAt: NOW - OPEN_MS + 1 }, { state: 'expiring', endsAt: NOW + 1, msLeft: 1 }],
    ['closes now', { lastInboundAt: NOW - OPEN_MS }, { state: 'closed', endsAt: NOW }],
    ['inside Twilio’s 24 h but in our last minute', { lastInboundAt: NOW - WINDOW_MS + 30_000 }, { state: 'closed', endsAt: NOW - 30_000 }],
    ['wrote 30 h ago', { lastInboundAt: NOW - 30 * H, knownUntil: NOW }, { state: 'closed', endsAt: NOW - 6 * H - E }],
    ['wrote in the future (clock skew)', { lastInboundAt: NOW + MIN }, { state: 'open', endsAt: NOW + MIN + OPEN_MS, msLeft: MIN + OPEN_MS }],
    ['never wrote, Twilio asked', { knownUntil: NOW - 5 * MIN }, { state: 'closed' }],
    ['never synced', {}, { state: 'unknown', reason: 'not-synced' }],
    ['sync failing, nothing known', { isSyncFailing: true }, { state: 'unknown', reason: 'sync-failing' }],
    ['sync failing, but a reply is on record', { lastInboundAt: NOW - H, isSyncFailing: true }, { state: 'open', endsAt: NOW + 23 * H - E, msLeft: 23 * H - E }],
    ['sync failing for longer than the interval: an old "closed" is unknown', { lastInboundAt: NOW - 30 * H, knownUntil: NOW - 10 * MIN, isSyncFailing: true, staleAfterMs: 5 * MIN },
      { state: 'unknown', reason: 'sync-failing', endsAt: NOW - 6 * H - E }],
    ['sync failing for longer than the interval, never wrote', { knownUntil: NOW - 10 * MIN, isSyncFailing: true, staleAfterMs: 5 * MIN }, { state: 'unknown', reason: 'sync-failing' }],
    ['sync failing, but checked within the interval: still closed', { lastInboundAt: NOW - 30 * H, knownUntil: NOW - 2 * MIN, isSyncFailing: true, staleAfterMs: 5 * MIN },
      { state: 'closed', endsAt: NOW - 6 * H - E }],
    ['old knowledge but the sync works: closed', { knownUntil: NOW - 10 * MIN, staleAfterMs: 5 * MIN }, { state: 'closed' }],
  ])('%s', (_name, facts, expected) => {
    expect(windowView(facts, NOW)).toEqual(expected);
  });

  it('uses the expiring threshold it is given', () => {
    const facts = { lastInboundAt: NOW - 20 * H };
    expect(windowView(facts, NOW, 2 * H).state).toBe('open');
    expect(windowView(facts, NOW, 4 * H).state).toBe('expiring');
    expect(windowView(facts, NOW, 0).state).toBe('open');
  });
});

describe('nextChangeAt', () => {
  it.each([
    ['whole minutes left: the next minute', NOW - 3 * H, NOW + MIN],
    ['half a minute into a minute', NOW - 3 * H - 30_000, NOW + 30_000],
  ])('%s', (_name, lastInboundAt, expected) => {
    expect(nextChangeAt(windowView({ lastInboundAt }, NOW), NOW)).toBe(expected);
  });

  it('switches to seconds in the last minute and stops at the end', () => {
    const view = windowView({ lastInboundAt: NOW - WINDOW_MS + CLOSE_EARLY_MS + 45_500 }, NOW);
    expect(nextChangeAt(view, NOW)).toBe(NOW + 500);
    const lastMs = windowView({ lastInboundAt: NOW - WINDOW_MS + CLOSE_EARLY_MS + 1 }, NOW);
    expect(nextChangeAt(lastMs, NOW)).toBe(NOW + 1);
  });

  it('fires at the threshold when it comes before the next minute', () => {
    // 2 h 0 min 20 s left with a 2 h threshold: the badge must turn amber in 20 s, not in a minute.
    const view = windowView({ lastInboundAt: NOW - 22 * H + CLOSE_EARLY_MS + 20_000 }, NOW);
    expect(view.state).toBe('open');
    expect(nextChangeAt(view, NOW)).toBe(NOW + 20_000);
  });

  it('has nothing to schedule for closed or unknown windows', () => {
    expect(nextChangeAt(windowView({ lastInboundAt: NOW - 30 * H }, NOW), NOW)).toBeUndefined();
    expect(nextChangeAt(windowView({}, NOW), NOW)).toBeUndefined();
  });
});
