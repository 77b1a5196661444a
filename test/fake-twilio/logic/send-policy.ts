import type { ApprovalStatus, AsyncFailureCode, DeliveryOutcome } from '../types';

/**
 * What becomes of a WhatsApp message once Twilio has accepted it, modelled on what Twilio and Meta document, not on
 * the extension's own rule (lib/templates/sendability.ts), so that tests of the one can catch mistakes in the other.
 *
 * Twilio checks a send synchronously only for its own request errors (logic/send-request.ts); the window and the
 * template's approval are not among them. A message outside the rules is accepted (201 `queued`), handed to WhatsApp,
 * and Meta's refusal comes back later as the message's error code: 63016 ("Outside messaging window. For WhatsApp,
 * use a Message Template instead", https://www.twilio.com/docs/api/errors/63016).
 */

/** What is being sent: free-form text or media (`Body`, `MediaUrl`) or a Content template (`ContentSid`). */
export type SendKind = { kind: 'body' } | { kind: 'template'; status: ApprovalStatus; typeKeys: readonly string[] };

/**
 * Twilio's content types for WhatsApp, least to most complex. "When a message handles multiple content types, Twilio
 * sends the most complex translation that the chosen channel supports" (Content Types Overview, "Channel support and
 * priority order", https://www.twilio.com/docs/content/content-types-overview). Keys not listed (SMS-only or unknown
 * types) are not sent over WhatsApp.
 */
const WHATSAPP_TYPES_BY_COMPLEXITY = [
  'twilio/text',
  'twilio/media',
  'twilio/location',
  'twilio/quick-reply',
  'twilio/call-to-action',
  'twilio/list-picker',
  'twilio/card',
  'twilio/carousel',
  'twilio/catalog',
  'twilio/flows',
  'whatsapp/card',
  'whatsapp/authentication',
];

/**
 * The types WhatsApp takes without an approved template in a user-initiated (24-hour) session: "No Approval Required
 * to Send Messages" in the table "WhatsApp approval requirements" (same page, and Session Definitions,
 * https://www.twilio.com/docs/content/session-definitions). Call-to-action, card, carousel ("to reply within a 24
 * hour user initiated session, content template approval is required", https://www.twilio.com/docs/content/carousel),
 * whatsapp/card and whatsapp/authentication need approval in a session too. Catalog and flows are not in that table:
 * the fake asks for approval.
 */
const SENT_UNAPPROVED_IN_SESSION: ReadonlySet<string> = new Set(['twilio/text', 'twilio/media', 'twilio/location', 'twilio/quick-reply', 'twilio/list-picker']);

/**
 * Types that cannot start a business-initiated conversation at all, approved or not: "Not supported" out of session
 * in the same table, and a cause of 63016 ("a content type that cannot start a business-initiated WhatsApp
 * conversation, such as twilio/list-picker or twilio/location"). List pickers cannot even be submitted for approval
 * (https://www.twilio.com/docs/content/twiliolist-picker).
 */
const SESSION_ONLY: ReadonlySet<string> = new Set(['twilio/location', 'twilio/list-picker']);

/** The one of a template's types Twilio sends over WhatsApp; undefined when it has none WhatsApp supports. */
export function whatsAppType(typeKeys: readonly string[]): string | undefined {
  return WHATSAPP_TYPES_BY_COMPLEXITY.findLast((type) => typeKeys.includes(type));
}

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
  if (!isAcceptedByWhatsApp(send, isWindowOpen)) return failure(63016);
  if (contactFailure !== undefined) return failure(contactFailure);
  return { kind: 'delivered' };
}

function isAcceptedByWhatsApp(send: SendKind, isWindowOpen: boolean): boolean {
  // Free-form messages are session messages: inside the customer service window only.
  if (send.kind === 'body') return isWindowOpen;
  // Meta refuses a template it paused or disabled (Cloud API errors 132015 "Template is paused", 132016 "Template is
  // disabled"). Twilio's documentation gives no code of its own for these; the fake reports them as 63016.
  if (send.status === 'paused' || send.status === 'disabled') return false;
  const type = whatsAppType(send.typeKeys);
  if (isWindowOpen) return send.status === 'approved' || (type !== undefined && SENT_UNAPPROVED_IN_SESSION.has(type));
  // Out of session only an approved template may start the conversation, and only as a type that can start one.
  return send.status === 'approved' && !(type !== undefined && SESSION_ONLY.has(type));
}
