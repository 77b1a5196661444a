import type { Browser } from 'webextension-polyfill';

declare global {
  // Code inside page.evaluate() on an extension page runs where Firefox's own `browser` exists.
  const browser: Browser;
}
