import type { Query, TwilioHttp } from './http';

export interface Page<T> {
  items: T[];
  /** Absolute URL of the next page, or undefined on the last one. */
  next: string | undefined;
}

/**
 * Walks a Twilio list, page by page, following the cursor Twilio gives (never rebuilding it: the PageToken is
 * opaque). The caller decides when to stop (a sync stops at its cutoff), so this yields pages lazily.
 */
export async function* walkPages<Body, T>(
  http: TwilioHttp,
  firstUrl: string,
  query: Query,
  readPage: (body: Body) => Page<T>,
  signal?: AbortSignal,
): AsyncGenerator<T[], void, undefined> {
  let url: string | undefined = firstUrl;
  let firstQuery: Query | undefined = query;
  while (url) {
    const body: Body = await http.request<Body>({ method: 'GET', url, query: firstQuery, signal });
    const page = readPage(body);
    yield page.items;
    url = page.next;
    firstQuery = undefined; // the cursor URL already carries every filter
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
