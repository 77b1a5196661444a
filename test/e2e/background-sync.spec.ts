import { randomUUID } from 'node:crypto';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../fake-twilio/seeds/demo';
import { PIPEDRIVE, expect, test } from './fixtures';
import { askAsExtensionPage, connectWithToken, evaluateInContentScript, fakeTemplates, readStore, stopServiceWorker, storedTemplates, storedWindows } from './helpers';

const SALES = DEMO_SENDERS[0].number;
const DAY = 24 * 3_600_000;

test.describe('background: sync into IndexedDB', () => {
  test('stores exactly the fake’s templates and a window for every contact who wrote in 24 h', async ({ openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await connectWithToken(popup, fakeTwilio);
    await askAsExtensionPage(popup, 'setSender', { sender: SALES });

    await expect.poll(async () => (await storedTemplates<{ sid: string; status: string }>(popup)).length).toBe((await fakeTemplates(fakeTwilio)).length);
    const stored = await storedTemplates<{ sid: string; status: string }>(popup);
    const expected = await fakeTemplates(fakeTwilio);
    expect(stored.map((t) => [t.sid, t.status]).sort()).toEqual(expected.map((t) => [t.sid, t.status]).sort());

    const now = fakeTwilio.control.clock().now;
    const wroteRecently = new Set(
      fakeTwilio.control.messages()
        .filter((m) => m.direction === 'inbound' && m.to === `whatsapp:${SALES}` && Date.parse(m.date_sent!) >= now - DAY)
        .map((m) => m.from.replace('whatsapp:', '')),
    );
    await expect.poll(async () => (await storedWindows<{ contact: string }>(popup)).map((w) => w.contact).sort()).toEqual([...wroteRecently].sort());
    expect(wroteRecently.size).toBeGreaterThanOrEqual(3);
  });

  test('a customer reply is in IndexedDB after the next sync', async ({ openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await connectWithToken(popup, fakeTwilio);
    await askAsExtensionPage(popup, 'setSender', { sender: SALES });
    await expect.poll(async () => (await askAsExtensionPage(popup, 'getStatus', {})).ok && (await storedWindows(popup)).length).toBeGreaterThan(0);
    const joao = DEMO_CONTACTS.joao.number;
    expect((await storedWindows<{ contact: string }>(popup)).some((w) => w.contact === joao)).toBe(false);

    fakeTwilio.control.addInbound({ from: joao, body: 'Ainda tenho interesse!' });
    const status = await askAsExtensionPage(popup, 'syncNow', { kind: 'windows' });
    expect(status.ok).toBe(true);
    const windows = await storedWindows<{ contact: string; lastInboundAt: number }>(popup);
    expect(windows.find((w) => w.contact === joao)?.lastInboundAt).toBeGreaterThan(Date.now() - 60_000);
  });

  test('a 500 on the second page of templates keeps the previous templates and says why', async ({ openPopup, fakeTwilio }) => {
    // 1,200 templates: three pages of 500.
    for (let i = 0; i < 1_159; i++) {
      fakeTwilio.control.upsertTemplate({ friendlyName: `bulk_${i}`, language: 'en', types: { 'twilio/text': { body: `Bulk ${i}` } }, approval: { status: 'approved', category: 'UTILITY', name: `bulk_${i}` } });
    }
    const popup = await openPopup();
    await connectWithToken(popup, fakeTwilio);
    await expect.poll(async () => (await storedTemplates(popup)).length, { timeout: 15_000 }).toBe(1_200);

    fakeTwilio.control.deleteTemplate((await fakeTemplates(fakeTwilio))[0]!.sid);
    fakeTwilio.control.setFault({ path: '/v1/ContentAndApprovals', status: 500, after: 1 });
    const status = await askAsExtensionPage(popup, 'syncNow', { kind: 'templates' });
    expect(status.ok && status.value.templates.lastError).toMatchObject({ code: 'twilio-down', message: 'Twilio is having trouble (HTTP 500)' });
    expect(await storedTemplates(popup)).toHaveLength(1_200);
    // Bounded retries: page 1 once, page 2 four times.
    const pages = fakeTwilio.control.requests().filter((r) => r.path === '/v1/ContentAndApprovals');
    expect(pages.slice(-5).map((r) => r.status)).toEqual([200, 500, 500, 500, 500]);
  });

  test('a worker stopped mid-sync finishes on the next sync', async ({ context, openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await connectWithToken(popup, fakeTwilio);
    await askAsExtensionPage(popup, 'setSender', { sender: SALES });
    await expect.poll(async () => (await storedTemplates(popup)).length).toBeGreaterThan(0);

    // A slow Twilio, a sync under way, and the browser stops the worker.
    fakeTwilio.control.setLatency(1_500);
    void askAsExtensionPage(popup, 'syncNow', { kind: 'templates' }).catch(() => undefined);
    await expect.poll(async () => (await readStore<{ kind: string; running?: unknown }>(popup, 'sync')).find((r) => r.kind === 'templates')?.running).toBeTruthy();
    await stopServiceWorker(context, popup);

    fakeTwilio.control.setLatency(0);
    fakeTwilio.control.upsertTemplate({ friendlyName: 'added_after_restart', language: 'en', types: { 'twilio/text': { body: 'Hi' } } });
    const status = await askAsExtensionPage(popup, 'syncNow', { kind: 'templates' });
    expect(status.ok).toBe(true);
    const record = (await readStore<{ kind: string; running?: unknown; lastError?: unknown; lastSuccessAt?: number }>(popup, 'sync')).find((r) => r.kind === 'templates')!;
    expect(record.running).toBeUndefined();
    expect(record.lastError).toBeUndefined();
    expect((await storedTemplates<{ name: string }>(popup)).some((t) => t.name === 'added_after_restart')).toBe(true);
  });

  test('the same send id reaches Twilio once', async ({ openPopup, fakeTwilio }) => {
    const popup = await openPopup();
    await connectWithToken(popup, fakeTwilio);
    await askAsExtensionPage(popup, 'setSender', { sender: SALES });
    await expect.poll(async () => (await storedTemplates(popup)).length).toBeGreaterThan(0);
    const approved = (await storedTemplates<{ sid: string; status: string; placeholders: string[] }>(popup)).find((t) => t.status === 'approved' && t.placeholders.length === 1)!;

    const request = { id: randomUUID(), contact: DEMO_CONTACTS.mari.number, contentSid: approved.sid, variables: { [approved.placeholders[0]!]: 'Mari' } };
    const [first, second] = await Promise.all([askAsExtensionPage(popup, 'sendTemplate', request), askAsExtensionPage(popup, 'sendTemplate', request)]);
    const third = await askAsExtensionPage(popup, 'sendTemplate', request);
    expect(first.ok && second.ok && third.ok).toBe(true);
    const posts = fakeTwilio.control.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json'));
    expect(posts).toHaveLength(1);
    expect(posts[0]!.form).toMatchObject({ To: `whatsapp:${DEMO_CONTACTS.mari.number}`, From: `whatsapp:${SALES}`, ContentSid: approved.sid });

    // The background follows the message to a final status.
    await expect.poll(async () => {
      const send = await askAsExtensionPage(popup, 'getSend', { id: request.id });
      return send.ok ? send.value.status : send.error.code;
    }, { timeout: 15_000 }).toBe('read');
  });

  test('a content script may not ask for credentials or a sync, and never sees the secret', async ({ context, openPopup, fakeTwilio, serviceWorker }) => {
    const popup = await openPopup();
    await connectWithToken(popup, fakeTwilio);
    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-mari`);
    await page.getByRole('button', { name: /^WhatsApp session/ }).waitFor();

    const replies = await evaluateInContentScript<unknown[]>(page, `Promise.all([
      chrome.runtime.sendMessage({ type: 'getConnection', payload: {} }),
      chrome.runtime.sendMessage({ type: 'syncNow', payload: {} }),
      chrome.runtime.sendMessage({ type: 'connectTwilio', payload: { accountSid: '${fakeTwilio.credentials.accountSid}', secret: 'x'.repeat(32), remember: true } }),
      chrome.runtime.sendMessage({ type: 'disconnect', payload: {} }),
      chrome.runtime.sendMessage({ type: 'getSetupState', payload: {} }),
    ])`);
    expect(replies.slice(0, 4)).toEqual(Array(4).fill({ ok: false, error: { code: 'forbidden', message: expect.any(String) } }));
    expect(replies[4]).toEqual({ ok: true, value: { connected: true, hasSender: false } });
    expect(JSON.stringify(replies)).not.toContain(fakeTwilio.credentials.authToken);

    const areas = await serviceWorker.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]));
    expect(areas).not.toContain(fakeTwilio.credentials.authToken);
  });

  test('a content script writing storage.local changes neither the sender nor the schedule', async ({ context, openPopup, fakeTwilio, serviceWorker }) => {
    const popup = await openPopup();
    await connectWithToken(popup, fakeTwilio);
    await popup.getByLabel('WhatsApp sender').selectOption(SALES);
    await popup.getByText(/^Conversations synced/).waitFor();
    const page = await context.newPage();
    await page.goto(`${PIPEDRIVE.textarea}/messaging/inbox/c-mari`);
    await page.getByRole('button', { name: /^WhatsApp session/ }).waitFor();

    // Everything a content script can do about the sender and the schedule: write storage.local, and ask.
    const refused = await evaluateInContentScript<unknown>(page, `chrome.storage.local.set({
      'settings:sender': '${DEMO_SENDERS[1].number}',
      'status:authFailure': { at: Date.now(), status: 401 },
      'settings:syncIntervalMinutes': 0,
    }).then(() => chrome.runtime.sendMessage({ type: 'setSender', payload: { sender: '${DEMO_SENDERS[1].number}' } }))`);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const status = await askAsExtensionPage(popup, 'getStatus', {});
    expect(status).toMatchObject({ ok: true, value: { sender: SALES, connection: { isRefused: false } } });
    await expect.poll(() => serviceWorker.evaluate(async () => (await chrome.alarms.get('sync'))?.periodInMinutes)).toBe(5);
    const reopened = await openPopup();
    await expect(reopened.getByLabel('WhatsApp sender')).toHaveValue(SALES);
    await expect(reopened.getByText('Twilio refused the saved credentials')).toHaveCount(0);
  });
});
