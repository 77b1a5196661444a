import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createViews } from '@/components/lazy/create-views';
import { VIEWS_GLOBAL, type Views } from '@/components/lazy/views';
import styles from './style.css?inline';

/**
 * The conversation panel, the inbox and the template picker, as a script of their own: not in the manifest (so no
 * Pipedrive page parses it until a rep opens one of them), not web-accessible (so no page can probe for it). The
 * background injects it into the tab's content-script world on the content script's request (`loadViews`), and it
 * leaves its `Views` where that content script takes them.
 */
export default defineUnlistedScript(() => {
  (globalThis as { [VIEWS_GLOBAL]?: Views })[VIEWS_GLOBAL] = createViews(styles);
});
