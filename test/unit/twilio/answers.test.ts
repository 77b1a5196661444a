/**
 * Twilio's answers are parsed, not trusted: a changed shape is one TwilioError of kind 'malformed' naming the field
 * (never its value), while what Twilio documents as varying still reads (DESIGN §2).
 */
import { describe, expect, it } from 'vitest';
import { checkCredentials, fetchAccount } from '@/lib/twilio/accounts';
import { templatePages } from '@/lib/twilio/content';
import { TwilioError } from '@/lib/twilio/errors';
import { createTwilioHttp } from '@/lib/twilio/http';
import { listMedia } from '@/lib/twilio/media';
import { fetchMessage, fetchMessagePage, messagePages, sendTemplate } from '@/lib/twilio/messages';
import { listWhatsAppSenders } from '@/lib/twilio/senders';

const ACCOUNT = 'AC' + 'a'.repeat(32);
const HX = 'HX' + '1'.repeat(32);
const SM = 'SM' + '2'.repeat(32);
const MM = 'MM' + '3'.repeat(32);
const XE = 'XE' + '4'.repeat(32);
const META = { page: 0, page_size: 50, first_page_url: 'https://content.twilio.com/x', previous_page_url: null, url: 'https://content.twilio.com/x', next_page_url: null, key: 'contents' };

/** Our client, answered with `body` (a 200, or `status`) whatever it asks. */
function answering(body: unknown, status = 200) {
  return createTwilioHttp({
    credentials: { accountSid: ACCOUNT, secret: 'token' },
    fetch: (async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })) as typeof fetch,
    retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
  });
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

/** The error a call fails with, checked to be a changed shape whose message names `field`. */
async function malformed(call: Promise<unknown>, what: string, field: string): Promise<TwilioError> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TwilioError);
  expect(error).toMatchObject({ kind: 'malformed' });
  expect((error as TwilioError).message).toContain(`Twilio's ${what} has changed shape: ${field}`);
  return error as TwilioError;
}

const contentItem = (fields: Record<string, unknown> = {}) => ({
  sid: HX,
  account_sid: ACCOUNT,
  friendly_name: 'order_ready',
  language: 'en',
  variables: { 1: 'Mari' },
  types: { 'twilio/text': { body: 'Hi {{1}}, your order is ready' } },
  approval_requests: { name: 'order_ready', category: 'UTILITY', content_type: 'twilio/text', status: 'approved', rejection_reason: '', allow_category_change: false },
  date_created: '2025-03-10T13:58:02Z',
  date_updated: '2025-03-10T13:58:02Z',
  ...fields,
});
const templates = (contents: unknown, meta: unknown = META) => collect(templatePages(answering({ contents, meta })));

describe('the templates list (ContentAndApprovals)', () => {
  it('refuses a content item without a sid', async () => {
    const { sid: _sid, ...item } = contentItem();
    await malformed(templates([contentItem({ sid: 'HX' + '9'.repeat(32) }), item]), 'templates list', 'contents.1.sid is missing');
  });

  it('refuses a content item without types', async () => {
    const { types: _types, ...item } = contentItem();
    await malformed(templates([item]), 'templates list', 'contents.0.types is missing');
  });

  it('refuses contents that are not an array, and a page without its paging', async () => {
    await malformed(templates({ 0: contentItem() }), 'templates list', 'contents should be Array, is object');
    await malformed(collect(templatePages(answering({ contents: [contentItem()] }))), 'templates list', 'meta is missing');
  });

  it('reads the approval flat or nested under whatsapp, in any case', async () => {
    const nested = contentItem({ approval_requests: { whatsapp: { category: 'marketing', status: 'REJECTED', rejection_reason: 'Too promotional' } } });
    const [flat, underWhatsApp] = await templates([contentItem({ approval_requests: { ...contentItem().approval_requests, status: 'Approved' } }), nested]);
    expect(flat).toMatchObject({ status: 'approved', category: 'UTILITY' });
    expect(underWhatsApp).toMatchObject({ status: 'rejected', category: 'MARKETING', rejectionReason: 'Too promotional' });
  });

  it('keeps unknown content types, unknown fields and what Twilio leaves null', async () => {
    const types = { 'whatsapp/flows': { body: 'Book a visit', flow_id: '1' }, 'twilio/text': { body: 'Book a visit' } };
    const [known, empty] = await templates([
      contentItem({ types, links: { approval_fetch: 'https://content.twilio.com/x' } }),
      contentItem({ sid: 'HX' + '8'.repeat(32), friendly_name: null, language: null, variables: null, types: null, approval_requests: null, date_updated: null }),
    ]);
    expect(known).toMatchObject({ contentType: 'twilio/text', types, body: 'Book a visit' });
    expect(empty).toMatchObject({ name: 'HX' + '8'.repeat(32), language: '', types: {}, contentType: '', status: 'unsubmitted', samples: {}, updatedAt: 0 });
  });
});

