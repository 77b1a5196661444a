import { FINAL_STATUSES, isPending, sendsRepo } from '../db/sends';
import type { SendRecord, StoredTemplate } from '../db/schema';
import type { SendInfo, SendRequest, WindowInfo } from '../messaging/protocol';
import { HandlerError } from '../messaging/router';
import { settings } from '../settings';
import { sendability } from '../templates/sendability';
import { checkVariables } from '../templates/validate';
import { TwilioError } from '../twilio/errors';
import { fetchMessage, sendTemplate as postTemplate } from '../twilio/messages';
import { connectedHttp } from './twilio';

export const POLL_INTERVAL_MS = 2_000;
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
}

export function createSendHandlers({ now, getWindow, getTemplate, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }: SendDeps) {
  const polling = new Set<string>();
  /** Sends whose POST this worker has in flight; a `sending` record not in here lost its worker mid-POST. */
  const posting = new Set<string>();

  async function refresh(record: SendRecord): Promise<SendRecord> {
    if (!record.sid) return record;
    const message = await fetchMessage(await connectedHttp(), record.sid);
    return (
      (await sendsRepo.update(record.id, {
        status: message.status,
        errorCode: message.errorCode,
        errorMessage: message.errorMessage,
        updatedAt: now(),
      })) ?? record
    );
  }

  /** Follows a sent message until Twilio reports a final status; survives nothing, so waking resumes it. */
  function poll(id: string): void {
    if (polling.has(id)) return;
    polling.add(id);
    void (async () => {
      try {
        for (;;) {
          await sleep(POLL_INTERVAL_MS);
          const record = await sendsRepo.get(id);
          if (!record?.sid || !isPending(record.status) || now() - record.createdAt > MAX_POLL_MS) return;
          await refresh(record);
        }
      } catch {
        // Twilio unreachable for now: the next getSend (or the next wake) resumes.
      } finally {
        polling.delete(id);
      }
    })();
  }

  async function sendTemplate(request: SendRequest): Promise<SendInfo> {
    const existing = await sendsRepo.get(request.id);
    if (existing) return sendInfo(existing);

    const http = await connectedHttp();
    const sender = await settings.sender.getValue();
    if (!sender) throw new HandlerError({ code: 'no-sender', message: 'Choose the WhatsApp sender in the extension popup first' });
    const template = await getTemplate(request.contentSid);
    if (!template) throw new HandlerError({ code: 'not-found', message: 'This template is not in the synced list' });
    const window = await getWindow({ phone: request.contact });
    const allowed = sendability(template.status, template.contentType, window.state);
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
    const claim = await sendsRepo.claim({
      id: request.id,
      sender,
      contact: request.contact,
      contentSid: request.contentSid,
      variables: request.variables,
      status: 'sending',
      createdAt: at,
      updatedAt: at,
    }, (earlier) => earlier.find(isSamePick));
    if (!claim.created) return sendInfo(claim.record);

    posting.add(request.id);
    try {
      const message = await postTemplate(http, { from: sender, to: request.contact, contentSid: request.contentSid, variables: request.variables });
      const record = await sendsRepo.update(request.id, { sid: message.sid, status: message.status, updatedAt: now() });
      poll(request.id);
      return sendInfo(record ?? claim.record);
    } catch (error) {
      // Twilio said no (4xx): nothing was sent. No answer at all: it may have been, so it is never re-POSTed.
      const isRefused = error instanceof TwilioError && error.kind === 'http' && error.status < 500;
      const record = await sendsRepo.update(request.id, {
        status: isRefused ? 'failed' : 'unconfirmed',
        errorCode: error instanceof TwilioError ? error.code : undefined,
        errorMessage: error instanceof Error ? error.message : 'The send failed',
        updatedAt: now(),
      });
      return sendInfo(record ?? claim.record);
    } finally {
      posting.delete(request.id);
    }
  }

  async function getSend({ id }: { id: string }): Promise<SendInfo> {
    let record = await sendsRepo.get(id);
    if (!record) throw new HandlerError({ code: 'not-found', message: 'No such send' });
    if (record.status === 'sending' && !record.sid && !posting.has(id)) {
      // The worker that POSTed was stopped before Twilio answered: the message may exist. Never POST it again.
      record = (await sendsRepo.update(id, { status: 'unconfirmed', updatedAt: now() })) ?? record;
    }
    if (record.sid && isPending(record.status) && !polling.has(id)) {
      // A fresh worker: answer with Twilio's current status, then keep following it.
      const fresh = await refresh(record).catch(() => record);
      if (isPending(fresh.status)) poll(id);
      return sendInfo(fresh);
    }
    return sendInfo(record);
  }

  async function resumePending(): Promise<void> {
    for (const record of await sendsRepo.pending()) {
      if (now() - record.createdAt < MAX_POLL_MS) poll(record.id);
    }
  }

  return { sendTemplate, getSend, resumePending };
}
