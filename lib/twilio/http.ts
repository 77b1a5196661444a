import { TwilioError, errorFromResponse, parseRetryAfter } from './errors';
import { DEFAULT_RETRY, isRetryable, retryDelayMs, type RetryPolicy } from './retry';

/** The three Twilio hosts the extension talks to; nothing else ever gets our credentials. */
export const TWILIO_HOSTS = {
  api: 'https://api.twilio.com',
  content: 'https://content.twilio.com',
  messaging: 'https://messaging.twilio.com',
} as const;

const ALLOWED_ORIGINS = new Set<string>(Object.values(TWILIO_HOSTS));

/**
 * The sandbox build (demo, benchmark) sends Twilio's requests to a local fake Twilio instead; set at build time
 * only, so a normal build has no way to send credentials anywhere but Twilio.
 */
const SANDBOX_ORIGIN: string | undefined = import.meta.env?.WXT_SANDBOX_TWILIO || undefined;

/**
 * An Auth Token signs in as the account itself (username = Account SID); an API Key signs in as the key
 * (username = SK…) while the Account SID still names the account in 2010-API paths.
 */
export interface TwilioCredentials {
  accountSid: string;
  keySid?: string;
  secret: string;
}

export type Query = Record<string, string | number | undefined>;

export interface TwilioRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Absolute https URL on one of TWILIO_HOSTS. */
  url: string;
  query?: Query;
  /**
   * Form fields, PascalCase as Twilio names them; sent as application/x-www-form-urlencoded. As pairs when a field
   * repeats (`MediaUrl`).
   */
  form?: Query | ReadonlyArray<readonly [string, string]>;
  /** A JSON body (the Content API takes JSON, not forms); sent as application/json. */
  json?: unknown;
  /**
   * Safe to repeat after an unknown outcome (every GET, PUT and DELETE; not a message or Content create). Defaults to
   * true except for POST.
   */
  idempotent?: boolean;
  signal?: AbortSignal;
  /** Sees a successful answer's raw text before it is parsed (a list uses it to ask for its next page early). */
  onText?: (text: string) => void;
}

export interface TwilioHttpOptions {
  credentials: TwilioCredentials;
  timeoutMs?: number;
  retry?: RetryPolicy;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /**
   * Hears Twilio's own time from each answer's `Date` header (whole seconds) with the local time the answer
   * arrived: the 24-hour window is Twilio's clock, not the browser's (see clock.ts).
   */
  onServerDate?: (serverMs: number, localMs: number) => void;
}

/** A file Twilio serves (a message's media), read with a size cap. */
export interface TwilioBytes {
  bytes: Uint8Array;
  contentType: string;
  /** The `Content-Disposition` header, when the file came with one (it may name the file). */
  disposition: string | undefined;
}

export interface TwilioHttp {
  readonly accountSid: string;
  request<T>(req: TwilioRequest): Promise<T>;
  /**
   * GETs a file on Twilio's API host, following Twilio's redirect to its media CDN. The Authorization header goes
   * to Twilio only: browsers drop it on a cross-origin redirect, so the CDN never sees the credentials. More than
   * `maxBytes` → a TwilioError of kind 'too-large' (nothing more is read).
   */
  requestBytes(req: { url: string; maxBytes: number; signal?: AbortSignal }): Promise<TwilioBytes>;
}

/**
 * 15 s per attempt. Only the e2e timeout build (see wxt.config.ts) sets WXT_TEST_TWILIO_TIMEOUT_MS at build time;
 * Vite replaces the expression with the literal, so every other build has no way to change it at run time.
 */
export const DEFAULT_TIMEOUT_MS: number = Number(import.meta.env?.WXT_TEST_TWILIO_TIMEOUT_MS) || 15_000;

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function encode(fields: Query | ReadonlyArray<readonly [string, string]>): URLSearchParams {
  const params = new URLSearchParams();
  const entries = Array.isArray(fields) ? fields : Object.entries(fields as Query);
  for (const [key, value] of entries) {
    if (value !== undefined) params.append(key, String(value));
  }
  return params;
}

/** Builds the final URL, refusing anything that is not one of Twilio's hosts over https. */
export function buildUrl(url: string, query?: Query): URL {
  const target = new URL(url);
  if (!ALLOWED_ORIGINS.has(target.origin)) {
    throw new TwilioError({ kind: 'malformed', message: `Refusing to send credentials to ${target.origin}` });
  }
  if (query) for (const [key, value] of encode(query)) target.searchParams.append(key, value);
  return SANDBOX_ORIGIN ? new URL(target.pathname + target.search, SANDBOX_ORIGIN) : target;
}

