import { describe, expect, it } from 'vitest';
import {
  FIRST_LINE_MAX, UNREAD_KEPT, byNewest, foldText, firstLine, isInPeriod, markRead, markUnread, matchesFilter, mergeIntoInbox, queryMatcher,
  type InboxEntry, type InboxMessage,
} from '@/lib/conversations/inbox';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const MIN = 60_000;
let sids = 0;
const sid = () => `SM${String(++sids).padStart(32, '0')}`;
const inbound = (contact: string, at: number, body = 'hello'): InboxMessage => ({ sid: sid(), direction: 'inbound', contact, number: `+${contact}`, at, body, numMedia: 0 });
const outbound = (contact: string, at: number, body = 'hi'): InboxMessage => ({ ...inbound(contact, at, body), direction: 'outbound' });

describe('firstLine', () => {
  it.each([
    ['Hello\nsecond line', 'Hello'],
    ['\n\n   \n  Indented first  \nnext', 'Indented first'],
    ['', ''],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'], // text, shown as text
  ])('%j → %j', (body, line) => expect(firstLine(body)).toBe(line));

  it(`cuts at ${FIRST_LINE_MAX} characters with an ellipsis, counting emoji as one`, () => {
    const line = firstLine('😀'.repeat(200));
    expect([...line]).toHaveLength(FIRST_LINE_MAX);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('mergeIntoInbox', () => {
  it('takes what was there at the first look as read, and the same messages again change nothing', () => {
    const entries = new Map<string, InboxEntry>();
    const messages = [inbound('4477001', T0 - 60 * MIN, 'first\nmore'), outbound('4477001', T0 - 30 * MIN, 'our answer'), inbound('4477002', T0 - 10 * MIN)];
    const first = mergeIntoInbox(entries, messages, { firstSeenAt: T0 });
    expect(first.arrivals).toEqual([]);
    expect([...first.changed].sort()).toEqual(['4477001', '4477002']);
    expect(entries.get('4477001')).toMatchObject({ lastDirection: 'outbound', lastText: 'our answer', lastInboundAt: T0 - 60 * MIN, unreadSids: [] });
    expect(mergeIntoInbox(entries, messages, { firstSeenAt: T0 })).toEqual({ changed: new Set(), arrivals: [] });
  });

  it('counts a customer’s new messages as unread and arrivals, once each, oldest first', () => {
    const entries = new Map<string, InboxEntry>();
    mergeIntoInbox(entries, [inbound('4477001', T0 - MIN)], { firstSeenAt: T0 });
    const a = inbound('4477001', T0 + MIN, 'are you there?');
    const b = inbound('4477003', T0 + 2 * MIN, 'new customer');
    const { arrivals } = mergeIntoInbox(entries, [b, a], { firstSeenAt: T0 });
    expect(arrivals.map((x) => [x.contact, x.text])).toEqual([['4477001', 'are you there?'], ['4477003', 'new customer']]);
    expect(entries.get('4477001')!.unreadSids).toEqual([a.sid]);
    expect(entries.get('4477003')!.unreadSids).toEqual([b.sid]);
    // The overlap of the next sync reads them again.
    expect(mergeIntoInbox(entries, [a, b], { firstSeenAt: T0 }).arrivals).toEqual([]);
  });

  it('never takes older conversations a longer period brings in as new', () => {
    const entries = new Map<string, InboxEntry>();
    mergeIntoInbox(entries, [inbound('4477001', T0 - MIN)], { firstSeenAt: T0 });
    const old = inbound('4477009', T0 - 10 * 24 * 60 * MIN);
    expect(mergeIntoInbox(entries, [old], { firstSeenAt: T0 }).arrivals).toEqual([]);
    expect(entries.get('4477009')!.unreadSids).toEqual([]);
  });

  it('keeps the number the customer last wrote from, and at most the unread it needs to count', () => {
    const entries = new Map<string, InboxEntry>();
    const many = Array.from({ length: UNREAD_KEPT + 20 }, (_, i) => ({ ...inbound('5215512345678', T0 + (i + 1) * MIN), number: i % 2 ? '+5215512345678' : '+525512345678' }));
    mergeIntoInbox(entries, many, { firstSeenAt: T0 });
    const entry = entries.get('5215512345678')!;
    expect(entry.unreadSids).toHaveLength(UNREAD_KEPT);
    expect(entry.unreadSids[0]).toBe(many.at(-1)!.sid);
    expect(entry.number).toBe(many.at(-1)!.number);
  });

  it('a message the rep has read (readAt after it) is not unread again', () => {
    const entries = new Map<string, InboxEntry>();
    const m = inbound('4477001', T0 + MIN);
    mergeIntoInbox(entries, [m], { firstSeenAt: T0 });
    entries.set('4477001', markRead(entries.get('4477001')!, T0 + 2 * MIN));
    expect(entries.get('4477001')!.unreadSids).toEqual([]);
    expect(mergeIntoInbox(entries, [m], { firstSeenAt: T0 }).arrivals).toEqual([]);
    expect(entries.get('4477001')!.unreadSids).toEqual([]);
  });
});

describe('read and unread', () => {
  const entries = new Map<string, InboxEntry>();
  mergeIntoInbox(entries, [inbound('4477001', T0 - 5 * MIN), outbound('4477001', T0 - MIN), outbound('4477002', T0 - MIN)], { firstSeenAt: T0 });

  it('"Mark as unread" makes the customer’s last message count again', () => {
    const unread = markUnread(entries.get('4477001')!);
    expect(unread.unreadSids).toHaveLength(1);
    expect(unread.readAt).toBeLessThan(unread.lastInboundAt!);
    expect(markRead(unread, T0).unreadSids).toEqual([]);
  });

  it('has nothing to mark where the customer never wrote', () => {
    expect(markUnread(entries.get('4477002')!).unreadSids).toEqual([]);
  });
});

describe('filters, search, order and period', () => {
  const entries = new Map<string, InboxEntry>();
  mergeIntoInbox(entries, [inbound('5215512345678', T0 - 5 * MIN), outbound('4477002', T0 - MIN)], { firstSeenAt: T0 - 10 * MIN });
  const mexico = entries.get('5215512345678')!;
  const uk = entries.get('4477002')!;

  it.each([
    ['unread', mexico, 'open', true],
    ['unread', uk, 'closed', false],
    ['awaiting', mexico, 'open', true],
    ['awaiting', uk, 'closed', false],
    ['expiring', mexico, 'expiring', true],
    ['expiring', mexico, 'open', false],
    ['all', uk, 'unknown', true],
  ] as const)('%s: %s in state %s → %s', (filter, entry, state, expected) => {
    expect(matchesFilter(entry, filter, state)).toBe(expected);
  });

  it.each([
    ['', undefined, true],
    ['5512', undefined, true],
    ['+52 155 1234', undefined, true],
    ['9999', undefined, false],
    ['joao', 'João Silva', true],
    ['SILVA', 'João Silva', true],
    ['maria', 'João Silva', false],
    ['joao', undefined, false],
  ])('query %j (name %j) → %s', (query, name, expected) => {
    expect(queryMatcher(query)(mexico, name && foldText(name))).toBe(expected);
  });

  it('orders newest first, the SID breaking ties', () => {
    expect([uk, mexico].sort(byNewest)[0]).toBe(uk);
    const twin = { ...uk, lastSid: 'SM' + 'f'.repeat(32) };
    expect([uk, twin].sort(byNewest)[0]).toBe(twin);
  });

  it('keeps only the period shown', () => {
    expect(isInPeriod(uk, T0 + 6 * 24 * 60 * MIN, 7)).toBe(true);
    expect(isInPeriod(uk, T0 + 8 * 24 * 60 * MIN, 7)).toBe(false);
  });
});
