/**
 * Who sent a runtime message, from the fields the browser sets (never from the payload). Extension pages run on
 * the extension's own origin; our content script runs in tabs on *.pipedrive.com. Anything else is refused.
 */
export type SenderKind = 'extension' | 'content' | 'unknown';

export interface SenderFields {
  id?: string;
  url?: string;
  tab?: { id?: number };
  /** 0 for a tab's top frame. */
  frameId?: number;
  /** The document that sent it, where the browser says (Chromium does; older Firefox versions leave it out). */
  documentId?: string;
}

const PIPEDRIVE_HOST = /^(?:[a-z0-9-]+\.)*pipedrive\.com$/;

/**
 * `extensionBase` is `runtime.getURL('/')`. Compared as a prefix: `new URL('chrome-extension://…').origin` is
 * "null" outside the browser and in some engines, so origins of extension URLs cannot be trusted to compare.
 */
export function classifySender(sender: SenderFields, extensionId: string, extensionBase: string): SenderKind {
  if (sender.id !== extensionId || !sender.url) return 'unknown';
  if (sender.url.startsWith(extensionBase)) return 'extension';
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return 'unknown';
  }
  // Only the top frame: an iframe inside Pipedrive (an embedded app, an ad) is not our content script's page.
  const isTopFrame = sender.frameId === undefined || sender.frameId === 0;
  if (sender.tab && isTopFrame && url.protocol === 'https:' && PIPEDRIVE_HOST.test(url.hostname)) return 'content';
  return 'unknown';
}
