import { useState } from 'preact/hooks';
import type { WindowInfo } from '@/lib/messaging/protocol';
import type { UnknownReason } from '@/lib/window/model';
import { formatDateTime, formatDuration, formatRelative } from '@/lib/format';
import { t, type MessageKey } from '@/lib/i18n';
import { nextChangeAt, windowView, type WindowView } from '@/lib/window/rule';
import { useNow } from '../hooks/useNow';

export interface SessionBadgeProps {
  /** What the background knows; undefined while it is being asked. */
  info: WindowInfo | undefined;
  clock?: () => number;
}

const REASON: Record<UnknownReason, MessageKey> = {
  'not-connected': 'reason_not_connected',
  'no-sender': 'reason_no_sender',
  'no-number': 'reason_no_number',
  'not-synced': 'reason_not_synced',
  'sync-failing': 'reason_sync_failing',
};

const FIX: Partial<Record<UnknownReason, MessageKey>> = {
  'not-connected': 'badge_details_fix_connect',
  'no-sender': 'badge_details_fix_sender',
  'no-number': 'badge_details_fix_number',
};

/**
 * The window as of the browser's `now`: the background's facts, recomputed locally so it ticks and closes on time, on
 * Twilio's clock (the browser's corrected by the offset Twilio's `Date` headers gave).
 */
export function viewOf(info: WindowInfo | undefined, now: number): WindowView {
  if (!info) return { state: 'unknown', reason: 'not-synced' };
  if (info.reason && info.reason !== 'not-synced' && info.reason !== 'sync-failing') return { state: 'unknown', reason: info.reason };
  const twilioNow = now + (info.clockOffsetMs ?? 0);
  const view = windowView(
    { lastInboundAt: info.lastInboundAt, knownUntil: info.knownUntil, isSyncFailing: info.reason === 'sync-failing', staleAfterMs: info.staleAfterMs },
    twilioNow,
    info.expiringThresholdMs,
  );
  // Back on the browser's clock, so timers and "closes at" are right for this machine.
  return view.endsAt === undefined ? view : { ...view, endsAt: view.endsAt - (info.clockOffsetMs ?? 0) };
}

/** The badge's short text and its accessible name (which always starts with "WhatsApp session"). */
export function badgeWords(view: WindowView): { text: string; label: string } {
  const left = formatDuration(view.msLeft ?? 0);
  switch (view.state) {
    case 'open':
      return { text: t('badge_text_open', left), label: t('badge_label_open', left) };
    case 'expiring':
      return { text: t('badge_text_expiring', left), label: t('badge_label_expiring', left) };
    case 'closed':
      return { text: t('badge_text_closed'), label: t('badge_label_closed') };
    default:
      return { text: t('badge_text_unknown'), label: t('badge_label_unknown', t(REASON[view.reason ?? 'not-synced'])) };
  }
}

function detailLines(info: WindowInfo | undefined, view: WindowView, now: number): string[] {
  const lines: string[] = [];
  if (info?.lastInboundAt !== undefined && view.endsAt !== undefined) {
    lines.push(t('badge_details_last_wrote', formatDateTime(info.lastInboundAt)));
    lines.push(t(view.state === 'closed' ? 'badge_details_closed_at' : 'badge_details_closes', formatDateTime(view.endsAt)));
  } else if (view.state === 'closed') {
    lines.push(t('badge_details_no_message'));
  }
  if (info?.knownUntil !== undefined) lines.push(t('badge_details_checked', formatRelative(info.knownUntil, now)));
  const fix = view.reason && FIX[view.reason];
  if (fix) lines.push(t(fix));
  return lines;
}

/**
 * The customer's 24-hour WhatsApp window at a glance: green open, amber expiring, red closed, grey unknown. It
 * counts down by itself (minutes, then seconds in the last minute) and turns closed at the exact end; pressing it
 * shows when the customer last wrote and when the window closes.
 */
export function SessionBadge({ info, clock = Date.now }: SessionBadgeProps) {
  const [isOpen, setOpen] = useState(false);
  const now = useNow((at) => nextChangeAt(viewOf(info, at), at, info?.expiringThresholdMs), clock);
  const view = viewOf(info, now);
  const { text, label } = badgeWords(view);
  const details = detailLines(info, view, now);
  return (
    <span class="badge-wrap">
      <button type="button" class="badge" data-state={view.state} aria-label={label} title={details.join('\n') || label}
        aria-expanded={isOpen} aria-controls="wat-badge-details" onClick={() => setOpen(!isOpen)}>
        <span class="dot" aria-hidden="true" />
        {text}
      </button>
      {isOpen && details.length > 0 && (
        <span id="wat-badge-details" class="badge-details" role="note">
          {details.map((line) => <span key={line}>{line}</span>)}
        </span>
      )}
    </span>
  );
}
