import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../../fake-twilio/seeds/demo';
import { addApprovedText, httpAgainst } from '../helpers/fake-http';
import { CLOCK_SKEW_MS, POST_WINDOW_MS, lookUpSend, matchSend, type UnconfirmedSend } from '@/lib/sends/lookup';
import { sendTemplate, type Message } from '@/lib/twilio/messages';

const START = Date.parse('2026-11-25T15:00:00Z');
const SALES = DEMO_SENDERS[0].number;
const SUPPORT = DEMO_SENDERS[1].number;
const JOAO = DEMO_CONTACTS.joao.number;
const ANN = DEMO_CONTACTS.ann.number;

describe('matchSend (pure)', () => {
  const send: UnconfirmedSend = { sender: SALES, contact: JOAO, createdAt: START, body: 'Hi João, order B-77' };
  const message = (over: Partial<Message>): Message => ({
    sid: 'SM00000000000000000000000000000001',
    from: `whatsapp:${SALES}`,
    to: `whatsapp:${JOAO}`,
    direction: 'outbound-api',
    status: 'delivered',
    sentAt: START + 1_000,
    createdAt: START + 1_000,
    errorCode: undefined,
    errorMessage: undefined,
    body: 'Hi João, order B-77',
    numMedia: 0,
    ...over,
  });
  const none = new Set<string>();
  const later = START + 10_000;

  it.each([
    ['our message, a second after the POST', [message({})], 'found'],
    ['our message, within the clock skew before the POST', [message({ createdAt: START - CLOCK_SKEW_MS + 1 })], 'found'],
    ['an inbound message', [message({ direction: 'inbound', from: `whatsapp:${JOAO}`, to: `whatsapp:${SALES}` })], 'not-yet'],
    ['from the other sender', [message({ from: `whatsapp:${SUPPORT}` })], 'not-yet'],
    ['to another contact', [message({ to: `whatsapp:${ANN}` })], 'not-yet'],
    ['older than the skew allows', [message({ createdAt: START - CLOCK_SKEW_MS - 1 })], 'not-yet'],
    ['after the POST’s window', [message({ createdAt: START + POST_WINDOW_MS + CLOCK_SKEW_MS + 1 })], 'not-yet'],
    ['still queued (no date_sent yet), created a second after the POST', [message({ sentAt: 0, status: 'queued' })], 'found'],
    ['sent late, created in time', [message({ sentAt: START + POST_WINDOW_MS + CLOCK_SKEW_MS + 60_000 })], 'found'],
    ['one fitting with another text (someone else on the shared sender)', [message({ body: 'Hello from the support team' })], 'ambiguous'],
    ['two fitting, one with our text', [message({}), message({ sid: 'SM00000000000000000000000000000002', body: 'Other text' })], 'found'],
    ['two fitting, both with our text', [message({}), message({ sid: 'SM00000000000000000000000000000002' })], 'ambiguous'],
    ['two fitting, neither with our text', [message({ body: 'A' }), message({ sid: 'SM00000000000000000000000000000002', body: 'B' })], 'ambiguous'],
  ] as const)('%s → %s', (_name, messages, kind) => {
    expect(matchSend(send, messages, none, later).kind).toBe(kind);
  });

  it('skips a message another send of ours already owns', () => {
    const owned = new Set(['SM00000000000000000000000000000002']);
    const result = matchSend(send, [message({}), message({ sid: 'SM00000000000000000000000000000002' })], owned, later);
    expect(result).toMatchObject({ kind: 'found', message: { sid: 'SM00000000000000000000000000000001' } });
  });

  it('says "none" only once the POST’s window (and the skew) is over', () => {
    expect(matchSend(send, [], none, START + POST_WINDOW_MS).kind).toBe('not-yet');
    expect(matchSend(send, [], none, START + POST_WINDOW_MS + CLOCK_SKEW_MS + 1).kind).toBe('none');
  });
});

describe('lookUpSend against the fake Twilio', () => {
  let fake: FakeTwilio;
  let template: string;
  beforeEach(async () => {
    fake = await startFakeTwilio({ seed: 'demo', now: START });
    template = addApprovedText(fake, 'lookup_probe', 'Hi {{1}}, order {{2}}');
  });
  afterEach(() => fake.close());

  const post = (variables: Record<string, string>, to = JOAO) =>
    sendTemplate(httpAgainst(fake), { from: SALES, to, contentSid: template, variables });
  const listRequests = () => fake.control.requests().filter((r) => r.method === 'GET' && r.path.endsWith('/Messages.json'));

  it('finds the message a lost POST created, with Twilio’s SID and status, in one filtered request', async () => {
    const created = await post({ '1': 'João', '2': 'B-77' });
    fake.control.setClock({ advanceMs: 5_000 });
    fake.control.clearRequests();
    const send = { sender: SALES, contact: JOAO, createdAt: START - 200, body: 'Hi João, order B-77' };
    const result = await lookUpSend(httpAgainst(fake), send, new Set(), START + 5_000);
    expect(result).toMatchObject({ kind: 'found', message: { sid: created.sid, status: 'read' } });
    expect(listRequests()).toHaveLength(1);
    // No DateSent filter: a message still queued has no date_sent and must be listed too.
    expect(listRequests()[0]!.query).toEqual({ From: `whatsapp:${SALES}`, To: `whatsapp:${JOAO}`, PageSize: '50' });
  });

  it('tells two sends of the same minute apart by their text, and says "ambiguous" when it cannot', async () => {
    await post({ '1': 'João', '2': 'B-77' });
    const other = await post({ '1': 'João', '2': 'B-78' });
    const send = { sender: SALES, contact: JOAO, createdAt: START, body: 'Hi João, order B-78' };
    expect(await lookUpSend(httpAgainst(fake), send, new Set(), START)).toMatchObject({ kind: 'found', message: { sid: other.sid } });
    expect(await lookUpSend(httpAgainst(fake), { ...send, body: undefined }, new Set(), START)).toMatchObject({ kind: 'ambiguous', count: 2 });
  });

  it('says "not-yet" while the POST may still land, then "none" when Twilio never created it', async () => {
    await post({ '1': 'Ann', '2': 'X' }, ANN); // another contact's message does not count
    const send = { sender: SALES, contact: JOAO, createdAt: START, body: 'Hi João, order B-77' };
    expect((await lookUpSend(httpAgainst(fake), send, new Set(), START + 1_000)).kind).toBe('not-yet');
    fake.control.setClock({ advanceMs: POST_WINDOW_MS + CLOCK_SKEW_MS + 1_000 });
    expect((await lookUpSend(httpAgainst(fake), send, new Set(), START + POST_WINDOW_MS + CLOCK_SKEW_MS + 1_000)).kind).toBe('none');
  });
});
