import { syncRepo } from '../sync/repo';
import { windowsRepo, type InboundSeen } from './repo';
import type { SyncProgress } from '../db/schema';
import { addressToE164, whatsAppForms, whatsAppKey } from '../phone';
import { WINDOW_MS } from './rule';
import { lastInboundFrom, messagePages, whatsAppAddress } from '../twilio/messages';
import type { TwilioHttp } from '../twilio/http';

/** Twilio's largest page: fewer round trips when a busy sender has thousands of replies in a day. */
export const MESSAGES_PAGE_SIZE = 1000;
/** Re-read a little before the last sync, for messages whose date_sent lands slightly in the past. */
export const OVERLAP_MS = 5 * 60 * 1000;

export interface WindowSyncOptions {
  /** The account epoch the sync started in (read before its credentials): nothing is stored once it is over. */
  epoch: number;
  http: TwilioHttp;
  /** Our sender, E.164. */
  sender: string;
  now: () => number;
  pageSize?: number;
  onProgress?: (progress: SyncProgress) => void | Promise<void>;
  signal?: AbortSignal;
}

export interface WindowSyncResult {
  requests: number;
  inbound: number;
  contacts: number;
  /** Contacts whose window moved (a newer reply than we knew). */
  updated: number;
}

/** The window's key for Twilio's `From`: one key for every form of the number (phone.ts `whatsAppKey`). */
const contactOf = (address: string): string => {
  const e164 = addressToE164(address);
  return e164 ? whatsAppKey(e164) : address.replace(/^whatsapp:/i, '');
};

/**
 * Brings every contact's last inbound time up to date. A window older than 24 h is closed whatever happened before,
 * so only the last 24 h matter, and only what came after the previous sync (minus an overlap). Twilio filters
 * `DateSent` by whole GMT days, so exact times are filtered here, and paging (newest first) stops at the cutoff:
 * a sync with nothing new costs one request.
 */
export async function syncWindows({ epoch, http, sender, now, pageSize = MESSAGES_PAGE_SIZE, onProgress, signal }: WindowSyncOptions): Promise<WindowSyncResult> {
  const startedAt = now();
  const previous = await syncRepo.get('windows');
  const dayAgo = startedAt - WINDOW_MS;
  const resumeAt = previous.sender === sender && previous.coveredUntil !== undefined ? previous.coveredUntil - OVERLAP_MS : dayAgo;
  const cutoff = Math.max(dayAgo, resumeAt);

  const newest = new Map<string, InboundSeen>();
  let requests = 0;
  let inbound = 0;
  pages: for await (const page of messagePages(http, { to: whatsAppAddress(sender), sentAfter: cutoff, pageSize }, signal, cutoff)) {
    requests++;
    for (const message of page) {
      if (message.sentAt < cutoff) {
        await onProgress?.({ pages: requests, items: inbound });
        break pages;
      }
      if (message.direction !== 'inbound') continue;
      inbound++;
      const contact = contactOf(message.from);
      const known = newest.get(contact);
      if (!known || message.sentAt > known.at) newest.set(contact, { at: message.sentAt, sid: message.sid });
    }
    await onProgress?.({ pages: requests, items: inbound });
  }

  signal?.throwIfAborted(); // cancelled (a disconnect): nothing is stored
  const updated = await windowsRepo.mergeInbound(epoch, sender, newest, startedAt, {
    kind: 'windows',
    sender,
    coveredUntil: startedAt,
    lastSuccessAt: startedAt,
  });
  return { requests, inbound, contacts: newest.size, updated };
}

/**
 * Asks Twilio about one contact now (a conversation was opened): one request per form WhatsApp may use for the
 * number (one for most countries), stored like a sync's result under the number's key, for the account of `epoch`.
 */
export async function refreshContact(epoch: number, http: TwilioHttp, sender: string, contact: string, now: () => number, signal?: AbortSignal): Promise<void> {
  const checkedAt = now();
  const found = await Promise.all(whatsAppForms(contact).map((form) => lastInboundFrom(http, form, sender, checkedAt - WINDOW_MS, signal)));
  const last = found.reduce<(typeof found)[number]>((newest, message) => (message && (!newest || message.sentAt > newest.sentAt) ? message : newest), undefined);
  const key = whatsAppKey(contact);
  if (last) await windowsRepo.mergeInbound(epoch, sender, new Map([[key, { at: last.sentAt, sid: last.sid }]]), checkedAt);
  else await windowsRepo.markChecked(epoch, sender, key, checkedAt);
}
