import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Envelope } from '@/lib/messaging/protocol';
import { VIEWS_GLOBAL, type Views } from '@/components/lazy/views';
import { createViewLoader } from '@/entrypoints/pipedrive.content/views-loader';

const views: Views = { render: () => undefined, unmount: () => undefined };
const scope = globalThis as { [VIEWS_GLOBAL]?: Views };

/** The background's side, as `injectViews` does it: running the views script leaves its `Views` on the global. */
function answerLoadViews(run: () => { ok: boolean }) {
  const asked = vi.fn();
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (envelope: Envelope<'loadViews'>) => {
    asked(envelope);
    const outcome = run();
    return outcome.ok ? { ok: true, value: { loaded: true } } : { ok: false, error: { code: 'internal', message: 'Something went wrong in the extension' } };
  }) as never);
  return asked;
}

beforeEach(() => {
  fakeBrowser.reset();
  Reflect.deleteProperty(scope, VIEWS_GLOBAL);
});

// The loader keeps its views for the page: each test takes a fresh one.
const freshLoader = async () => createViewLoader();

describe('the views loader', () => {
  it('asks the background once, takes the views and leaves nothing on the global', async () => {
    const asked = answerLoadViews(() => {
      scope[VIEWS_GLOBAL] = views;
      return { ok: true };
    });
    const loader = await freshLoader();
    expect(loader.loaded()).toBeUndefined();
    const [first, second] = await Promise.all([loader.load(), loader.load()]);
    expect(first).toBe(views);
    expect(second).toBe(views);
    expect(await loader.load()).toBe(views);
    expect(loader.loaded()).toBe(views);
    expect(asked).toHaveBeenCalledTimes(1);
    expect(asked).toHaveBeenCalledWith({ type: 'loadViews', payload: {} });
    expect(VIEWS_GLOBAL in scope).toBe(false);
  });

  it('fails in words when the injection was refused, and tries again on the next load', async () => {
    let attempt = 0;
    const asked = answerLoadViews(() => {
      attempt += 1;
      if (attempt === 1) return { ok: false };
      scope[VIEWS_GLOBAL] = views;
      return { ok: true };
    });
    const loader = await freshLoader();
    await expect(loader.load()).rejects.toThrow('Something went wrong in the extension');
    expect(loader.loaded()).toBeUndefined();
    await expect(loader.load()).resolves.toBe(views);
    expect(asked).toHaveBeenCalledTimes(2);
  });

  it('fails when the script ran but left no views (never a view of an earlier install)', async () => {
    answerLoadViews(() => ({ ok: true }));
    const loader = await freshLoader();
    await expect(loader.load()).rejects.toThrow('The views script left nothing');
  });
});
