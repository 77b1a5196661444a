import { VIEWS_GLOBAL, type ViewLoader, type Views } from '@/components/lazy/views';
import { callBackground } from '@/lib/messaging/client';

/**
 * Takes the `Views` the views script left (and removes them from the global, so a content script of an earlier
 * install of the extension, still in this tab, never picks up ours, nor we its).
 */
function take(): Views | undefined {
  const scope = globalThis as { [VIEWS_GLOBAL]?: Views };
  const found = scope[VIEWS_GLOBAL];
  Reflect.deleteProperty(scope, VIEWS_GLOBAL);
  return found;
}

/**
 * The panel, the inbox and the picker, loaded the first time one is wanted on this page: the background injects
 * the views script (entrypoints/pipedrive-views) into this tab's content-script world. A failure is not kept: the
 * next press tries again.
 */
export function createViewLoader(): ViewLoader {
  let views: Views | undefined;
  let loading: Promise<Views> | undefined;
  return {
    loaded: () => views,
    load() {
      if (views) return Promise.resolve(views);
      loading ??= callBackground('loadViews', {}).then((answer) => {
        const found = answer.ok ? take() : undefined;
        if (!found) {
          loading = undefined;
          throw new Error(answer.ok ? 'The views script left nothing' : answer.error.message);
        }
        views = found;
        return found;
      });
      return loading;
    },
  };
}

/** The page's loader: the views are loaded once for the content script's life. */
export const viewLoader = createViewLoader();
