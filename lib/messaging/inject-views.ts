import { browser } from 'wxt/browser';
import { HandlerError, type Asker } from './router';

/** The views script as the build writes it (entrypoints/pipedrive-views: an unlisted script, not web-accessible). */
export const VIEWS_SCRIPT = '/pipedrive-views.js';

/**
 * Puts the views script into the asking tab's content-script world (the content script's own isolated world, never
 * the page's), into the very document that asked where the browser names it: a tab that navigated meanwhile gets
 * nothing. Needs the `scripting` permission; the Pipedrive host permission covers the tab.
 */
export async function injectViews(asker: Asker): Promise<{ loaded: boolean }> {
  if (asker.kind !== 'content' || asker.tabId === undefined) {
    throw new HandlerError({ code: 'forbidden', message: 'Only a Pipedrive tab loads the conversation panel' });
  }
  const target = asker.documentId ? { tabId: asker.tabId, documentIds: [asker.documentId] } : { tabId: asker.tabId, frameIds: [0] };
  await browser.scripting.executeScript({ target, files: [VIEWS_SCRIPT] });
  return { loaded: true };
}
