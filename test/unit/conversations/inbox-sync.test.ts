import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../../fake-twilio/seeds/demo';
import { freshDb, httpAgainst } from '../helpers/fake-http';
import { resetAccount } from '@/lib/db/reset';
import { byNewest } from '@/lib/conversations/inbox';
import { inboxRepo } from '@/lib/conversations/inbox-repo';
import { syncConversations } from '@/lib/conversations/inbox-sync';
import { StaleAccountError } from '@/lib/account/repo';
import { syncRepo } from '@/lib/sync/repo';
import { windowsRepo } from '@/lib/window/repo';

const H = 3_600_000;
const DAY = 24 * H;
const START = Date.parse('2026-11-25T15:00:00Z');
const SALES = DEMO_SENDERS[0].number;
const { mari, lucia, joao, ann, jonas } = DEMO_CONTACTS;

let fake: FakeTwilio;
let now: number;
const clock = () => now;
const advance = (ms: number) => {
  now += ms;
  fake.control.setClock({ now });
};
const messageRequests = () => fake.control.requests().filter((r) => r.path.endsWith('/Messages.json'));
const sync = (options: { days?: number; pageSize?: number } = {}) => syncConversations({ epoch: 0, http: httpAgainst(fake), sender: SALES, now: clock, ...options });
const numbers = async () => (await inboxRepo.entries(SALES)).sort(byNewest).map((entry) => entry.number);

beforeEach(async () => {
  await freshDb();
  now = START;
  fake = await startFakeTwilio({ seed: 'demo', now: START });
});
afterEach(() => fake.close());

describe('syncConversations', () => {
  it('files both of Twilio’s lists under each customer, newest first, the period’s only, all read at the first look', async () => {
    const result = await sync();
    // The Support sender's customer is not Sales' conversation.
    expect(await numbers()).toEqual([jonas.number, mari.number, lucia.number, joao.number, ann.number]);
    const mariEntry = (await inboxRepo.entries(SALES)).find((entry) => entry.number === mari.number)!;
    expect(mariEntry).toMatchObject({ lastDirection: 'outbound', lastText: 'Tere, Mari! Jah, see läks täna hommikul teele.', lastInboundAt: START - 3 * H, unreadSids: [] });
    expect(result.arrivals).toEqual([]);
    // The first look, back to Twilio's whole second: a message of that second is news.
    expect(await syncRepo.get('conversations')).toMatchObject({ sender: SALES, coveredUntil: START, firstSeenAt: START - 1, days: 7 });
    // One request per list, both from the GMT day of the period's start.
    expect(messageRequests().map((r) => [r.query.To ?? null, r.query.From ?? null, r.query['DateSent>']])).toEqual(
      expect.arrayContaining([[`whatsapp:${SALES}`, null, '2026-11-18T15:00:00Z'], [null, `whatsapp:${SALES}`, '2026-11-18T15:00:00Z']]),
    );
    // The customers' messages move their windows too.
    expect(await windowsRepo.get(SALES, mari.number)).toMatchObject({ lastInboundAt: START - 3 * H });
  });

  it('costs two requests when nothing is new, whatever the number of conversations', async () => {
    await sync();
    fake.control.clearRequests();
    advance(60_000);
    const result = await sync();
    expect(messageRequests()).toHaveLength(2);
    expect(result).toMatchObject({ requests: 2, changed: 0, arrivals: [] });
    // Resumes 5 minutes before the last sync.
    expect(messageRequests().every((r) => r.query['DateSent>'] === '2026-11-25T14:55:00Z')).toBe(true);
  });

  it('pages through a busy week, and a quiet sync after it still costs two requests', async () => {
    for (let i = 0; i < 120; i++) fake.control.addInbound({ from: `+3725${String(1000000 + i)}`, to: SALES, body: `Tere ${i}`, at: START - (i + 1) * H });
    const result = await sync({ pageSize: 50 });
    expect(result.requests).toBeGreaterThan(2);
    expect(await inboxRepo.entries(SALES)).toHaveLength(125);
    fake.control.clearRequests();
    advance(60_000);
    await sync({ pageSize: 50 });
    expect(messageRequests()).toHaveLength(2);
  });

  it('counts what comes after the first look as unread arrivals, once', async () => {
    await sync();
    advance(60_000);
    const message = fake.control.addInbound({ from: mari.number, body: 'Kas saate helistada?\nTäna' });
    const first = await sync();
    expect(first.arrivals).toEqual([{ contact: mari.number, number: mari.number, sid: message.sid, at: now, text: 'Kas saate helistada?' }]);
    advance(60_000);
    expect((await sync()).arrivals).toEqual([]); // read again in the overlap: not new again
    expect((await inboxRepo.entries(SALES)).find((entry) => entry.number === mari.number)!.unreadSids).toEqual([message.sid]);
  });

  it('a longer period reads the older conversations once, as already read', async () => {
    await sync({ days: 1 });
    expect(await numbers()).toEqual([jonas.number, mari.number, lucia.number]);
    advance(60_000);
    const result = await sync({ days: 7 });
    expect(await numbers()).toEqual([jonas.number, mari.number, lucia.number, joao.number, ann.number]);
    expect(result.arrivals).toEqual([]);
  });

  it('lets conversations older than the period go', async () => {
    await sync();
    advance(3 * DAY);
    await sync({ days: 2 });
    expect(await numbers()).not.toContain(ann.number);
  });

  it('stores nothing for an account that was replaced meanwhile', async () => {
    const running = sync();
    await resetAccount({ accountSid: 'AC00000000000000000000000000000002' });
    await expect(running).rejects.toBeInstanceOf(StaleAccountError);
    expect(await inboxRepo.entries(SALES)).toEqual([]);
  });
});
