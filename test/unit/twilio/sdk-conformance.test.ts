/**
 * Our fetch client against the official SDK, operation by operation: for the same call both must send the same
 * method, URL path and parameters (DESIGN §2), and both run against the fake so every page is really followed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';
import { createSdkClient, type RecordedSdkRequest } from '../../fake-twilio/sdk';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../../fake-twilio/seeds/demo';
import { checkCredentials, fetchAccount } from '@/lib/twilio/accounts';
import { createContent, deleteContent, requestWhatsAppApproval, templatePages, updateContent } from '@/lib/twilio/content';
import { contentRequest } from '@/lib/templates/authoring/content-types';
import { emptyDraft } from '@/lib/templates/authoring/draft';
import { createTwilioHttp, type TwilioCredentials } from '@/lib/twilio/http';
import { fetchMessage, lastInboundFrom, messagePages, sendTemplate } from '@/lib/twilio/messages';
import { listWhatsAppSenders } from '@/lib/twilio/senders';

interface Seen {
  method: string;
  path: string;
  params: Record<string, string>;
  /** A JSON body, parsed (the Content API's writes). */
  json?: unknown;
}

let fake: FakeTwilio;

/** Our client, with its requests recorded and forwarded to the fake (as the e2e harness does for the browser). */
function ours(credentials: TwilioCredentials) {
  const seen: Seen[] = [];
  const http = createTwilioHttp({
    credentials,
    fetch: async (input, init) => {
      const url = new URL(String(input));
      const isJson = (init?.headers as Record<string, string> | undefined)?.['Content-Type'] === 'application/json';
      const form = typeof init?.body === 'string' && !isJson ? Object.fromEntries(new URLSearchParams(init.body)) : {};
      seen.push({
        method: init?.method ?? 'GET',
        path: url.pathname,
        params: { ...Object.fromEntries(url.searchParams), ...form },
        ...(isJson && typeof init?.body === 'string' && { json: JSON.parse(init.body) as unknown }),
      });
      return fetch(fake.url + url.pathname + url.search, init);
    },
  });
  return { http, seen };
}

function sdk(credentials: TwilioCredentials) {
  const harness = createSdkClient(fake.url, { username: credentials.keySid ?? credentials.accountSid, password: credentials.secret, accountSid: credentials.accountSid });
  const seen = (): Seen[] =>
    harness.requests.map((r: RecordedSdkRequest) => ({
      method: r.method,
      path: new URL(r.url).pathname,
      params: { ...r.query, ...(r.form ?? {}) },
      ...(r.json !== null && { json: r.json }),
    }));
  return { client: harness.client, seen, requests: harness.requests };
}

/** Twilio only reads the day and time of `DateSent>` to the second; both must name the same instant. */
function normalise(requests: Seen[]): Seen[] {
  return requests.map((r) => {
    const params = { ...r.params };
    if (params['DateSent>']) params['DateSent>'] = new Date(params['DateSent>']).toISOString();
    return { ...r, params };
  });
}

let token: TwilioCredentials;
let standardKey: TwilioCredentials;

beforeAll(async () => {
  fake = await startFakeTwilio({ seed: 'demo' });
  token = { accountSid: fake.credentials.accountSid, secret: fake.credentials.authToken };
  standardKey = { accountSid: fake.credentials.accountSid, keySid: fake.credentials.standardKeySid, secret: fake.credentials.standardKeySecret };
});
afterAll(() => fake.close());

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

const SALES = DEMO_SENDERS[0].number;
const MARI = DEMO_CONTACTS.mari.number;

