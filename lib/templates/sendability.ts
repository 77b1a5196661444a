import type { ApprovalStatus, WindowState } from '../messaging/protocol';

/**
 * Whether a template may be sent to a customer now (DESIGN §1). Pure and content-safe: the picker greys what the
 * background would refuse anyway.
 * - approved: always (a template is the only way to write once the 24-hour window is closed);
 * - paused / disabled: never (WhatsApp stopped it);
 * - anything else: only inside the window, and only simple content Twilio accepts unapproved in a session.
 */
export const SESSION_CONTENT_TYPES: ReadonlySet<string> = new Set(['twilio/text', 'twilio/media', 'twilio/quick-reply']);

export type Sendability = { ok: true } | { ok: false; reason: 'stopped' | 'not-approved' | 'window-closed' };

export function sendability(status: ApprovalStatus, contentType: string, window: WindowState): Sendability {
  if (status === 'approved') return { ok: true };
  if (status === 'paused' || status === 'disabled') return { ok: false, reason: 'stopped' };
  const isWindowOpen = window === 'open' || window === 'expiring';
  if (!isWindowOpen) return { ok: false, reason: 'window-closed' };
  return SESSION_CONTENT_TYPES.has(contentType) ? { ok: true } : { ok: false, reason: 'not-approved' };
}
