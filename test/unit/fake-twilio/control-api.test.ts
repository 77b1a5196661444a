import { get as httpGet } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio, type MessageJson } from '../../fake-twilio';
import { DEMO_CONTACTS, DEMO_CREDENTIALS, DEMO_SENDERS } from '../../fake-twilio/seeds/demo';

/** The control API over HTTP (`/__fake/…`), as e2e tests and the demo script use it, plus Twilio auth edges. */
const NOW = Date.parse('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
const SALES = DEMO_SENDERS[0].whatsapp;

let fake: FakeTwilio;

beforeAll(async () => {
  fake = await startFakeTwilio({ seed: 'demo', now: NOW });
});
afterAll(() => fake.close());
beforeEach(async () => {
  await control('PUT', 'clock', { now: NOW });
  await control('POST', 'reset');
});

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${fake.url}/__fake/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function twilio(path: string, form?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const { accountSid, authToken } = fake.credentials;
  const response = await fetch(fake.url + path, {
    method: form ? 'POST' : 'GET',
    headers: { Authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}` },
    body: form && new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const messagesPath = `/2010-04-01/Accounts/${DEMO_CREDENTIALS.accountSid}/Messages.json`;

/** Sends, lets 3 s of fake time pass, and returns the message as Twilio shows it then. */
async function sendAndSettle(form: Record<string, string>): Promise<Record<string, unknown>> {
  const created = await twilio(messagesPath, { From: SALES, ...form });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await control('PUT', 'clock', { advanceMs: 3_000 });
  const sid = created.body.sid as string;
  return (await twilio(messagesPath.replace('.json', `/${sid}.json`))).body;
}

describe('control API', () => {
  it('gives the seed credentials', async () => {
    expect(await control('GET', 'credentials')).toEqual({ status: 200, body: DEMO_CREDENTIALS });
  });

  it('adds an inbound message, which opens the contact’s window', async () => {
    const added = await control('POST', 'inbound', { from: DEMO_CONTACTS.ann.number, body: 'Hello, I saw your offer' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ direction: 'inbound', status: 'received', from: DEMO_CONTACTS.ann.whatsapp, to: SALES });
    expect(await sendAndSettle({ To: DEMO_CONTACTS.ann.whatsapp, Body: 'Hi Ann!' })).toMatchObject({
      status: 'delivered',
      error_code: null,
    });
  });

  it('an inbound message dated 25 h ago leaves the window closed', async () => {
    const at = new Date(NOW - 25 * HOUR).toISOString();
    await control('POST', 'inbound', { from: DEMO_CONTACTS.ann.whatsapp, to: SALES, body: 'Old', at });
    expect(await sendAndSettle({ To: DEMO_CONTACTS.ann.whatsapp, Body: 'Hi Ann!' })).toMatchObject({
      status: 'undelivered',
      error_code: 63016,
    });
  });

  it('rejects an inbound message from something that is not a number', async () => {
    expect(await control('POST', 'inbound', { from: 'Ann', body: 'x' })).toMatchObject({ status: 400 });
    expect(await control('POST', 'inbound', { body: 'x' })).toEqual({ status: 400, body: { error: 'from: expected a string' } });
  });

  it('creates, reviews and deletes a template', async () => {
    const created = await control('POST', 'templates', {
      friendlyName: 'renewal_notice',
      language: 'et',
      variables: { '1': 'Mari' },
      types: { 'twilio/text': { body: 'Tere, {{1}}! Teie leping uueneb homme.' } },
      approval: { status: 'pending', category: 'UTILITY' },
    });
    expect(created.status).toBe(200);
    const sid = (created.body as { sid: string }).sid;
    expect(created.body).toMatchObject({ friendly_name: 'renewal_notice', approval_requests: { status: 'pending' } });

    // Pending, outside João's window: WhatsApp refuses it.
    expect(await sendAndSettle({ To: DEMO_CONTACTS.joao.whatsapp, ContentSid: sid })).toMatchObject({ error_code: 63016 });

    const rejected = await control('PATCH', `templates/${sid}`, { status: 'rejected', rejectionReason: 'INVALID_FORMAT: test' });
    expect(rejected.body).toMatchObject({ approval_requests: { status: 'rejected', rejection_reason: 'INVALID_FORMAT: test' } });

    await control('PATCH', `templates/${sid}`, { status: 'approved', category: 'MARKETING' });
    const listed = await twilio('/v1/ContentAndApprovals?PageSize=1000');
    const item = (listed.body.contents as Array<{ sid: string; approval_requests: Record<string, unknown> }>).find(
      (c) => c.sid === sid,
    );
    expect(item?.approval_requests).toMatchObject({ status: 'approved', category: 'MARKETING', rejection_reason: '' });
    expect(await sendAndSettle({ To: DEMO_CONTACTS.joao.whatsapp, ContentSid: sid })).toMatchObject({
      status: 'delivered',
      body: 'Tere, Mari! Teie leping uueneb homme.',
    });

    expect(await control('DELETE', `templates/${sid}`)).toEqual({ status: 200, body: { deleted: sid } });
    expect((await twilio(`/v1/Content/${sid}`)).status).toBe(404);
    expect((await control('DELETE', `templates/${sid}`)).status).toBe(404);
  });

  it('upserts a template under a given SID', async () => {
    const sid = `HX${'ab'.repeat(16)}`;
    const body = { friendlyName: 'v1', types: { 'twilio/text': { body: 'One' } } };
    await control('PUT', `templates/${sid}`, body);
    await control('PUT', `templates/${sid}`, { ...body, friendlyName: 'v2' });
    expect((await twilio(`/v1/Content/${sid}`)).body).toMatchObject({ sid, friendly_name: 'v2' });
    expect((await control('PUT', 'templates/HX123', body)).status).toBe(400);
  });

  it('sets and clears a contact’s asynchronous failure', async () => {
    const set = await control('PUT', `contacts/${encodeURIComponent(DEMO_CONTACTS.mari.number)}/failure`, { code: 63032 });
    expect(set.status).toBe(200);
    expect(await sendAndSettle({ To: DEMO_CONTACTS.mari.whatsapp, Body: 'Tere' })).toMatchObject({
      status: 'failed',
      error_code: 63032,
    });
    await control('DELETE', `contacts/${encodeURIComponent(DEMO_CONTACTS.mari.number)}/failure`);
    expect(await sendAndSettle({ To: DEMO_CONTACTS.mari.whatsapp, Body: 'Tere' })).toMatchObject({ status: 'delivered' });
    expect((await control('PUT', 'contacts/%2B1/failure', { code: 12345 })).status).toBe(400);
  });

  it('manages faults', async () => {
    const added = await control('POST', 'faults', { path: '/v1/', status: 503, count: 5 });
    expect(added).toMatchObject({ status: 201, body: { path: '/v1/', match: 'prefix', remaining: 5 } });
    const id = (added.body as { id: number }).id;
    expect(id).toBeTypeOf('number');
    expect((await twilio('/v1/Content')).status).toBe(503);
    expect((await control('GET', 'faults')).body).toMatchObject({ faults: [{ id, remaining: 4 }] });
    expect(await control('DELETE', `faults/${id}`)).toEqual({ status: 200, body: { deleted: id } });
    await control('POST', 'faults', { path: '^/v2/', drop: true });
    expect((await control('GET', 'faults')).body).toMatchObject({ faults: [{ match: 'regex' }] });
    await control('DELETE', 'faults');
    expect((await control('GET', 'faults')).body).toEqual({ faults: [] });
    expect((await control('POST', 'faults', { path: '/v1/', match: 'glob' })).status).toBe(400);
  });

  it('sets latency and status delays', async () => {
    expect(await control('PUT', 'latency', { ms: 0 })).toEqual({ status: 200, body: { ms: 0 } });
    expect((await control('PUT', 'status-delays', { readMs: 10_000 })).body).toEqual({
      sentMs: 1_000,
      deliveredMs: 2_000,
      readMs: 10_000,
    });
  });

  it('logs Twilio requests only, with query, form (or JSON) and auth user', async () => {
    await twilio(`${messagesPath}?To=${encodeURIComponent(SALES)}&DateSent%3E=2026-03-09&PageSize=5`);
    await twilio(messagesPath, { To: DEMO_CONTACTS.mari.whatsapp, From: SALES, Body: 'Tere' });
    await control('GET', 'clock');
    const { body } = await control('GET', 'requests');
    expect((body as { requests: unknown[] }).requests).toEqual([
      {
        method: 'GET',
        path: messagesPath,
        query: { To: SALES, 'DateSent>': '2026-03-09', PageSize: '5' },
        form: null,
        formPairs: null,
        json: null,
        authUser: DEMO_CREDENTIALS.accountSid,
        status: 200,
        at: NOW,
      },
      {
        method: 'POST',
        path: messagesPath,
        query: {},
        form: { To: DEMO_CONTACTS.mari.whatsapp, From: SALES, Body: 'Tere' },
        formPairs: [
          ['To', DEMO_CONTACTS.mari.whatsapp],
          ['From', SALES],
          ['Body', 'Tere'],
        ],
        json: null,
        authUser: DEMO_CREDENTIALS.accountSid,
        status: 201,
        at: NOW,
      },
    ]);
    await control('DELETE', 'requests');
    expect((await control('GET', 'requests')).body).toEqual({ requests: [] });
  });

  it('reads, freezes, advances and releases the clock', async () => {
    expect((await control('GET', 'clock')).body).toEqual({ now: NOW, fixed: true });
    expect((await control('PUT', 'clock', { advanceMs: 90_000 })).body).toEqual({ now: NOW + 90_000, fixed: true });
    expect((await control('PUT', 'clock', { now: '2026-04-01T00:00:00Z' })).body).toEqual({
      now: Date.parse('2026-04-01T00:00:00Z'),
      fixed: true,
    });
    const real = (await control('PUT', 'clock', { real: true })).body as { now: number; fixed: boolean };
    expect(real.fixed).toBe(false);
    expect(Math.abs(real.now - Date.now())).toBeLessThan(5_000);
    expect((await control('PUT', 'clock', {})).status).toBe(400);
  });

  it('lists messages newest first, with their current status', async () => {
    await twilio(messagesPath, { To: DEMO_CONTACTS.mari.whatsapp, From: SALES, Body: 'Newest' });
    const { body } = await control('GET', 'messages');
    const messages = (body as { messages: MessageJson[] }).messages;
    expect(messages[0]).toMatchObject({ body: 'Newest', status: 'queued' });
    expect(messages.length).toBeGreaterThan(10);
  });

  it('resets to the seed: sent messages, templates, faults and the log are gone', async () => {
    const before = ((await control('GET', 'messages')).body as { messages: unknown[] }).messages.length;
    await twilio(messagesPath, { To: DEMO_CONTACTS.mari.whatsapp, From: SALES, Body: 'x' });
    await control('POST', 'faults', { path: '/v1/', status: 500 });
    await control('POST', 'reset');
    expect(((await control('GET', 'messages')).body as { messages: unknown[] }).messages).toHaveLength(before);
    expect((await control('GET', 'faults')).body).toEqual({ faults: [] });
    expect((await control('GET', 'requests')).body).toEqual({ requests: [] });
  });

  it('answers unknown operations and bad JSON with an error', async () => {
    expect(await control('GET', 'nothing-here')).toMatchObject({ status: 404 });
    const bad = await fetch(`${fake.url}/__fake/inbound`, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
  });
});

describe('Twilio auth, routing and parameter edges', () => {
  const raw = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(fake.url + path, { method, headers }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
  const basic = (user: string, secret: string) => ({ Authorization: `Basic ${btoa(`${user}:${secret}`)}` });
  const c = DEMO_CREDENTIALS;

  it.each([
    ['no credentials', {}, 401, 20003],
    ['a wrong Auth Token', basic(c.accountSid, 'x'.repeat(32)), 401, 20003],
    ['an unknown API key', basic(`SK${'0'.repeat(32)}`, c.mainKeySecret), 401, 20003],
    ['a Main key with the Standard key’s secret', basic(c.mainKeySid, c.standardKeySecret), 401, 20003],
    ['a pasted token with a trailing space (Twilio does not trim)', basic(c.accountSid, `${c.authToken} `), 401, 20003],
    ['a Standard key', basic(c.standardKeySid, c.standardKeySecret), 200, undefined],
    ['a Main key', basic(c.mainKeySid, c.mainKeySecret), 200, undefined],
  ])('Messages with %s → %i', async (_name, headers, status, code) => {
    const answer = await raw(`${messagesPath}?PageSize=1`, headers);
    expect(answer.status).toBe(status);
    if (code !== undefined) expect(answer.body).toMatchObject({ code, status });
  });

  it('a valid key with another account in the path is 404, not 401', async () => {
    const other = messagesPath.replace(c.accountSid, `AC${'9'.repeat(32)}`);
    expect(await raw(other, basic(c.mainKeySid, c.mainKeySecret))).toMatchObject({ status: 404, body: { code: 20404 } });
  });

  it('an unknown path is 404 with a Twilio body, and a known path with the wrong method is 405', async () => {
    expect(await raw('/2010-04-01/Calls.json')).toMatchObject({ status: 404, body: { code: 20404 } });
    expect(await raw('/v1/Content', basic(c.accountSid, c.authToken), 'DELETE')).toMatchObject({
      status: 405,
      body: { code: 20004 },
    });
  });

  it('reads `DateSent>=` the same whether the `>` arrives raw (curl) or percent-encoded (SDK)', async () => {
    const sidsFor = (query: string): Promise<string[]> =>
      new Promise((resolve, reject) => {
        // node:http sends the path as written; fetch() would percent-encode the `>` itself.
        httpGet(`${fake.url}${messagesPath}?${query}`, { headers: basic(c.accountSid, c.authToken) }, (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => {
            resolve((JSON.parse(text) as { messages: Array<{ sid: string }> }).messages.map((m) => m.sid));
          });
        }).on('error', reject);
      });
    const raw = await sidsFor('DateSent>=2026-03-09&PageSize=100');
    expect(raw.length).toBeGreaterThan(0);
    expect(raw.length).toBeLessThan((await sidsFor('PageSize=100')).length);
    expect(await sidsFor('DateSent%3E=2026-03-09T07:00:00Z&PageSize=100')).toEqual(raw);
  });

  it.each([
    ['PageSize above 1000', `${messagesPath}?PageSize=1001`],
    ['PageSize 0', '/v1/Content?PageSize=0'],
    ['a PageToken that names no message', `${messagesPath}?PageToken=PASM${'0'.repeat(32)}`],
    ['a malformed PageToken', '/v1/ContentAndApprovals?PageToken=nope'],
    ['a DateSent that is no date', `${messagesPath}?DateSent=tomorrow`],
    ['Senders without Channel', '/v2/Channels/Senders'],
  ])('%s → 400', async (_name, path) => {
    expect(await raw(path, basic(c.accountSid, c.authToken))).toMatchObject({ status: 400, body: { status: 400 } });
  });
});
