import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../../fake-twilio/seeds/demo';
import { freshDb, httpAgainst } from '../helpers/fake-http';
import { visibleMessages } from '@/lib/conversations/thread';
import { readThread } from '@/lib/conversations/thread-sync';
import type { ThreadRecord } from '@/lib/db/schema';

const START = Date.parse('2026-11-25T15:00:00Z');
const MIN = 60_000;
const SALES = DEMO_SENDERS[0].number;
const MARI = DEMO_CONTACTS.mari.number;

let fake: FakeTwilio;
const now = () => START;
beforeEach(async () => {
  await freshDb();
  fake = await startFakeTwilio({ seed: 'demo', now: START });
});
afterEach(() => fake.close());

/** The fake's conversation between Sales and these addresses, oldest first, as SID + direction. */
function fakeConversation(...numbers: string[]) {
  const them = new Set(numbers.map((n) => `whatsapp:${n}`));
  return fake.control
    .messages()
    .filter((m) => (m.from === `whatsapp:${SALES}` && them.has(m.to)) || (m.to === `whatsapp:${SALES}` && them.has(m.from)))
    .reverse()
    .map((m) => [m.sid, m.direction === 'inbound' ? 'inbound' : 'outbound']);
}
const shown = (record: ThreadRecord, limit = 50) => visibleMessages(record.messages, record.streams, limit).messages.map((m) => [m.sid, m.direction]);
const read = (cached: ThreadRecord | undefined, contact: string, limit: number, refresh: boolean) =>
  readThread(cached, { http: httpAgainst(fake), sender: SALES, contact, now, limit, refresh });

describe('readThread', () => {
  it('reads both directions of a conversation, merged oldest first, in one request per direction', async () => {
    const { record, requests } = await read(undefined, MARI, 50, true);
    expect(shown(record)).toEqual(fakeConversation(MARI));
    expect(shown(record).map(([, d]) => d)).toEqual(['inbound', 'inbound', 'inbound', 'outbound']);
    expect(requests).toBe(2);
    const queries = fake.control.requests().map((r) => r.query);
    expect(queries).toContainEqual(expect.objectContaining({ From: `whatsapp:${MARI}`, To: `whatsapp:${SALES}` }));
    expect(queries).toContainEqual(expect.objectContaining({ From: `whatsapp:${SALES}`, To: `whatsapp:${MARI}` }));
  });

  it('polls at the cost of two requests when nothing is new, and picks up a new message when there is one', async () => {
    const first = await read(undefined, MARI, 50, true);
    fake.control.clearRequests();
    const quiet = await read(first.record, MARI, 50, true);
    expect(quiet.requests).toBe(2);
    expect(quiet.added).toEqual([]);

    const reply = fake.control.addInbound({ from: MARI, body: 'Veel üks küsimus', at: START - MIN });
    const next = await read(quiet.record, MARI, 50, true);
    expect(next.added.map((m) => m.sid)).toEqual([reply.sid]);
    expect(shown(next.record).at(-1)).toEqual([reply.sid, 'inbound']);
  });

  it('answers from the cache without asking Twilio when not refreshing', async () => {
    const first = await read(undefined, MARI, 50, true);
    fake.control.clearRequests();
    const cached = await read(first.record, MARI, 50, false);
    expect(cached.requests).toBe(0);
    expect(fake.control.requests()).toEqual([]);
  });

  it('shows the newest 50 of both directions first and pages further back exactly', async () => {
    for (let i = 0; i < 120; i++) fake.control.addInbound({ from: MARI, body: `message ${i}`, at: START - (200 - i) * MIN });
    const all = fakeConversation(MARI);
    const first = await read(undefined, MARI, 50, true);
    expect(shown(first.record, 50)).toEqual(all.slice(-50));
    expect(visibleMessages(first.record.messages, first.record.streams, 50).hasEarlier).toBe(true);

    const more = await read(first.record, MARI, 100, false);
    expect(shown(more.record, 100)).toEqual(all.slice(-100));
    const everything = await read(more.record, MARI, 1_000, false);
    expect(shown(everything.record, 1_000)).toEqual(all);
    expect(visibleMessages(everything.record.messages, everything.record.streams, 1_000).hasEarlier).toBe(false);
  });

  it('finds a Mexican customer under the +521 form WhatsApp uses, from the +52 form Pipedrive shows', async () => {
    const message = fake.control.addInbound({ from: '+5215512345678', body: 'Hola', at: START - 10 * MIN });
    const first = await read(undefined, '+525512345678', 50, true);
    expect(shown(first.record)).toEqual([[message.sid, 'inbound']]);
    expect(first.record.messages[0]!.address).toBe('whatsapp:+5215512345678');
    // Afterwards a quiet poll asks only where the conversation lives: one stream per direction.
    fake.control.clearRequests();
    expect((await read(first.record, '+525512345678', 50, true)).requests).toBe(2);
  });

  it('joins up again after more new messages than one poll page', async () => {
    const first = await read(undefined, MARI, 50, true);
    for (let i = 0; i < 45; i++) fake.control.addInbound({ from: MARI, body: `burst ${i}`, at: START - 60 * MIN + i * 1_000 });
    const next = await read(first.record, MARI, 100, true);
    expect(shown(next.record, 100)).toEqual(fakeConversation(MARI));
  });
});
