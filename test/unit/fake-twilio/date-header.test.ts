import { describe, expect, it } from 'vitest';
import { useSharedFake } from '../helpers/fake-http';
import { DEMO_CONTACTS, DEMO_CREDENTIALS } from '../../fake-twilio/seeds/demo';
import { SAMPLE_PNG, sampleMedia } from '../../fake-twilio/seeds/media-samples';

/**
 * Twilio's `Date` header is the fake clock's, not the machine's: a client that reads the server's time
 * (to judge a window's end or a link's age) must see the time the test set.
 */
const NOW = Date.parse('2026-03-10T12:00:00Z');
const ACCOUNT = DEMO_CREDENTIALS.accountSid;
const MESSAGES = `/2010-04-01/Accounts/${ACCOUNT}/Messages`;
const AUTH = { Authorization: `Basic ${btoa(`${ACCOUNT}:${DEMO_CREDENTIALS.authToken}`)}` };
/** RFC 7231 IMF-fixdate */
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

const fakeOf = useSharedFake(NOW);

const dateOf = async (path: string, headers: Record<string, string> = AUTH): Promise<string | null> => {
  const response = await fetch(fakeOf().url + path, { headers, redirect: 'manual' });
  await response.arrayBuffer();
  return response.headers.get('date');
};

describe('the Date header follows the fake clock', () => {
  it('is the frozen instant in RFC 7231 form, not the machine’s time', async () => {
    const date = await dateOf(`${MESSAGES}.json?PageSize=1`);
    expect(date).toBe('Tue, 10 Mar 2026 12:00:00 GMT');
    expect(date).toMatch(IMF_FIXDATE);
  });

  it('moves when the clock is moved over the control API, and when it is set anew', async () => {
    await fetch(`${fakeOf().url}/__fake/clock`, { method: 'PUT', body: JSON.stringify({ advanceMs: 90_000 }) });
    expect(await dateOf(`/2010-04-01/Accounts/${ACCOUNT}.json`)).toBe('Tue, 10 Mar 2026 12:01:30 GMT');
    fakeOf().control.setClock({ now: Date.parse('2027-01-01T00:00:00.999Z') });
    expect(await dateOf('/v1/ContentAndApprovals?PageSize=1')).toBe('Fri, 01 Jan 2027 00:00:00 GMT');
  });

  it('on a real but shifted clock, it is real time plus the shift', async () => {
    fakeOf().control.setClock({ real: true });
    fakeOf().control.setClock({ advanceMs: 10 * 86_400_000 });
    const date = Date.parse((await dateOf('/v2/Channels/Senders?Channel=whatsapp')) ?? '');
    expect(Math.abs(date - (Date.now() + 10 * 86_400_000))).toBeLessThan(5_000);
  });

  it('is on error answers, fault answers, redirects and the CDN too', async () => {
    const expected = 'Tue, 10 Mar 2026 12:00:00 GMT';
    expect(await dateOf(`${MESSAGES}.json`, {})).toBe(expected); // 401
    expect(await dateOf('/2010-04-01/Calls.json')).toBe(expected); // 404
    expect(await dateOf(`${MESSAGES}.json?PageSize=0`)).toBe(expected); // 400

    fakeOf().control.setFault({ path: '/v1/', status: 503, count: 1 });
    expect(await dateOf('/v1/Content')).toBe(expected);
    fakeOf().control.setFault({ path: '/v1/', malformed: true, count: 1 });
    expect(await dateOf('/v1/Content')).toBe(expected);

    const message = fakeOf().control.addInbound({ from: DEMO_CONTACTS.ann.number, body: '', media: [sampleMedia(SAMPLE_PNG)] });
    const list = (await (await fetch(`${fakeOf().url}${MESSAGES}/${message.sid}/Media.json`, { headers: AUTH })).json()) as {
      media_list: Array<{ sid: string }>;
    };
    const redirect = await fetch(`${fakeOf().url}${MESSAGES}/${message.sid}/Media/${list.media_list[0]!.sid}`, {
      headers: AUTH,
      redirect: 'manual',
    });
    expect(redirect.headers.get('date')).toBe(expected);
    expect(await dateOf(new URL(redirect.headers.get('location')!).pathname, {})).toBe(expected);
  });
});
