import type { Browser } from 'webextension-polyfill';

declare global {
  // Code inside page.evaluate() on an extension page runs where Firefox's own `browser` exists: typed as Firefox's
  // API (webextension-polyfill's types: `browserAction`, `extension.getViews`, `notifications`), not as WXT's.
  const browser: Browser;
}