const message = (fields: Record<string, unknown> = {}) => ({
  sid: SM,
  account_sid: ACCOUNT,
  from: 'whatsapp:+37251234567',
  to: 'whatsapp:+37250000000',
  direction: 'inbound',
  status: 'received',
  body: 'Tere',
  num_media: '0',
  date_created: 'Mon, 10 Mar 2025 13:58:02 +0000',
  date_sent: 'Mon, 10 Mar 2025 13:58:02 +0000',
  date_updated: 'Mon, 10 Mar 2025 13:58:02 +0000',
  error_code: null,
  error_message: null,
  ...fields,
});
const messagesList = (messages: unknown) => ({ messages, next_page_uri: null, page: 0, page_size: 50, uri: '/x', first_page_uri: '/x', previous_page_uri: null, start: 0, end: 0 });

describe('messages', () => {
  it('refuses messages that are not an array', async () => {
    await malformed(collect(messagePages(answering({ ...messagesList(null), messages: 'none' }), {})), 'messages list', 'messages should be Array, is string');
    await malformed(fetchMessagePage(answering({ next_page_uri: null }), { query: {} }), 'messages list', 'messages is missing');
  });

  it('refuses a listed message without a sid, and a fetched one whose sid is not a message SID', async () => {
    const { sid: _sid, ...unnamed } = message();
    await malformed(collect(messagePages(answering(messagesList([message(), unnamed])), {})), 'messages list', 'messages.1.sid is missing');
    await malformed(fetchMessage(answering(message({ sid: 42 })), SM), 'message', 'sid should be string, is number');
  });

  it('refuses a send whose answer has no sid', async () => {
    const { sid: _sid, ...answer } = message({ status: 'queued', direction: 'outbound-api' });
    const send = sendTemplate(answering(answer, 201), { from: '+37250000000', to: '+37251234567', contentSid: HX, variables: {} });
    await malformed(send, 'message', 'sid is missing');
  });

  it('never puts a value from the answer in the error', async () => {
    const error = await malformed(fetchMessage(answering(message({ from: 37251234567, body: { text: 'Tere Mari' } })), SM), 'message', 'from should be string, is number');
    expect(error.message).not.toMatch(/37251234567|Mari/);
    expect(error.message).toContain('body should be string, is object');
  });

  it('reads num_media as a string, a queued message without date_sent, and nullable fields', async () => {
    const [withMedia, queued, failed] = await collect(messagePages(answering(messagesList([
      message({ sid: MM, num_media: '2', body: null }),
      message({ date_sent: null, direction: 'outbound-api', status: 'queued', from: null }),
      message({ status: 'undelivered', error_code: '63016', error_message: 'Outside the window', num_media: 1 }),
    ])), {}));
    expect(withMedia).toMatchObject({ sid: MM, numMedia: 2 });
    expect(withMedia).not.toHaveProperty('body');
    expect(queued).toMatchObject({ sentAt: Date.parse('Mon, 10 Mar 2025 13:58:02 +0000'), from: '', status: 'queued' });
    expect(failed).toMatchObject({ errorCode: 63016, errorMessage: 'Outside the window', numMedia: 1 });
  });
});

const sender = (fields: Record<string, unknown> = {}) => ({ sid: XE, status: 'ONLINE', sender_id: 'whatsapp:+37250000000', profile: { name: 'Acme Sales', about: null }, url: 'https://messaging.twilio.com/x', ...fields });

describe('WhatsApp senders', () => {
  it('refuses a list without senders, and a sender without a sid', async () => {
    await malformed(listWhatsAppSenders(answering({ meta: META })), 'senders list', 'senders is missing');
    const { sid: _sid, ...unnamed } = sender();
    await malformed(listWhatsAppSenders(answering({ senders: [unnamed], meta: META })), 'senders list', 'senders.0.sid is missing');
  });

  it('skips a sender with no number yet and reads one without a profile', async () => {
    const senders = await listWhatsAppSenders(answering({ senders: [sender({ sid: 'XE' + '5'.repeat(32), sender_id: null, status: 'CREATING' }), sender({ profile: null, status: 'online' })], meta: META }));
    expect(senders).toEqual([{ sid: XE, status: 'ONLINE', number: '+37250000000', profileName: '' }]);
  });
});

describe('the account', () => {
  it('refuses an account without its sid, and a credential check then says Twilio answered oddly, not that it was unreachable', async () => {
    await malformed(fetchAccount(answering({ friendly_name: 'Acme', type: 'Full', status: 'active' })), 'account', 'sid is missing');
    const check = await checkCredentials(answering({ friendly_name: 'Acme' }), false);
    expect(check).toMatchObject({ ok: false, reason: 'twilio-error' });
  });

  it('reads an account whose names Twilio left null', async () => {
    expect(await fetchAccount(answering({ sid: ACCOUNT, friendly_name: null, type: 'Trial', status: 'active', auth_token: 'x' }))).toEqual({ sid: ACCOUNT, friendlyName: '', type: 'Trial', status: 'active' });
  });
});

describe('a message’s media list', () => {
  it('refuses a list without media_list, naming it', async () => {
    await malformed(listMedia(answering({ next_page_uri: null }), MM), 'media list', 'media_list is missing');
  });
});
