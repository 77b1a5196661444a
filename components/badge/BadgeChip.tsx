import type { WindowInfo } from '@/lib/messaging/protocol';
import { badgeWords, viewOf } from './SessionBadge';

export interface BadgeChipProps {
  info: WindowInfo | undefined;
  now: number;
}

/**
 * The window badge in a list row: the same states, words and `data-state` as the session badge, without its
 * details (a row is one control; its time comes from the list, which redraws on the minute).
 */
export function BadgeChip({ info, now }: BadgeChipProps) {
  const view = viewOf(info, now);
  const { text, label } = badgeWords(view);
  return (
    <span class="badge chip" data-state={view.state} role="img" aria-label={label} title={label}>
      <span class="dot" aria-hidden="true" />
      {text}
    </span>
  );
}
