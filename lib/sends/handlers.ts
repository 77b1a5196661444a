import { StaleAccountError, accountRepo } from '../account/repo';
import { requireSender } from '../account/choose-sender';
import { FINAL_STATUSES, LOOKUP_STATUSES, isPending, sendsRepo } from './repo';
import type { SendRecord, StoredTemplate } from '../db/schema';
import type { ReplyRequest, SendInfo, SendRequest, WindowInfo } from '../messaging/protocol';
import { HandlerError } from '../messaging/router';
import { renderPlaceholders } from '../templates/placeholders';
import { sendability } from '../templates/sendability';
import { checkVariables } from '../templates/validate';
import { TwilioError } from '../twilio/errors';
import { fetchMessage, sendReply as postReply, sendTemplate as postTemplate, type Message } from '../twilio/messages';
import { lookUpSend } from './lookup';
import { connectedHttp } from '../account/twilio-client';

export const POLL_INTERVAL_MS = 2_000;
/** Between two searches of Twilio's message list for a send whose POST got no answer. */
export const LOOKUP_INTERVAL_MS = 3_000;
/** Stop asking after this long; a message still `sent` by then is reported as it stands. */
export const MAX_POLL_MS = 15 * 60_000;
/** The same pick (contact, template, values) again within this time is the same send (a second tab, a double click). */
export const DUPLICATE_WINDOW_MS = 60_000;

const SENDABILITY_TEXT = {
  stopped: 'WhatsApp has paused or disabled this template; it cannot be sent.',
  'not-approved': 'This template is not approved by WhatsApp yet.',
  'window-closed': 'The 24-hour window is closed: only approved templates can be sent.',
} as const;

