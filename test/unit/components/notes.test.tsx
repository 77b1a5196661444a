// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SaveConversation } from '@/components/conversation/SaveConversation';
import { MessageItem } from '@/components/thread/MessageItem';
import type { ThreadMessage } from '@/lib/conversations/model';
import type { Result } from '@/lib/messaging/protocol';
import type { ConversationSave, NoteMark } from '@/lib/notes/model';
import { useMessages } from '../helpers/i18n';

const ok = <T,>(value: T): Result<T> => ({ ok: true, value });
const ours = (note?: NoteMark): ThreadMessage => ({
  sid: 'SM' + '1'.repeat(32), direction: 'outbound', status: 'delivered', at: Date.now(), body: 'Tere', numMedia: 0, address: 'whatsapp:+37251234567', sendId: 'x', ...(note && { note }),
});
const flush = async () => {
  for (let i = 0; i < 5; i++) await act(async () => void (await vi.advanceTimersByTimeAsync(0)));
};
const item = () => document.querySelector<HTMLElement>('[data-direction]')!;
const button = (name: string) => document.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`) ?? [...document.querySelectorAll('button')].find((b) => b.textContent === name);

beforeEach(() => {
  useMessages('en');
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  render(null, document.body);
});

describe('a message’s note', () => {
  it.each([
    [{ state: 'saved' } as NoteMark, 'saved', 'Saved to Pipedrive'],
    [{ state: 'pending' } as NoteMark, 'pending', 'Saving to Pipedrive…'],
    [{ state: 'failed', problem: 'no-access' } as NoteMark, 'failed', 'Not saved to Pipedrive: Open Pipedrive in a tab, or save your personal Pipedrive API token'],
    [{ state: 'failed', problem: 'refused' } as NoteMark, 'failed', 'Not saved to Pipedrive: Pipedrive refused the extension’s access'],
  ])('%j is said as “%s”', (mark, state, text) => {
    act(() => render(<MessageItem message={ours(mark)} loadMedia={() => async () => ok({ files: [] })} onAllowMedia={() => undefined} onRetryNote={() => undefined} />, document.body));
    expect(item().dataset['note']).toBe(state);
    expect(item().textContent).toContain(text);
    expect(Boolean(button('Retry saving to Pipedrive'))).toBe(state === 'failed');
  });

  it('a message without a note (the customer’s, or sent from elsewhere) says nothing about Pipedrive', () => {
    act(() => render(<MessageItem message={ours()} loadMedia={() => async () => ok({ files: [] })} onAllowMedia={() => undefined} />, document.body));
    expect(item().dataset['note']).toBeUndefined();
    expect(item().textContent).not.toContain('Pipedrive');
  });

  it('Retry asks for that message’s note', () => {
    const retried: string[] = [];
    act(() => render(<MessageItem message={ours({ state: 'failed', problem: 'failing' })} loadMedia={() => async () => ok({ files: [] })} onAllowMedia={() => undefined} onRetryNote={(sid) => retried.push(sid)} />, document.body));
    act(() => button('Retry saving to Pipedrive')!.click());
    expect(retried).toEqual(['SM' + '1'.repeat(32)]);
  });
});

describe('Save conversation to Pipedrive', () => {
  function mount(answers: Array<Result<ConversationSave>>, marks: NoteMark[] = []) {
    const calls: string[] = [];
    act(() =>
      render(
        <SaveConversation
          save={async () => (calls.push('save'), answers.shift()!)}
          getNote={async (key) => (calls.push(`get ${key}`), ok(marks.shift() ?? { state: 'pending' }))}
          retryNote={async (key) => (calls.push(`retry ${key}`), ok({ state: 'saved' }))}
        />,
        document.body,
      ),
    );
    return calls;
  }
  const status = () => document.querySelector('[role="status"]')!.textContent;

  it('says how many messages were saved, then that nothing is new', async () => {
    mount([ok({ lines: 4, key: 'log:SM1', mark: { state: 'saved' } }), ok({ lines: 0 })]);
    await act(async () => button('Save conversation to Pipedrive')!.click());
    await flush();
    expect(status()).toBe('Saved to Pipedrive (messages: 4).');
    await act(async () => button('Save conversation to Pipedrive')!.click());
    await flush();
    expect(status()).toBe('Nothing new since the last save.');
  });

  it('follows a note still being written, and offers Retry when it could not be', async () => {
    const calls = mount([ok({ lines: 2, key: 'log:SM2', mark: { state: 'pending' } })], [{ state: 'pending' }, { state: 'failed', problem: 'failing' }]);
    await act(async () => button('Save conversation to Pipedrive')!.click());
    await flush();
    expect(status()).toBe('Saving to Pipedrive (messages: 2)…');
    await act(async () => void (await vi.advanceTimersByTimeAsync(4_100)));
    expect(status()).toBe('Not saved to Pipedrive: Pipedrive did not answer, after several tries.');
    await act(async () => button('Retry saving to Pipedrive')!.click());
    await flush();
    expect(status()).toBe('Saved to Pipedrive (messages: 2).');
    expect(calls).toEqual(['save', 'get log:SM2', 'get log:SM2', 'retry log:SM2']);
  });
});
