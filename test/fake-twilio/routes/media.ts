import { TwilioApiError, notFound } from '../errors';
import { matchesDateSent, parseDayFilter } from '../logic/date-sent-filter';
import { TOKEN_SCHEMES, decodePageToken, slicePage, type RankCursor } from '../logic/paging';
import { v2010Paging } from '../render/lists';
import { renderMedia } from '../render/media';
import type { FakeStore } from '../store';
import type { MediaRecord, MessageRecord } from '../types';
import { invalidPageToken, readPageRequest, type TwilioRoute } from './context';

const FILTER_KEYS = new Set(['DateCreated', 'DateCreated<', 'DateCreated>']);
const MESSAGE = String.raw`^\/2010-04-01\/Accounts\/(?<accountSid>[^/]+)\/Messages\/(?<messageSid>[^/]+)`;

/**
 * `GET …/Messages/{MM}/Media.json`: the message's media in the order attached, cursor-paged like the
 * Messages list (`PageSize` ≤ 1000, default 50; tokens `PAME…`/`PBME…`), filtered by `DateCreated` days.
 */
export const listMedia: TwilioRoute = {
  method: 'GET',
  pattern: new RegExp(`${MESSAGE}\\/Media\\.json$`),
  handle({ store, path, query, queryPairs, params }) {
    const message = findMessage(store, params.messageSid, path);
    const request = readPageRequest(query, 50);
    const dates = parseDayFilter(query, 'DateCreated');
    if (!dates.ok) throw new TwilioApiError(20001, `Invalid value for ${dates.key}: ${dates.value}`);
    // Every media file of a message was created with it, so a day filter keeps all of them or none.
    const matching = matchesDateSent(message.createdAt, dates.filter) ? message.media : [];

    let cursor: RankCursor<MediaRecord> | undefined;
    if (request.pageToken !== undefined) {
      const decoded = decodePageToken(TOKEN_SCHEMES.v2010, request.pageToken);
      const boundary = decoded ? message.media.findIndex((m) => m.sid === decoded.sid) : -1;
      if (!decoded || boundary < 0) throw invalidPageToken(request.pageToken);
      cursor = { direction: decoded.direction, rank: (m) => message.media.indexOf(m) - boundary };
    }
    const slice = slicePage(matching, request.pageSize, cursor);
    const accountSid = store.credentials.accountSid;
    return {
      status: 200,
      body: {
        media_list: slice.items.map((m) => renderMedia(m, message, accountSid)),
        ...v2010Paging(path, {
          params: queryPairs.filter(([key]) => FILTER_KEYS.has(key)),
          request,
          slice,
          scheme: TOKEN_SCHEMES.v2010,
        }),
      },
    };
  },
};

/** `GET …/Messages/{MM}/Media/{ME}.json`: one Media resource. */
export const fetchMedia: TwilioRoute = {
  method: 'GET',
  pattern: new RegExp(`${MESSAGE}\\/Media\\/(?<sid>[^/]+)\\.json$`),
  handle({ store, path, params }) {
    const found = findMedia(store, params, path);
    return { status: 200, body: renderMedia(found.media, found.message, store.credentials.accountSid) };
  },
};

/**
 * `GET …/Messages/{MM}/Media/{ME}` (no extension): the file itself, which Twilio serves as a 307 to a
 * signed CDN URL valid for 4 h (cdn.ts). The body is empty; clients follow `Location`.
 */
export const fetchMediaFile: TwilioRoute = {
  method: 'GET',
  pattern: new RegExp(`${MESSAGE}\\/Media\\/(?<sid>[^/.]+)$`),
  handle({ store, now, cdn, path, params }) {
    const { message, media } = findMedia(store, params, path);
    const location = cdn.issue(
      { accountSid: store.credentials.accountSid, messageSid: message.sid, mediaSid: media.sid },
      now,
    );
    return { status: 307, raw: Buffer.alloc(0), headers: { Location: location, 'Content-Length': '0' } };
  },
};

function findMessage(store: FakeStore, sid: string | undefined, path: string): MessageRecord {
  const message = sid === undefined ? undefined : store.message(sid);
  if (!message) throw notFound(path);
  return message;
}

function findMedia(
  store: FakeStore,
  params: Record<string, string>,
  path: string,
): { message: MessageRecord; media: MediaRecord } {
  const found = store.media(params.messageSid ?? '', params.sid ?? '');
  if (!found) throw notFound(path);
  return found;
}
