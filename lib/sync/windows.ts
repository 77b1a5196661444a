import { syncRepo } from '../db/sync-state';
import { windowsRepo, type InboundSeen } from '../db/windows';
import type { SyncProgress } from '../db/schema';
import { WINDOW_MS } from '../session-window';
import { lastInboundFrom, messagePages, whatsAppAddress } from '../twilio/messages';
import type { TwilioHttp } from '../twilio/http';

/** Twilio's largest page: fewer round trips when a busy sender has thousands of replies in a day. */
export const MESSAGES_PAGE_SIZE = 1000;
/** Re-read a little before the last sync, for messages whose date_sent lands slightly in the past. */
export const OVERLAP_MS = 5 * 60 * 1000;

export interface WindowSyncOptions {
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

const contactOf = (address: string): string => address.replace(/^whatsapp:/i, '');

/**
 * Brings every contact's last inbound time up to date. A window older than 24 h is closed whatever happened before,
 * so only the last 24 h matter, and only what came after the previous sync (minus an overlap). Twilio filters
 * `DateSent` by whole GMT days, so exact times are filtered here, and paging (newest first) stops at the cutoff:
 * a sync with nothing new costs one request.
 */
export async function syncWindows({ http, sender, now, pageSize = MESSAGES_PAGE_SIZE, onProgress, signal }: WindowSyncOptions): Promise<WindowSyncResult> {
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
  const updated = await windowsRepo.mergeInbound(sender, newest, startedAt, {
    kind: 'windows',
    sender,
    coveredUntil: startedAt,
    lastSuccessAt: startedAt,
  });
  return { requests, inbound, contacts: newest.size, updated };
}

/** Asks Twilio about one contact now (a conversation was opened): one request, stored like a sync's result. */
export async function refreshContact(http: TwilioHttp, sender: string, contact: string, now: () => number, signal?: AbortSignal): Promise<void> {
  const checkedAt = now();
  const last = await lastInboundFrom(http, contact, sender, checkedAt - WINDOW_MS, signal);
  if (last) await windowsRepo.mergeInbound(sender, new Map([[contact, { at: last.sentAt, sid: last.sid }]]), checkedAt);
  else await windowsRepo.markChecked(sender, contact, checkedAt);
}
