import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../../fake-twilio/seeds/demo';
import { freshDb, httpAgainst } from '../helpers/fake-http';
import { WINDOW_BUCKETS, getDb } from '@/lib/db/schema';
import { windowsRepo } from '@/lib/window/repo';
import { syncRepo } from '@/lib/sync/repo';
import { refreshContact, syncWindows } from '@/lib/window/sync';
import { CLOSE_EARLY_MS } from '@/lib/window/rule';

const H = 3_600_000;
// Mid-afternoon GMT, so "24 h ago" falls on the previous GMT day: Twilio's day filter returns more than we need.
const START = Date.parse('2026-11-25T15:00:00Z');
const SALES = DEMO_SENDERS[0].number;

let fake: FakeTwilio;
let now: number;
const clock = () => now;
const advance = (ms: number) => {
  now += ms;
  fake.control.setClock({ now });
};
const messageRequests = () => fake.control.requests().filter((r) => r.path.endsWith('/Messages.json'));

beforeEach(async () => {
  await freshDb();
  now = START;
  fake = await startFakeTwilio({ seed: 'demo', now: START });
});
afterEach(() => fake.close());

describe('syncWindows', () => {
  it('records each contact’s newest reply of the last 24 h, and nothing older', async () => {
    const result = await syncWindows({ epoch: 0, http: httpAgainst(fake), sender: SALES, now: clock });
    expect(await windowsRepo.get(SALES, DEMO_CONTACTS.mari.number)).toMatchObject({ lastInboundAt: START - 3 * H, checkedAt: START });
    expect(await windowsRepo.get(SALES, DEMO_CONTACTS.lucia.number)).toMatchObject({ lastInboundAt: START - 23 * H });
    expect(await windowsRepo.get(SALES, DEMO_CONTACTS.jonas.number)).toMatchObject({ lastInboundAt: START - 2 * H });
    // João last wrote 30 h ago, Ann never: nothing on record, and the sync's coverage says "closed".
    expect(await windowsRepo.get(SALES, DEMO_CONTACTS.joao.number)).toBeUndefined();
    expect(await windowsRepo.get(SALES, DEMO_CONTACTS.ann.number)).toBeUndefined();
    expect(await syncRepo.get('windows')).toMatchObject({ sender: SALES, coveredUntil: START, lastSuccessAt: START });
    expect(result.contacts).toBe(3);

    // One filter: To our sender, from the GMT day of 24 h ago (Twilio compares days, we compare exact times).
    const [first] = messageRequests();
    expect(first!.query).toMatchObject({ To: `whatsapp:${SALES}`, 'DateSent>': '2026-11-24T15:00:00Z', PageSize: '1000' });
  });

  it('costs one request when nothing is new', async () => {
    await syncWindows({ epoch: 0, http: httpAgainst(fake), sender: SALES, now: clock });
    fake.control.clearRequests();
    advance(5 * 60_000);
    const result = await syncWindows({ epoch: 0, http: httpAgainst(fake), sender: SALES, now: clock });
    expect(messageRequests()).toHaveLength(1);
    expect(result).toMatchObject({ requests: 1, inbound: 0, updated: 0 });
    // Resumes 5 minutes before the previous sync, not 24 h back.
    expect(messageRequests()[0]!.query['DateSent>']).toBe('2026-11-25T14:55:00Z');
  });

  it('picks up a new reply, and reopens a closed window', async () => {
    await syncWindows({ epoch: 0, http: httpAgainst(fake), sender: SALES, now: clock });
    advance(60_000);
    fake.control.addInbound({ from: DEMO_CONTACTS.joao.number, body: 'Ainda tenho interesse!' });
    advance(60_000);
    const result = await syncWindows({ epoch: 0, http: httpAgainst(fake), sender: SALES, now: clock });
    expect(result).toMatchObject({ updated: 1, contacts: 1 });
    expect(await windowsRepo.get(SALES, DEMO_CONTACTS.joao.number)).toMatchObject({ lastInboundAt: START + 60_000 });
  });

  it('stops paging at the cutoff, however many older messages the day holds', async () => {
    // 30 replies from earlier today, before the previous sync: Twilio's day filter returns them, we must not page through.
    for (let i = 0; i < 30; i++) fake.control.addInbound({ from: DEMO_CONTACTS.mari.number, body: `old ${i}`, at: START - 2 * H + i * 1000 });
    await syncWindows({ epoch: 0, http: httpAgainst(fake), sender: SALES, now: clock, pageSize: 5 });
    fake.control.clearRequests();
    advance(10 * 60_000);
    fake.control.addInbound({ from: DEMO_CONTACTS.ann.number, body: 'Hello!' });
    const result = await syncWindows({ epoch: 0, http: httpAgainst(fake), sender: SALES, now: clock, pageSize: 5 });
    expect(result).toMatchObject({ requests: 1, inbound: 1 });
    expect(await windowsRepo.get(SALES, DEMO_CONTACTS.ann.number)).toMatchObject({ lastInboundAt: START + 10 * 60_000 });
  });

  it('never moves a window back', async () => {
    await syncWindows({ epoch: 0, http: httpAgainst(fake), sender: SALES, now: clock });
    await windowsRepo.mergeInbound(0, SALES, new Map([[DEMO_CONTACTS.mari.number, { at: START - 10 * H, sid: 'SMold' }]]), START + 1);
    expect(await windowsRepo.get(SALES, DEMO_CONTACTS.mari.number)).toMatchObject({ lastInboundAt: START - 3 * H, checkedAt: START + 1 });
  });

  it('starts from the full 24 h again for another sender', async () => {
    await syncWindows({ epoch: 0, http: httpAgainst(fake), sender: SALES, now: clock });
    fake.control.clearRequests();
    const support = DEMO_SENDERS[1].number;
    await syncWindows({ epoch: 0, http: httpAgainst(fake), sender: support, now: clock });
    expect(messageRequests()[0]!.query).toMatchObject({ To: `whatsapp:${support}`, 'DateSent>': '2026-11-24T15:00:00Z' });
  });

  it('keeps what it had when Twilio fails mid-sync', async () => {
    await syncWindows({ epoch: 0, http: httpAgainst(fake), sender: SALES, now: clock });
    const before = await windowsRepo.get(SALES, DEMO_CONTACTS.mari.number);
    fake.control.setFault({ path: '/2010-04-01/', status: 503 });
    advance(60_000);
    await expect(syncWindows({ epoch: 0, http: httpAgainst(fake), sender: SALES, now: clock })).rejects.toMatchObject({ status: 503 });
    expect(await windowsRepo.get(SALES, DEMO_CONTACTS.mari.number)).toEqual(before);
    expect((await syncRepo.get('windows')).coveredUntil).toBe(START);
  });
});

