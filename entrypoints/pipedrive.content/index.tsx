import { defineContentScript } from 'wxt/utils/define-content-script';
import { runFeatures } from './feature-manager';
import { floatingDock } from './features/floating-dock';
import { whatsappConversation } from './features/whatsapp-conversation';
import './style.css';

export default defineContentScript({
  matches: ['https://*.pipedrive.com/*'],
  cssInjectionMode: 'ui',
  main(ctx) {
    runFeatures(ctx, [whatsappConversation, floatingDock]);
  },
});
