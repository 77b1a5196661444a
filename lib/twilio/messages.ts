import * as v from 'valibot';
import { nullableText, parseAnswer } from './answer';
import { TWILIO_HOSTS, type TwilioHttp } from './http';
import { peekLastString, relativeNext, walkPages } from './paging';
import { SID_PATTERN } from '../sids';

export type MessageStatus =
  | 'queued' | 'accepted' | 'scheduled' | 'sending' | 'sent' | 'delivered' | 'read'
  | 'receiving' | 'received' | 'failed' | 'undelivered' | 'canceled' | 'partially_delivered';

export interface Message {
  sid: string;
  /** Addresses as Twilio gives them, e.g. `whatsapp:+37251234567`. */
  from: string;
  to: string;
  direction: string;
  status: string;
  /** date_sent (falls back to date_created while a message is still queued), ms since epoch. */
  sentAt: number;
  /** date_created: when Twilio accepted the message (a POST that created it), ms since epoch. */
  createdAt: number;
  errorCode: number | undefined;
  errorMessage: string | undefined;
  /** The text as Twilio shows it (for a template: the rendered text); absent when Twilio sent none. */
  body?: string;
  /** How many media files the message carries (Twilio's `num_media`, a string on the wire). */
  numMedia: number;
}

/** A Message (schema `api.v2010.account.message`), as a list holds it and as a create or fetch answers. */
const messageSchema = v.looseObject({
  sid: v.pipe(v.string(), v.regex(SID_PATTERN.message)),
  from: nullableText,
  to: nullableText,
  direction: nullableText,
  status: nullableText,
  // RFC 2822; date_sent is null while a message waits to be sent.
  date_sent: nullableText,
  date_created: nullableText,
  // An integer in the spec; a numeric string is read too.
  error_code: v.nullish(v.union([v.number(), v.string()])),
  error_message: nullableText,
  body: nullableText,
  // A string on the wire ("1"), a number read too.
  num_media: v.nullish(v.union([v.string(), v.number()])),
});
export type MessageBody = v.InferOutput<typeof messageSchema>;

/** A page of the 2010 Messages list: `next_page_uri` is relative, null on the last page. */
const messagesPageSchema = v.looseObject({ messages: v.array(messageSchema), next_page_uri: nullableText });
type MessagesPage = v.InferOutput<typeof messagesPageSchema>;

const readMessagesPage = (body: unknown): MessagesPage => parseAnswer(messagesPageSchema, 'messages list', body);
const readMessage = (body: unknown): Message => normalizeMessage(parseAnswer(messageSchema, 'message', body));

/** Twilio's 2010 API dates are RFC 2822 (`Mon, 10 Mar 2025 13:58:02 +0000`), which Date.parse reads. */
function parseDate(value: string | null | undefined): number {
  const ms = Date.parse(value ?? '');
  return Number.isNaN(ms) ? 0 : ms;
}

export function normalizeMessage(raw: MessageBody): Message {
  const code = raw.error_code === null || raw.error_code === undefined ? undefined : Number(raw.error_code);
  return {
    sid: raw.sid,
    from: raw.from ?? '',
    to: raw.to ?? '',
    direction: raw.direction ?? '',
    status: raw.status ?? '',
    sentAt: parseDate(raw.date_sent) || parseDate(raw.date_created),
    createdAt: parseDate(raw.date_created) || parseDate(raw.date_sent),
    errorCode: code !== undefined && Number.isFinite(code) ? code : undefined,
    errorMessage: raw.error_message ?? undefined,
    ...(typeof raw.body === 'string' && { body: raw.body }),
    numMedia: Math.max(0, Math.min(10, Number(raw.num_media ?? 0) || 0)),
  };
}

export const whatsAppAddress = (e164: string): string => `whatsapp:${e164}`;

