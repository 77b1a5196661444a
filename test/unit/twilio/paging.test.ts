import { describe, expect, it } from 'vitest';
import type { TwilioHttp, TwilioRequest } from '@/lib/twilio/http';
import { peekLastString, walkPages } from '@/lib/twilio/paging';

describe('peekLastString', () => {
  it('reads the last value of a key, escaped or null', () => {
    expect(peekLastString('{"a":"x","meta":{"next":"https://h/p?x=1\\u0026y=2"}}', 'next')).toBe('https://h/p?x=1&y=2');
    expect(peekLastString('{"next": null}', 'next')).toBeNull();
    expect(peekLastString('{"date_sent": "a", "items": [], "date_sent" : "b"}', 'date_sent')).toBe('b');
  });

  it('is not fooled by the key inside a string value', () => {
    // In JSON a quote inside a value is escaped, so this "next" is text, not a key.
    expect(peekLastString('{"body":"say \\"next\\": \\"evil\\""}', 'next')).toBeUndefined();
    expect(peekLastString('{"next":"real","body":"next"}', 'next')).toBeUndefined(); // the last one is a value: no guess
    expect(peekLastString('{"other":1}', 'next')).toBeUndefined();
    expect(peekLastString('{"next":"\\x"}', 'next')).toBeUndefined(); // not JSON after all
  });
});

/** A list of `pages` pages whose raw text can lie about the cursor. */
function fakeList(pages: number, textFor: (page: number, next: string | null) => string = (_p, next) => JSON.stringify({ next })) {
  const asked: string[] = [];
  const http: TwilioHttp = {
    accountSid: 'AC' + '0'.repeat(32),
    requestBytes: () => Promise.reject(new Error('not a file list')),
    request: async <T,>(req: TwilioRequest): Promise<T> => {
      asked.push(req.url);
      const page = Number(new URL(req.url).searchParams.get('page') ?? 0);
      const next = page + 1 < pages ? `https://api.twilio.com/list?page=${page + 1}` : null;
      await new Promise((r) => setTimeout(r, 1));
      if (req.signal?.aborted) throw new Error('aborted');
      req.onText?.(textFor(page, next));
      return { page, next } as T;
    },
  };
  return { http, asked };
}
const read = (body: { page: number; next: string | null }) => ({ items: [body.page], next: body.next ?? undefined });

describe('walkPages', () => {
  it('asks for each next page from the raw text, once each', async () => {
    const { http, asked } = fakeList(4);
    const seen: number[] = [];
    for await (const items of walkPages(http, 'https://api.twilio.com/list', {}, read, { lookAhead: (text) => peekLastString(text, 'next') ?? undefined })) {
      seen.push(...items);
      expect(asked).toHaveLength(Math.min(4, seen.length + 1)); // one page in flight ahead
    }
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(asked).toHaveLength(4);
  });

  it('keeps at most one page ahead of a slow caller', async () => {
    const { http, asked } = fakeList(6);
    const seen: number[] = [];
    for await (const items of walkPages(http, 'https://api.twilio.com/list', {}, read, { lookAhead: (text) => peekLastString(text, 'next') ?? undefined })) {
      seen.push(...items);
      await new Promise((r) => setTimeout(r, 15)); // storing the page takes longer than fetching the next
      expect(asked.length).toBeLessThanOrEqual(seen.length + 1);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(asked).toHaveLength(6);
  });

  it('cancels a look-ahead that disagrees with the parsed cursor (and what it started), and follows the parsed one', async () => {
    const { http, asked } = fakeList(4, (page) => JSON.stringify({ next: `https://api.twilio.com/list?page=9${page}` }));
    const seen: number[] = [];
    for await (const items of walkPages(http, 'https://api.twilio.com/list', {}, read, { lookAhead: (text) => peekLastString(text, 'next') ?? undefined })) seen.push(...items);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(asked.filter((url) => !url.includes('page=9'))).toEqual(['https://api.twilio.com/list', 'https://api.twilio.com/list?page=1', 'https://api.twilio.com/list?page=2', 'https://api.twilio.com/list?page=3']);
    expect(asked.filter((url) => url.includes('page=9')).length).toBeLessThanOrEqual(4); // one wrong guess per page, no chain behind it
  });

  it('without a look-ahead, asks for a page only when the caller wants it', async () => {
    const { http, asked } = fakeList(5);
    for await (const items of walkPages(http, 'https://api.twilio.com/list', {}, read)) {
      if (items[0] === 1) break;
    }
    expect(asked).toHaveLength(2);
  });
});
