// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { manualNumbers } from '@/lib/content-state';
import type { Envelope, WindowInfo } from '@/lib/messaging/protocol';
import { bumpRevision, settings } from '@/lib/settings';

// Each test gets fresh modules: the kept values live for a page, like the content script's.
async function load() {
  vi.resetModules();
  const api = await import('@/entrypoints/pipedrive.content/conversation-api');
  const kept = await import('@/entrypoints/pipedrive.content/kept');
  return { ...api, ...kept };
}

const closed = (contact: string): WindowInfo => ({ state: 'closed', contact, expiringThresholdMs: 7_200_000 });
let asked: string[];

beforeEach(() => {
  fakeBrowser.reset();
  asked = [];
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (envelope: Envelope<'getWindow'>) => {
    asked.push(envelope.payload.phone);
    return { ok: true, value: closed(envelope.payload.phone) };
  }) as never);
  const call = Object.assign(document.createElement('a'), { href: 'tel:+3725123456', textContent: 'Call' });
  const header = Object.assign(document.createElement('header'), { textContent: 'Mari ' });
  header.dataset.test = 'conversation-header';
  header.append(call);
  const main = document.createElement('main');
  main.append(header);
  document.body.replaceChildren(main);
});
afterEach(() => {
  document.body.replaceChildren();
});

const root = () => document.querySelector('main')!;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the badge’s first question, asked while our UI mounts', () => {
  it('is asked once, for the page’s number, and the badge’s first question for that number takes its answer', async () => {
    const { createConversationApi } = await load();
    const api = createConversationApi(root(), 'c-mari', {}, () => true);
    api.askEarly(new AbortController().signal);
    await flush();
    expect(asked).toEqual(['+3725123456']);

    const first = await api.getWindow('+3725123456');
    expect(first).toEqual({ ok: true, value: closed('+3725123456') });
    expect(asked).toEqual(['+3725123456']);
    await api.getWindow('+3725123456'); // later questions are asked afresh
    expect(asked).toEqual(['+3725123456', '+3725123456']);
  });

  it('asks about the number the rep typed for this conversation before the page’s', async () => {
    await manualNumbers.setValue({ 'c-mari': '+3725000000' });
    const { createConversationApi } = await load();
    const api = createConversationApi(root(), 'c-mari', {}, () => true);
    api.askEarly(new AbortController().signal);
    await flush();
    expect(asked).toEqual(['+3725000000']);
    await api.getWindow('+3725123456'); // another number: not the early answer
    expect(asked).toEqual(['+3725000000', '+3725123456']);
  });

  it('is dropped when the background reports a change before the badge asks', async () => {
    const { createConversationApi } = await load();
    const api = createConversationApi(root(), 'c-mari', {}, () => true);
    api.askEarly(new AbortController().signal);
    await flush();
    await bumpRevision('windows');
    await flush();
    await api.getWindow('+3725123456');
    expect(asked).toEqual(['+3725123456', '+3725123456']);
  });
});

describe('the early question, when the view goes first', () => {
  it('stops watching the background once the view is gone, and its answer is not used', async () => {
    const { createConversationApi } = await load();
    const { revisions } = await import('@/lib/settings'); // the module instance the reloaded code uses
    const watch = revisions.watch.bind(revisions);
    const stopped = vi.fn();
    vi.spyOn(revisions, 'watch').mockImplementation((callback) => {
      const stop = watch(callback);
      return () => {
        stopped();
        stop();
      };
    });
    const api = createConversationApi(root(), 'c-mari', {}, () => true);
    const view = new AbortController();
    api.askEarly(view.signal);
    await flush();
    expect(asked).toEqual(['+3725123456']);
    view.abort();
    expect(stopped).toHaveBeenCalledTimes(1);
    await api.getWindow('+3725123456'); // asked afresh
    expect(asked).toEqual(['+3725123456', '+3725123456']);
  });

  it('is not asked when the view is gone before the number is known', async () => {
    const { createConversationApi } = await load();
    const api = createConversationApi(root(), 'c-mari', {}, () => true);
    const view = new AbortController();
    api.askEarly(view.signal);
    view.abort();
    await flush();
    expect(asked).toEqual([]);
  });
});

describe('values kept for the page', () => {
  it('reads storage once, then follows its changes', async () => {
    await settings.selectorOverrides.setValue({ composer: '.first' });
    const { selectorOverridesNow } = await load();
    const read = vi.spyOn(browser.storage.local, 'get');
    expect(await selectorOverridesNow()).toEqual({ composer: '.first' });
    expect(await selectorOverridesNow()).toEqual({ composer: '.first' });
    await settings.selectorOverrides.setValue({ composer: '.second' });
    await flush();
    expect(await selectorOverridesNow()).toEqual({ composer: '.second' });
    expect(read).toHaveBeenCalledTimes(1);
  });
});
