// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConversationPanel, POLL_MS, type PanelApi } from '@/components/conversation/ConversationPanel';
import type { ThreadInfo, ThreadMessage } from '@/lib/conversations/model';
import type { Result, WindowInfo } from '@/lib/messaging/protocol';
import { useMessages } from '../helpers/i18n';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const H = 3_600_000;
const ok = <T,>(value: T): Result<T> => ({ ok: true, value });
const message = (sid: string, body: string, over: Partial<ThreadMessage> = {}): ThreadMessage => ({
  sid, direction: 'inbound', status: 'received', at: NOW - H, body, numMedia: 0, address: 'whatsapp:+37251234567', ...over,
});
const open: WindowInfo = { state: 'open', lastInboundAt: NOW - H, knownUntil: NOW, expiringThresholdMs: 2 * H, contact: '+37251234567' };

/** A panel API whose answers the test controls; every call is recorded. */
function fakeApi(over: Partial<PanelApi> = {}) {
  const threads = new Map<string, ThreadInfo>();
  let visible = true;
  const visibility: Array<() => void> = [];
  const api: PanelApi & { calls: string[]; threads: typeof threads; setVisible(v: boolean): void } = {
    calls: [],
    threads,
    setVisible(v) {
      visible = v;
      visibility.forEach((f) => f());
    },
    loadContact: async () => ({ name: 'Mari Tamm', phones: [{ value: '+372 5123 4567', label: 'mobile', isPrimary: true }, { value: '+372 5999 0000', label: 'work' }], values: { firstName: 'Mari' } }),
    getConversation: async () => ok({ numbers: [{ e164: '+37251234567', label: 'mobile' }, { e164: '+37259990000', label: 'work' }], chosen: '+37251234567' }),
    getThread: async (contact, _limit, refresh) => {
      api.calls.push(`getThread ${contact} ${refresh ? 'refresh' : 'cache'}`);
      return ok(threads.get(contact) ?? { contact, messages: [], hasEarlier: false, replyTo: `whatsapp:${contact}` });
    },
    getMedia: async () => ok({ files: [] }),
    openMediaAccess: () => undefined,
    sendReply: async (request) => {
      api.calls.push(`sendReply ${request.contact} ${request.body}`);
      return ok({ id: request.id, contact: request.contact, status: 'queued', isFinal: false, createdAt: NOW, updatedAt: NOW });
    },
    getWindow: async () => ok(open),
    subscribe: () => () => undefined,
    loadChoice: async () => undefined,
    saveChoice: async () => undefined,
    loadManualNumber: async () => undefined,
    saveManualNumber: async () => undefined,
    loadDraft: async () => '',
    saveDraft: async () => undefined,
    isVisible: () => visible,
    onVisibility: (f) => {
      visibility.push(f);
      return () => undefined;
    },
    search: async () => ok({ results: [], total: 0, catalogueSize: 0, languages: [], categories: [] }),
    getTemplate: async () => ({ ok: false, error: { code: 'not-found', message: 'none' } }),
    send: async () => ({ ok: false, error: { code: 'internal', message: 'no' } }),
    getSend: async () => ({ ok: false, error: { code: 'not-found', message: 'none' } }),
    loadSources: async () => ({}),
    saveSource: async () => undefined,
    newId: () => crypto.randomUUID(),
    openWorkshop: () => undefined,
    saveConversation: async () => ok({ lines: 0 }),
    getNote: async () => ok({ state: 'saved' }),
    retryNote: async () => ok({ state: 'saved' }),
    ...over,
  };
  return api;
}

/** Lets every pending answer and the renders it causes happen (several rounds: one answer leads to the next call). */
const flush = async () => {
  for (let i = 0; i < 10; i++) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
  }
};
const texts = () => [...document.querySelectorAll('[data-direction] .text')].map((node) => node.textContent);

beforeEach(() => {
  useMessages('en');
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
  render(null, document.body);
});

describe('ConversationPanel', () => {
  it('switching the number switches the thread, and a late answer for the old number is dropped', async () => {
    let releaseOld: (() => void) | undefined;
    const api = fakeApi();
    api.threads.set('+37251234567', { contact: '+37251234567', messages: [message('SM1', 'from the mobile')], hasEarlier: false, replyTo: 'whatsapp:+37251234567' });
    api.threads.set('+37259990000', { contact: '+37259990000', messages: [message('SM2', 'from work', { address: 'whatsapp:+37259990000' })], hasEarlier: false, replyTo: 'whatsapp:+37259990000' });
    const getThread = api.getThread;
    api.getThread = async (contact, limit, refresh) => {
      // The mobile's refresh is slow: it answers after the rep switched to the work number.
      if (contact === '+37251234567' && refresh) await new Promise<void>((r) => (releaseOld = r));
      return getThread(contact, limit, refresh);
    };
    act(() => render(<ConversationPanel api={api} onClose={() => undefined} shortcut="Alt+Shift+C" templatesShortcut="Alt+Shift+W" />, document.body));
    await flush();
    expect(texts()).toEqual(['from the mobile']);
    const select = document.querySelector<HTMLSelectElement>('select')!;
    await act(async () => {
      select.value = '+37259990000';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await flush();
    expect(texts()).toEqual(['from work']);
    await act(async () => releaseOld?.());
    await flush();
    expect(texts()).toEqual(['from work']);
  });

  it('polls while visible, and a hidden tab polls nothing', async () => {
    const api = fakeApi();
    act(() => render(<ConversationPanel api={api} onClose={() => undefined} shortcut="Alt+Shift+C" templatesShortcut="Alt+Shift+W" />, document.body));
    await flush();
    api.calls.length = 0;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(POLL_MS * 2 + 10);
    });
    expect(api.calls.filter((c) => c.endsWith('refresh'))).toHaveLength(2);
    api.calls.length = 0;
    await act(async () => api.setVisible(false));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(POLL_MS * 4);
    });
    expect(api.calls).toEqual([]);
  });

  it('an Enter the rep did not press sends nothing; a closed window disables the reply and says why', async () => {
    const api = fakeApi();
    api.threads.set('+37251234567', { contact: '+37251234567', messages: [message('SM1', 'hi')], hasEarlier: false, replyTo: 'whatsapp:+37251234567' });
    act(() => render(<ConversationPanel api={api} onClose={() => undefined} shortcut="Alt+Shift+C" templatesShortcut="Alt+Shift+W" />, document.body));
    await flush();
    const box = document.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(box.disabled).toBe(false);
    await act(async () => {
      box.value = 'Tere!';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    // Only trusted (the rep's own) key presses send: the page's scripts can reach our shadow root.
    await act(async () => {
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(api.calls.filter((c) => c.startsWith('sendReply'))).toEqual([]);

    render(null, document.body);
    const closed = fakeApi({ getWindow: async () => ok({ ...open, lastInboundAt: NOW - 30 * H }) });
    act(() => render(<ConversationPanel api={closed} onClose={() => undefined} shortcut="Alt+Shift+C" templatesShortcut="Alt+Shift+W" />, document.body));
    await flush();
    const disabled = document.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(disabled.disabled).toBe(true);
    expect(document.body.textContent).toContain('The 24-hour window is closed');
    expect(document.querySelector('.templates-button')).not.toBeNull();
  });
});
