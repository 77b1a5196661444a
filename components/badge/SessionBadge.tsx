export type BadgeState = 'open' | 'expiring' | 'closed' | 'unknown';

export interface SessionBadgeProps {
  state: BadgeState;
  /** Short text shown on the badge ("Session unknown"). */
  text: string;
  /** Full accessible name, starting with "WhatsApp session". */
  label: string;
  /** Longer explanation for the tooltip. */
  details?: string;
}

/**
 * The customer's 24-hour WhatsApp window at a glance: green open, amber expiring, red closed, grey unknown.
 * Presentational: the feature decides the state and words.
 */
export function SessionBadge({ state, text, label, details }: SessionBadgeProps) {
  return (
    <span class="badge" data-state={state} role="img" aria-label={label} title={details ?? label}>
      <span class="dot" aria-hidden="true" />
      {text}
    </span>
  );
}
