type PageFetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * The page's own `fetch`: its session's cookies go with it. In Firefox a content script's plain `fetch` is the
 * extension's (no Pipedrive cookies), and the page's is `content.fetch`; in Chromium the plain one is the page's.
 */
export function pageFetch(): PageFetch {
  const page = (globalThis as { content?: { fetch?: typeof fetch } }).content;
  const pagesOwn = page?.fetch;
  // Called on `content`: the page's fetch wants its own window as `this`.
  return pagesOwn ? (input, init) => pagesOwn.call(page, input, init) : (input, init) => fetch(input, init);
}
