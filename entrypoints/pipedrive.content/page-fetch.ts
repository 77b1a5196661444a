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

/**
 * A request to this company's API with the page's session: Pipedrive's status and parsed JSON body. A page where an
 * answer was expected (the session ended and Pipedrive sent its login page) is a refused session (401). Rejects
 * when Pipedrive could not be reached.
 */
export async function requestWithSession(method: 'GET' | 'POST' | 'PATCH', path: string, json?: string): Promise<{ status: number; body?: unknown }> {
  const response = await pageFetch()(path, {
    method,
    credentials: 'include',
    headers: { Accept: 'application/json', ...(json !== undefined && { 'Content-Type': 'application/json' }) },
    ...(json !== undefined && { body: json }),
  });
  // Read as text and parsed here: in Firefox the page's objects would reach us wrapped.
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.ok ? 401 : response.status };
  }
}
