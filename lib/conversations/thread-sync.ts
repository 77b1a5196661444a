import type { ThreadRecord } from '../db/schema';
import { addressToE164, whatsAppForms, whatsAppKey } from '../phone';
import { fetchMessagePage, whatsAppAddress, type Message, type MessagePage, type MessageQuery } from '../twilio/messages';
import type { TwilioHttp } from '../twilio/http';
import type { ThreadMessage } from './model';
import { mergeMessages, replyAddress, streamKey, streamsToPage, visibleMessages, type StreamState } from './thread';

/** The first read of a stream: enough for the panel's first screen from either direction alone. */
export const FIRST_PAGE_SIZE = 50;
/** A poll's page: a conversation rarely gains more than this between two polls (a gap is paged through). */
export const POLL_PAGE_SIZE = 20;
/** At most this many older pages per poll while looking for the last known message before giving up the cache. */
const MAX_GAP_PAGES = 5;
/** At most this many rounds of older pages per call to fill the asked-for number of messages. */
const MAX_FILL_ROUNDS = 20;

export function toThreadMessage(message: Message): ThreadMessage {
  const isInbound = message.direction === 'inbound';
  return {
    sid: message.sid,
    direction: isInbound ? 'inbound' : 'outbound',
    status: message.status,
    at: message.sentAt,
    body: message.body ?? '',
    numMedia: message.numMedia,
    ...(message.errorCode !== undefined && { errorCode: message.errorCode }),
    ...(message.errorMessage !== undefined && { errorMessage: message.errorMessage }),
    address: isInbound ? message.from : message.to,
  };
}

function queryFor(key: string, sender: string, pageSize: number): MessageQuery {
  const [direction, e164] = key.split(':') as ['in' | 'out', string];
  return direction === 'in'
    ? { from: whatsAppAddress(e164), to: whatsAppAddress(sender), pageSize }
    : { from: whatsAppAddress(sender), to: whatsAppAddress(e164), pageSize };
}

/** The stream a message came from: its direction and the customer's address form. */
function streamOf(message: ThreadMessage): string | undefined {
  const e164 = addressToE164(message.address);
  return e164 && streamKey(message.direction === 'inbound' ? 'in' : 'out', e164);
}

/** A stream after reading one more of its pages (newest first: each page reaches further back). */
function afterPage(stream: StreamState | undefined, page: MessagePage): StreamState {
  const times = page.messages.map((m) => m.sentAt);
  const oldest = Math.min(...times, stream?.oldestAt ?? Infinity);
  const newest = Math.max(...times, stream?.newestAt ?? -Infinity);
  return {
    isStarted: true,
    next: page.next,
    ...(Number.isFinite(oldest) && { oldestAt: oldest }),
    ...(Number.isFinite(newest) && { newestAt: newest }),
  };
}

export interface ThreadReadOptions {
  http: TwilioHttp;
  sender: string;
  /** The customer, E.164 as the page's number normalises. */
  contact: string;
  now: () => number;
  /** How many messages the panel wants to show. */
  limit: number;
  /** Ask Twilio for what is new (a poll); without it, only streams never read and older pages are fetched. */
  refresh: boolean;
  signal?: AbortSignal;
}

export interface ThreadReadResult {
  record: ThreadRecord;
  /** Twilio requests this call made. */
  requests: number;
  /** Messages that were not in the cache before. */
  added: ThreadMessage[];
}

/**
 * Brings one conversation up to date: starts the streams never read (every address form WhatsApp may use for this
 * number), polls the ones that carry the conversation (with nothing new: one request per direction), and reads
 * older pages until `limit` messages are known to be complete.
 */
