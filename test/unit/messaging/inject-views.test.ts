import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { injectViews, VIEWS_SCRIPT } from '@/lib/messaging/inject-views';
import { HandlerError } from '@/lib/messaging/router';

/** fakeBrowser has no `scripting`: the call is what is under test, so it is recorded. */
function recordInjections() {
  const executeScript = vi.fn(async () => [{ frameId: 0, result: undefined }]);
  (fakeBrowser as unknown as { scripting: unknown }).scripting = { executeScript };
  return executeScript;
}

afterEach(() => {
  delete (fakeBrowser as unknown as { scripting?: unknown }).scripting;
});

describe('injectViews', () => {
  const TAB = { kind: 'content', url: 'https://acme.pipedrive.com/person/1', tabId: 12 } as const;

  it('injects the views script into the very document that asked, when the browser names it', async () => {
    const executeScript = recordInjections();
    await expect(injectViews({ ...TAB, documentId: 'DOC-1' })).resolves.toEqual({ loaded: true });
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 12, documentIds: ['DOC-1'] }, files: [VIEWS_SCRIPT] });
  });

  it('else into the tab’s top frame (the only frame our content script answers from)', async () => {
    const executeScript = recordInjections();
    await injectViews(TAB);
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 12, frameIds: [0] }, files: [VIEWS_SCRIPT] });
  });

  it('refuses an extension page and a sender without a tab, injecting nothing', async () => {
    const executeScript = recordInjections();
    await expect(injectViews({ kind: 'extension', url: 'chrome-extension://x/popup.html', tabId: 3 })).rejects.toBeInstanceOf(HandlerError);
    await expect(injectViews({ kind: 'content', url: TAB.url })).rejects.toMatchObject({ error: { code: 'forbidden' } });
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('lets a refused injection (a closed tab) fail the request', async () => {
    const executeScript = recordInjections();
    executeScript.mockRejectedValueOnce(new Error('No tab with id: 12'));
    await expect(injectViews(TAB)).rejects.toThrow('No tab with id: 12');
  });
});
