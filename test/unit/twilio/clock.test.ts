import { describe, expect, it } from 'vitest';
import { CLOCK_SAMPLES, clockOffsetMs, createServerClock } from '@/lib/twilio/clock';
import { createTwilioHttp } from '@/lib/twilio/http';

const T = Date.parse('2026-12-02T10:00:00Z');

describe('Twilio’s clock from its Date headers', () => {
  it.each([
    ['no answer yet: the browser’s clock', [], 0],
    ['Twilio 90 s ahead (header truncated to the second, mid-second added)', [{ serverMs: T + 90_000, localMs: T + 300 }], 90_000 - 300 + 500],
    ['Twilio 2 min behind', [{ serverMs: T - 120_000, localMs: T }], -120_000 + 500],
    ['the best lower bound wins: a slow answer says less', [{ serverMs: T + 10_000, localMs: T + 2_000 }, { serverMs: T + 10_000, localMs: T + 100 }], 10_000 - 100 + 500],
  ])('%s', (_name, samples, expected) => {
    expect(clockOffsetMs(samples)).toBe(expected);
  });

  it('follows a corrected clock within CLOCK_SAMPLES answers', () => {
    let local = T;
    const clock = createServerClock(() => local);
    for (let i = 0; i < CLOCK_SAMPLES; i++) clock.note(T + 60_000 + i * 1_000, T + i * 1_000);
    expect(clock.offsetMs()).toBe(60_500);
    for (let i = 0; i < CLOCK_SAMPLES; i++) clock.note(T + 100_000 + i * 1_000, T + 100_000 + i * 1_000);
    expect(clock.offsetMs()).toBe(500);
    local = T + 5_000;
    expect(clock.now()).toBe(T + 5_500);
  });

  it('the client hears every answer’s Date header, errors included', async () => {
    const heard: number[] = [];
    const http = createTwilioHttp({
      credentials: { accountSid: 'AC' + '0'.repeat(32), secret: 's' },
      now: () => T,
      onServerDate: (serverMs, localMs) => heard.push(serverMs - localMs),
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
      fetch: async (input) =>
        String(input).includes('fail')
          ? new Response('{"code":20404,"message":"nope","status":404}', { status: 404, headers: { Date: 'Wed, 02 Dec 2026 10:01:00 GMT' } })
          : new Response('{}', { headers: { Date: 'Wed, 02 Dec 2026 10:00:30 GMT' } }),
    });
    await http.request({ method: 'GET', url: 'https://api.twilio.com/ok' });
    await http.request({ method: 'GET', url: 'https://api.twilio.com/fail' }).catch(() => undefined);
    expect(heard).toEqual([30_000, 60_000]);
  });
});