describe('syncWindows paging', () => {
  it('reads ahead only while the pages stay inside the cutoff: no request it does not read', async () => {
    // 12 replies since the previous sync, 30 from before it (Twilio's day filter returns those too).
    for (let i = 0; i < 30; i++) fake.control.addInbound({ from: DEMO_CONTACTS.mari.number, body: `old ${i}`, at: START - 2 * H + i * 1000 });
    await syncWindows({ epoch: 0, http: httpAgainst(fake), sender: SALES, now: clock });
    advance(10 * 60_000);
    for (let i = 0; i < 12; i++) fake.control.addInbound({ from: DEMO_CONTACTS.ann.number, body: `new ${i}`, at: now - i * 1000 });
    fake.control.clearRequests();
    const result = await syncWindows({ epoch: 0, http: httpAgainst(fake), sender: SALES, now: clock, pageSize: 5 });
    expect(result).toMatchObject({ requests: 3, inbound: 12 });
    await new Promise((r) => setTimeout(r, 100)); // anything fetched ahead and dropped would have landed by now
    expect(messageRequests()).toHaveLength(result.requests);
  });
});

describe('windowsRepo', () => {
  const contact = (i: number) => `+3725${String(i).padStart(7, '0')}`;

  it('keeps 3,000 contacts in at most 64 records and finds each one', async () => {
    const newest = new Map(Array.from({ length: 3_000 }, (_, i) => [contact(i), { at: START - i * 10_000, sid: `SM${i}` }]));
    expect(await windowsRepo.mergeInbound(0, SALES, newest, START)).toBe(3_000);
    const buckets = await (await getDb()).getAll('windowBuckets');
    expect(buckets.length).toBeLessThanOrEqual(WINDOW_BUCKETS);
    expect(await windowsRepo.allOf(SALES)).toHaveLength(3_000);
    for (const i of [0, 1, 1_499, 2_999]) {
      expect(await windowsRepo.get(SALES, contact(i))).toEqual({ sender: SALES, contact: contact(i), lastInboundAt: START - i * 10_000, lastInboundSid: `SM${i}`, checkedAt: START });
    }
    expect(await windowsRepo.get(DEMO_SENDERS[1].number, contact(0))).toBeUndefined();
    // Now is 24 h (less the minute we close early) after contact 100 wrote: closing within 10 minutes are contacts 99 down to 40, soonest first.
    const closing = await windowsRepo.closingSoon(SALES, START + 24 * H - CLOSE_EARLY_MS - 100 * 10_000, 10 * 60_000);
    expect(closing.map((w) => w.contact)).toEqual(Array.from({ length: 60 }, (_, k) => contact(99 - k)));
  });

  it('never moves a window back, and a check without a reply keeps the last one', async () => {
    await windowsRepo.mergeInbound(0, SALES, new Map([[contact(1), { at: START, sid: 'SMnew' }]]), START);
    await windowsRepo.mergeInbound(0, SALES, new Map([[contact(1), { at: START - H, sid: 'SMold' }]]), START + 5);
    await windowsRepo.markChecked(0, SALES, contact(1), START + 9);
    expect(await windowsRepo.get(SALES, contact(1))).toEqual({ sender: SALES, contact: contact(1), lastInboundAt: START, lastInboundSid: 'SMnew', checkedAt: START + 9 });
  });
});

describe('refreshContact', () => {
  it('asks about one contact with one request', async () => {
    await refreshContact(0, httpAgainst(fake), SALES, DEMO_CONTACTS.lucia.number, clock);
    expect(messageRequests()).toHaveLength(1);
    expect(messageRequests()[0]!.query).toMatchObject({ From: `whatsapp:${DEMO_CONTACTS.lucia.number}`, To: `whatsapp:${SALES}` });
    expect(await windowsRepo.get(SALES, DEMO_CONTACTS.lucia.number)).toMatchObject({ lastInboundAt: START - 23 * H, checkedAt: START });
  });

  it('remembers it checked a contact who has not written', async () => {
    await refreshContact(0, httpAgainst(fake), SALES, DEMO_CONTACTS.joao.number, clock);
    const record = await windowsRepo.get(SALES, DEMO_CONTACTS.joao.number);
    expect(record).toEqual({ sender: SALES, contact: DEMO_CONTACTS.joao.number, checkedAt: START });
  });
});
