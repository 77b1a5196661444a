import { PanelHost } from '@/components/conversation/PanelHost';
import { panelOpen } from '@/lib/content-state';
import { recordRefFromUrl } from '@/lib/pipedrive/api';
import type { Feature } from '../feature-manager';
import { mountShadow } from '../mount';
import { createPanelApi } from '../panel-api';
import { PANEL_SHORTCUT, PICKER_SHORTCUT, onPanelShortcut } from '../shortcuts';

/**
 * On a person, a deal or a lead: the WhatsApp conversation with the record's person, in a panel docked to the right
 * edge and opened from a launcher at the bottom right. It is keyed by the URL, not by Pipedrive's markup, and starts
 * afresh on every navigation of Pipedrive's single-page app (person A → person B never shows A's messages).
 */
export const conversationPanel: Feature = {
  name: 'conversation-panel',
  async init(signal, ctx) {
    const ref = recordRefFromUrl(new URL(location.href));
    if (!ref) return;
    const wasOpen = await panelOpen.getValue();
    if (signal.aborted) return;
    let toggle: (() => void) | undefined;
    onPanelShortcut(() => toggle?.(), signal);
    await mountShadow(ctx, signal, {
      name: 'wat-conversation-panel',
      anchor: document.body,
      append: 'last',
      view: (
        <PanelHost api={createPanelApi(ref, () => !signal.aborted)} initiallyOpen={wasOpen}
          onOpenChange={(isOpen) => void panelOpen.setValue(isOpen)}
          registerToggle={(fn) => (toggle = fn)} shortcut={PANEL_SHORTCUT} templatesShortcut={PICKER_SHORTCUT} />
      ),
    });
  },
};
