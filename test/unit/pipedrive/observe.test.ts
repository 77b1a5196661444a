// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { observeComposers } from '@/lib/pipedrive/observe';

function page(html: string): void {
  // eslint-disable-next-line no-restricted-syntax -- the test's own fixed markup, not data from outside
  document.body.innerHTML = html;
}

describe('observeComposers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reports each composer once, and looks again at a reply box whose messages come later', () => {
    page('<main><div class="pane"><div class="reply"><textarea></textarea><button>Send</button></div></div><section data-test="messaging-composer"><textarea></textarea></section></main>');
    const seen: string[] = [];
    const controller = new AbortController();
    observeComposers({}, (match) => seen.push(match.composer.className || match.composer.getAttribute('data-test')!), controller.signal);
    expect(seen).toEqual(['messaging-composer']); // known at once, and only once (box and editable both matched)

    const list = document.createElement('ul');
    list.append(Object.assign(document.createElement('li'), { textContent: 'Tere!' }));
    document.querySelector('.pane')!.prepend(list);
    vi.advanceTimersByTime(250);
    expect(seen).toEqual(['messaging-composer', 'reply']);
    vi.advanceTimersByTime(10_000);
    expect(seen).toHaveLength(2);
    controller.abort();
  });

  it('stops looking again when the page is left', () => {
    page('<main><div class="pane"><div class="reply"><textarea></textarea><button>Send</button></div></div></main>');
    const seen: Element[] = [];
    const controller = new AbortController();
    observeComposers({}, (match) => seen.push(match.composer), controller.signal);
    controller.abort();
    const list = document.createElement('ol');
    list.append(Object.assign(document.createElement('li'), { textContent: 'Hi' }));
    document.querySelector('.pane')!.prepend(list);
    vi.advanceTimersByTime(10_000);
    expect(seen).toEqual([]);
  });
});
