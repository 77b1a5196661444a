import * as v from 'valibot';
import { nullableText, parseAnswer, productMeta } from './answer';
import { TwilioError } from './errors';
import { TWILIO_HOSTS, type TwilioHttp } from './http';
import { metaNext, walkPages } from './paging';
import { SID_PATTERN } from '../sids';

export interface WhatsAppSender {
  sid: string;
  /** 'ONLINE', 'OFFLINE', 'CREATING', … as Twilio says it. */
  status: string;
  /** E.164, without the `whatsapp:` prefix. */
  number: string;
  profileName: string;
}

/** A sender (schema `messaging.v2.channels_sender_response`). */
const senderSchema = v.looseObject({
  sid: v.pipe(v.string(), v.regex(SID_PATTERN.sender)),
  status: nullableText,
  // `whatsapp:+E164`; nullable in the spec (a sender still being created may have none yet).
  sender_id: nullableText,
  profile: v.nullish(v.looseObject({ name: nullableText })),
});
export type SenderBody = v.InferOutput<typeof senderSchema>;

const sendersPageSchema = v.looseObject({ senders: v.array(senderSchema), meta: productMeta });

/** The sender as the popup offers it; undefined while it has no number to send from. */
export function normalizeSender(raw: SenderBody): WhatsAppSender | undefined {
  if (!raw.sender_id) return undefined;
  return {
    sid: raw.sid,
    status: (raw.status ?? '').toUpperCase(),
    number: raw.sender_id.replace(/^whatsapp:/i, ''),
    profileName: raw.profile?.name ?? '',
  };
}

/** Every WhatsApp sender of the account (all statuses; callers pick the ONLINE ones). */
export async function listWhatsAppSenders(http: TwilioHttp, signal?: AbortSignal): Promise<WhatsAppSender[]> {
  const senders: WhatsAppSender[] = [];
  const pages = walkPages<unknown, SenderBody>(
    http,
    `${TWILIO_HOSTS.messaging}/v2/Channels/Senders`,
    { Channel: 'whatsapp', PageSize: 100 },
    (body) => {
      const page = parseAnswer(sendersPageSchema, 'senders list', body);
      return { items: page.senders, next: metaNext(page.meta) };
    },
    { signal },
  );
  for await (const page of pages) {
    for (const raw of page) {
      const sender = normalizeSender(raw);
      if (sender) senders.push(sender);
    }
  }
  return senders;
}

/**
 * The account's WhatsApp senders, or undefined when these credentials may not list them: a Standard or restricted
 * API key gets 403 on the Senders API, and 404 comes where the account has no access to it. Listing is optional (the
 * rep can type the number), so neither says anything about the credentials.
 */
export async function listWhatsAppSendersIfAllowed(http: TwilioHttp, signal?: AbortSignal): Promise<WhatsAppSender[] | undefined> {
  try {
    return await listWhatsAppSenders(http, signal);
  } catch (error) {
    if (error instanceof TwilioError && error.kind === 'http' && (error.status === 403 || error.status === 404)) return undefined;
    throw error;
  }
}