export async function readThread(cached: ThreadRecord | undefined, options: ThreadReadOptions): Promise<ThreadReadResult> {
  const { http, sender, contact, limit, signal } = options;
  let requests = 0;
  const page = async (_key: string, start: { query: MessageQuery } | { next: string }) => {
    requests++;
    return fetchMessagePage(http, start, signal);
  };
  const record: ThreadRecord = cached
    ? { ...cached, streams: { ...cached.streams }, messages: [...cached.messages] }
    : { sender, contact: whatsAppKey(contact), messages: [], streams: {}, fetchedAt: 0 };
  const knownSids = new Set(record.messages.map((m) => m.sid));
  const added: ThreadMessage[] = [];
  const take = (messages: Message[]) => {
    const incoming = messages.map(toThreadMessage);
    for (const message of incoming) if (!knownSids.has(message.sid)) added.push(message);
    for (const message of incoming) knownSids.add(message.sid);
    record.messages = mergeMessages(record.messages, incoming);
  };

  const keys = whatsAppForms(contact).flatMap((e164) => [streamKey('in', e164), streamKey('out', e164)]);
  const fresh = keys.filter((key) => !record.streams[key]?.isStarted);
  const hadMessages = new Set(record.messages.map(streamOf));
  // A poll reads, per direction, the streams this conversation lives in; with none yet, the form replies go to.
  // With nothing new that is one request per direction, whatever the number of forms.
  const replyForm = addressToE164(replyAddress(record.messages, contact)) ?? contact;
  const polled = !options.refresh
    ? []
    : (['in', 'out'] as const).flatMap((direction) => {
        const started = keys.filter((key) => key.startsWith(`${direction}:`) && !fresh.includes(key));
        const carrying = started.filter((key) => hadMessages.has(key));
        return carrying.length ? carrying : started.filter((key) => key === streamKey(direction, replyForm));
      });

  await Promise.all([
    ...fresh.map(async (key) => {
      const first = await page(key, { query: queryFor(key, sender, FIRST_PAGE_SIZE) });
      take(first.messages);
      record.streams[key] = afterPage(undefined, first);
    }),
    ...polled.map(async (key) => {
      const stream = record.streams[key] ?? { isStarted: true };
      const first = await page(key, { query: queryFor(key, sender, POLL_PAGE_SIZE) });
      let latest = first;
      const knewSome = () => latest.messages.some((m) => knownSids.has(m.sid));
      const wasEmpty = stream.oldestAt === undefined;
      const pages: MessagePage[] = [latest];
      // More new messages than one page: read on until a known one (the cache then joins up again).
      for (let i = 0; !wasEmpty && !knewSome() && latest.next && i < MAX_GAP_PAGES; i++) {
        latest = await page(key, { next: latest.next });
        pages.push(latest);
      }
      const joined = wasEmpty || pages.some((p) => p.messages.some((m) => knownSids.has(m.sid))) || !latest.next;
      for (const p of pages) take(p.messages);
      if (wasEmpty) {
        record.streams[key] = afterPage(undefined, first);
      } else if (!joined) {
        // Too much is new to join up: this stream starts again from what was just read (older cache dropped).
        const kept = new Set(pages.flatMap((p) => p.messages.map((m) => m.sid)));
        record.messages = record.messages.filter((m) => streamOf(m) !== key || kept.has(m.sid));
        record.streams[key] = pages.slice(1).reduce((state, p) => afterPage(state, p), afterPage(undefined, first));
      } else {
        const newest = Math.max(stream.newestAt ?? -Infinity, ...first.messages.map((m) => m.sentAt));
        record.streams[key] = { ...stream, ...(Number.isFinite(newest) && { newestAt: newest }) };
      }
    }),
  ]);

  for (let round = 0; round < MAX_FILL_ROUNDS && visibleMessages(record.messages, record.streams, limit).isShort; round++) {
    await Promise.all(
      streamsToPage(record.streams).map(async (key) => {
        const stream = record.streams[key];
        if (!stream?.next) return;
        const older = await page(key, { next: stream.next });
        take(older.messages);
        record.streams[key] = afterPage(stream, older);
      }),
    );
  }

  if (requests > 0) record.fetchedAt = options.now();
  return { record, requests, added };
}
