import { render, type VNode } from 'preact';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import styles from './style.css?inline';

/**
 * Mounts a Preact tree in its own open shadow root next to `anchor` (our styles never touch Pipedrive's, theirs
 * never reach ours), and unmounts it when `signal` aborts.
 */
export async function mountShadow(
  ctx: ContentScriptContext,
  signal: AbortSignal,
  options: { name: string; anchor: Element; append: 'before' | 'after' | 'last'; view: VNode },
): Promise<void> {
  const ui = await createShadowRootUi(ctx, {
    name: options.name,
    css: styles,
    position: 'inline',
    anchor: options.anchor,
    append: options.append,
    onMount: (container) => render(options.view, container),
    onRemove: (container) => {
      if (container) render(null, container);
    },
  });
  if (signal.aborted || !options.anchor.isConnected) return;
  ui.mount();
  signal.addEventListener('abort', () => ui.remove(), { once: true });
}
