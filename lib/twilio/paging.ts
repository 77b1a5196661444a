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
  /** The next page, already on its way (asked for from this page's raw text). */
  ahead?: Promise<FetchedPage<T>>;
  /** `lookAhead` agreed to the next page: the caller will want it. */
  isNextWanted: boolean;
}

/**
 * Walks a Twilio list, page by page, following the cursor Twilio gives (never rebuilding it: the PageToken is
 * opaque). The caller decides when to stop (a sync stops at its cutoff), so this yields pages lazily. With
 * `lookAhead`, at most one page is in flight ahead of the caller: the next page is asked for from the raw text of
 * the page the caller is waiting for, or else when the caller takes a page.
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
  const walkSignal = signal ? AbortSignal.any([signal, stopped.signal]) : stopped.signal;
  const ignore = () => undefined;
  let waitingFor = 0; // the index of the page the caller is waiting for

  function fetchPage(url: string, index: number, parentSignal: AbortSignal, pageQuery?: Query): { page: Promise<FetchedPage<T>>; cancel: () => void } {
    const own = new AbortController();
    const pageSignal = AbortSignal.any([parentSignal, own.signal]);
    let ahead: { url: string; fetched: ReturnType<typeof fetchPage> } | undefined;
    let wantedUrl: string | undefined;
    const onText = lookAhead && ((text: string) => {
      wantedUrl ??= lookAhead(text); // once, even if a malformed answer is retried
      // Only while the caller waits for this very page: otherwise it is still busy, and one page ahead is enough.
      if (wantedUrl && !ahead && waitingFor >= index) {
        ahead = { url: wantedUrl, fetched: fetchPage(wantedUrl, index + 1, pageSignal) };
        ahead.fetched.page.catch(ignore); // awaited when used; a page nobody wants must not fail the walk
      }
    });
    const page = http.request<Body>({ method: 'GET', url, query: pageQuery, signal: pageSignal, onText }).then((body) => {
      const parsed = readPage(body);
      // The parsed cursor is the truth: a look-ahead that read something else is cancelled, with anything it started.
      const isRight = ahead !== undefined && ahead.url === parsed.next;
      if (ahead && !isRight) ahead.fetched.cancel();
      return { ...parsed, ahead: isRight ? ahead?.fetched.page : undefined, isNextWanted: wantedUrl !== undefined && wantedUrl === parsed.next };
    });
    return { page, cancel: () => own.abort() };
  }

  let index = 0;
  let next: Promise<FetchedPage<T>> | undefined = fetchPage(firstUrl, 0, walkSignal, query).page;
  try {
    while (next) {
      waitingFor = index;
      const page: FetchedPage<T> = await next;
      index++;
      // The cursor URL already carries every filter.
      next = page.ahead ?? (page.isNextWanted && page.next !== undefined ? fetchPage(page.next, index, walkSignal).page : undefined);
      next?.catch(ignore);
      yield page.items;
      if (!next && page.next !== undefined) next = fetchPage(page.next, index, walkSignal).page;
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
