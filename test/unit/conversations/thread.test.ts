import { describe, expect, it } from 'vitest';
import type { ThreadMessage } from '@/lib/conversations/model';
import { completeSince, mergeMessages, replyAddress, streamsToPage, visibleMessages, type StreamState } from '@/lib/conversations/thread';

const msg = (sid: string, at: number, direction: 'inbound' | 'outbound' = 'inbound', over: Partial<ThreadMessage> = {}): ThreadMessage => ({
  sid, at, direction, status: direction === 'inbound' ? 'received' : 'delivered', body: sid, numMedia: 0,
  address: direction === 'inbound' ? 'whatsapp:+5215512345678' : 'whatsapp:+525512345678', ...over,
});
const done = (oldestAt?: number): StreamState => ({ isStarted: true, ...(oldestAt !== undefined && { oldestAt }) });
const more = (oldestAt: number): StreamState => ({ isStarted: true, oldestAt, next: 'https://api.twilio.com/next' });

describe('mergeMessages', () => {
  it('orders by time then SID, and a status that moved on replaces the old one', () => {
    const merged = mergeMessages([msg('b', 20, 'outbound', { status: 'sent' }), msg('a', 10)], [msg('b', 20, 'outbound', { status: 'read' }), msg('c', 20)]);
    expect(merged.map((m) => [m.sid, m.status])).toEqual([['a', 'received'], ['b', 'read'], ['c', 'received']]);
  });
});

describe('what the thread may show (complete since the newest "oldest read" of a stream with more pages)', () => {
  it.each([
    ['every stream read to its end: everything', { in: done(5), out: done(1) }, -Infinity],
    ['one stream has more: from its oldest read message', { in: more(30), out: done(1) }, 30],
    ['both have more: the later of the two', { in: more(30), out: more(50) }, 50],
    ['a stream never read: nothing is known to be complete', { in: more(30), out: { isStarted: false } }, Infinity],
    ['an empty stream does not limit', { in: done(), out: more(40) }, 40],
  ])('%s', (_name, streams, expected) => {
    expect(completeSince(streams)).toBe(expected);
  });

  it('shows the newest `limit` complete messages and says when older ones exist', () => {
    const messages = [msg('a', 10), msg('b', 20, 'outbound'), msg('c', 30), msg('d', 40, 'outbound'), msg('e', 50)];
    const streams = { in: more(10), out: more(20) };
    expect(visibleMessages(messages, streams, 2)).toEqual({ messages: [msg('d', 40, 'outbound'), msg('e', 50)], hasEarlier: true, isShort: false });
    // Asked for more than is complete: short, and the stream that limits it is the one to page.
    const wide = visibleMessages(messages, streams, 10);
    expect(wide.messages.map((m) => m.sid)).toEqual(['b', 'c', 'd', 'e']);
    expect(wide.isShort).toBe(true);
    expect(streamsToPage(streams)).toEqual(['out']);
    expect(visibleMessages(messages, { in: done(10), out: done(20) }, 10)).toMatchObject({ hasEarlier: false, isShort: false });
  });
});

describe('replyAddress', () => {
  it('answers to the address Twilio wrote on the customer’s newest message, else the E.164', () => {
    expect(replyAddress([msg('a', 10), msg('b', 20, 'outbound')], '+525512345678')).toBe('whatsapp:+5215512345678');
    expect(replyAddress([msg('b', 20, 'outbound')], '+525512345678')).toBe('whatsapp:+525512345678');
  });
});