/** The SDK sends `DateSent>` as an ISO instant truncated to seconds; Twilio only looks at its (GMT) day. */
export function dateSentFilter(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function messagesUrl(http: TwilioHttp): string {
  return `${TWILIO_HOSTS.api}/2010-04-01/Accounts/${encodeURIComponent(http.accountSid)}/Messages.json`;
}

export interface MessageQuery {
  to?: string;
  from?: string;
  /** Lower bound for `DateSent>`; Twilio applies it to the whole GMT day, so filter exact times yourself. */
  sentAfter?: number;
  pageSize?: number;
}

/**
 * Messages newest first, page by page; stop iterating to stop paging. With `readsUntil` (ms), the caller reads
 * every page down to that time: each next page is asked for while the caller works on this one, unless this
 * page already reaches back past it.
 */
export function messagePages(http: TwilioHttp, query: MessageQuery, signal?: AbortSignal, readsUntil?: number): AsyncGenerator<Message[]> {
  // Newest first, so the page's last `date_sent` is its oldest.
  const lookAhead = (text: string) => {
    const oldest = parseDate(peekLastString(text, 'date_sent')); // 0 when unknown: then nothing is fetched early
    return readsUntil !== undefined && oldest >= readsUntil ? relativeNext(TWILIO_HOSTS.api, peekLastString(text, 'next_page_uri')) : undefined;
  };
  return walkPages<unknown, Message>(
    http,
    messagesUrl(http),
    {
      To: query.to,
      From: query.from,
      'DateSent>': query.sentAfter === undefined ? undefined : dateSentFilter(query.sentAfter),
      PageSize: query.pageSize,
    },
    (body) => {
      const page = readMessagesPage(body);
      return { items: page.messages.map(normalizeMessage), next: relativeNext(TWILIO_HOSTS.api, page.next_page_uri) };
    },
    { signal, lookAhead: readsUntil === undefined ? undefined : lookAhead },
  );
}

/**
 * The newest inbound message from one contact to one sender since `since` (exact), or undefined.
 * One request in the common case: the first page, newest first, holds the answer unless the contact's
 * conversation is full of our own outbound messages, and `From=contact` already excludes those.
 */
export async function lastInboundFrom(
  http: TwilioHttp,
  contact: string,
  sender: string,
  since: number,
  signal?: AbortSignal,
): Promise<Message | undefined> {
  for await (const page of messagePages(http, { from: whatsAppAddress(contact), to: whatsAppAddress(sender), sentAfter: since, pageSize: 20 }, signal)) {
    for (const message of page) {
      if (message.sentAt < since) return undefined;
      if (message.direction === 'inbound') return message;
    }
  }
  return undefined;
}

/** A free-form (session) reply: only inside the customer's 24-hour window; otherwise Twilio fails it with 63016. */
export interface ReplySend {
  from: string;
  /** The customer's address as Twilio last wrote it (`whatsapp:+…`), or their E.164. */
  to: string;
  body: string;
  /** Public file links Twilio fetches and sends along (it cannot take an upload). */
  mediaUrls?: readonly string[];
}

/** Sends a session reply (`Body`, optional `MediaUrl`s, no `ContentSid`). Never retried on an unknown outcome. */
export async function sendReply(http: TwilioHttp, send: ReplySend, signal?: AbortSignal): Promise<Message> {
  const form: Array<[string, string]> = [
    ['To', send.to.startsWith('whatsapp:') ? send.to : whatsAppAddress(send.to)],
    ['From', whatsAppAddress(send.from)],
    ['Body', send.body],
    ...(send.mediaUrls ?? []).map((url): [string, string] => ['MediaUrl', url]),
  ];
  return readMessage(await http.request<unknown>({ method: 'POST', url: messagesUrl(http), form, idempotent: false, signal }));
}

export interface TemplateSend {
  from: string;
  to: string;
  contentSid: string;
  variables: Record<string, string>;
}

/**
 * Sends a content template. Never retried on an unknown outcome (see retry.ts): the caller keeps the send's
 * own id and asks Twilio for the message instead of POSTing again.
 */
export async function sendTemplate(http: TwilioHttp, send: TemplateSend, signal?: AbortSignal): Promise<Message> {
  const form: Record<string, string> = {
    To: send.to.startsWith('whatsapp:') ? send.to : whatsAppAddress(send.to),
    From: whatsAppAddress(send.from),
    ContentSid: send.contentSid,
  };
  if (Object.keys(send.variables).length > 0) form.ContentVariables = JSON.stringify(send.variables);
  return readMessage(await http.request<unknown>({ method: 'POST', url: messagesUrl(http), form, idempotent: false, signal }));
}

export async function fetchMessage(http: TwilioHttp, sid: string, signal?: AbortSignal): Promise<Message> {
  const url = `${TWILIO_HOSTS.api}/2010-04-01/Accounts/${encodeURIComponent(http.accountSid)}/Messages/${encodeURIComponent(sid)}.json`;
  return readMessage(await http.request<unknown>({ method: 'GET', url, signal }));
}

export interface MessagePage {
  messages: Message[];
  /** Absolute URL of the next (older) page, as Twilio gave it; undefined on the last page. */
  next: string | undefined;
}

/**
 * One page of messages, newest first: the first page of a query, or the page behind a `next` URL Twilio gave
 * earlier (kept by the caller, e.g. to page a conversation further back after the worker restarted).
 */
export async function fetchMessagePage(http: TwilioHttp, start: { query: MessageQuery } | { next: string }, signal?: AbortSignal): Promise<MessagePage> {
  const isFirst = 'query' in start;
  const body = await http.request<unknown>({
    method: 'GET',
    url: isFirst ? messagesUrl(http) : start.next,
    query: isFirst
      ? {
          To: start.query.to,
          From: start.query.from,
          'DateSent>': start.query.sentAfter === undefined ? undefined : dateSentFilter(start.query.sentAfter),
          PageSize: start.query.pageSize,
        }
      : undefined,
    signal,
  });
  const page = readMessagesPage(body);
  return { messages: page.messages.map(normalizeMessage), next: relativeNext(TWILIO_HOSTS.api, page.next_page_uri) };
}
