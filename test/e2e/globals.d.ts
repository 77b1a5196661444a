import type { browser } from '@wxt-dev/browser';

declare global {
  // Code inside serviceWorker.evaluate() runs in the extension's worker, where `chrome` exists.
  const chrome: typeof browser;
}
