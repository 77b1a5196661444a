import type { Principal } from '../auth';
import type { CdnLinks } from '../cdn';
import { TwilioApiError } from '../errors';
import { TOKEN_SCHEMES, decodePageToken, parsePageNumber, parsePageSize, type RankCursor } from '../logic/paging';
import type { PageRequest } from '../render/lists';
import { compareStrings, type FakeStore } from '../store';
import type { StatusDelays } from '../types';

/** What a Twilio route handler gets: an authenticated request and the fake's state at this instant. */
export interface TwilioContext {
  store: FakeStore;
  now: number;
  delays: StatusDelays;
  principal: Principal;
  path: string;
  /** Query parameters; for a repeated key, the last value. */
  query: Record<string, string>;
  /** Query parameters in request order, to echo filters in paging links the way they came. */
  queryPairs: Array<[string, string]>;
  form: Record<string, string>;
  /** Form fields in request order, repeated keys (`MediaUrl`) included. */
  formPairs: Array<[string, string]>;
  /** A JSON body (the Content API's), parsed; undefined without one. */
  json: unknown;
  cdn: CdnLinks;
  /** Named groups of the route pattern. */
  params: Record<string, string>;
}

export interface RouteAnswer {
  status: number;
  body: unknown;
}

/** An answer that is not JSON (a redirect, a media file): sent as it is, with exactly these headers. */
export interface RawAnswer {
  status: number;
  raw: Buffer;
  headers: Record<string, string>;
}

export type TwilioAnswer = RouteAnswer | RawAnswer;

export function isRawAnswer(answer: TwilioAnswer): answer is RawAnswer {
  return 'raw' in answer;
}

export interface TwilioRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Named group `accountSid` marks a 2010-API path that must name the signed-in account. */
  pattern: RegExp;
  handle(context: TwilioContext): TwilioAnswer;
}

/**
 * PageSize (1–1000), Page and PageToken. Twilio documents 1000 as the maximum; the fake refuses larger
 * sizes with a 400 rather than clamping them, so a client that asks for more is caught in tests.
 */
export function readPageRequest(query: Record<string, string>, defaultSize: number): PageRequest {
  const pageSize = parsePageSize(query.PageSize, defaultSize);
  if (pageSize === undefined) {
    throw new TwilioApiError(20001, `Invalid PageSize: ${query.PageSize} (must be an integer from 1 to 1000)`);
  }
  const page = parsePageNumber(query.Page);
  if (page === undefined) throw new TwilioApiError(20001, `Invalid Page: ${query.Page}`);
  return { pageSize, page, pageToken: query.PageToken };
}

export function invalidPageToken(token: string): TwilioApiError {
  return new TwilioApiError(20001, `Invalid PageToken: ${token}`);
}

/**
 * The cursor of a content./messaging. list, whose items are in SID order: the boundary need not exist
 * any more (a template may have been deleted between two pages).
 */
export function sidOrderCursor<T extends { sid: string }>(pageToken: string | undefined): RankCursor<T> | undefined {
  if (pageToken === undefined) return undefined;
  const decoded = decodePageToken(TOKEN_SCHEMES.product, pageToken);
  if (!decoded) throw invalidPageToken(pageToken);
  return { direction: decoded.direction, rank: (item) => compareStrings(item.sid, decoded.sid) };
}
