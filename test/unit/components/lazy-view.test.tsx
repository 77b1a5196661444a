// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboxApi, InboxPanelProps } from '@/components/inbox/InboxPanel';
import { createViews } from '@/components/lazy/create-views';
import { LazyView } from '@/components/lazy/LazyView';
import type { ViewLoader, Views } from '@/components/lazy/views';
import { useMessages } from '../helpers/i18n';

const STYLES = '.panel { width: 400px; }';

const inboxApi: InboxApi = {
  getInbox: async () => ({ ok: true, value: { entries: [], days: 7, expiringThresholdMs: 4 * 3_600_000 } }),
  getSummary: async () => ({ ok: true, value: { unread: 0, conversations: 0 } }),
  markConversation: async () => ({ ok: true, value: { unread: 0 } }),
  lookUpNames: () => undefined,
  subscribe: () => () => undefined,
  isVisible: () => true,
};

/** A loader over the real views (the views script's own code, here with the test's Preact), loaded when told to. */
function loaderOf(views: Views, { isLoaded = true, failures = 0 } = {}) {
  let loaded = isLoaded;
  let toFail = failures;
  const load = vi.fn(async (): Promise<Views> => {
    if (toFail-- > 0) throw new Error('The extension did not answer');
    loaded = true;
    return views;
  });
  const loader: ViewLoader = { loaded: () => (loaded ? views : undefined), load };
  return { loader, load };
}

let host: HTMLElement;
let root: ShadowRoot;
let into: HTMLElement;

beforeEach(() => {
  useMessages();
  host = document.createElement('div');
  document.body.append(host);
  root = host.attachShadow({ mode: 'open' });
  into = document.createElement('div');
  root.append(into);
});

afterEach(() => {
  act(() => render(null, into));
  host.remove();
});

const props = (overrides: Partial<InboxPanelProps> = {}): InboxPanelProps => ({ api: inboxApi, onOpen: () => undefined, onClose: () => undefined, shortcut: 'Alt+Shift+W', ...overrides });
const region = () => root.querySelector('section[aria-label]');

async function settle() {
  for (let i = 0; i < 3; i++) await act(async () => await Promise.resolve());
}

describe('LazyView', () => {
  it('draws a view at once when the views are here, its styles once into our shadow root', () => {
    const { loader, load } = loaderOf(createViews(STYLES));
    act(() => render(<div><LazyView views={loader} name="InboxPanel" props={props()} /><LazyView views={loader} name="InboxPanel" props={props()} /></div>, into));
    expect(root.querySelectorAll('section.panel')).toHaveLength(2);
    expect(root.querySelector('h2')?.textContent).toBe('WhatsApp inbox');
    expect(root.querySelectorAll('style[data-views]')).toHaveLength(1);
    expect(root.querySelector('style[data-views]')?.textContent).toBe(STYLES);
    expect(document.head.querySelector('style[data-views]')).toBeNull(); // never into Pipedrive's document
    expect(load).not.toHaveBeenCalled();
  });

  it('loads the views when they are not here yet, busy until then', async () => {
    const { loader, load } = loaderOf(createViews(STYLES), { isLoaded: false });
    act(() => render(<LazyView views={loader} name="InboxPanel" props={props()} />, into));
    expect(region()).toBeNull();
    expect(into.querySelector('[data-view="InboxPanel"]')?.getAttribute('aria-busy')).toBe('true');
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    expect(region()).not.toBeNull();
    expect(into.querySelector('[data-view="InboxPanel"]')?.hasAttribute('aria-busy')).toBe(false);
  });

  it('draws the view again with the new props, and takes it away when it goes', () => {
    const { loader } = loaderOf(createViews(STYLES));
    act(() => render(<LazyView views={loader} name="InboxPanel" props={props({ shortcut: 'Alt+Shift+W' })} />, into));
    const close = () => root.querySelector('button.close')!;
    expect(close().getAttribute('title')).toContain('Alt+Shift+W');
    act(() => render(<LazyView views={loader} name="InboxPanel" props={props({ shortcut: 'Ctrl+K' })} />, into));
    expect(close().getAttribute('title')).toContain('Ctrl+K');
    const onClose = vi.fn();
    act(() => render(<LazyView views={loader} name="InboxPanel" props={props({ onClose })} />, into));
    act(() => (close() as HTMLButtonElement).click());
    expect(onClose).toHaveBeenCalledTimes(1); // the view calls the newest props
    act(() => render(<p>gone</p>, into));
    expect(region()).toBeNull();
  });

  it('says so when the views cannot load; "Try again" loads them, "Close" closes', async () => {
    const { loader, load } = loaderOf(createViews(STYLES), { isLoaded: false, failures: 1 });
    const onClose = vi.fn();
    act(() => render(<LazyView views={loader} name="InboxPanel" props={props({ onClose })} />, into));
    await settle();
    const alert = into.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('The WhatsApp panel could not load.');
    const button = (name: string) => [...into.querySelectorAll('button')].find((b) => b.textContent === name)!;
    act(() => button('Close').click());
    expect(onClose).toHaveBeenCalledTimes(1);
    act(() => button('Try again').click());
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
    expect(into.querySelector('[role="alert"]')).toBeNull();
    expect(region()).not.toBeNull();
  });
});
