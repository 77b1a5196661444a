/**
 * The synchronous checks Twilio makes on `POST …/Messages.json` before it queues anything. Failing
 * one means a 4xx answer and no message; passing them all means 201 `queued`, and whatever WhatsApp
 * thinks of the message arrives later as a status (see send-policy.ts).
 */
export interface SendRequest {
  to: string;
  from: string;
  contentSid: string | null;
  contentVariables: Record<string, string> | null;
  body: string | null;
  /** The MediaUrl fields, in request order. */
  mediaUrls: string[];
}

export type SendValidation =
  | { ok: true; request: SendRequest }
  | { ok: false; code: number; message?: string; status?: number };

export interface SendContext {
  /** The account's WhatsApp senders, `whatsapp:+E164`. */
  senders: ReadonlySet<string>;
  templateExists(sid: string): boolean;
}

const WHATSAPP_ADDRESS = /^whatsapp:\+[1-9]\d{6,14}$/;
/** Twilio takes up to ten MediaUrl fields per message (error 21623 beyond). */
export const MAX_MEDIA_URLS = 10;

/**
 * `mediaUrls` are every `MediaUrl` field of the form in order (a form may repeat the key; `form` keeps
 * only the last value of each key).
 */
export function validateSend(
  form: Readonly<Record<string, string>>,
  context: SendContext,
  mediaUrls: readonly string[] = [],
): SendValidation {
  const to = form.To?.trim() ?? '';
  const from = form.From?.trim() ?? '';
  const contentSid = nonEmpty(form.ContentSid);
  const rawVariables = form.ContentVariables;
  const body = nonEmpty(form.Body);

  if (to === '') return { ok: false, code: 21604 };
  if (!WHATSAPP_ADDRESS.test(to)) {
    return { ok: false, code: 21211, message: `The 'To' number ${to} is not a valid phone number.` };
  }
  if (from === '') return { ok: false, code: 21603 };
  if (!context.senders.has(from)) return { ok: false, code: 63007 };
  if (rawVariables !== undefined && contentSid === null) return { ok: false, code: 21654 };
  if (contentSid !== null && !context.templateExists(contentSid)) {
    return {
      ok: false,
      code: 20404,
      status: 404,
      message: `The requested resource /Content/${contentSid} was not found`,
    };
  }
  let contentVariables: Record<string, string> | null = null;
  if (rawVariables !== undefined) {
    contentVariables = parseContentVariables(rawVariables) ?? null;
    if (contentVariables === null) return { ok: false, code: 21656 };
  }
  if (mediaUrls.length > MAX_MEDIA_URLS) return { ok: false, code: 21623 };
  const invalid = mediaUrls.find((url) => !isHttpUrl(url));
  if (invalid !== undefined) return { ok: false, code: 21620, message: `The media URL ${invalid} is invalid.` };
  if (contentSid === null && body === null && mediaUrls.length === 0) return { ok: false, code: 21602 };
  return { ok: true, request: { to, from, contentSid, contentVariables, body, mediaUrls: [...mediaUrls] } };
}

/** Twilio fetches media over HTTP(S) only; anything else (no scheme, `ftp:`, `data:`, blank) is 21620. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

/**
 * ContentVariables is a JSON *string* holding an object of string → string. Twilio answers 21656 for
 * anything else, and for a value that is empty once trimmed (Meta refuses blank parameters).
 */
export function parseContentVariables(raw: string): Record<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string' || value.trim() === '') return undefined;
    result[key] = value;
  }
  return result;
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}
