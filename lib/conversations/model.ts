import type { InboxEntry } from './inbox';

/**
 * The conversation with one customer, as the panel shows it. Content-safe: types only.
 */
import type { NoteMark } from '../notes/model';

/** One WhatsApp message between our sender and the customer, in Twilio's words. */
export interface ThreadMessage {
  sid: string;
  direction: 'inbound' | 'outbound';
  /**
   * Twilio's status as Twilio gives it (`accepted`, `queued`, `sending`, `sent`, `delivered`, `read`, `failed`,
   * `undelivered`, `canceled`, `received` for the customer's), or our own `sending` while our POST has no answer.
   */
  status: string;
  /** Twilio's `date_sent` (its clock), ms since epoch. */
  at: number;
  body: string;
  numMedia: number;
  errorCode?: number;
  errorMessage?: string;
  /** The template's name, when we sent this message from a template. */
  templateName?: string;
  /** The customer's address as Twilio wrote it on this message (`whatsapp:+…`). */
  address: string;
  /** Our send id, for a message the rep sent from the extension (a reply can be retried from it). */
  sendId?: string;
  /** How its note in Pipedrive stands, for a message of ours sent from a Pipedrive record (lib/notes). */
  note?: NoteMark;
}

/** One of the person's numbers, with what Twilio knows of it. */
export interface NumberOption {
  /** E.164, as the page's number normalises. */
  e164: string;
  /** Pipedrive's label (`mobile`, `work`…), when it has one. */
  label?: string;
  isPrimary?: boolean;
  lastInboundAt?: number;
  hasHistory?: boolean;
}

export interface ConversationNumbers {
  numbers: NumberOption[];
  /** The number the conversation is with (E.164), when there is one. */
  chosen?: string;
  /** The chosen number's thread, when it was asked for (`limit`). */
  thread?: ThreadInfo;
}

export interface ThreadInfo {
  /** The customer, E.164 as asked. */
  contact: string;
  /** Oldest first: the newest `limit` messages that are known to be complete. */
  messages: ThreadMessage[];
  /** Older messages exist (in Twilio or in the cache). */
  hasEarlier: boolean;
  /** Where replies go: the customer's address as Twilio last wrote it in an inbound message, else the E.164. */
  replyTo: string;
  /** When Twilio was last asked about this conversation (undefined: only the cache, never asked). */
  fetchedAt?: number;
}

export interface MediaFileInfo {
  sid: string;
  contentType: string;
  fileName?: string;
  /** Bytes, when known. */
  size?: number;
  /** The file itself (base64), unless it could not be fetched or is too large. */
  base64?: string;
  problem?: 'too-large' | 'unavailable' | 'needs-permission';
}

/** How many messages the panel shows first, and how many more each "Show earlier messages" adds. */
export const THREAD_PAGE = 50;
/** The largest file the background downloads for the page (WhatsApp's own limit for audio and video is 16 MB). */
export const MAX_MEDIA_BYTES = 16 * 1024 * 1024;
/** Twilio's limit for a message's `Body`. */
export const MAX_REPLY_LENGTH = 1_600;

/** The inbox as the background answers it: every conversation in the period, and what the windows are counted from. */
export interface InboxInfo {
  entries: InboxEntry[];
  /** How many days back the inbox reaches (a setting). */
  days: number;
  /** Until when Twilio has been asked about every conversation (the conversations sync's last success). */
  knownUntil?: number;
  isSyncFailing?: boolean;
  /** The last sync's failure, in words, while it fails. */
  syncError?: string;
  staleAfterMs?: number;
  expiringThresholdMs: number;
  clockOffsetMs?: number;
}
