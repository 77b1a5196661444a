/** Which Pipedrive pages are which, from the URL alone (Pipedrive is a single-page app: re-read on navigation). */
export function isMessagingPage(url: URL): boolean {
  return /^\/(messaging|inbox)(\/|$)/.test(url.pathname);
}

/** One conversation (or person page) per URL: the key under which the rep's per-conversation choices are kept. */
export function conversationKey(url: URL): string {
  return `${url.host}${url.pathname}`;
}
