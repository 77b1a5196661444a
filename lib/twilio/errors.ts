/**
 * One error type for everything that can go wrong talking to Twilio, so callers branch on `kind` and `code`
 * instead of on exception classes. Twilio's legacy bodies are `{code, message, more_info, status}`; newer APIs
 * answer RFC 9457 problem details `{type, title, status, code, detail}`. Both are read here.
 */
export type TwilioErrorKind =
  | 'http' // Twilio answered with a non-2xx status
  | 'network' // the request never got an answer (offline, DNS, dropped connection)
  | 'timeout' // no answer within the client's timeout
  | 'malformed' // a 2xx whose body is not the JSON we expect
  | 'aborted' // the caller gave up (its AbortSignal)
  | 'too-large'; // a file bigger than the caller's cap (not read)

export class TwilioError extends Error {
  override readonly name = 'TwilioError';
  readonly kind: TwilioErrorKind;
  /** HTTP status, 0 when there was no HTTP answer. */
  readonly status: number;
  /** Twilio's numeric error code (e.g. 20003), when it gave one. */
  readonly code: number | undefined;
  readonly moreInfo: string | undefined;
  /** Milliseconds Twilio asked us to wait (from `Retry-After`), when it did. */
  readonly retryAfterMs: number | undefined;
  /** 'too-large': the file's size in bytes, as far as it is known. */
  readonly size: number | undefined;

  constructor(init: {
    kind: TwilioErrorKind;
    message: string;
    status?: number;
    code?: number;
    moreInfo?: string;
    retryAfterMs?: number;
    size?: number;
  }) {
    super(init.message);
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.code = init.code;
    this.moreInfo = init.moreInfo;
    this.retryAfterMs = init.retryAfterMs;
    this.size = init.size;
  }
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Reads Twilio's error body (legacy or RFC 9457); falls back to the HTTP status when the body is not JSON. */
export function errorFromResponse(status: number, bodyText: string, retryAfterMs?: number): TwilioError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status alone has to do.
  }
  const message = asText(body.message) ?? asText(body.detail) ?? asText(body.title) ?? `Twilio answered HTTP ${status}`;
  return new TwilioError({
    kind: 'http',
    status,
    code: asNumber(body.code),
    message,
    moreInfo: asText(body.more_info) ?? asText(body.type),
    retryAfterMs,
  });
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
