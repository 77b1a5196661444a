import { toRfc2822 } from '../dates';
import { ASYNC_ERROR_MESSAGES } from '../errors';
import { outboundStatusAt } from '../logic/message-status';
import type { MessageRecord, StatusDelays } from '../types';

/** A Message as api.twilio.com returns it (schema `api.v2010.account.message`). */
export interface MessageJson {
  account_sid: string;
  api_version: string;
  body: string;
  date_created: string;
  date_sent: string;
  date_updated: string;
  direction: 'inbound' | 'outbound-api';
  error_code: number | null;
  error_message: string | null;
  from: string;
  messaging_service_sid: string | null;
  num_media: string;
  num_segments: string;
  price: string | null;
  price_unit: string;
  sid: string;
  status: string;
  subresource_uris: { media: string; feedback: string };
  to: string;
  uri: string;
}

export function messagePath(accountSid: string, sid: string): string {
  return `/2010-04-01/Accounts/${accountSid}/Messages/${sid}`;
}

export function renderMessage(
  message: MessageRecord,
  accountSid: string,
  now: number,
  delays: StatusDelays,
): MessageJson {
  const view =
    message.direction === 'inbound'
      ? { status: 'received', errorCode: null, updatedAt: message.createdAt }
      : outboundStatusAt(message.createdAt, message.outcome, now, delays);
  const path = messagePath(accountSid, message.sid);
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: message.body,
    date_created: toRfc2822(message.createdAt),
    // Twilio stamps date_sent when it accepts the message, so even `queued` messages carry one.
    date_sent: toRfc2822(message.createdAt),
    date_updated: toRfc2822(view.updatedAt),
    direction: message.direction,
    error_code: view.errorCode,
    error_message: view.errorCode === null ? null : (ASYNC_ERROR_MESSAGES[view.errorCode] ?? null),
    from: message.from,
    messaging_service_sid: null,
    // num_media and num_segments are strings in Twilio's JSON, not numbers.
    num_media: String(message.media.length),
    num_segments: '1',
    // Price arrives late (or never) on real messages; clients must not rely on it.
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: view.status,
    subresource_uris: { media: `${path}/Media.json`, feedback: `${path}/Feedback.json` },
    to: message.to,
    uri: `${path}.json`,
  };
}
