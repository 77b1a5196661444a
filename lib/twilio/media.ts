import * as v from 'valibot';
import { nullableText, parseAnswer } from './answer';
import { TwilioError } from './errors';
import { TWILIO_HOSTS, type TwilioHttp } from './http';
import { SID_PATTERN } from '../sids';

/**
 * A message's media (Twilio's Media subresource): `…/Messages/{SM|MM}/Media.json` lists the files, and each file is
 * `…/Media/{ME}` without `.json`, behind the same HTTP Basic auth. Twilio answers that with a redirect to a signed
 * CDN URL which works without credentials for hours, so neither URL ever leaves the background.
 */
export interface MediaItem {
  sid: string;
  contentType: string;
  /** The file itself, on api.twilio.com. */
  fileUrl: string;
}

const mediaListSchema = v.looseObject({
  media_list: v.array(
    v.looseObject({
      sid: v.pipe(v.string(), v.regex(SID_PATTERN.media)),
      content_type: nullableText,
      uri: nullableText,
    }),
  ),
  next_page_uri: nullableText,
});

function mediaListUrl(http: TwilioHttp, messageSid: string): string {
  return `${TWILIO_HOSTS.api}/2010-04-01/Accounts/${encodeURIComponent(http.accountSid)}/Messages/${encodeURIComponent(messageSid)}/Media.json`;
}

/** Every media file of a message (WhatsApp allows one per message, MMS up to ten: one page of 10 holds them). */
export async function listMedia(http: TwilioHttp, messageSid: string, signal?: AbortSignal): Promise<MediaItem[]> {
  if (!SID_PATTERN.message.test(messageSid)) throw new TwilioError({ kind: 'malformed', message: 'Not a message SID' });
  const body = await http.request<unknown>({ method: 'GET', url: mediaListUrl(http, messageSid), query: { PageSize: 10 }, signal });
  const list = parseAnswer(mediaListSchema, 'media list', body);
  return list.media_list.map((item) => ({
    sid: item.sid,
    contentType: item.content_type || 'application/octet-stream',
    // The file is the resource's URI without `.json`; built from our own parts, never from a host in the answer.
    fileUrl: mediaListUrl(http, messageSid).replace(/\.json$/, `/${item.sid}`),
  }));
}

/** The file name a download header gives (`attachment; filename="offer.pdf"`, or RFC 5987 `filename*=UTF-8''…`). */
export function fileNameFrom(disposition: string | undefined): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)?.[1];
  let name: string | undefined;
  if (extended) {
    try {
      name = decodeURIComponent(extended.trim());
    } catch {
      name = undefined;
    }
  }
  name ??= /filename\s*=\s*"([^"]*)"/.exec(disposition)?.[1] ?? /filename\s*=\s*([^;\s]+)/.exec(disposition)?.[1];
  // Only the last path part, no control characters: it is shown to the rep and used as a download name.
  const clean = [...(name?.split(/[\\/]/).pop() ?? '')].filter((char) => char >= ' ' && char !== '\u007f').join('').trim().slice(0, 200);
  return clean || undefined;
}

export interface MediaFile {
  bytes: Uint8Array;
  contentType: string;
  fileName?: string;
}

/** Downloads one media file, at most `maxBytes` (a TwilioError of kind 'too-large' beyond, with the size). */
export async function fetchMediaFile(http: TwilioHttp, item: MediaItem, maxBytes: number, signal?: AbortSignal): Promise<MediaFile> {
  const file = await http.requestBytes({ url: item.fileUrl, maxBytes, signal });
  // The CDN's Content-Type can be generic (binary/octet-stream); Twilio's own record says what it is.
  const contentType = /^(binary|application)\/octet-stream/i.test(file.contentType) ? item.contentType : (file.contentType.split(';')[0] ?? '').trim();
  return { bytes: file.bytes, contentType, fileName: fileNameFrom(file.disposition) };
}
