// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionBadge, badgeWords, viewOf } from '@/components/badge/SessionBadge';
import type { WindowInfo } from '@/lib/messaging/protocol';
import { CLOSE_EARLY_MS } from '@/lib/window/rule';
import { useMessages } from '../helpers/i18n';

const H = 3_600_000;
const START = Date.parse('2026-11-25T12:00:00Z');
const info = (lastInboundAt: number | undefined, extra: Partial<WindowInfo> = {}): WindowInfo => ({
  state: 'open', lastInboundAt, knownUntil: START, expiringThresholdMs: 2 * H, contact: '+37251234567', ...extra,
});

beforeEach(() => {
  useMessages('en');
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  vi.useRealTimers();
  render(null, document.body);
});

const badge = () => document.querySelector('button.badge')!;

/**
 * Moves the fake clock and lets Preact render what the badge's own timer changed. `act` holds renders back until it
 * ends, and the badge schedules its next timer only after rendering, so time moves in steps of at most a second.
 */
async function tick(ms: number) {
  for (let left = ms; left > 0; left -= 1_000) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(Math.min(left, 1_000));
    });
  }
}

describe('SessionBadge', () => {
  it('counts down by the minute, turns amber at the threshold, then seconds, then closed at the exact end', async () => {
    // 2 h 1 min 30.5 s left: every boundary falls half a second between the whole seconds the test moves by.
    act(() => render(<SessionBadge info={info(START - 22 * H + CLOSE_EARLY_MS + 90_500)} />, document.body));
    expect(badge().getAttribute('data-state')).toBe('open');
    expect(badge().getAttribute('aria-label')).toBe('WhatsApp session: open, 2 h 2 min left');

    await tick(31_000); // 2 h 0 min 59.5 s left
    expect(badge().getAttribute('aria-label')).toBe('WhatsApp session: open, 2 h 1 min left');

    await tick(60_000); // just under 2 h
    expect(badge().getAttribute('data-state')).toBe('expiring');
    expect(badge().textContent).toBe('Closes in 2 h');

    await tick(7_156_000); // 43.5 s left: seconds now
    expect(badge().getAttribute('aria-label')).toBe('WhatsApp session: expiring, 44 s left');
    await tick(1_000);
    expect(badge().getAttribute('aria-label')).toBe('WhatsApp session: expiring, 43 s left');

    await tick(42_000); // 0.5 s left
    expect(badge().getAttribute('data-state')).toBe('expiring');
    await tick(600);
    expect(badge().getAttribute('data-state')).toBe('closed');
    expect(badge().getAttribute('aria-label')).toBe('WhatsApp session: closed, templates only');
    expect(vi.getTimerCount()).toBe(0); // nothing left to tick
  });

  it('shows when the customer last wrote and the closing time when pressed', () => {
    act(() => render(<SessionBadge info={info(START - 3 * H)} />, document.body));
    act(() => (badge() as HTMLButtonElement).click());
    const details = document.querySelector('[role="note"]')!.textContent!;
    expect(details).toContain('The customer last wrote on');
    expect(details).toContain('The window closes on');
    expect(badge().getAttribute('aria-expanded')).toBe('true');
  });

  it.each([
    [{ reason: 'not-connected' as const }, 'WhatsApp session: unknown, Twilio is not connected'],
    [{ reason: 'no-sender' as const }, 'WhatsApp session: unknown, no WhatsApp sender chosen'],
    [{ reason: 'no-number' as const }, 'WhatsApp session: unknown, no WhatsApp number found'],
    [{ reason: 'sync-failing' as const, knownUntil: undefined }, 'WhatsApp session: unknown, the sync is failing'],
    [{ knownUntil: undefined }, 'WhatsApp session: unknown, not synced yet'],
  ])('names the unknown state’s reason (%o)', (extra, label) => {
    expect(badgeWords(viewOf(info(undefined, { state: 'unknown', ...extra }), START)).label).toBe(label);
  });
});
