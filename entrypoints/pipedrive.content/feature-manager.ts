import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * A feature is a function of a signal: it sets up its observers and listeners with that signal and never writes
 * its own teardown. The manager aborts every feature when Pipedrive navigates (it is a single-page app) or when
 * the extension is reloaded, and starts them again for the new page.
 */
export interface Feature {
  name: string;
  init: (signal: AbortSignal, ctx: ContentScriptContext) => void | Promise<void>;
}

export function runFeatures(ctx: ContentScriptContext, features: readonly Feature[]): void {
  let controller: AbortController | undefined;

  const start = () => {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    for (const feature of features) {
      Promise.resolve()
        .then(() => feature.init(signal, ctx))
        .catch((error: unknown) => console.error(`[whatsapp-templates] ${feature.name} failed`, error));
    }
  };

  start();
  ctx.addEventListener(window, 'wxt:locationchange', start);
  ctx.onInvalidated(() => controller?.abort());
}
