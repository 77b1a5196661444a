import { sendsRepo } from '../sends/repo';
import type { SendRecord, ThreadRecord } from '../db/schema';
import { windowsRepo } from '../window/repo';
import type { PhoneCandidate } from '../messaging/protocol';
import { HandlerError } from '../messaging/router';
import { addressToE164, phoneFromText, whatsAppForms, whatsAppKey } from '../phone';
import { syncRepo } from '../sync/repo';
import type { InboxMessage } from './inbox';
import { inboxRepo } from './inbox-repo';
import { isMobileNumber } from '../phone-type';
import { StaleAccountError } from '../account/repo';
import { requireSender } from '../account/choose-sender';
import { bumpRevision } from '../settings';
import { fetchMessagePage, whatsAppAddress } from '../twilio/messages';
import type { TwilioHttp } from '../twilio/http';
import { chooseNumber, type NumberCandidate } from './choose-number';
import { createMediaCache } from './media';
import type { ConversationNumbers, MediaFileInfo, NumberOption, ThreadInfo, ThreadMessage } from './model';
import type { NoteMark } from '../notes/model';
import { lastInbound, replyAddress, visibleMessages } from './thread';
import { threadsRepo } from './thread-repo';
import { readThread } from './thread-sync';

/** A poll sooner than this after the last one is answered from the cache (two tabs, a fast re-render). */
export const MIN_POLL_MS = 1_500;
/** What Twilio said about a number's history is reused this long when the number picker asks again. */
const FACTS_TTL_MS = 5 * 60_000;

export interface ConversationDeps {
  now: () => number;
  http: () => Promise<TwilioHttp>;
  defaultCountry: () => Promise<string | undefined>;
  /** A synced template's name by its Content SID. */
  templateName: (sid: string) => Promise<string | undefined>;
  /** Whether the rep allowed reading Twilio's media CDN (an optional host permission). */
  hasMediaAccess: () => Promise<boolean>;
  /** How the Pipedrive notes of these sends stand, by message SID (lib/notes). */
  noteMarks?: (sends: readonly SendRecord[]) => Promise<ReadonlyMap<string, NoteMark>>;
}

/** How far along a message is: the background follows our sends on its own, so its record may be ahead of the list. */
const PROGRESS: Record<string, number> = { sending: 0, accepted: 1, queued: 1, scheduled: 1, sent: 3, delivered: 4, read: 5, failed: 6, undelivered: 6, canceled: 6 };
const progress = (status: string) => PROGRESS[status] ?? 0;

/** Our sends to this customer that have no Twilio message yet: shown in the thread so nothing the rep sent looks lost. */
function pendingMessage(send: SendRecord, templateName: string | undefined): ThreadMessage {
  return {
    sid: `local:${send.id}`,
    direction: 'outbound',
    status: send.status,
    at: send.createdAt,
    body: send.body ?? '',
    numMedia: send.mediaUrl ? 1 : 0,
    ...(send.errorCode !== undefined && { errorCode: send.errorCode }),
    ...(send.errorMessage !== undefined && { errorMessage: send.errorMessage }),
    ...(templateName && { templateName }),
    address: whatsAppAddress(send.contact),
    sendId: send.id,
  };
}

/** A read that finished after its account was disconnected or replaced: nothing of it was stored or is shown. */
function accountGone(error: unknown): never {
  if (error instanceof StaleAccountError) throw new HandlerError({ code: 'not-connected', message: 'The Twilio account changed; reopen the conversation' });
  throw error;
}