function basicAuth({ accountSid, keySid, secret }: TwilioCredentials): string {
  const raw = `${keySid ?? accountSid}:${secret}`;
  // btoa only takes Latin-1; SIDs and secrets are ASCII, but encode as UTF-8 anyway so odd input cannot throw here.
  const bytes = new TextEncoder().encode(raw);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

export function createTwilioHttp(options: TwilioHttpOptions): TwilioHttp {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const sleep = options.sleep ?? sleepFor;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy = options.retry ?? DEFAULT_RETRY;
  const authorization = basicAuth(options.credentials);

  function noteServerDate(response: Response): void {
    const header = response.headers.get('Date');
    const serverMs = header ? Date.parse(header) : Number.NaN;
    if (Number.isFinite(serverMs)) options.onServerDate?.(serverMs, now());
  }

  async function attempt<T>(req: TwilioRequest): Promise<T> {
    const url = buildUrl(req.url, req.query);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const headers: Record<string, string> = { Authorization: authorization, Accept: 'application/json' };
    let body: string | undefined;
    if (req.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = encode(req.form).toString();
    } else if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(req.json);
    }

    let response: Response;
    let text: string;
    try {
      response = await doFetch(url.toString(), { method: req.method, headers, body, signal });
      text = await response.text();
    } catch (cause) {
      if (req.signal?.aborted) throw new TwilioError({ kind: 'aborted', message: 'The request was cancelled' });
      if (timeout.aborted) {
        throw new TwilioError({ kind: 'timeout', message: `Twilio did not answer within ${Math.round(timeoutMs / 1000)} s` });
      }
      const detail = cause instanceof Error ? cause.message : String(cause);
      throw new TwilioError({ kind: 'network', message: `Could not reach Twilio (${detail})` });
    }

    noteServerDate(response);
    if (!response.ok) {
      throw errorFromResponse(response.status, text, parseRetryAfter(response.headers.get('Retry-After'), now()));
    }
    req.onText?.(text);
    // A delete answers 204 with no body at all.
    if (text === '' && (response.status === 204 || req.method === 'DELETE')) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new TwilioError({ kind: 'malformed', status: response.status, message: 'Twilio sent a reply that is not valid JSON' });
    }
  }

  async function bytesOnce(req: { url: string; maxBytes: number; signal?: AbortSignal }): Promise<TwilioBytes> {
    const url = buildUrl(req.url);
    const timeout = AbortSignal.timeout(timeoutMs * 2); // a file may be a few MB
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await doFetch(url.toString(), { method: 'GET', headers: { Authorization: authorization }, signal, redirect: 'follow' });
    } catch (cause) {
      if (req.signal?.aborted) throw new TwilioError({ kind: 'aborted', message: 'The request was cancelled' });
      if (timeout.aborted) throw new TwilioError({ kind: 'timeout', message: 'Twilio did not send the file in time' });
      const detail = cause instanceof Error ? cause.message : String(cause);
      throw new TwilioError({ kind: 'network', message: `Could not download the file (${detail})` });
    }
    if (!response.ok) throw errorFromResponse(response.status, await response.text().catch(() => ''), undefined);
    const declared = Number(response.headers.get('Content-Length') ?? Number.NaN);
    if (declared > req.maxBytes) {
      void response.body?.cancel();
      throw new TwilioError({ kind: 'too-large', status: response.status, size: declared, message: `The file is larger than ${req.maxBytes} bytes` });
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    try {
      for (;;) {
        if (!reader) break;
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > req.maxBytes) {
          void reader.cancel();
          throw new TwilioError({ kind: 'too-large', status: response.status, size, message: `The file is larger than ${req.maxBytes} bytes` });
        }
        chunks.push(value);
      }
    } catch (error) {
      if (error instanceof TwilioError) throw error;
      throw new TwilioError({ kind: 'network', message: 'The download was interrupted' });
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return {
      bytes,
      contentType: response.headers.get('Content-Type') ?? 'application/octet-stream',
      disposition: response.headers.get('Content-Disposition') ?? undefined,
    };
  }

  return {
    accountSid: options.credentials.accountSid,
    async requestBytes(req) {
      for (let tried = 1; ; tried++) {
        try {
          return await bytesOnce(req);
        } catch (error) {
          if (!(error instanceof TwilioError) || tried >= policy.attempts || !isRetryable(error, true)) throw error;
          const delay = retryDelayMs(policy, tried - 1, error, random);
          if (delay === undefined) throw error;
          await sleep(delay, req.signal).catch(() => {
            throw new TwilioError({ kind: 'aborted', message: 'The request was cancelled' });
          });
        }
      }
    },
    async request<T>(req: TwilioRequest): Promise<T> {
      const idempotent = req.idempotent ?? req.method !== 'POST';
      for (let tried = 1; ; tried++) {
        try {
          return await attempt<T>(req);
        } catch (error) {
          if (!(error instanceof TwilioError)) throw error;
          if (tried >= policy.attempts || !isRetryable(error, idempotent)) throw error;
          const delay = retryDelayMs(policy, tried - 1, error, random);
          if (delay === undefined) throw error;
          try {
            await sleep(delay, req.signal);
          } catch {
            throw new TwilioError({ kind: 'aborted', message: 'The request was cancelled' });
          }
        }
      }
    },
  };
}
