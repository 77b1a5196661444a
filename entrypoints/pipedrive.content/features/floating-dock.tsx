import { ConversationBar } from '@/components/conversation/ConversationBar';
import { readPhoneCandidates, readPersonId } from '@/lib/pipedrive/adapter';
import { observeElements } from '@/lib/pipedrive/observe';
import { conversationKey } from '@/lib/pipedrive/routes';
import { queryFirst, selectorFor } from '@/lib/pipedrive/selectors';
import { createConversationApi } from '../conversation-api';
import type { Feature } from '../feature-manager';
import { selectorOverridesNow } from '../kept';
import { mountShadow } from '../mount';
import { PICKER_SHORTCUT, onPickerShortcut } from '../shortcuts';

/**
 * On a page about a person (no conversation, so no composer) that shows a phone number: a small dock at the
 * bottom right with the same badge and button, to send a template without opening Messaging.
 */
export const floatingDock: Feature = {
  name: 'floating-dock',
  async init(signal, ctx) {
    const overrides = await selectorOverridesNow();
    let isMounted = false;
    observeElements(selectorFor('personPage', overrides), (page) => {
      if (isMounted || queryFirst(document, 'composer', overrides)) return;
      if (readPhoneCandidates(page, overrides).length === 0 && !readPersonId(page)) return;
      isMounted = true;
      let open: ((query: string) => void) | undefined;
      onPickerShortcut(() => open?.(''), signal);
      void mountShadow(ctx, signal, {
        name: 'wat-floating-dock',
        anchor: document.body,
        append: 'last',
        view: (
          <ConversationBar
            api={createConversationApi(page, conversationKey(new URL(location.href)), overrides, () => page.isConnected && !signal.aborted)}
            registerOpen={(fn) => (open = fn)}
            shortcut={PICKER_SHORTCUT}
            layout="dock"
          />
        ),
      });
    }, signal);
  },
};
