import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ConversationBar } from '@/components/conversation/ConversationBar';
import { ConfirmWhatsApp } from '@/components/conversation/ConfirmWhatsApp';
import { findConversationRoot, readChannel } from '@/lib/pipedrive/adapter';
import { insertIntoComposer } from '@/lib/pipedrive/composer';
import { observeComposers } from '@/lib/pipedrive/observe';
import type { ComposerMatch } from '@/lib/pipedrive/recognise';
import { conversationKey, isMessagingPage } from '@/lib/pipedrive/routes';
import type { SelectorOverrides } from '@/lib/pipedrive/selectors';
import { confirmWhatsApp, createConversationApi, isConfirmedWhatsApp } from '../conversation-api';
import type { Feature } from '../feature-manager';
import { selectorOverridesNow } from '../kept';
import { mountShadow } from '../mount';
import { viewLoader } from '../views-loader';
import { PICKER_SHORTCUT, onPickerShortcut, onSlashCommand } from '../shortcuts';

/**
 * Pipedrive may swap a conversation's panel without navigating; our UI then leaves the page with its composer, but
 * its listeners must stop too. Checked whenever a composer appears and whenever the background reports a change,
 * rather than by watching every mutation of the page.
 */
const attached = new Map<Element, AbortController>();

function pruneDetached(): void {
  for (const [composer, controller] of attached) {
    if (composer.isConnected) continue;
    controller.abort();
    attached.delete(composer);
  }
}

/** Our UI for one WhatsApp composer: the bar above it, the shortcuts, and teardown when it leaves the page. */
async function attach(match: ComposerMatch, overrides: SelectorOverrides, pageSignal: AbortSignal, ctx: ContentScriptContext) {
  const { composer, input } = match;
  const root = findConversationRoot(composer, overrides);
  const channel = readChannel(root, overrides);
  if (channel === 'other') return; // Messenger, Instagram…: not ours
  const key = conversationKey(new URL(location.href));
  const controller = new AbortController();
  const signal = AbortSignal.any([pageSignal, controller.signal]);
  pruneDetached();
  attached.set(composer, controller);

  if (channel === 'unknown' && !(await isConfirmedWhatsApp(key))) {
    // No channel cue at all: only on Messaging pages, offer to treat it as WhatsApp (nothing beside other editors).
    if (!isMessagingPage(new URL(location.href))) return;
    await mountShadow(ctx, signal, {
      name: 'wat-confirm-whatsapp',
      anchor: composer,
      append: 'before',
      view: <ConfirmWhatsApp onConfirm={async () => {
        await confirmWhatsApp(key);
        controller.abort();
        void attach(match, overrides, pageSignal, ctx);
      }} />,
    });
    return;
  }

  let open: ((query: string, replace?: string) => void) | undefined;
  onPickerShortcut(() => {
    if (composer.isConnected) open?.('');
    else pruneDetached();
  }, signal);
  if (input) onSlashCommand(input, (query, typed) => open?.(query, typed), signal);

  const api = createConversationApi(root, key, overrides, () => {
    pruneDetached();
    return !signal.aborted;
  });
  void api.loadContact().catch(() => undefined); // the contact's record may hold the only number: ask for it now
  api.askEarly(signal); // and the badge's first question (the typed numbers are read once per page, here first)
  await mountShadow(ctx, signal, {
    name: 'wat-conversation',
    anchor: composer,
    append: 'before',
    view: (
      <ConversationBar
        api={api}
        insert={input ? (text, replace) => insertIntoComposer(input, text, { replace }) : undefined}
        registerOpen={(fn) => (open = fn)}
        shortcut={PICKER_SHORTCUT}
        views={viewLoader}
        layout="composer"
      />
    ),
  });
}

/**
 * The session badge and template button on every WhatsApp conversation's composer, and nowhere else. Composers are
 * found by the rep's override, then Pipedrive's known test ids, then their structure (lib/pipedrive/recognise.ts).
 */
export const whatsappConversation: Feature = {
  name: 'whatsapp-conversation',
  async init(signal, ctx) {
    const overrides = await selectorOverridesNow();
    observeComposers(overrides, (match) => void attach(match, overrides, signal, ctx), signal);
  },
};
