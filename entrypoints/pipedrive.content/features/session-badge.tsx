import { render } from 'preact';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { SessionBadge } from '@/components/badge/SessionBadge';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/client';
import { observeElements } from '@/lib/pipedrive/observe';
import { selectorFor } from '@/lib/pipedrive/selectors';
import type { Feature } from '../feature-manager';

async function mountBadge(composer: Element, signal: AbortSignal, ctx: ContentScriptContext) {
  const setup = await callBackground('getSetupState', {});
  if (signal.aborted || !composer.isConnected) return;
  const connected = setup.ok && setup.value.connected;
  const ui = await createShadowRootUi(ctx, {
    name: 'wat-session-badge',
    position: 'inline',
    anchor: composer,
    append: 'before',
    onMount: (container) => {
      render(
        <SessionBadge
          state="unknown"
          text={t('badge_text_unknown')}
          label={connected ? t('badge_label_unknown_not_synced') : t('badge_label_unknown_not_connected')}
        />,
        container,
      );
    },
    onRemove: (container) => {
      if (container) render(null, container);
    },
  });
  if (signal.aborted) return;
  ui.mount();
  signal.addEventListener('abort', () => ui.remove(), { once: true });
}

/** The session badge beside the WhatsApp composer (a placeholder until the window logic lands). */
export const sessionBadge: Feature = {
  name: 'session-badge',
  init(signal, ctx) {
    observeElements(selectorFor('composer'), (composer) => void mountBadge(composer, signal, ctx), signal);
  },
};
