/**
 * The inbox: one entry per customer who wrote to our sender or was written to within the period shown, its last
 * message, and what the rep has not read yet. Pure rules, content-safe: the background merges Twilio's messages with
 * them, the panel filters and searches with them.
 */
import { windowView, type WindowFacts } from '../window/rule';
import type { WindowState } from '../window/model';

/** One conversation in the inbox. */
export interface InboxEntry {
  /** The customer's WhatsApp key (phone.ts `whatsAppKey`): every written form of the number is one conversation. */
  contact: string;
  /** The customer's number as Twilio last wrote it (E.164): what the rep sees and what a reply goes to. */
  number: string;
  lastAt: number;
  lastSid: string;
  lastDirection: 'inbound' | 'outbound';
  /** The last message's first line (text, never markup), at most FIRST_LINE_MAX characters; empty for media only. */
  lastText: string;
  lastNumMedia: number;
  lastInboundAt?: number;
  /** When the rep last had this conversation open (or when the extension first saw it). */
  readAt: number;
  /** The customer's messages after `readAt`, newest first, at most UNREAD_KEPT of them. */
  unreadSids: string[];
  /** The Pipedrive person with this number, as the page last looked it up (`GET /api/v2/persons/search`). */
  name?: string;
  personId?: number;
  /** When the page last looked the number up in Pipedrive (with or without a person found); undefined: never. */
  lookedUpAt?: number;
  /** What the page searches Pipedrive's persons for (the background makes them: `phoneSearchTerms`). */
  searchTerms?: string[];
}

/** A customer's message that arrived after the inbox was first seen: what a notification says. */
export interface InboxArrival {
  contact: string;
  number: string;
  sid: string;
  at: number;
  text: string;
}

/** A message as the inbox needs it (Twilio's, normalised by our client). */
export interface InboxMessage {
  sid: string;
  direction: 'inbound' | 'outbound';
  /** The customer's key and number (E.164) on this message. */
  contact: string;
  number: string;
  at: number;
  body: string;
  numMedia: number;
}

export const FIRST_LINE_MAX = 140;
/** More unread messages than this in one conversation are shown as "99+": the count needs no more. */
export const UNREAD_KEPT = 99;
export const DEFAULT_INBOX_DAYS = 7;
export const INBOX_DAY_CHOICES = [1, 3, 7, 14, 30] as const;

/** The first line with text in it, trimmed and cut at FIRST_LINE_MAX characters (with an ellipsis). */
export function firstLine(body: string): string {
  const line = body.split(/\r?\n/).find((candidate) => candidate.trim() !== '')?.trim() ?? '';
  const chars = [...line];
  return chars.length > FIRST_LINE_MAX ? `${chars.slice(0, FIRST_LINE_MAX - 1).join('')}…` : line;
}

/**
 * Folds messages into the inbox. What was there when the extension first looked at this sender's conversations
 * (`firstSeenAt`: that first sync's time) is taken as read, also when a longer period later brings older
 * conversations in; afterwards a customer's message newer than the conversation's `readAt` is unread, and an arrival
 * (it notifies). Re-reading the same messages (a sync's overlap) changes nothing. Returns the entries that changed
 * and the arrivals, oldest first.
 */
export function mergeIntoInbox(
  entries: Map<string, InboxEntry>, messages: readonly InboxMessage[], { firstSeenAt }: { firstSeenAt: number },
): { changed: Set<string>; arrivals: InboxArrival[] } {
  const changed = new Set<string>();
  const arrivals: InboxArrival[] = [];
  const oldestFirst = [...messages].sort((a, b) => a.at - b.at);
  for (const message of oldestFirst) {
    const old = entries.get(message.contact);
    const entry: InboxEntry = old
      ? { ...old, unreadSids: [...old.unreadSids] }
      : { contact: message.contact, number: message.number, lastAt: 0, lastSid: '', lastDirection: message.direction, lastText: '', lastNumMedia: 0,
          readAt: firstSeenAt, unreadSids: [] };
    let isChanged = !old;
    if (message.at > entry.lastAt || (message.at === entry.lastAt && message.sid !== entry.lastSid && message.sid > entry.lastSid)) {
      Object.assign(entry, { lastAt: message.at, lastSid: message.sid, lastDirection: message.direction, lastText: firstLine(message.body), lastNumMedia: message.numMedia });
      isChanged = true;
    }
    if (message.direction === 'inbound') {
      if (entry.lastInboundAt === undefined || message.at > entry.lastInboundAt) {
        entry.lastInboundAt = message.at;
        entry.number = message.number; // replies go to the form the customer last wrote from
        isChanged = true;
      }
      const isUnread = message.at > Math.max(entry.readAt, firstSeenAt) && !entry.unreadSids.includes(message.sid);
      if (isUnread) {
        entry.unreadSids = [message.sid, ...entry.unreadSids].slice(0, UNREAD_KEPT);
        arrivals.push({ contact: entry.contact, number: entry.number, sid: message.sid, at: message.at, text: firstLine(message.body) });
        isChanged = true;
      }
    }
    if (isChanged) {
      entries.set(entry.contact, entry);
      changed.add(entry.contact);
    }
  }
  return { changed, arrivals };
}

