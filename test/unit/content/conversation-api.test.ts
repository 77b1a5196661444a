// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
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

describe('the contact from Pipedrive’s API', () => {
  const RECORDS = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../fixtures/pipedrive/records.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const LEAD = '3f1c9a2e-c8b1-11f0-9d4e-0242ac130003';
  /** The test Pipedrive's records by API path, as Pipedrive answers them. */
  function bodyFor(apiPath: string): unknown {
    const match = /^\/api\/(?:v2|v1)\/(persons|deals|organizations|leads|users)\/([^/]+)$/.exec(apiPath);
    const data = match ? RECORDS[match[1]!]?.[match[2]!] : undefined;
    return data && { success: true, data };
  }
  const respond = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const pageSession = (input: string, _init?: RequestInit) => Promise.resolve(bodyFor(input) ? respond(200, bodyFor(input)) : respond(404, { success: false }));
  const refusedSession = () => Promise.resolve(respond(401, { success: false, error: 'unauthorized access', errorCode: 401 }));
  let backgroundPaths: string[];
  const setPageUrl = (url: string) => (window as unknown as { happyDOM: { setURL: (url: string) => void } }).happyDOM.setURL(url);

  beforeEach(() => {
    backgroundPaths = [];
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (envelope: Envelope<'getPipedriveRecord'>) => {
      expect(envelope.type).toBe('getPipedriveRecord');
      backgroundPaths.push(envelope.payload.path);
      const body = bodyFor(envelope.payload.path);
      return body ? { ok: true, value: { body } } : { ok: false, error: { code: 'not-found', message: 'no' } };
    }) as never);
    const links = document.createElement('nav');
    links.append(Object.assign(document.createElement('a'), { href: '/person/101' }), Object.assign(document.createElement('a'), { href: '/deal/201' }));
    root().append(links);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const MARI = { firstName: 'Mari', fullName: 'Mari Tamm', organisation: 'Tamm OÜ', deal: 'Laptop order #4411', owner: 'Kristjan Kask' };

  it('reads the linked person and deal with the page’s own session, each path once', async () => {
    const session = vi.fn(pageSession);
    vi.stubGlobal('fetch', session);
    const { readContact } = await load();
    await expect(readContact(root(), {})).resolves.toEqual({ phones: ['+3725123456', '+372 5123 4567'], values: MARI, noteTarget: { personId: '101', dealId: '201' } });
    expect(session.mock.calls.map(([p]) => p).sort()).toEqual(['/api/v1/users/7', '/api/v2/deals/201', '/api/v2/organizations/11', '/api/v2/persons/101']);
    for (const [, init] of session.mock.calls) expect(init).toMatchObject({ credentials: 'include' });
    expect(backgroundPaths).toEqual([]);
  });

  it('asks the background for each path the session may not read', async () => {
    vi.stubGlobal('fetch', vi.fn(refusedSession));
    const { readContact } = await load();
    await expect(readContact(root(), {})).resolves.toMatchObject({ values: MARI });
    expect(backgroundPaths.sort()).toEqual(['/api/v1/users/7', '/api/v2/deals/201', '/api/v2/organizations/11', '/api/v2/persons/101']);
  });

  it('uses the page’s own fetch in Firefox (`content.fetch`), not the extension’s', async () => {
    const extensions = vi.fn(refusedSession);
    const page = vi.fn(pageSession);
    vi.stubGlobal('fetch', extensions);
    vi.stubGlobal('content', { fetch: page });
    const { readContact } = await load();
    await expect(readContact(root(), {})).resolves.toMatchObject({ values: MARI });
    expect(page).toHaveBeenCalled();
    expect(extensions).not.toHaveBeenCalled();
    expect(backgroundPaths).toEqual([]);
  });

  it('fills the picker from the page alone when Pipedrive’s answers changed shape', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.stubGlobal('fetch', vi.fn(async () => respond(200, { success: true, data: { id: 101, name: 'Mari Tamm', phone: [{ value: '+372 5123 4567' }] } })));
    const { readContact } = await load();
    await expect(readContact(root(), {})).resolves.toEqual({ phones: ['+3725123456'], values: { firstName: undefined, fullName: undefined, organisation: undefined, deal: undefined, owner: undefined } });
    expect(warn).toHaveBeenCalledWith('[whatsapp-templates]', expect.stringContaining('has changed shape'));
  });

  it('reopening a conversation on the page starts from what the API said of it, and the API is asked again', async () => {
    root().querySelector('header a')!.remove(); // the page shows no number: only the person's record has one
    const session = vi.fn(pageSession);
    vi.stubGlobal('fetch', session);
    const { createConversationApi } = await load();
    const first = createConversationApi(root(), 'c-mari', {}, () => true);
    expect(first.pageContact().phones).toEqual([]);
    await expect(first.loadContact()).resolves.toMatchObject({ phones: ['+372 5123 4567'], values: MARI });
    const reads = session.mock.calls.length;

    const again = createConversationApi(root(), 'c-mari', {}, () => true);
    expect(again.pageContact()).toEqual({ phones: ['+372 5123 4567'], values: MARI });
    expect(createConversationApi(root(), 'c-ann', {}, () => true).pageContact().phones).toEqual([]); // another conversation
    await again.loadContact();
    expect(session.mock.calls.length).toBe(2 * reads);
  });

  it('reopening a conversation with several numbers asks at once about the one the background chose the last time', async () => {
    vi.stubGlobal('fetch', vi.fn(pageSession));
    const sent: { type: string; phone?: string }[] = [];
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (envelope: Envelope<'getWindow'> | Envelope<'getConversation'>) => {
      sent.push({ type: envelope.type, ...('phone' in envelope.payload && { phone: envelope.payload.phone }) });
      if (envelope.type === 'getConversation') return { ok: true, value: { numbers: [{ e164: '+3725123456' }, { e164: '+37251234567' }], chosen: '+37251234567' } };
      return { ok: true, value: closed(envelope.payload.phone) };
    }) as never);
    const { createConversationApi } = await load();
    const first = createConversationApi(root(), 'c-mari', {}, () => true);
    await first.chooseNumber((await first.loadContact()).phones);
    sent.length = 0;

    const again = createConversationApi(root(), 'c-mari', {}, () => true);
    again.askEarly(new AbortController().signal);
    await flush();
    expect(sent).toEqual([{ type: 'getConversation' }, { type: 'getWindow', phone: '+37251234567' }]);
    // The badge's own questions take those answers.
    await expect(again.chooseNumber(again.pageContact().phones)).resolves.toMatchObject({ ok: true, value: { chosen: '+37251234567' } });
    await again.getWindow('+37251234567');
    expect(sent).toHaveLength(2);
  });

  it('reads the lead a lead page is about: its title is the deal title, its owner the owner', async () => {
    root().querySelector('nav')!.remove();
    const before = location.href;
    setPageUrl(`https://acme.pipedrive.com/leads/inbox/${LEAD}`);
    vi.stubGlobal('fetch', vi.fn(pageSession));
    const { readContact } = await load();
    try {
      await expect(readContact(root(), {})).resolves.toMatchObject({
        phones: ['+3725123456', '+34 600 12 34 56'],
        values: { firstName: 'Lucía', fullName: 'Lucía García', organisation: undefined, deal: 'Moving the appointment: clinic chairs', owner: 'Liis Mets' },
      });
    } finally {
      setPageUrl(before);
    }
  });
});
