import { encodePageToken, type PageSlice, type TokenScheme } from '../logic/paging';

/**
 * Paging links in the two styles Twilio uses: the 2010 API puts relative `*_page_uri` fields beside
 * the items, the newer APIs put absolute `*_page_url` fields in a `meta` object. Clients should follow
 * the next link verbatim, so each link repeats the request's filters.
 */
export interface PageRequest {
  pageSize: number;
  page: number;
  pageToken: string | undefined;
}

export interface V2010Paging {
  first_page_uri: string;
  next_page_uri: string | null;
  previous_page_uri: string | null;
  uri: string;
  page: number;
  page_size: number;
  start: number;
  end: number;
}

export interface ProductMeta {
  page: number;
  page_size: number;
  first_page_url: string;
  previous_page_url: string | null;
  url: string;
  next_page_url: string | null;
  key: string;
}

type Pairs = ReadonlyArray<readonly [string, string]>;

interface LinkInput {
  /** Filters echoed in every link, in request order. */
  params: Pairs;
  request: PageRequest;
  slice: PageSlice<{ sid: string }>;
  scheme: TokenScheme;
}

export function v2010Paging(path: string, input: LinkInput): V2010Paging {
  const { request, slice } = input;
  const link = (page: number, token: string | undefined): string =>
    `${path}?${queryString([...input.params, ...pagingPairs(request.pageSize, page, token)])}`;
  const links = neighbourLinks(input, link);
  const start = request.page * request.pageSize;
  return {
    first_page_uri: link(0, undefined),
    next_page_uri: links.next,
    previous_page_uri: links.previous,
    uri: link(request.page, request.pageToken),
    page: request.page,
    page_size: request.pageSize,
    start,
    end: slice.items.length === 0 ? start : start + slice.items.length - 1,
  };
}

/** Here the echoed params come after the paging ones, as in Twilio's Senders links (`…&Page=0&Channel=whatsapp`). */
export function productMeta(url: string, key: string, input: LinkInput): ProductMeta {
  const { request } = input;
  const link = (page: number, token: string | undefined): string =>
    `${url}?${queryString([...pagingPairs(request.pageSize, page, token), ...input.params])}`;
  const links = neighbourLinks(input, link);
  return {
    page: request.page,
    page_size: request.pageSize,
    first_page_url: link(0, undefined),
    previous_page_url: links.previous,
    url: link(request.page, request.pageToken),
    next_page_url: links.next,
    key,
  };
}

function neighbourLinks(
  { request, slice, scheme }: LinkInput,
  link: (page: number, token: string | undefined) => string,
): { next: string | null; previous: string | null } {
  const first = slice.items[0];
  const last = slice.items.at(-1);
  return {
    next:
      slice.hasNext && last
        ? link(request.page + 1, encodePageToken(scheme, { direction: 'after', sid: last.sid }))
        : null,
    previous:
      slice.hasPrevious && first
        ? link(Math.max(0, request.page - 1), encodePageToken(scheme, { direction: 'before', sid: first.sid }))
        : null,
  };
}

function pagingPairs(pageSize: number, page: number, token: string | undefined): Array<[string, string]> {
  const pairs: Array<[string, string]> = [
    ['PageSize', String(pageSize)],
    ['Page', String(page)],
  ];
  if (token !== undefined) pairs.push(['PageToken', token]);
  return pairs;
}

/** Percent-encodes keys too: Twilio writes `DateSent>` as `DateSent%3E`, and `+` as `%2B`. */
function queryString(pairs: Pairs): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}