/**
 * The rep has the conversation open: everything up to now is read. Twilio's times are whole seconds, so "now" is
 * taken back to its second: a message of that same second counts as unread rather than being missed (the open panel
 * marks it read again as it shows it).
 */
export const markRead = (entry: InboxEntry, at: number): InboxEntry => ({ ...entry, readAt: Math.max(Math.floor(at / 1000) * 1000 - 1, entry.lastAt), unreadSids: [] });

/** "Mark as unread": the customer's last message counts as new again (a conversation the rep wrote last: nothing to mark). */
export function markUnread(entry: InboxEntry): InboxEntry {
  if (entry.lastInboundAt === undefined) return entry;
  return { ...entry, readAt: entry.lastInboundAt - 1, unreadSids: entry.unreadSids.length ? entry.unreadSids : [entry.lastDirection === 'inbound' ? entry.lastSid : `unread:${entry.lastInboundAt}`] };
}

export const unreadCount = (entry: Pick<InboxEntry, 'unreadSids'>): number => entry.unreadSids.length;

/** Conversations older than the period shown leave the inbox (and its store). */
export const isInPeriod = (entry: Pick<InboxEntry, 'lastAt'>, now: number, days: number): boolean => entry.lastAt >= now - days * 24 * 60 * 60 * 1000;

export type InboxFilter = 'all' | 'unread' | 'awaiting' | 'expiring';
export const INBOX_FILTERS: readonly InboxFilter[] = ['unread', 'awaiting', 'expiring', 'all'];

/** The window of a conversation as the inbox knows it: its customer's last message, and Twilio's coverage. */
export function entryWindow(entry: Pick<InboxEntry, 'lastInboundAt'>, facts: Omit<WindowFacts, 'lastInboundAt'>, now: number, expiringThresholdMs?: number): WindowState {
  return windowView({ ...facts, ...(entry.lastInboundAt !== undefined && { lastInboundAt: entry.lastInboundAt }) }, now, expiringThresholdMs).state;
}

/** Lower case without accents, so "Joao" finds "João". */
export const foldText = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const digitsOf = (text: string) => text.replace(/\D/g, '');

/**
 * What the rep typed, as a test of one entry: the digits of its number (any part of it: "5512" finds +52 55 1234…),
 * or its contact's name as far as known, already folded (`foldText`: the list folds each name once, not on every
 * keystroke). Made once per keystroke, then run on every entry; an empty query matches everything.
 */
export function queryMatcher(query: string): (entry: Pick<InboxEntry, 'number'>, foldedName: string | undefined) => boolean {
  const text = foldText(query.trim());
  if (!text) return () => true;
  const digits = digitsOf(text);
  // Only digits (and phone punctuation) typed: a number search. E.164 has no other characters than `+` and digits.
  if (digits && /^[\d\s()+.-]+$/.test(text)) return (entry) => entry.number.includes(digits);
  return (_entry, foldedName) => foldedName !== undefined && foldedName.includes(text);
}

export function matchesFilter(entry: InboxEntry, filter: InboxFilter, state: WindowState): boolean {
  switch (filter) {
    case 'unread':
      return entry.unreadSids.length > 0;
    case 'awaiting':
      return entry.lastDirection === 'inbound'; // the customer wrote last
    case 'expiring':
      return state === 'expiring';
    case 'all':
      return true;
  }
}

/** Newest first; the same time: the SID decides, so the order never flickers between two reads. */
export const byNewest = (a: Pick<InboxEntry, 'lastAt' | 'lastSid'>, b: Pick<InboxEntry, 'lastAt' | 'lastSid'>): number =>
  b.lastAt - a.lastAt || (a.lastSid < b.lastSid ? 1 : a.lastSid > b.lastSid ? -1 : 0);
