import type { Query, TwilioHttp } from './http';

export interface Page<T> {
  items: T[];
  /** Absolute URL of the next page, or undefined on the last one. */
  next: string | undefined;
}

export interface WalkOptions {
  signal?: AbortSignal;
  /**
   * Reads the next page's URL from a page's raw text, when the caller will want that page. The request then
   * leaves before this page is even parsed, so parsing and storing it overlap the next download. Undefined when
   * this page is the caller's last (a sync that stops at its cutoff must not cost a request it never reads).
   */
  lookAhead?: (text: string) => string | undefined;
}

interface FetchedPage<T> extends Page<T> {
  /** The next page, already on its way. */
  ahead?: Promise<FetchedPage<T>>;
}

/**
 * Walks a Twilio list, page by page, following the cursor Twilio gives (never rebuilding it: the PageToken is
 * opaque). The caller decides when to stop (a sync stops at its cutoff), so this yields pages lazily; with
 * `lookAhead`, one page is in flight ahead of the caller.
 */
export async function* walkPages<Body, T>(
  http: TwilioHttp,
  firstUrl: string,
  query: Query,
  readPage: (body: Body) => Page<T>,
  { signal, lookAhead }: WalkOptions = {},
): AsyncGenerator<T[], void, undefined> {
  // A caller that stops early cancels the page fetched ahead for it.
  const stopped = new AbortController();
  const combined = signal ? AbortSignal.any([signal, stopped.signal]) : stopped.signal;
  const ignore = () => undefined;

  function fetchPage(url: string, pageQuery?: Query): Promise<FetchedPage<T>> {
    let ahead: { url: string; page: Promise<FetchedPage<T>> } | undefined;
    const onText = lookAhead && ((text: string) => {
      const nextUrl = ahead ? undefined : lookAhead(text); // once, even if a malformed answer is retried
      if (nextUrl) ahead = { url: nextUrl, page: fetchPage(nextUrl) };
      ahead?.page.catch(ignore); // awaited when used; a page nobody wants must not fail the walk
    });
    return http.request<Body>({ method: 'GET', url, query: pageQuery, signal: combined, onText }).then((body) => {
      const page = readPage(body);
      // The parsed cursor is the truth: a look-ahead that read something else is dropped.
      return { ...page, ahead: ahead && ahead.url === page.next ? ahead.page : undefined };
    });
  }

  let next: Promise<FetchedPage<T>> | undefined = fetchPage(firstUrl, query);
  try {
    while (next) {
      const page: FetchedPage<T> = await next;
      next = page.ahead;
      yield page.items;
      // The cursor URL already carries every filter.
      if (!next && page.next !== undefined) next = fetchPage(page.next);
    }
  } finally {
    stopped.abort();
    next?.catch(ignore);
  }
}

/**
 * The value of the last `"key": "…"` (or null) in a JSON text, without parsing it all. Safe on any JSON: inside a
 * string value a quote is escaped, so `"key"` followed by a colon can only be a real key. Undefined when absent.
 */
export function peekLastString(text: string, key: string): string | null | undefined {
  const at = text.lastIndexOf(`"${key}"`);
  if (at < 0) return undefined;
  const match = /^"[^"]*"\s*:\s*("(?:[^"\\]|\\.)*"|null)/.exec(text.slice(at, at + key.length + 4_096));
  try {
    return match?.[1] === undefined ? undefined : (JSON.parse(match[1]) as string | null);
  } catch {
    return undefined; // not valid JSON after all: the real parse will say so
  }
}

/** Content, Senders: `meta.next_page_url` is absolute. */
export function metaNext(meta: { next_page_url?: string | null } | undefined): string | undefined {
  return meta?.next_page_url ?? undefined;
}

/** 2010 API: `next_page_uri` is relative to api.twilio.com. */
export function relativeNext(base: string, uri: string | null | undefined): string | undefined {
  return uri ? new URL(uri, base).toString() : undefined;
}
