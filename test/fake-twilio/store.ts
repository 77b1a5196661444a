import { deterministicSid } from './sids';
import type {
  AccountRecord,
  AsyncFailureCode,
  MediaRecord,
  MessageRecord,
  SeedCredentials,
  SeedData,
  SenderRecord,
  TemplateRecord,
} from './types';

/**
 * The fake account's data: templates, senders, messages and per-contact failures. Plain in-memory
 * collections with the few indexes the routes need; no Twilio wording here (see render/).
 */
export class FakeStore {
  #seed: SeedData;
  #templates = new Map<string, TemplateRecord>();
  #templatesSorted: TemplateRecord[] | undefined;
  #senders: SenderRecord[] = [];
  #sendersBySid: SenderRecord[] = [];
  #messages = new Map<string, MessageRecord>();
  #messagesNewestFirst: MessageRecord[] | undefined;
  #lastInbound = new Map<string, number>();
  #contactFailures = new Map<string, AsyncFailureCode>();
  #createdCount = 0;

  constructor(data: SeedData) {
    this.#seed = data;
    this.load(data);
  }

  get credentials(): SeedCredentials {
    return this.#seed.credentials;
  }

  get account(): AccountRecord {
    return this.#seed.account;
  }

  /** Replaces everything with a seed's data (start and reset). */
  load(data: SeedData): void {
    this.#seed = data;
    this.#templates = new Map(data.templates.map((t) => [t.sid, t]));
    this.#templatesSorted = undefined;
    this.#senders = [...data.senders];
    this.#sendersBySid = [...data.senders].sort((a, b) => compareStrings(a.sid, b.sid));
    this.#messages = new Map();
    this.#messagesNewestFirst = undefined;
    this.#lastInbound = new Map();
    for (const message of data.messages) this.addMessage(message);
    this.#contactFailures = new Map(data.contactFailures.map(([contact, code]) => [toE164(contact), code]));
    this.#createdCount = 0;
  }

  // Templates are listed in SID order, so a page token (a SID) stays meaningful after deletions.
  templates(): readonly TemplateRecord[] {
    this.#templatesSorted ??= [...this.#templates.values()].sort((a, b) => compareStrings(a.sid, b.sid));
    return this.#templatesSorted;
  }

  template(sid: string): TemplateRecord | undefined {
    return this.#templates.get(sid);
  }

  putTemplate(template: TemplateRecord): void {
    this.#templates.set(template.sid, template);
    this.#templatesSorted = undefined;
  }

  deleteTemplate(sid: string): boolean {
    this.#templatesSorted = undefined;
    return this.#templates.delete(sid);
  }

  /** In the seed's order: the first is the account's main sender. */
  senders(): readonly SenderRecord[] {
    return this.#senders;
  }

  /** In SID order, for the Senders list and its page tokens. */
  sendersBySid(): readonly SenderRecord[] {
    return this.#sendersBySid;
  }

  senderIds(): Set<string> {
    return new Set(this.#senders.map((s) => s.senderId));
  }

  /** Newest first by date sent, then by SID: the order of Twilio's Messages list. */
  messagesNewestFirst(): readonly MessageRecord[] {
    this.#messagesNewestFirst ??= [...this.#messages.values()].sort(compareNewestFirst);
    return this.#messagesNewestFirst;
  }

  message(sid: string): MessageRecord | undefined {
    return this.#messages.get(sid);
  }

  /** A media file of that message; undefined when either is unknown or the media belongs to another message. */
  media(messageSid: string, mediaSid: string): { message: MessageRecord; media: MediaRecord } | undefined {
    const message = this.#messages.get(messageSid);
    const media = message?.media.find((m) => m.sid === mediaSid);
    return message && media ? { message, media } : undefined;
  }

  addMessage(message: MessageRecord): void {
    this.#messages.set(message.sid, message);
    this.#messagesNewestFirst = undefined;
    if (message.direction === 'inbound') {
      const key = windowKey(message.to, message.from);
      this.#lastInbound.set(key, Math.max(this.#lastInbound.get(key) ?? -Infinity, message.createdAt));
    }
  }

  /** The customer's most recent message to this sender, whatever the clock says now. */
  lastInboundAt(sender: string, contact: string): number | undefined {
    return this.#lastInbound.get(windowKey(sender, contact));
  }

  contactFailure(contact: string): AsyncFailureCode | undefined {
    return this.#contactFailures.get(toE164(contact));
  }

  setContactFailure(contact: string, code: AsyncFailureCode | null): void {
    if (code === null) this.#contactFailures.delete(toE164(contact));
    else this.#contactFailures.set(toE164(contact), code);
  }

  /** SIDs for things created at runtime: deterministic per account and creation order. */
  nextSid(prefix: 'SM' | 'MM' | 'ME' | 'HX'): string {
    this.#createdCount += 1;
    return deterministicSid(prefix, `${this.credentials.accountSid}:runtime:${this.#createdCount}`);
  }
}

/** Contacts are stored as E.164; `whatsapp:+…` and `+…` name the same contact. */
export function toE164(address: string): string {
  return address.replace(/^whatsapp:/, '');
}

function windowKey(sender: string, contact: string): string {
  return `${toE164(sender)}|${toE164(contact)}`;
}

export function compareNewestFirst(a: MessageRecord, b: MessageRecord): number {
  return b.createdAt - a.createdAt || compareStrings(b.sid, a.sid);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
