import { describe, expect, it, vi } from 'vitest';
import { createRouter, HandlerError, type Handlers } from '@/lib/messaging/router';
import { classifySender } from '@/lib/messaging/sender';
import { CONTENT_MESSAGES } from '@/lib/messaging/protocol';
import { requestSchemas } from '@/lib/messaging/schemas';

const EXTENSION = { id: 'abcdefghijklmnopabcdefghijklmnop', baseUrl: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/' };
const POPUP = { id: EXTENSION.id, url: `${EXTENSION.baseUrl}popup.html` };
const PIPEDRIVE_TAB = { id: EXTENSION.id, url: 'https://acme.pipedrive.com/messaging/inbox/1', tab: { id: 7 }, frameId: 0 };
const ACCOUNT = 'AC' + '0123456789abcdef'.repeat(2);

/** Every handler a spy; the three the tests look at answer something recognisable. */
function handlers(): Handlers {
  const all = Object.fromEntries(Object.keys(requestSchemas).map((name) => [name, vi.fn(async () => ({}))])) as unknown as Handlers;
  all.getSetupState = vi.fn(async () => ({ connected: true, hasSender: false }));
  all.getConnection = vi.fn(async () => ({ connected: false }));
  all.connectTwilio = vi.fn(async () => ({ connected: true }));
  return all;
}

describe('classifySender', () => {
  it.each([
    ['the popup', POPUP, 'extension'],
    ['the popup opened in a tab', { ...POPUP, tab: { id: 3 } }, 'extension'],
    ['a Pipedrive tab', PIPEDRIVE_TAB, 'content'],
    ['the bare pipedrive.com', { ...PIPEDRIVE_TAB, url: 'https://pipedrive.com/' }, 'content'],
    ['a Pipedrive URL without a tab', { id: EXTENSION.id, url: PIPEDRIVE_TAB.url }, 'unknown'],
    ['an iframe inside Pipedrive', { ...PIPEDRIVE_TAB, frameId: 3 }, 'unknown'],
    ['plain http Pipedrive', { ...PIPEDRIVE_TAB, url: 'http://acme.pipedrive.com/' }, 'unknown'],
    ['a look-alike host', { ...PIPEDRIVE_TAB, url: 'https://acme.pipedrive.com.evil.example/' }, 'unknown'],
    ['another site', { ...PIPEDRIVE_TAB, url: 'https://example.com/' }, 'unknown'],
    ['another extension', { ...POPUP, id: 'zzzz' }, 'unknown'],
    ['no URL', { id: EXTENSION.id }, 'unknown'],
    ['a page whose path mentions the extension', { ...PIPEDRIVE_TAB, url: `https://example.com/${EXTENSION.baseUrl}` }, 'unknown'],
  ])('%s → %s', (_name, sender, expected) => {
    expect(classifySender(sender, EXTENSION.id, EXTENSION.baseUrl)).toBe(expected);
  });
});

describe('createRouter', () => {
  it('answers extension pages and content scripts with the handler value', async () => {
    const route = createRouter(handlers(), EXTENSION);
    await expect(route({ type: 'getSetupState', payload: {} }, PIPEDRIVE_TAB)).resolves.toEqual({ ok: true, value: { connected: true, hasSender: false } });
    await expect(route({ type: 'getConnection', payload: {} }, POPUP)).resolves.toEqual({ ok: true, value: { connected: false } });
  });

  it('tells the handler which tab and document asked, from the fields the browser set', async () => {
    const h = handlers();
    const route = createRouter(h, EXTENSION);
    await route({ type: 'loadViews', payload: {} }, { ...PIPEDRIVE_TAB, documentId: 'D0C' });
    expect(h.loadViews).toHaveBeenCalledWith({}, { kind: 'content', url: PIPEDRIVE_TAB.url, tabId: 7, documentId: 'D0C' });
    await expect(route({ type: 'loadViews', payload: { file: '/background.js' } }, PIPEDRIVE_TAB)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(h.loadViews).toHaveBeenCalledTimes(1);
  });

  it('refuses extension-page messages from a content script, before validating or handling', async () => {
    const h = handlers();
    const route = createRouter(h, EXTENSION);
    const payload = { accountSid: ACCOUNT, secret: 'x'.repeat(32), remember: true };
    await expect(route({ type: 'connectTwilio', payload }, PIPEDRIVE_TAB)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(route({ type: 'getConnection', payload: {} }, PIPEDRIVE_TAB)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h.connectTwilio).not.toHaveBeenCalled();
  });

  it('lets a content script ask only the content-safe messages', async () => {
    expect([...CONTENT_MESSAGES].sort()).toEqual([
      'getConversation', 'getInbox', 'getInboxSummary', 'getMedia', 'getNote', 'getPipedriveRecord', 'getSend', 'getSetupState', 'getTemplate', 'getThread',
      'getWindow', 'listTemplates', 'loadViews', 'markConversation', 'openMediaAccess', 'openTemplateWorkshop', 'rememberNames', 'retryNote', 'saveConversation', 'sendReply',
      'sendTemplate', 'writePipedrivePerson',
    ]);
    const route = createRouter(handlers(), EXTENSION);
    for (const type of Object.keys(requestSchemas).filter((name) => !CONTENT_MESSAGES.includes(name as never))) {
      await expect(route({ type, payload: {} }, PIPEDRIVE_TAB), type).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('takes a workshop draft from an extension page only, and refuses a draft of another shape', async () => {
    const h = handlers();
    const route = createRouter(h, EXTENSION);
    const draft = {
      id: '5b0b8a40-6f4e-4c1a-9d0e-2d1f3c4b5a69', name: 'order_ready', language: 'en', category: 'UTILITY', kind: 'text', body: 'Hi {{1}}', header: '', footer: '',
      mediaUrl: '', buttons: [], samples: { '1': 'Mari' }, codeExpirationMinutes: '', addSecurityRecommendation: true, updatedAt: 1,
    };
    await expect(route({ type: 'submitTemplate', payload: { draft } }, POPUP)).resolves.toMatchObject({ ok: true });
    await expect(route({ type: 'submitTemplate', payload: { draft } }, PIPEDRIVE_TAB)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const broken of [{ ...draft, kind: 'carousel' }, { ...draft, body: 'x'.repeat(4_001) }, { ...draft, extra: 1 }, { ...draft, contentSid: 'HX1' },
      { ...draft, buttons: Array.from({ length: 21 }, () => ({ type: 'QUICK_REPLY', text: 'x', value: '' })) }, { ...draft, samples: { 'a b': 'x' } }]) {
      await expect(route({ type: 'saveTemplateToTwilio', payload: { draft: broken } }, POPUP)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(h.saveTemplateToTwilio).not.toHaveBeenCalled();
    await expect(route({ type: 'deleteTemplate', payload: { sid: 'HX' + 'a'.repeat(32) } }, PIPEDRIVE_TAB)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses unknown senders, unknown messages and malformed envelopes', async () => {
    const route = createRouter(handlers(), EXTENSION);
    await expect(route({ type: 'getSetupState', payload: {} }, { id: EXTENSION.id, url: 'https://example.com/' })).resolves.toMatchObject({ error: { code: 'forbidden' } });
    await expect(route({ type: 'toString', payload: {} }, POPUP)).resolves.toMatchObject({ error: { code: 'unknown-message' } });
    await expect(route('getSetupState', POPUP)).resolves.toMatchObject({ error: { code: 'invalid-request' } });
    await expect(route(null, POPUP)).resolves.toMatchObject({ error: { code: 'invalid-request' } });
  });

  it.each([
    ['an extra key', { accountSid: ACCOUNT, secret: 's'.repeat(32), remember: true, admin: true }],
    ['a malformed Account SID', { accountSid: 'AC123', secret: 's'.repeat(32), remember: true }],
    ['a secret with a line break', { accountSid: ACCOUNT, secret: 'abc\ndef', remember: true }],
    ['a huge secret', { accountSid: ACCOUNT, secret: 's'.repeat(10_000), remember: true }],
    ['a key SID of the wrong kind', { accountSid: ACCOUNT, keySid: ACCOUNT, secret: 's'.repeat(32), remember: true }],
    ['remember as a string', { accountSid: ACCOUNT, secret: 's'.repeat(32), remember: 'yes' }],
  ])('validates payloads: refuses %s', async (_name, payload) => {
    const h = handlers();
    const route = createRouter(h, EXTENSION);
    await expect(route({ type: 'connectTwilio', payload }, POPUP)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(h.connectTwilio).not.toHaveBeenCalled();
  });

  it('passes handler errors as values and hides unexpected ones', async () => {
    const h = handlers();
    h.connectTwilio = vi.fn(async () => {
      throw new HandlerError({ code: 'bad-secret', message: 'refused', twilioCode: 20003 });
    });
    h.getConnection = vi.fn(async () => {
      throw new Error(`secret ${'s'.repeat(32)} leaked`);
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const route = createRouter(h, EXTENSION);
    await expect(route({ type: 'connectTwilio', payload: { accountSid: ACCOUNT, secret: 's'.repeat(32), remember: false } }, POPUP))
      .resolves.toEqual({ ok: false, error: { code: 'bad-secret', message: 'refused', twilioCode: 20003 } });
    const hidden = await route({ type: 'getConnection', payload: {} }, POPUP);
    expect(hidden).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong in the extension' } });
    expect(JSON.stringify(error.mock.calls)).not.toContain('s'.repeat(32));
  });
});