export function createConversationHandlers(deps: ConversationDeps) {
  const reading = new Map<string, Promise<ThreadRecord>>();
  // Keyed by the account epoch too: what one account's Twilio said never answers for another.
  const facts = new Map<string, { at: number; lastInboundAt?: number; hasHistory: boolean }>();
  let media = createMediaCache();

  /**
   * One read of a conversation at a time; a second caller joins it (a caller of another account never does). What
   * it read is stored only while the account of `epoch` is still connected.
   */
  function read(
    epoch: number, sender: string, contact: string, limit: number, refresh: boolean,
    known?: Promise<ThreadRecord | undefined>, client: Promise<TwilioHttp> = deps.http(),
  ): Promise<ThreadRecord> {
    const key = `${epoch}|${sender}|${whatsAppKey(contact)}`;
    const running = reading.get(key);
    if (running) return running;
    const run = (async () => {
      // Both reads at once (`known`: the caller has just read the cache): the panel waits for this answer.
      const [cached, http] = await Promise.all([known ?? threadsRepo.get(sender, whatsAppKey(contact)), client]);
      const isRecent = cached !== undefined && deps.now() - cached.fetchedAt < MIN_POLL_MS;
      const needsMore = !cached || visibleMessages(cached.messages, cached.streams, limit).isShort;
      if (cached && !needsMore && (!refresh || isRecent)) return cached;
      const { record, added } = await readThread(cached, { http, sender, contact, now: deps.now, limit, refresh: refresh && !isRecent });
      // Stored while the answer goes out: IndexedDB runs a later read of this thread after this write; a write for an
      // account that is gone meanwhile is refused (nothing of it is kept), and the badge hears the window's news
      // through the revision.
      threadsRepo
        .put(epoch, record)
        .then(() => noteInbound(epoch, sender, record, added, refresh))
        .catch(() => undefined);
      return record;
    })().finally(() => reading.delete(key));
    reading.set(key, run);
    return run;
  }

  /**
   * What the panel just read joins the inbox at once (the list and the launcher need not wait for the next sync),
   * once the inbox has had its first look (before that, its first sync reads these too).
   */
  async function noteInInbox(epoch: number, sender: string, record: ThreadRecord, added: ThreadMessage[]): Promise<void> {
    if (added.length === 0) return;
    const { firstSeenAt, sender: synced } = await syncRepo.get('conversations');
    if (firstSeenAt === undefined || synced !== sender) return;
    const messages: InboxMessage[] = added.map((message) => ({
      sid: message.sid, direction: message.direction, contact: record.contact, number: addressToE164(message.address) ?? record.contact,
      at: message.at, body: message.body, numMedia: message.numMedia,
    }));
    const { changed } = await inboxRepo.merge(epoch, sender, messages, { firstSeenAt });
    if (changed > 0) await bumpRevision('inbox');
  }

  /** A customer's new message opens (or extends) their window at once: the badge hears it through the revision. */
  async function noteInbound(epoch: number, sender: string, record: ThreadRecord, added: ThreadMessage[], wasPolled: boolean): Promise<void> {
    await noteInInbox(epoch, sender, record, added).catch(() => undefined);
    const newest = lastInbound(record.messages);
    const isNew = newest !== undefined && added.some((message) => message.sid === newest.sid);
    if (isNew) {
      await windowsRepo.mergeInbound(epoch, sender, new Map([[record.contact, { at: newest.at, sid: newest.sid }]]), deps.now());
      await bumpRevision('windows');
    } else if (wasPolled) {
      // Twilio was just asked about this customer's newest messages: the window is known as of now.
      await windowsRepo.markChecked(epoch, sender, record.contact, deps.now());
    }
  }

  /** Our sends to this customer, under every form of the number. */
  const sendsTo = async (contact: string) => (await Promise.all(whatsAppForms(contact).map((form) => sendsRepo.forContact(form)))).flat();

  /** The thread with our template names, and our sends Twilio does not list yet. */
  async function present(record: ThreadRecord, contact: string, limit: number, ours: Promise<SendRecord[]> = sendsTo(contact)): Promise<ThreadInfo> {
    const sends = await ours;
    const bySid = new Map(sends.flatMap((send) => (send.sid ? [[send.sid, send] as const] : [])));
    const notes = (await deps.noteMarks?.(sends).catch(() => undefined)) ?? new Map<string, NoteMark>();
    const names = new Map<string, string | undefined>();
    const nameOf = async (sid: string | undefined) => {
      if (!sid) return undefined;
      if (!names.has(sid)) names.set(sid, await deps.templateName(sid));
      return names.get(sid);
    };
    const visible = visibleMessages(record.messages, record.streams, limit);
    const messages = await Promise.all(
      visible.messages.map(async (message) => {
        const send = bySid.get(message.sid);
        if (!send) return message;
        const templateName = await nameOf(send.contentSid);
        const isAhead = progress(send.status) > progress(message.status);
        const note = notes.get(message.sid);
        return {
          ...message,
          sendId: send.id,
          ...(note && { note }),
          ...(templateName && { templateName }),
          ...(isAhead && { status: send.status, errorCode: send.errorCode, errorMessage: send.errorMessage }),
        };
      }),
    );
    const listed = new Set(record.messages.map((m) => m.sid));
    const unlisted = sends.filter((send) => send.sender === record.sender && (!send.sid || !listed.has(send.sid)) && send.createdAt >= (messages[0]?.at ?? 0));
    const pending = await Promise.all(unlisted.map(async (send) => pendingMessage(send, await nameOf(send.contentSid))));
    return {
      contact,
      messages: [...messages, ...pending].sort((a, b) => a.at - b.at),
      hasEarlier: visible.hasEarlier,
      replyTo: replyAddress(record.messages, contact),
      ...(record.fetchedAt > 0 && { fetchedAt: record.fetchedAt }),
    };
  }

  async function getThread(request: { contact: string; limit: number; refresh?: boolean }): Promise<ThreadInfo> {
    const { epoch, sender } = await requireSender();
    return threadFor(request, epoch, sender);
  }

  async function threadFor(
    { contact, limit, refresh }: { contact: string; limit: number; refresh?: boolean }, epoch: number, sender: string, client?: Promise<TwilioHttp>,
  ): Promise<ThreadInfo> {
    const ours = sendsTo(contact); // read while Twilio is asked
    ours.catch(() => undefined);
    const cachedRead = threadsRepo.get(sender, whatsAppKey(contact));
    const cached = await cachedRead;
    // Opening the panel: the cache answers at once (Twilio is asked by the refresh that follows). With nothing cached
    // Twilio is asked right away: an empty answer would only make the panel ask again.
    if (!refresh && cached && !visibleMessages(cached.messages, cached.streams, limit).isShort) return present(cached, contact, limit, ours);
    const record = await read(epoch, sender, contact, limit, refresh === true || !cached, cachedRead, client).catch(accountGone);
    return present(record, contact, limit, ours);
  }

  /** What Twilio knows of one number with our sender: its newest inbound message, and whether there is any history. */
  async function factsOf(epoch: number, http: TwilioHttp, sender: string, e164: string): Promise<{ lastInboundAt?: number; hasHistory: boolean }> {
    const key = `${epoch}|${sender}|${whatsAppKey(e164)}`;
    const known = facts.get(key);
    if (known && deps.now() - known.at < FACTS_TTL_MS) return known;
    const cached = await threadsRepo.get(sender, whatsAppKey(e164));
    let result: { lastInboundAt?: number; hasHistory: boolean };
    if (cached && cached.fetchedAt > 0) {
      result = { lastInboundAt: lastInbound(cached.messages)?.at, hasHistory: cached.messages.length > 0 };
    } else {
      const pages = await Promise.all(
        whatsAppForms(e164).flatMap((form) => [
          fetchMessagePage(http, { query: { from: whatsAppAddress(form), to: whatsAppAddress(sender), pageSize: 1 } }),
          fetchMessagePage(http, { query: { from: whatsAppAddress(sender), to: whatsAppAddress(form), pageSize: 1 } }),
        ]),
      );
      const inbound = pages.filter((_, i) => i % 2 === 0).flatMap((page) => page.messages.filter((m) => m.direction === 'inbound'));
      result = {
        lastInboundAt: inbound.length ? Math.max(...inbound.map((m) => m.sentAt)) : undefined,
        hasHistory: pages.some((page) => page.messages.length > 0),
      };
    }
    facts.set(key, { at: deps.now(), ...result });
    return result;
  }

  /**
   * The person's numbers and the chosen one, and with `limit`, that number's thread too (as `getThread` without a
   * refresh would answer): opening the panel then costs one round trip before Twilio is asked, not two.
   */
  async function getConversation({ phones, remembered, limit }: { phones: PhoneCandidate[]; remembered?: string; limit?: number }): Promise<ConversationNumbers> {
    // The credentials are read while the sender and country are (the thread is asked for at the end).
    const client = deps.http();
    client.catch(() => undefined);
    const [{ epoch, sender }, country] = await Promise.all([requireSender(), deps.defaultCountry()]);
    const seen = new Set<string>();
    const options: NumberOption[] = [];
    for (const phone of phones) {
      const e164 = phoneFromText(phone.value, country);
      if (!e164 || seen.has(whatsAppKey(e164))) continue;
      seen.add(whatsAppKey(e164));
      options.push({ e164, ...(phone.label && { label: phone.label }), ...(phone.isPrimary && { isPrimary: true }) });
    }
    if (options.length === 0) return { numbers: [] };
    // One number: nothing to choose, and nothing to ask Twilio for.
    if (options.length > 1) {
      const http = await client;
      const known = await Promise.all(options.map((option) => factsOf(epoch, http, sender, option.e164).catch(() => undefined)));
      options.forEach((option, i) => Object.assign(option, known[i] ?? {}));
    }
    const candidates: NumberCandidate[] = options.map((option) => ({ ...option, isMobile: isMobileNumber(option.e164) }));
    const chosen = chooseNumber(candidates, remembered);
    if (!chosen) return { numbers: options };
    // The thread is a bonus here: if Twilio cannot be asked, the numbers still answer (the panel asks again and says why).
    const thread = limit === undefined ? undefined : await threadFor({ contact: chosen.e164, limit }, epoch, sender, client).catch(() => undefined);
    return { numbers: options, chosen: chosen.e164, ...(thread && { thread }) };
  }

  async function getMedia({ contact, messageSid }: { contact: string; messageSid: string }): Promise<{ files: MediaFileInfo[] }> {
    const { sender } = await requireSender();
    // Only media of a conversation the background read itself: a page cannot ask for any message of the account.
    if (!(await threadsRepo.hasMessage(sender, whatsAppKey(contact), messageSid))) {
      throw new HandlerError({ code: 'not-found', message: 'This message is not in the conversation' });
    }
    const files = await media.files(await deps.http(), messageSid);
    // A file the browser would not let us read: the permission helps only while it is not granted yet.
    if (!files.some((file) => file.problem === 'needs-permission') || !(await deps.hasMediaAccess())) return { files };
    return { files: files.map((file) => (file.problem === 'needs-permission' ? { ...file, problem: 'unavailable' as const } : file)) };
  }

  /** The account was disconnected or replaced: what this worker remembers of it goes too. */
  function forget(): void {
    facts.clear();
    media = createMediaCache();
  }

  return { getThread, getConversation, getMedia, forget };
}
