import { ControlError } from './control-error';
import { TwilioApiError } from './errors';
import { decideOutcome, type SendKind } from './logic/send-policy';
import { validateSend } from './logic/send-request';
import { isWindowOpen } from './logic/session-window';
import { renderTemplateBody } from './logic/template-render';
import { buildInboundMedia, outboundMedia, type InboundMediaInput } from './media';
import type { FakeStore } from './store';
import type { InboundMessageRecord, OutboundMessageRecord } from './types';

/**
 * Sending a message: the synchronous checks (throwing the Twilio error), then the fate WhatsApp will
 * give it, decided now from the window and the template's approval, played out later by the clock.
 */
export function createOutboundMessage(
  store: FakeStore,
  form: Readonly<Record<string, string>>,
  now: number,
  mediaUrls: readonly string[] = [],
): OutboundMessageRecord {
  const validation = validateSend(
    form,
    { senders: store.senderIds(), templateExists: (sid) => store.template(sid) !== undefined },
    mediaUrls,
  );
  if (!validation.ok) throw new TwilioApiError(validation.code, validation.message, validation.status);
  const { request } = validation;

  const template = request.contentSid === null ? undefined : store.template(request.contentSid);
  const send: SendKind = template
    ? { kind: 'template', status: template.approval.status, typeKeys: Object.keys(template.types) }
    : { kind: 'body' };
  const outcome = decideOutcome(
    send,
    isWindowOpen(store.lastInboundAt(request.from, request.to), now),
    store.contactFailure(request.to),
  );
  const media = outboundMedia(store, request.mediaUrls);
  const message: OutboundMessageRecord = {
    sid: store.nextSid(media.length > 0 ? 'MM' : 'SM'),
    direction: 'outbound-api',
    from: request.from,
    to: request.to,
    body: template
      ? renderTemplateBody(template.types, request.contentVariables, template.variables)
      : (request.body ?? ''),
    createdAt: now,
    media,
    outcome,
    contentSid: request.contentSid,
  };
  store.addMessage(message);
  return message;
}

export interface InboundInput {
  /** The customer: `+E164` or `whatsapp:+E164`. */
  from: string;
  /** The business sender; default: the account's first sender. */
  to?: string;
  body: string;
  /** When the customer wrote: ms since epoch or an ISO string; default: now (fake clock). */
  at?: number | string;
  /** Attachments (WhatsApp sends one per message; the fake takes up to 10, as Twilio's MMS does). */
  media?: InboundMediaInput[];
}

/** A customer's reply arriving, which (re)opens their 24-hour window with that sender. */
export function recordInbound(store: FakeStore, input: InboundInput, now: number): InboundMessageRecord {
  const to = input.to ?? store.senders()[0]?.senderId;
  if (to === undefined) throw new ControlError('This account has no WhatsApp sender; pass `to`.');
  const at = typeof input.at === 'string' ? Date.parse(input.at) : (input.at ?? now);
  if (Number.isNaN(at)) throw new ControlError(`Not a date: ${String(input.at)}`);
  const from = asWhatsApp(input.from);
  const sender = asWhatsApp(to);
  const media = buildInboundMedia(store, input.media ?? []);
  const message: InboundMessageRecord = {
    sid: store.nextSid(media.length > 0 ? 'MM' : 'SM'),
    direction: 'inbound',
    from,
    to: sender,
    body: input.body,
    createdAt: at,
    media,
  };
  store.addMessage(message);
  return message;
}

function asWhatsApp(address: string): string {
  const trimmed = address.trim();
  const whatsapp = trimmed.startsWith('whatsapp:') ? trimmed : `whatsapp:${trimmed}`;
  if (!/^whatsapp:\+[1-9]\d{6,14}$/.test(whatsapp)) throw new ControlError(`Not a WhatsApp number: ${address}`);
  return whatsapp;
}
