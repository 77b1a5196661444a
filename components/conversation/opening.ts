import { THREAD_PAGE } from '@/lib/conversations/model';
import type { PanelApi, PanelContact } from './ConversationPanel';

/** What the panel asks first, under way (`openConversation`). */
export type Opening = ReturnType<typeof openConversation>;

/**
 * The panel's first questions: who the record's person is with the rep's earlier choices, then their numbers (with
 * the chosen one's thread). The launcher starts them as it is pressed, before the panel is drawn.
 */
export function openConversation(api: PanelApi) {
  const who = Promise.all([api.loadContact().catch(() => ({ phones: [], values: {} }) as PanelContact), api.loadChoice(), api.loadManualNumber()])
    .then(([contact, remembered, typed]) => ({ contact, remembered, typed }));
  const numbers = who.then(({ contact, remembered }) => (contact.phones.length ? api.getConversation(contact.phones, remembered, THREAD_PAGE) : undefined));
  return { who, numbers };
}
