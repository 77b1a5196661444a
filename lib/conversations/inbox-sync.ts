import type { SyncProgress } from '../db/schema';
import { addressToE164, whatsAppKey } from '../phone';
import { syncRepo } from '../sync/repo';
import { messagePages, whatsAppAddress, type Message } from '../twilio/messages';
import type { TwilioHttp } from '../twilio/http';
import { windowsRepo, type InboundSeen } from '../window/repo';
import { WINDOW_MS } from '../window/rule';
import { DEFAULT_INBOX_DAYS, type InboxArrival, type InboxMessage } from './inbox';
import { inboxRepo } from './inbox-repo';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Twilio's largest page: a first read of a busy week takes few round trips, a quiet one a single page per list. */
export const INBOX_PAGE_SIZE = 1000;
/** Re-read a little before the last sync, for messages whose date_sent lands slightly in the past. */
export const INBOX_OVERLAP_MS = 5 * 60 * 1000;

export interface ConversationSyncOptions {
  /** The account epoch the sync started in: nothing is stored once it is over. */
  epoch: number;
  http: TwilioHttp;
  sender: string;
  now: () => number;
  /**
   * Twilio's clock (the browser's corrected by the `Date` headers): what was there when the inbox was first seen is
   * told by Twilio's times, which are whole seconds. Default: `now`.
   */
  twilioNow?: () => number;
  /** How many days back the inbox reaches. */
  days?: number;
  pageSize?: number;
  onProgress?: (progress: SyncProgress) => void | Promise<void>;
  signal?: AbortSignal;
}

export interface ConversationSyncResult {
  requests: number;
  messages: number;
  changed: number;
  /** The customer's messages that arrived since the inbox was first seen (what notifies), oldest first. */
  arrivals: InboxArrival[];
}

/** A WhatsApp message of our sender, as the inbox files it: under the customer's number, whichever way it went. */
function toInboxMessage(message: Message, sender: string): InboxMessage | undefined {
  const isInbound = message.direction === 'inbound';
  const customer = addressToE164(isInbound ? message.from : message.to);
  if (!customer || !/^whatsapp:/i.test(isInbound ? message.from : message.to)) return undefined;
  if (customer === sender) return undefined;
  return {
    sid: message.sid,
    direction: isInbound ? 'inbound' : 'outbound',
    contact: whatsAppKey(customer),
    number: customer,
    at: message.sentAt,
    body: message.body ?? '',
    numMedia: message.numMedia,
  };
}

/**
 * Brings the inbox up to date: both of Twilio's lists for our sender (`To=` the customer's messages, `From=` ours),
 * newest first, each read down to the last sync (less an overlap) or the start of the period. Twilio filters
 * `DateSent` by whole GMT days, so paging stops at the exact cutoff here: a sync with nothing new costs one request
 * per list, whatever the number of conversations. The customer's messages also move their windows.
 */
export async function syncConversations({
  epoch, http, sender, now, twilioNow = now, days = DEFAULT_INBOX_DAYS, pageSize = INBOX_PAGE_SIZE, onProgress, signal,
}: ConversationSyncOptions): Promise<ConversationSyncResult> {
  const startedAt = now();
  const previous = await syncRepo.get('conversations');
  const isSameSender = previous.sender === sender;
  const periodStart = startedAt - days * DAY_MS;
  // A longer period than the last sync covered: the older part is read once (its messages are not news).
  const covered = isSameSender && (previous.days ?? 0) >= days ? previous.coveredUntil : undefined;
  const cutoff = covered !== undefined ? Math.max(periodStart, covered - INBOX_OVERLAP_MS) : periodStart;
  // The first look, on Twilio's clock and back to its whole second: a customer's message of that very second counts as
  // new rather than being missed (at worst one early notification).
  const firstSeenAt = isSameSender && previous.firstSeenAt !== undefined ? previous.firstSeenAt : Math.floor(twilioNow() / 1000) * 1000 - 1;

  let requests = 0;
  const read: InboxMessage[] = [];
  const readList = async (query: { to?: string; from?: string }) => {
    pages: for await (const page of messagePages(http, { ...query, sentAfter: cutoff, pageSize }, signal, cutoff)) {
      requests++;
      for (const message of page) {
        if (message.sentAt < cutoff) break pages;
        const filed = toInboxMessage(message, sender);
        if (filed) read.push(filed);
      }
      await onProgress?.({ pages: requests, items: read.length });
    }
  };
  await Promise.all([readList({ to: whatsAppAddress(sender) }), readList({ from: whatsAppAddress(sender) })]);
  signal?.throwIfAborted(); // cancelled (a disconnect): nothing is stored

  const { arrivals, changed } = await inboxRepo.merge(epoch, sender, read, {
    firstSeenAt, prune: { now: startedAt, days },
    sync: { kind: 'conversations', sender, coveredUntil: startedAt, lastSuccessAt: startedAt, firstSeenAt, days },
  });
  const newest = new Map<string, InboundSeen>();
  for (const message of read) {
    if (message.direction !== 'inbound' || message.at < startedAt - WINDOW_MS) continue;
    const known = newest.get(message.contact);
    if (!known || message.at > known.at) newest.set(message.contact, { at: message.at, sid: message.sid });
  }
  if (newest.size > 0) await windowsRepo.mergeInbound(epoch, sender, newest, startedAt);
  return { requests, messages: read.length, changed, arrivals };
}
