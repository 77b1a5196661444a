import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createHandlers } from '@/lib/background/handlers';
import { createRouter } from '@/lib/messaging/router';

export default defineBackground({
  type: 'module',
  main() {
    const route = createRouter(createHandlers(), {
      id: browser.runtime.id,
      baseUrl: browser.runtime.getURL('/'),
    });
    browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  },
});
