import { messagePages, whatsAppAddress, type Message } from '../twilio/messages';
import type { TwilioHttp } from '../twilio/http';

/**
 * What became of a send whose POST got no answer (the worker was stopped, the connection dropped, Twilio timed out).
 * Twilio's Message resource carries no content SID and no idempotency key (api.v2010.account.message in the
 * OpenAPI spec), so the send is recognised by what it does carry: our sender as `from`, the contact as `to`, an
 * outbound direction, a creation time inside the POST's window, a SID no other send of ours owns, and the rendered
 * text in `body` (Twilio fills it from the template). A shared sender may carry other people's messages to the same
 * contact in the same minutes, so when the text is known it must match, even for a single candidate: a message that
 * may not be ours leaves the send "unconfirmed" (the rep checks), never "found" and never "not sent".
 */

/** Our clock and Twilio's may differ by this much. */
export const CLOCK_SKEW_MS = 60_000;
/**
 * A POST can create its message only while it is in flight (15 s timeout) plus Twilio's own processing: after this
 * long from the send's start, a message that is still not listed was never created.
 */
export const POST_WINDOW_MS = 2 * 60_000;

export interface UnconfirmedSend {
  sender: string;
  contact: string;
  createdAt: number;
  /** The text the template renders to with the send's values, when the template is known. */
  body?: string;
}

export type SendMatch =
  | { kind: 'found'; message: Message }
  /** Nothing yet, and the POST may still be creating it: look again later. */
  | { kind: 'not-yet' }
  /** Nothing, and the POST's window is over: the message was never created. */
  | { kind: 'none' }
  /** Several messages fit and nothing tells them apart. */
  | { kind: 'ambiguous'; count: number };

const isOutbound = (message: Message) => message.direction.startsWith('outbound');

/** Pure: which of Twilio's messages (newest first, any order works) is this send, if any. */
export function matchSend(send: UnconfirmedSend, messages: readonly Message[], ownedSids: ReadonlySet<string>, now: number): SendMatch {
  const from = whatsAppAddress(send.sender);
  const to = whatsAppAddress(send.contact);
  const earliest = send.createdAt - CLOCK_SKEW_MS;
  const latest = send.createdAt + POST_WINDOW_MS + CLOCK_SKEW_MS;
  const candidates = messages.filter(
    (m) => isOutbound(m) && m.from === from && m.to === to && m.createdAt >= earliest && m.createdAt <= latest && !ownedSids.has(m.sid),
  );
  if (candidates.length > 0) {
    const ours = send.body === undefined ? candidates : candidates.filter((m) => m.body === send.body);
    const [only] = ours;
    return only && ours.length === 1 ? { kind: 'found', message: only } : { kind: 'ambiguous', count: candidates.length };
  }
  return now - send.createdAt > POST_WINDOW_MS + CLOCK_SKEW_MS ? { kind: 'none' } : { kind: 'not-yet' };
}

/**
 * Asks Twilio for the messages from our sender to the contact, newest first, stopping at the first one created before
 * the window, then matches them. No `DateSent` filter: a message still queued has no date_sent yet and must be seen.
 */
export async function lookUpSend(http: TwilioHttp, send: UnconfirmedSend, ownedSids: ReadonlySet<string>, now: number, signal?: AbortSignal): Promise<SendMatch> {
  const earliest = send.createdAt - CLOCK_SKEW_MS;
  const seen: Message[] = [];
  const query = { from: whatsAppAddress(send.sender), to: whatsAppAddress(send.contact), pageSize: 50 };
  for await (const page of messagePages(http, query, signal)) {
    seen.push(...page);
    const oldest = page.at(-1);
    if (!oldest || oldest.createdAt < earliest) break;
  }
  return matchSend(send, seen, ownedSids, now);
}
