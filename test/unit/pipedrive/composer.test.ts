// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { insertIntoComposer } from '@/lib/pipedrive/composer';

describe('insertIntoComposer (textarea)', () => {
  it('sets the value through the native setter and announces it with a bubbling input event', () => {
    const textarea = document.createElement('textarea');
    document.body.replaceChildren(textarea);
    // Like React: an own `value` property that would swallow a plain assignment.
    let tracked = '';
    Object.defineProperty(textarea, 'value', {
      configurable: true,
      get: () => tracked,
      set: (v: string) => {
        tracked = `swallowed:${v}`;
      },
    });
    const seen: string[] = [];
    document.body.addEventListener('input', () => seen.push('input'));
    insertIntoComposer(textarea, 'Hello Mari');
    expect(seen).toEqual(['input']);
    // The prototype setter reached the element itself, not the page's own property.
    expect(Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.get!.call(textarea)).toBe('Hello Mari');
    expect(tracked).toBe('');
  });

  it('replaces the /search that opened the picker, and keeps any other draft', () => {
    const textarea = document.createElement('textarea');
    document.body.replaceChildren(textarea);
    textarea.value = '/ord';
    insertIntoComposer(textarea, 'Your order is ready', { replace: '/ord' });
    expect(textarea.value).toBe('Your order is ready');

    textarea.value = 'Dear Ann, ';
    textarea.setSelectionRange(10, 10);
    insertIntoComposer(textarea, 'your order is ready');
    expect(textarea.value).toBe('Dear Ann, your order is ready');
  });
});
