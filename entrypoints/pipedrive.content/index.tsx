import { defineContentScript } from 'wxt/utils/define-content-script';
import { runFeatures } from './feature-manager';
import { sessionBadge } from './features/session-badge';
import './style.css';

export default defineContentScript({
  matches: ['https://*.pipedrive.com/*'],
  cssInjectionMode: 'ui',
  main(ctx) {
    runFeatures(ctx, [sessionBadge]);
  },
});
