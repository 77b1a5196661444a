import type { ApprovalStatus, AsyncFailureCode, DeliveryOutcome } from '../types';

/** What is being sent: free-form text (`Body`) or a Content template (`ContentSid`). */
export type SendKind = { kind: 'body' } | { kind: 'template'; status: ApprovalStatus; typeKeys: readonly string[] };

/**
 * Content types Twilio lets through inside an open window without WhatsApp approval; every other
 * type (and any template outside the window) needs an approved template.
 */
const SESSION_SAFE_TYPES = new Set(['twilio/text', 'twilio/media', 'twilio/quick-reply']);

/** Per code, whether Twilio reports the failure as `failed` (not charged) or `undelivered`. */
const FINAL_STATUS: Record<AsyncFailureCode, 'failed' | 'undelivered'> = {
  // Free-form outside the window: Meta refuses it after Twilio accepted it.
  63016: 'undelivered',
  // Recipient not on WhatsApp (Meta 131026): handed over, never delivered.
  63024: 'undelivered',
  // Meta marketing experiment: Twilio's help centre says "failed status and will not be charged".
  63032: 'failed',
  // Meta chose not to deliver a marketing message: not delivered, not charged, reported as failed.
  63049: 'failed',
};

export function failure(code: AsyncFailureCode): DeliveryOutcome {
  return { kind: 'failed', code, finalStatus: FINAL_STATUS[code] };
}

/**
 * Decides how a message that passed the synchronous checks will end. The window comes first (Meta
 * rejects an out-of-window message whoever the recipient is), then the contact's configured failure.
 */
export function decideOutcome(
  send: SendKind,
  isWindowOpen: boolean,
  contactFailure: AsyncFailureCode | undefined,
): DeliveryOutcome {
  if (!isAllowedBySession(send, isWindowOpen)) return failure(63016);
  if (contactFailure !== undefined) return failure(contactFailure);
  return { kind: 'delivered' };
}

function isAllowedBySession(send: SendKind, isWindowOpen: boolean): boolean {
  if (send.kind === 'body') return isWindowOpen;
  if (send.status === 'approved') return true;
  // Paused and disabled templates may not be sent at all (DESIGN §1); the fake reports them as 63016.
  if (send.status === 'paused' || send.status === 'disabled') return false;
  return isWindowOpen && send.typeKeys.length > 0 && send.typeKeys.every((key) => SESSION_SAFE_TYPES.has(key));
}
