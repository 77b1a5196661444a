import { describe, expect, it } from 'vitest';
import { TwilioError } from '@/lib/twilio/errors';
import { createTwilioHttp, type TwilioHttpOptions } from '@/lib/twilio/http';
import { isRetryable, retryDelayMs, DEFAULT_RETRY } from '@/lib/twilio/retry';

const ACCOUNT = 'AC' + 'a'.repeat(32);
const KEY = 'SK' + 'b'.repeat(32);
const URL_ACCOUNT = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}.json`;

interface Call { url: string; init: RequestInit }

/** A scripted fetch: each call takes the next answer (a Response factory or an error to throw). */
function scriptedFetch(answers: Array<(() => Response) | Error>) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('no more answers scripted');
    if (next instanceof Error) throw next;
    return next();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

function client(answers: Array<(() => Response) | Error>, extra: Partial<TwilioHttpOptions> = {}) {
  const { fetch, calls } = scriptedFetch(answers);
  const sleeps: number[] = [];
  const http = createTwilioHttp({
    credentials: { accountSid: ACCOUNT, secret: 'token' },
    fetch,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...extra,
  });
  return { http, calls, sleeps };
}

describe('createTwilioHttp', () => {
  it('signs with Basic auth as the account, or as the API key', async () => {
    const token = client([json(200, {})]);
    await token.http.request({ method: 'GET', url: URL_ACCOUNT });
    expect(new Headers(token.calls[0]!.init.headers).get('Authorization')).toBe(`Basic ${btoa(`${ACCOUNT}:token`)}`);

    const key = client([json(200, {})], { credentials: { accountSid: ACCOUNT, keySid: KEY, secret: 'shh' } });
    await key.http.request({ method: 'GET', url: URL_ACCOUNT });
    expect(new Headers(key.calls[0]!.init.headers).get('Authorization')).toBe(`Basic ${btoa(`${KEY}:shh`)}`);
  });

  it('form-encodes POST bodies and adds the query to GETs', async () => {
    const { http, calls } = client([json(201, { sid: 'SM1' }), json(200, {})]);
    await http.request({ method: 'POST', url: URL_ACCOUNT, form: { To: 'whatsapp:+3725', ContentVariables: '{"1":"Ann Smith"}', Skip: undefined } });
    expect(new Headers(calls[0]!.init.headers).get('Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(String(calls[0]!.init.body)))).toEqual({ To: 'whatsapp:+3725', ContentVariables: '{"1":"Ann Smith"}' });

    await http.request({ method: 'GET', url: URL_ACCOUNT, query: { 'DateSent>': '2026-01-02T00:00:00Z', PageSize: 50 } });
    const sent = new URL(calls[1]!.url);
    expect(sent.searchParams.get('DateSent>')).toBe('2026-01-02T00:00:00Z');
    expect(sent.searchParams.get('PageSize')).toBe('50');
  });

  it('refuses to send credentials anywhere but Twilio over https', async () => {
    const { http, calls } = client([json(200, {})]);
    for (const url of ['https://evil.example/x', 'http://api.twilio.com/x', 'https://api.twilio.com.evil.example/x']) {
      await expect(http.request({ method: 'GET', url })).rejects.toThrow(/Refusing/);
    }
    expect(calls).toHaveLength(0);
  });

  it('retries 5xx and 429 up to the bound, then gives the last error', async () => {
    const { http, calls, sleeps } = client([json(500, { code: 20500, message: 'Internal' }), json(503, {}), json(429, {}), json(500, { code: 20500, message: 'Still down' })]);
    const error = await http.request({ method: 'GET', url: URL_ACCOUNT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TwilioError);
    expect((error as TwilioError).message).toBe('Still down');
    expect(calls).toHaveLength(DEFAULT_RETRY.attempts);
    // Full jitter with random() = 0.5: half of 500, 1000, 2000 ms.
    expect(sleeps).toEqual([250, 500, 1000]);
  });

  it('honours Retry-After', async () => {
    const { http, sleeps } = client([json(429, { code: 20429 }, { 'Retry-After': '2' }), json(200, { ok: 1 })]);
    await expect(http.request({ method: 'GET', url: URL_ACCOUNT })).resolves.toEqual({ ok: 1 });
    expect(sleeps).toEqual([2000]);
  });

  it.each([400, 401, 403, 404])('does not retry %i', async (status) => {
    const { http, calls } = client([json(status, { code: 1, message: 'no' }), json(200, {})]);
    await expect(http.request({ method: 'GET', url: URL_ACCOUNT })).rejects.toMatchObject({ status, kind: 'http' });
    expect(calls).toHaveLength(1);
  });

  it('does not repeat a message create after an unknown outcome, but does after 429', async () => {
    const failing = client([json(500, {}), json(201, {})]);
    await expect(failing.http.request({ method: 'POST', url: URL_ACCOUNT, form: {} })).rejects.toMatchObject({ status: 500 });
    expect(failing.calls).toHaveLength(1);

    const dropped = client([new TypeError('Failed to fetch'), json(201, {})]);
    await expect(dropped.http.request({ method: 'POST', url: URL_ACCOUNT, form: {} })).rejects.toMatchObject({ kind: 'network' });
    expect(dropped.calls).toHaveLength(1);

    const limited = client([json(429, {}), json(201, { sid: 'SM1' })]);
    await expect(limited.http.request({ method: 'POST', url: URL_ACCOUNT, form: {} })).resolves.toEqual({ sid: 'SM1' });
    expect(limited.calls).toHaveLength(2);
  });

  it('turns a network failure and a malformed body into typed errors, retried for GETs', async () => {
    const { http, calls } = client([new TypeError('Failed to fetch'), () => new Response('{"messages": [', { status: 200 }), json(200, { fine: true })]);
    await expect(http.request({ method: 'GET', url: URL_ACCOUNT })).resolves.toEqual({ fine: true });
    expect(calls).toHaveLength(3);

    const malformed = client(Array.from({ length: 4 }, () => () => new Response('not json', { status: 200 })));
    await expect(malformed.http.request({ method: 'GET', url: URL_ACCOUNT })).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('times out a request that never answers', async () => {
    const hanging = ((_url: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      })) as unknown as typeof fetch;
    const http = createTwilioHttp({
      credentials: { accountSid: ACCOUNT, secret: 't' },
      fetch: hanging,
      timeoutMs: 20,
      retry: { ...DEFAULT_RETRY, attempts: 1 },
    });
    await expect(http.request({ method: 'GET', url: URL_ACCOUNT })).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('stops when the caller aborts, without retrying', async () => {
    const controller = new AbortController();
    const { http, calls } = client([json(503, {}), json(200, {})], {
      sleep: async () => {
        controller.abort();
        throw new Error('aborted');
      },
    });
    await expect(http.request({ method: 'GET', url: URL_ACCOUNT, signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
    expect(calls).toHaveLength(1);
  });
});

describe('retry policy', () => {
  const error = (init: ConstructorParameters<typeof TwilioError>[0]) => new TwilioError(init);
  it.each([
    ['GET 500', error({ kind: 'http', status: 500, message: '' }), true, true],
    ['GET 503', error({ kind: 'http', status: 503, message: '' }), true, true],
    ['GET 429', error({ kind: 'http', status: 429, message: '' }), true, true],
    ['GET 400', error({ kind: 'http', status: 400, message: '' }), true, false],
    ['GET 401', error({ kind: 'http', status: 401, message: '' }), true, false],
    ['GET 403', error({ kind: 'http', status: 403, message: '' }), true, false],
    ['GET 404', error({ kind: 'http', status: 404, message: '' }), true, false],
    ['GET timeout', error({ kind: 'timeout', message: '' }), true, true],
    ['GET network', error({ kind: 'network', message: '' }), true, true],
    ['POST 500', error({ kind: 'http', status: 500, message: '' }), false, false],
    ['POST timeout', error({ kind: 'timeout', message: '' }), false, false],
    ['POST 429', error({ kind: 'http', status: 429, message: '' }), false, true],
    ['aborted', error({ kind: 'aborted', message: '' }), true, false],
  ])('%s → retry %s', (_name, err, idempotent, expected) => {
    expect(isRetryable(err, idempotent)).toBe(expected);
  });

  it('caps the backoff and gives up on a Retry-After beyond the limit', () => {
    const plain = error({ kind: 'http', status: 503, message: '' });
    expect(retryDelayMs(DEFAULT_RETRY, 10, plain, () => 0.999)).toBeLessThanOrEqual(DEFAULT_RETRY.maxDelayMs);
    expect(retryDelayMs(DEFAULT_RETRY, 0, plain, () => 0)).toBe(0);
    const tooLong = error({ kind: 'http', status: 429, message: '', retryAfterMs: DEFAULT_RETRY.maxRetryAfterMs + 1 });
    expect(retryDelayMs(DEFAULT_RETRY, 0, tooLong, () => 0.5)).toBeUndefined();
  });
});
