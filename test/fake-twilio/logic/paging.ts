/**
 * Cursor paging as Twilio does it: a page is "PageSize items after (or before) the item named in
 * PageToken", so inserting new items never shifts later pages. `Page` is only client state that Twilio
 * echoes back (and uses for `start`/`end`).
 *
 * Tokens are the direction marker plus the SID of the boundary item, like Twilio's own (`PASM…`
 * on Messages: Page After SM…; `PB` for the page before). The newer APIs use other letters (`DN…`),
 * see TOKEN_SCHEMES.
 */

export const MAX_PAGE_SIZE = 1000;

export interface TokenScheme {
  next: string;
  previous: string;
}

export const TOKEN_SCHEMES = {
  /** api.twilio.com 2010-04-01 lists */
  v2010: { next: 'PA', previous: 'PB' },
  /** content.twilio.com / messaging.twilio.com lists */
  product: { next: 'DN', previous: 'DP' },
} as const satisfies Record<string, TokenScheme>;

export interface Cursor {
  direction: 'after' | 'before';
  sid: string;
}

export function encodePageToken(scheme: TokenScheme, cursor: Cursor): string {
  return (cursor.direction === 'after' ? scheme.next : scheme.previous) + cursor.sid;
}

export function decodePageToken(scheme: TokenScheme, token: string): Cursor | undefined {
  const sid = token.slice(2);
  if (!/^[A-Z]{2}[0-9a-fA-F]{32}$/.test(sid)) return undefined;
  if (token.startsWith(scheme.next)) return { direction: 'after', sid };
  if (token.startsWith(scheme.previous)) return { direction: 'before', sid };
  return undefined;
}

/** PageSize must be a whole number from 1 to 1000; undefined means "invalid". */
export function parsePageSize(raw: string | undefined, defaultSize: number): number | undefined {
  if (raw === undefined) return defaultSize;
  if (!/^\d+$/.test(raw)) return undefined;
  const size = Number(raw);
  return size >= 1 && size <= MAX_PAGE_SIZE ? size : undefined;
}

/** Page is client state: any non-negative integer; undefined means "invalid". */
export function parsePageNumber(raw: string | undefined): number | undefined {
  if (raw === undefined) return 0;
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

export interface PageSlice<T> {
  items: T[];
  hasNext: boolean;
  hasPrevious: boolean;
}

/** A decoded page token, ready to place any item relative to the token's boundary item. */
export interface RankCursor<T> {
  direction: 'after' | 'before';
  /**
   * Compares an item with the boundary in list order: negative when it comes before, zero for the
   * boundary itself, positive after. It must be monotonic over the sorted list.
   */
  rank: (item: T) => number;
}

export function slicePage<T>(sorted: readonly T[], pageSize: number, cursor?: RankCursor<T>): PageSlice<T> {
  let start = 0;
  let end = Math.min(pageSize, sorted.length);
  if (cursor?.direction === 'after') {
    start = firstIndex(sorted, (item) => cursor.rank(item) > 0);
    end = Math.min(start + pageSize, sorted.length);
  } else if (cursor?.direction === 'before') {
    end = firstIndex(sorted, (item) => cursor.rank(item) >= 0);
    start = Math.max(0, end - pageSize);
  }
  return { items: sorted.slice(start, end), hasNext: end < sorted.length, hasPrevious: start > 0 };
}

/** Binary search: the first index where a monotonic (false…false, true…true) predicate holds. */
function firstIndex<T>(sorted: readonly T[], predicate: (item: T) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (predicate(sorted[mid] as T)) high = mid;
    else low = mid + 1;
  }
  return low;
}
