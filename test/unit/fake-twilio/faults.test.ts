import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';

/** Injected faults, as a client's retry/timeout code will meet them. */
let fake: FakeTwilio;
let auth: string;
let messagesPath: string;

beforeAll(async () => {
  fake = await startFakeTwilio({ seed: 'demo' });
  auth = `Basic ${btoa(`${fake.credentials.accountSid}:${fake.credentials.authToken}`)}`;
  messagesPath = `/2010-04-01/Accounts/${fake.credentials.accountSid}/Messages.json`;
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.control.reset();
});

const twilioGet = (path: string, init: RequestInit = {}): Promise<Response> =>
  fetch(fake.url + path, { ...init, headers: { Authorization: auth } });

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

describe('faults', () => {
  it('answers a status with a Twilio error body and Retry-After, for `count` requests only', async () => {
    fake.control.setFault({ path: '/2010-04-01/', status: 429, retryAfter: 3, count: 2 });

    for (let i = 0; i < 2; i++) {
      const response = await twilioGet(messagesPath);
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('3');
      expect(await response.json()).toEqual({
        code: 20429,
        message: 'Too Many Requests',
        more_info: 'https://www.twilio.com/docs/errors/20429',
        status: 429,
      });
    }
    expect((await twilioGet(messagesPath)).status).toBe(200);
    expect(fake.control.listFaults()).toEqual([]);
    expect(fake.control.requests().map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('lets the first `after` matching requests through (a failure on the second page)', async () => {
    fake.control.setFault({ path: '/v1/ContentAndApprovals', status: 500, after: 1, count: 1 });
    expect((await twilioGet('/v1/ContentAndApprovals')).status).toBe(200);
    expect((await twilioGet('/v1/ContentAndApprovals')).status).toBe(500);
    expect((await twilioGet('/v1/ContentAndApprovals')).status).toBe(200);
  });

  it('counts down in the fault list', async () => {
    const fault = fake.control.setFault({ path: '/v1/', status: 503, count: 3 });
    await twilioGet('/v1/Content');
    expect(fake.control.listFaults()).toEqual([{ ...fault, remaining: 2 }]);
  });

  it('derives the code from the status unless given, and takes a custom message', async () => {
    fake.control.setFault({ path: '/v1/Content', status: 500, count: 1 });
    fake.control.setFault({ path: '/v1/Content', status: 400, code: 21656, message: 'Custom', count: 1 });
    expect(await (await twilioGet('/v1/Content')).json()).toMatchObject({ code: 20500, status: 500 });
    expect(await (await twilioGet('/v1/Content')).json()).toMatchObject({ code: 21656, message: 'Custom', status: 400 });
  });

  it('applies to one method only when told', async () => {
    fake.control.setFault({ path: messagesPath, method: 'post', status: 500 });
    expect((await twilioGet(messagesPath)).status).toBe(200);
    const post = await fetch(fake.url + messagesPath, { method: 'POST', headers: { Authorization: auth }, body: '' });
    expect(post.status).toBe(500);
  });

  it('matches a RegExp source (a string starting with ^, or a RegExp)', async () => {
    fake.control.setFault({ path: '^/v1/Content/HX[0-9a-f]+$', status: 503 });
    fake.control.setFault({ path: /\/Channels\/Senders$/, status: 502 });
    expect((await twilioGet('/v1/Content')).status).toBe(200);
    expect((await twilioGet(`/v1/Content/HX${'0'.repeat(32)}`)).status).toBe(503);
    expect((await twilioGet('/v2/Channels/Senders?Channel=whatsapp')).status).toBe(502);
  });

  it('sends a malformed JSON body that clients fail to parse', async () => {
    fake.control.setFault({ path: messagesPath, malformed: true, count: 1 });
    const response = await twilioGet(messagesPath);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const text = await response.text();
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });

  it('drops the connection without an answer, and logs it with status null', async () => {
    fake.control.setFault({ path: '/2010-04-01/', drop: true, count: 1 });
    await expect(twilioGet(messagesPath)).rejects.toThrow();
    expect(fake.control.requests()).toEqual([expect.objectContaining({ path: messagesPath, status: null })]);
    expect((await twilioGet(messagesPath)).status).toBe(200);
  });

  it('delays an otherwise normal answer', async () => {
    fake.control.setFault({ path: '/v1/ContentAndApprovals', delayMs: 80, count: 1 });
    const { value, ms } = await timed(() => twilioGet('/v1/ContentAndApprovals'));
    expect(value.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(75);
  });

  it('delays and then fails when both are given', async () => {
    fake.control.setFault({ path: '/v1/', delayMs: 60, status: 503, count: 1 });
    const { value, ms } = await timed(() => twilioGet('/v1/Content'));
    expect(value.status).toBe(503);
    expect(ms).toBeGreaterThanOrEqual(55);
  });

  it('global latency slows every Twilio request, not the control API', async () => {
    fake.control.setLatency(80);
    expect((await timed(() => twilioGet('/v1/Content'))).ms).toBeGreaterThanOrEqual(75);
    fake.control.setLatency(5_000);
    expect((await timed(() => fetch(`${fake.url}/__fake/clock`))).ms).toBeLessThan(2_000);
  });
});
