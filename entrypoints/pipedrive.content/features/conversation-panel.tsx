import { PanelHost, type ContactApis } from '@/components/conversation/PanelHost';
import { createInboxApi, onOpenConversationCommand, resolveEntry } from '../inbox-api';
import { callBackground } from '@/lib/messaging/client';
import { createUnknownNumberApi } from '../person-api';
import { panelOpen } from '@/lib/content-state';
import { recordRefFromUrl } from '@/lib/pipedrive/api';
import type { Feature } from '../feature-manager';
import { mountShadow } from '../mount';
import { createPanelApi } from '../panel-api';
import { viewLoader } from '../views-loader';
import { PANEL_SHORTCUT, PICKER_SHORTCUT, onPanelShortcut } from '../shortcuts';

/**
 * On every Pipedrive page, a launcher at the bottom right and a panel docked to the right edge: on a person, a deal or
 * a lead the WhatsApp conversation with the record's person, elsewhere the inbox of every conversation (from where a
 * conversation opens in the same panel). It is keyed by the URL, not by Pipedrive's markup, and starts afresh on
 * every navigation of Pipedrive's single-page app (person A → person B never shows A's messages).
 */
export const conversationPanel: Feature = {
  name: 'conversation-panel',
  async init(signal, ctx) {
    const ref = recordRefFromUrl(new URL(location.href));
    const isAlive = () => !signal.aborted;
    const contacts: ContactApis = {
      resolve: resolveEntry,
      panelApi: (entry) => createPanelApi(entry.personId ? { kind: 'person', id: String(entry.personId) } : { kind: 'number', id: entry.number }, isAlive),
      personUrl: (personId) => `/person/${personId}`,
      unknownNumber: createUnknownNumberApi,
      // Everywhere at once: the inbox (every tab) and notifications learn the name from the background.
      onPersonSaved: (entry, person) =>
        void callBackground('rememberNames', { names: [{ contact: entry.number, name: person.name.slice(0, 200), personId: person.id }] }),
    };
    let openConversation: ((number: string) => void) | undefined;
    onOpenConversationCommand((number) => openConversation?.(number), signal);
    const wasOpen = await panelOpen.getValue();
    if (signal.aborted) return;
    let toggle: (() => void) | undefined;
    onPanelShortcut(() => toggle?.(), signal);
    await mountShadow(ctx, signal, {
      name: 'wat-conversation-panel',
      anchor: document.body,
      append: 'last',
      view: (
        <PanelHost api={ref && createPanelApi(ref, isAlive)} inbox={createInboxApi(isAlive)} contacts={contacts} views={viewLoader} initiallyOpen={wasOpen}
          registerOpenConversation={(fn) => (openConversation = fn)}
          onOpenChange={(isOpen) => void panelOpen.setValue(isOpen)}
          registerToggle={(fn) => (toggle = fn)} shortcut={PANEL_SHORTCUT} templatesShortcut={PICKER_SHORTCUT} />
      ),
    });
  },
};
