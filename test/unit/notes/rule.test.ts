import { describe, expect, it } from 'vitest';
import {
  escapeHtml, hasMarker, linesSince, messageNoteContent, noteBackoffMs, noteMarker, noteTime, transcriptNoteContent, TRANSCRIPT_MAX_LINES,
  type NoteWords, type TranscriptLine,
} from '@/lib/notes/rule';

const SID = 'SM' + 'a'.repeat(32);
const words: NoteWords = {
  sentTo: (c) => `WhatsApp message sent to ${c}`,
  template: (n) => `Template: ${n}`,
  conversationWith: (c) => `WhatsApp conversation with ${c}`,
  customer: 'Customer',
  us: 'Us',
  attachments: (n) => `attachments: ${n}`,
};
const time = (at: number) => `t${at}`;
const XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
const line = (sid: string, at: number, over: Partial<TranscriptLine> = {}): TranscriptLine => ({ sid, direction: 'inbound', at, body: `m${at}`, numMedia: 0, ...over });

describe('a note’s content', () => {
  it.each([
    ['<script>', '&#60;script&#62;'],
    ['a & b', 'a &#38; b'],
    [`"quoted" 'single'`, '&#34;quoted&#34; &#39;single&#39;'],
    ['plain', 'plain'],
  ])('escapes %j', (text, escaped) => expect(escapeHtml(text)).toBe(escaped));

  it('says who it went to, when, the template, the text (line breaks kept) and its reference, with nothing from outside as markup', () => {
    const content = messageNoteContent({ sid: SID, contact: '+37251234567', body: `Hi ${XSS}\nbye`, templateName: `promo ${XSS}`, at: 5 }, words, time);
    expect(content).toBe(
      '<p><b>WhatsApp message sent to +37251234567</b> · t5</p>' +
        '<p>Template: promo &#60;img src=x onerror=&#34;alert(1)&#34;&#62;&#60;script&#62;alert(2)&#60;/script&#62;</p>' +
        '<p>Hi &#60;img src=x onerror=&#34;alert(1)&#34;&#62;&#60;script&#62;alert(2)&#60;/script&#62;<br>bye</p>' +
        `<p>Ref: wa-msg:${SID}</p>`,
    );
    expect(content).not.toMatch(/<(img|script)/);
  });

  it('a transcript: a line per message, who wrote it, attachments, referenced by its last line', () => {
    const content = transcriptNoteContent('+37251234567', [
      line('SM1', 1, { body: XSS }),
      line('SM2', 2, { direction: 'outbound', templateName: 'order_update', numMedia: 2, body: '' }),
      line(SID, 3, { direction: 'outbound', body: 'ok' }),
    ], words, time);
    expect(content).toBe(
      '<p><b>WhatsApp conversation with +37251234567</b></p>' +
        `<p>t1 · <b>Customer</b>: ${escapeHtml(XSS)}</p>` +
        '<p>t2 · <b>Us (order_update)</b>:  [attachments: 2]</p>' +
        '<p>t3 · <b>Us</b>: ok</p>' +
        `<p>Ref: wa-log:${SID}</p>`,
    );
  });

  it('shows the time with its zone, in the rep’s locale', () => {
    expect(noteTime(Date.parse('2026-03-10T13:58:00Z'), 'en-GB', 'Europe/Tallinn')).toMatch(/10 Mar 2026.*15:58.*(EET|GMT\+2)/);
  });
});

describe('the reference line', () => {
  const content = messageNoteContent({ sid: SID, contact: '+1', body: 'x', at: 1 }, words, time);
  it('is found in its own note', () => expect(hasMarker(content, noteMarker('msg', SID))).toBe(true));
  it('is not another kind’s or another message’s', () => {
    expect(hasMarker(content, noteMarker('log', SID))).toBe(false);
    expect(hasMarker(content, noteMarker('msg', 'SM' + 'b'.repeat(32)))).toBe(false);
  });
  it('is not a customer’s line that quotes one', () => {
    const quoted = transcriptNoteContent('+1', [line('SM1', 1, { body: `Ref: ${noteMarker('msg', SID)}` })], words, time);
    expect(hasMarker(quoted, noteMarker('msg', SID))).toBe(false);
    expect(hasMarker(quoted, noteMarker('log', 'SM1'))).toBe(true);
  });
  it('survives a sanitiser’s whitespace', () => expect(hasMarker(`<p>\n Ref: ${noteMarker('msg', SID)} \n</p>`, noteMarker('msg', SID))).toBe(true));
});

describe('the lines since the last save', () => {
  const thread = [line('SM3', 30), line('SM1', 10), line('SM2', 20), line('SM2b', 20), line('local:x', 40)];

  it('the first save takes every line Twilio has, oldest first', () => {
    const { lines, upTo } = linesSince(thread, undefined);
    expect(lines.map((l) => l.sid)).toEqual(['SM1', 'SM2', 'SM2b', 'SM3']);
    expect(upTo).toEqual({ at: 30, sids: ['SM3'] });
  });

  it('the next takes only what is newer, and a line at the same time as the last one saved', () => {
    expect(linesSince(thread, { at: 30, sids: ['SM3'] })).toEqual({ lines: [] });
    const { lines, upTo } = linesSince(thread, { at: 20, sids: ['SM2'] });
    expect(lines.map((l) => l.sid)).toEqual(['SM2b', 'SM3']);
    expect(upTo).toEqual({ at: 30, sids: ['SM3'] });
    expect(linesSince([line('SM4', 30), ...thread], { at: 30, sids: ['SM3'] }).upTo).toEqual({ at: 30, sids: ['SM3', 'SM4'] });
  });

  it('at most TRANSCRIPT_MAX_LINES at a time; the rest are the next save’s', () => {
    const many = Array.from({ length: TRANSCRIPT_MAX_LINES + 5 }, (_, i) => line(`SM${i}`, i));
    const first = linesSince(many, undefined);
    expect(first.lines).toHaveLength(TRANSCRIPT_MAX_LINES);
    expect(linesSince(many, first.upTo).lines.map((l) => l.sid)).toEqual(['SM300', 'SM301', 'SM302', 'SM303', 'SM304']);
  });
});

it.each([[1, 1_000], [2, 2_000], [3, 4_000], [4, 8_000], [20, 300_000]])('after %i failed attempts waits %i ms', (attempts, ms) => {
  expect(noteBackoffMs(attempts)).toBe(ms);
});
