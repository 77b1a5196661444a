import type { WindowState } from '../window/model';
import type { ApprovalStatus } from './model';

/**
 * Whether a template may be sent to a customer now (DESIGN §1). Pure and content-safe: the picker greys what the
 * background would refuse anyway.
 * - approved: always (a template is the only way to write once the 24-hour window is closed);
 * - paused / disabled: never (WhatsApp stopped it);
 * - anything else: only inside the window, and only when every one of its types is simple content Twilio accepts
 *   unapproved in a session. Every one: Twilio sends a template with several types as the most complex one the
 *   channel supports, so a text with a card goes out as the card, which needs approval.
 */
export const SESSION_CONTENT_TYPES: ReadonlySet<string> = new Set(['twilio/text', 'twilio/media', 'twilio/quick-reply']);

export type Sendability = { ok: true } | { ok: false; reason: 'stopped' | 'not-approved' | 'window-closed' };

/** `typeKeys`: the keys of the template's `types` (`twilio/text`, `twilio/card`, …). */
export function sendability(status: ApprovalStatus, typeKeys: readonly string[], window: WindowState): Sendability {
  if (status === 'approved') return { ok: true };
  if (status === 'paused' || status === 'disabled') return { ok: false, reason: 'stopped' };
  const isWindowOpen = window === 'open' || window === 'expiring';
  if (!isWindowOpen) return { ok: false, reason: 'window-closed' };
  const isSessionContent = typeKeys.length > 0 && typeKeys.every((key) => SESSION_CONTENT_TYPES.has(key));
  return isSessionContent ? { ok: true } : { ok: false, reason: 'not-approved' };
}