describe('our Twilio client sends what the official SDK sends', () => {
  it('fetch the account', async () => {
    const a = ours(token);
    const b = sdk(token);
    const account = await fetchAccount(a.http);
    const sdkAccount = await b.client.api.v2010.accounts(token.accountSid).fetch();
    expect(a.seen).toEqual(b.seen());
    expect(account).toEqual({ sid: sdkAccount.sid, friendlyName: sdkAccount.friendlyName, type: sdkAccount.type, status: sdkAccount.status });
  });

  it('check a Standard key: the account is refused, the Messages probe answers', async () => {
    const a = ours(standardKey);
    const check = await checkCredentials(a.http, true);
    expect(check).toEqual({ ok: true, account: undefined });
    const b = sdk(standardKey);
    await expect(b.client.api.v2010.accounts(token.accountSid).fetch()).rejects.toMatchObject({ status: 401, code: 20003 });
    await b.client.messages.list({ limit: 1 });
    expect(a.seen).toEqual(b.seen());
  });

  it('list WhatsApp senders', async () => {
    const a = ours(token);
    const b = sdk(token);
    const senders = await listWhatsAppSenders(a.http);
    const sdkSenders = await b.client.messaging.v2.channelsSenders.list({ channel: 'whatsapp', pageSize: 100 });
    expect(a.seen).toEqual(b.seen());
    expect(senders.map((s) => [s.sid, s.number, s.status, s.profileName])).toEqual(
      sdkSenders.map((s) => [s.sid, s.senderId.replace('whatsapp:', ''), s.status.toUpperCase(), (s.profile as { name?: string } | null)?.name ?? '']),
    );
  });

  it('list templates with approval status, across pages', async () => {
    const a = ours(token);
    const b = sdk(token);
    const templates = await collect(templatePages(a.http, 7));
    const sdkTemplates = await b.client.content.v1.contentAndApprovals.list({ pageSize: 7 });
    expect(a.seen.length).toBeGreaterThanOrEqual(3);
    expect(a.seen).toEqual(b.seen());
    expect(templates.map((t) => t.sid)).toEqual(sdkTemplates.map((t) => t.sid));
    for (const [i, template] of templates.entries()) {
      const approval = sdkTemplates[i]!.approvalRequests as { status?: string; rejection_reason?: string };
      expect(template.status).toBe(approval.status?.toLowerCase());
      expect(template.rejectionReason).toBe(approval.rejection_reason ?? '');
    }
  });

  it('list inbound messages to a sender since a time, across pages', async () => {
    const since = Date.now() - 3 * 24 * 3_600_000;
    const a = ours(token);
    const b = sdk(token);
    const messages = await collect(messagePages(a.http, { to: `whatsapp:${SALES}`, sentAfter: since, pageSize: 2 }));
    const sdkMessages = await b.client.messages.list({ to: `whatsapp:${SALES}`, dateSentAfter: new Date(since), pageSize: 2 });
    expect(a.seen.length).toBeGreaterThanOrEqual(3);
    expect(normalise(a.seen)).toEqual(normalise(b.seen()));
    expect(messages.map((m) => [m.sid, m.sentAt])).toEqual(sdkMessages.map((m) => [m.sid, m.dateSent.getTime()]));
  });

  it('the last inbound message from one contact', async () => {
    const since = Date.now() - 24 * 3_600_000;
    const a = ours(token);
    const b = sdk(token);
    const last = await lastInboundFrom(a.http, MARI, SALES, since);
    const sdkMessages = await b.client.messages.list({ from: `whatsapp:${MARI}`, to: `whatsapp:${SALES}`, dateSentAfter: new Date(since), pageSize: 20, limit: 20 });
    expect(normalise(a.seen)).toEqual(normalise(b.seen()));
    const newestInbound = sdkMessages.find((m) => m.direction === 'inbound' && m.dateSent.getTime() >= since);
    expect(last?.sid).toBe(newestInbound?.sid);
    expect(last).toBeDefined();
  });

  it('send a template, then fetch the message', async () => {
    const send = { from: SALES, to: MARI, contentSid: '', variables: { '1': 'Mari Tamm', '2': 'A-1042' } };
    const template = fake.control.upsertTemplate({
      friendlyName: 'conformance_order_update',
      language: 'en',
      types: { 'twilio/text': { body: 'Hi {{1}}, order {{2}} has shipped.' } },
      variables: { '1': 'Ann', '2': 'A-1' },
      approval: { status: 'approved', category: 'UTILITY', name: 'conformance_order_update' },
    });
    send.contentSid = template.sid;

    const a = ours(token);
    const b = sdk(token);
    const message = await sendTemplate(a.http, send);
    const sdkMessage = await b.client.messages.create({
      from: `whatsapp:${send.from}`,
      to: `whatsapp:${send.to}`,
      contentSid: send.contentSid,
      contentVariables: JSON.stringify(send.variables),
    });
    expect(a.seen).toEqual(b.seen());
    expect(message.status).toBe(sdkMessage.status);

    const fetched = await fetchMessage(a.http, message.sid);
    await b.client.messages(message.sid).fetch();
    expect(a.seen.slice(1)).toEqual(b.seen().slice(1));
    expect(fetched.sid).toBe(message.sid);
  });
});

describe('writing templates: our client sends what the SDK sends', () => {
  const request = contentRequest({
    ...emptyDraft('d', 0),
    name: 'conformance_pickup',
    language: 'en',
    category: 'UTILITY',
    body: 'Hi {{1}}, your order {{2}} is ready for pickup.',
    samples: { '1': 'Mari', '2': 'A-1042' },
  });
  // The SDK's types spell these fields in camelCase, but it sends the object as it is given; Twilio reads snake_case.
  const sdkBody = <T>(body: unknown) => body as T;

  it('create, update, submit and delete a Content', async () => {
    const a = ours(token);
    const b = sdk(token);
    const created = await createContent(a.http, request);
    const sdkCreated = await b.client.content.v1.contents.create(sdkBody(request));
    const changed = { ...request, types: { 'twilio/text': { body: 'Hi {{1}}, order {{2}} is ready.' } } };
    await updateContent(a.http, created.sid, changed);
    await b.client.content.v1.contents(created.sid).update(sdkBody(changed));
    const approval = await requestWhatsAppApproval(a.http, created.sid, { name: 'conformance_pickup', category: 'UTILITY' });
    await b.client.content.v1.contents(sdkCreated.sid).approvalCreate.create({ name: 'conformance_pickup_b', category: 'UTILITY' });
    await deleteContent(a.http, created.sid);
    await b.client.content.v1.contents(sdkCreated.sid).remove();

    const normalise = (seen: Seen[]) => seen.map((r) => ({ ...r, path: r.path.replace(created.sid, 'HX…').replace(sdkCreated.sid, 'HX…') }));
    const sdkSeen = normalise(b.seen());
    (sdkSeen[2]!.json as { name: string }).name = 'conformance_pickup';
    expect(normalise(a.seen)).toEqual(sdkSeen);
    expect(a.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/Content',
      `PUT /v1/Content/${created.sid}`,
      `POST /v1/Content/${created.sid}/ApprovalRequests/whatsapp`,
      `DELETE /v1/Content/${created.sid}`,
    ]);
    expect(a.seen[0]!.json).toEqual(request);
    expect(approval).toEqual({ status: 'received', category: 'UTILITY', rejectionReason: '' });
  });

  it('a delete of a template that is gone already is done', async () => {
    const a = ours(token);
    await expect(deleteContent(a.http, `HX${'0'.repeat(32)}`)).resolves.toBeUndefined();
  });
});