export function sendInfo(record: SendRecord): SendInfo {
  return {
    id: record.id,
    sid: record.sid,
    contact: record.contact,
    contentSid: record.contentSid,
    body: record.body,
    status: record.status,
    isFinal: FINAL_STATUSES.has(record.status),
    errorCode: record.errorCode,
    errorMessage: record.errorMessage,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

const sameValues = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([key, value]) => b[key] === value);

interface SendDeps {
  now: () => number;
  getWindow: (request: { phone: string }) => Promise<WindowInfo>;
  /** A synced template by its Content SID. */
  getTemplate: (sid: string) => Promise<StoredTemplate | undefined>;
  sleep?: (ms: number) => Promise<void>;
  /** The send has its Twilio SID (the POST's answer, or found in Twilio's list): its note can be queued. */
  onSid?: (record: SendRecord) => void;
}


/** The account was disconnected or replaced while the send was under way: answered in words, nothing more done. */
function refuseStale(error: unknown): never {
  if (error instanceof StaleAccountError) throw new HandlerError({ code: 'not-connected', message: 'The Twilio account changed; nothing was sent for the old one' });
  throw error;
}

export function createSendHandlers({ now, getWindow, getTemplate, sleep = (ms) => new Promise((r) => setTimeout(r, ms)), onSid }: SendDeps) {
  const polling = new Set<string>();
  /** Sends whose POST this worker has in flight; a `sending` record not in here lost its worker mid-POST. */
  const posting = new Set<string>();

  /** A `sending` record without a SID that no POST of this worker owns: its worker was stopped mid-POST. */
  const isLost = (record: SendRecord) => record.status === 'sending' && !record.sid && !posting.has(record.id);
  const isChecking = (record: SendRecord) => record.status === LOOKUP_STATUSES.checking && !record.sid;
  /** Still worth asking Twilio about: not final, and made less than MAX_POLL_MS ago (`delivered` may stay so forever). */
  const isFollowed = (record: SendRecord) => isPending(record.status) && now() - record.createdAt < MAX_POLL_MS;

  /** A POST without an answer: the message may exist. It is never POSTed again; Twilio's list is searched instead. */
  async function markLost(epoch: number, record: SendRecord): Promise<SendRecord> {
    return (await sendsRepo.updateIf(epoch, record.id, isLost, { status: LOOKUP_STATUSES.checking, updatedAt: now() })) ?? record;
  }

  /** One search of Twilio's messages for a `checking` send; adopts the message it finds, or says why not. */
  async function lookUp(epoch: number, record: SendRecord): Promise<SendRecord> {
    const http = await connectedHttp();
    const template = record.contentSid ? await getTemplate(record.contentSid) : undefined;
    const owned = new Set((await sendsRepo.forContact(record.contact)).flatMap((send) => (send.id !== record.id && send.sid ? [send.sid] : [])));
    const unconfirmed = {
      sender: record.sender,
      contact: record.contact,
      createdAt: record.createdAt,
      // A reply's text is known exactly; a template's is its body rendered with the send's values.
      body: record.contentSid === undefined ? record.body : template ? renderPlaceholders(template.body, record.variables) : undefined,
    };
    const match = await lookUpSend(http, unconfirmed, owned, now());
    const change: Partial<SendRecord> | undefined =
      match.kind === 'found'
        ? { sid: match.message.sid, status: match.message.status, errorCode: match.message.errorCode, errorMessage: match.message.errorMessage }
        : match.kind === 'none'
          ? { status: LOOKUP_STATUSES.notSent, errorCode: undefined, errorMessage: undefined }
          : match.kind === 'ambiguous'
            ? { status: LOOKUP_STATUSES.unconfirmed, errorCode: undefined, errorMessage: undefined }
            : undefined;
    if (!change) return record;
    const stored = await sendsRepo.updateIf(epoch, record.id, isChecking, { ...change, updatedAt: now() });
    if (stored?.sid) onSid?.(stored);
    return stored ?? record;
  }

  async function refresh(epoch: number, record: SendRecord): Promise<SendRecord> {
    if (!record.sid) return record;
    const message = await fetchMessage(await connectedHttp(), record.sid);
    return (
      (await sendsRepo.update(epoch, record.id, {
        status: message.status,
        errorCode: message.errorCode,
        errorMessage: message.errorMessage,
        updatedAt: now(),
      })) ?? record
    );
  }

  /**
   * Follows a send until its outcome is known: a `checking` one until Twilio's list shows it (or shows it was never
   * created), then Twilio's status until it is final. Survives nothing, so waking resumes it. Ends when the account
   * of `epoch` is disconnected or replaced (its writes would be refused anyway).
   */
  function poll(epoch: number, id: string): void {
    if (polling.has(id)) return;
    polling.add(id);
    void (async () => {
      try {
        for (;;) {
          const waiting = await sendsRepo.get(id);
          await sleep(waiting && isChecking(waiting) ? LOOKUP_INTERVAL_MS : POLL_INTERVAL_MS);
          if ((await accountRepo.epoch()) !== epoch) return;
          const record = await sendsRepo.get(id);
          if (record && isChecking(record)) {
            await lookUp(epoch, record);
            continue;
          }
          if (!record?.sid || !isPending(record.status) || now() - record.createdAt > MAX_POLL_MS) return;
          await refresh(epoch, record);
        }
      } catch {
        // Twilio unreachable for now (or the account changed): the next getSend (or the next wake) resumes.
      } finally {
        polling.delete(id);
      }
    })();
  }

  /** `noteTarget`: the Pipedrive record it is sent from, whose note is queued once Twilio gave the message its SID. */
  async function sendTemplate(request: SendRequest, noteTarget?: SendRecord['noteTarget']): Promise<SendInfo> {
    const existing = await sendsRepo.get(request.id);
    if (existing) return sendInfo(existing);

    // The account first, then its credentials: a send begun for one account is never claimed or POSTed for another.
    const { epoch, sender } = await requireSender();
    const http = await connectedHttp();
    const template = await getTemplate(request.contentSid);
    if (!template) throw new HandlerError({ code: 'not-found', message: 'This template is not in the synced list' });
    const window = await getWindow({ phone: request.contact });
    const allowed = sendability(template.status, Object.keys(template.types), window.state);
    if (!allowed.ok) throw new HandlerError({ code: 'not-sendable', message: SENDABILITY_TEXT[allowed.reason] });
    const check = checkVariables(template.body, template.placeholders, request.variables);
    if (!check.ok) {
      const detail = Object.entries(check.problems).map(([key, problem]) => `{{${key}}}: ${problem}`);
      if (check.isTooLong) detail.push('the message is longer than 1,024 characters');
      if (check.unknownKeys.length) detail.push(`unknown variables: ${check.unknownKeys.join(', ')}`);
      throw new HandlerError({ code: 'invalid-variables', message: `Fix the variables: ${detail.join('; ')}` });
    }

    const at = now();
    const isSamePick = (send: SendRecord) =>
      send.sender === sender &&
      send.contentSid === request.contentSid &&
      at - send.createdAt < DUPLICATE_WINDOW_MS &&
      send.status !== 'failed' &&
      send.status !== 'undelivered' &&
      sameValues(send.variables, request.variables);
    return dispatch(
      epoch,
      { id: request.id, sender, contact: request.contact, contentSid: request.contentSid, variables: request.variables, status: 'sending', createdAt: at, updatedAt: at, ...(noteTarget && { noteTarget }) },
      isSamePick,
      () => postTemplate(http, { from: sender, to: request.contact, contentSid: request.contentSid, variables: request.variables }),
    );
  }

  /**
   * A session reply. Only while the window is open (Twilio would accept it and then fail it with 63016). `contact` is
   * the customer's number as this conversation addresses it (Twilio's form, e.g. Mexico's `+521…`).
   */
  async function sendReply(request: ReplyRequest, noteTarget?: SendRecord['noteTarget']): Promise<SendInfo> {
    const existing = await sendsRepo.get(request.id);
    if (existing) return sendInfo(existing);
    const { epoch, sender } = await requireSender();
    const http = await connectedHttp();
    const body = request.body.trim();
    if (!body) throw new HandlerError({ code: 'invalid-request', message: 'The reply is empty' });
    const window = await getWindow({ phone: request.contact });
    if (window.state !== 'open' && window.state !== 'expiring') {
      throw new HandlerError({ code: 'not-sendable', message: SENDABILITY_TEXT['window-closed'] });
    }
    const at = now();
    // Two tabs, or two presses before the first POST was answered: the same text still on its way is the same send.
    const isSameReply = (send: SendRecord) =>
      send.sender === sender && send.contentSid === undefined && send.body === body && send.mediaUrl === request.mediaUrl && send.status === 'sending' && !send.sid;
    return dispatch(
      epoch,
      { id: request.id, sender, contact: request.contact, variables: {}, body, mediaUrl: request.mediaUrl, status: 'sending', createdAt: at, updatedAt: at, ...(noteTarget && { noteTarget }) },
      isSameReply,
      () => postReply(http, { from: sender, to: request.contact, body, mediaUrls: request.mediaUrl ? [request.mediaUrl] : [] }),
    );
  }

  /**
   * Claims the send (atomically: of two racing callers, one POSTs), POSTs it once, and follows it. A POST without an
   * answer is never repeated: Twilio's message list tells what became of it.
   */
  async function dispatch(epoch: number, record: SendRecord, isSame: (send: SendRecord) => boolean, post: () => Promise<Message>): Promise<SendInfo> {
    const claim = await sendsRepo.claim(epoch, record, (earlier) => earlier.find(isSame)).catch(refuseStale);
    if (!claim.created) return sendInfo(claim.record);

    posting.add(record.id);
    try {
      const message = await post();
      const stored = await sendsRepo.update(epoch, record.id, { sid: message.sid, status: message.status, updatedAt: now() }).catch(refuseStale);
      if (stored) onSid?.(stored);
      poll(epoch, record.id);
      return sendInfo(stored ?? claim.record);
    } catch (error) {
      // Twilio said no (4xx): nothing was sent. No answer at all: it may have been, so it is never re-POSTed;
      // Twilio's message list tells what became of it.
      const isRefused = error instanceof TwilioError && error.kind === 'http' && error.status < 500;
      if (error instanceof HandlerError) throw error;
      const stored = await sendsRepo.update(epoch, record.id, {
        status: isRefused ? 'failed' : LOOKUP_STATUSES.checking,
        errorCode: isRefused ? error.code : undefined,
        errorMessage: isRefused ? error.message : undefined,
        updatedAt: now(),
      }).catch(refuseStale);
      if (!isRefused) poll(epoch, record.id);
      return sendInfo(stored ?? claim.record);
    } finally {
      posting.delete(record.id);
    }
  }

  async function getSend({ id }: { id: string }): Promise<SendInfo> {
    const epoch = await accountRepo.epoch();
    let record = await sendsRepo.get(id);
    if (!record) throw new HandlerError({ code: 'not-found', message: 'No such send' });
    // The worker that POSTed was stopped before Twilio answered: the message may exist. Never POST it again.
    if (isLost(record)) record = await markLost(epoch, record).catch(refuseStale);
    if (isChecking(record) && !polling.has(id)) {
      // Look it up now, so the picker shows the real status as soon as Twilio lists the message.
      const found = await lookUp(epoch, record).catch(() => record);
      if (isChecking(found) || (found.sid && isPending(found.status))) poll(epoch, id);
      return sendInfo(found);
    }
    if (record.sid && isFollowed(record) && !polling.has(id)) {
      // A fresh worker: answer with Twilio's current status, then keep following it.
      const fresh = await refresh(epoch, record).catch(() => record);
      if (isPending(fresh.status)) poll(epoch, id);
      return sendInfo(fresh);
    }
    return sendInfo(record);
  }

  /** A worker wakes: follow the sends still in flight, and look up the ones a stopped worker left without an answer. */
  async function resumePending(): Promise<void> {
    const epoch = await accountRepo.epoch();
    for (const record of await sendsRepo.unresolved()) {
      const current = isLost(record) ? await markLost(epoch, record).catch(() => record) : record;
      if (isChecking(current)) poll(epoch, current.id);
    }
    for (const record of await sendsRepo.pending(now() - MAX_POLL_MS)) poll(epoch, record.id);
  }

  return { sendTemplate, sendReply, getSend, resumePending };
}
