import { TwilioApiError, notFound } from '../errors';
import { createOutboundMessage } from '../messaging';
import { matchesDateSent, parseDateSentFilter } from '../logic/date-sent-filter';
import { TOKEN_SCHEMES, decodePageToken, slicePage, type RankCursor } from '../logic/paging';
import { v2010Paging } from '../render/lists';
import { renderMessage } from '../render/message';
import { compareNewestFirst } from '../store';
import type { MessageRecord } from '../types';
import { invalidPageToken, readPageRequest, type TwilioRoute } from './context';

const FILTER_KEYS = new Set(['To', 'From', 'DateSent', 'DateSent<', 'DateSent>']);

/** `GET /2010-04-01/Accounts/{AC}/Messages.json`: newest first, filtered, cursor-paged. */
export const listMessages: TwilioRoute = {
  method: 'GET',
  pattern: /^\/2010-04-01\/Accounts\/(?<accountSid>[^/]+)\/Messages\.json$/,
  handle({ store, now, delays, path, query, queryPairs }) {
    const request = readPageRequest(query, 50);
    const dates = parseDateSentFilter(query);
    if (!dates.ok) throw new TwilioApiError(20001, `Invalid value for ${dates.key}: ${dates.value}`);

    const matching = store
      .messagesNewestFirst()
      .filter(
        (m) =>
          (query.To === undefined || m.to === query.To) &&
          (query.From === undefined || m.from === query.From) &&
          matchesDateSent(m.createdAt, dates.filter),
      );

    let cursor: RankCursor<MessageRecord> | undefined;
    if (request.pageToken !== undefined) {
      const decoded = decodePageToken(TOKEN_SCHEMES.v2010, request.pageToken);
      // The token names the last message of the previous page; messages are never deleted, so it exists.
      const boundary = decoded && store.message(decoded.sid);
      if (!decoded || !boundary) throw invalidPageToken(request.pageToken);
      cursor = { direction: decoded.direction, rank: (m) => compareNewestFirst(m, boundary) };
    }
    const slice = slicePage(matching, request.pageSize, cursor);

    const accountSid = store.credentials.accountSid;
    return {
      status: 200,
      body: {
        messages: slice.items.map((m) => renderMessage(m, accountSid, now, delays)),
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

/**
 * `POST /2010-04-01/Accounts/{AC}/Messages.json`: 201 `queued`, or a synchronous Twilio error. `MediaUrl`
 * may be repeated (one field per file), so it is read from the form's pairs.
 */
export const createMessage: TwilioRoute = {
  method: 'POST',
  pattern: listMessages.pattern,
  handle({ store, now, delays, form, formPairs }) {
    const mediaUrls = formPairs.filter(([key]) => key === 'MediaUrl').map(([, value]) => value);
    const message = createOutboundMessage(store, form, now, mediaUrls);
    return { status: 201, body: renderMessage(message, store.credentials.accountSid, now, delays) };
  },
};

/** `GET /2010-04-01/Accounts/{AC}/Messages/{SM}.json` */
export const fetchMessage: TwilioRoute = {
  method: 'GET',
  pattern: /^\/2010-04-01\/Accounts\/(?<accountSid>[^/]+)\/Messages\/(?<sid>[^/]+)\.json$/,
  handle({ store, now, delays, path, params }) {
    const message = params.sid === undefined ? undefined : store.message(params.sid);
    if (!message) throw notFound(path);
    return { status: 200, body: renderMessage(message, store.credentials.accountSid, now, delays) };
  },
};
