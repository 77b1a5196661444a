import { defineContentScript } from 'wxt/utils/define-content-script';
import { runFeatures } from './feature-manager';
import { conversationPanel } from './features/conversation-panel';
import { whatsappConversation } from './features/whatsapp-conversation';
import { answerNoteCalls } from './note-calls';

export default defineContentScript({
  matches: ['https://*.pipedrive.com/*'],
  // Our styles go into each shadow root from the bundle itself (see mount.tsx): no stylesheet to fetch per mount,
  // and nothing web-accessible that Pipedrive's pages could probe for.
  cssInjectionMode: 'manual',
  main(ctx) {
    runFeatures(ctx, [whatsappConversation, conversationPanel]);
    answerNoteCalls(ctx); // the background's notes in Pipedrive, with this page's session
  },
});
