import { toRfc2822 } from '../dates';
import type { MediaRecord, MessageRecord } from '../types';
import { messagePath } from './message';

/** A Media subresource as api.twilio.com returns it (schema `api.v2010.account.message.media`). */
export interface MediaJson {
  account_sid: string;
  content_type: string;
  date_created: string;
  date_updated: string;
  parent_sid: string;
  sid: string;
  uri: string;
}

/** `/2010-04-01/Accounts/{AC}/Messages/{MM}/Media/{ME}` (add `.json` for the resource, nothing for the file). */
export function mediaPath(accountSid: string, messageSid: string, mediaSid: string): string {
  return `${messagePath(accountSid, messageSid)}/Media/${mediaSid}`;
}

export function renderMedia(media: MediaRecord, message: MessageRecord, accountSid: string): MediaJson {
  return {
    account_sid: accountSid,
    content_type: media.contentType,
    // Twilio stores the media while it accepts the message; the fake never changes it afterwards.
    date_created: toRfc2822(message.createdAt),
    date_updated: toRfc2822(message.createdAt),
    parent_sid: message.sid,
    sid: media.sid,
    uri: `${mediaPath(accountSid, message.sid, media.sid)}.json`,
  };
}
