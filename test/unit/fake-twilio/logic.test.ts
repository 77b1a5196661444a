import { describe, expect, it } from 'vitest';
import { matchesDateSent, parseDateSentFilter, parseGmtDay } from '../../fake-twilio/logic/date-sent-filter';
import { outboundStatusAt } from '../../fake-twilio/logic/message-status';
import {
  TOKEN_SCHEMES,
  decodePageToken,
  encodePageToken,
  parsePageNumber,
  parsePageSize,
  slicePage,
} from '../../fake-twilio/logic/paging';
import { decideOutcome, failure, type SendKind } from '../../fake-twilio/logic/send-policy';
import { parseContentVariables, validateSend } from '../../fake-twilio/logic/send-request';
import { isWindowOpen } from '../../fake-twilio/logic/session-window';
import { renderTemplateBody } from '../../fake-twilio/logic/template-render';
import {
  DEFAULT_STATUS_DELAYS,
  type ApprovalStatus,
  type AsyncFailureCode,
  type DeliveryOutcome,
} from '../../fake-twilio/types';

/** The fake's pure rules (test/fake-twilio/logic/), one block per module, each a table of cases. */

describe('DateSent filters (logic/date-sent-filter)', () => {
  const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
  const at = (iso: string): number => Date.parse(iso);

  describe('parseGmtDay: the GMT day a DateSent value names', () => {
    it.each([
      ['2026-01-02', day('2026-01-02')],
      ['2026-01-02T03:04:05Z', day('2026-01-02')], // the SDK's spelling
      ['2026-01-02T23:59:59Z', day('2026-01-02')],
      ['2026-01-02 22:05:25.000', day('2026-01-02')],
      ['2026-01-02T01:00:00+03:00', day('2026-01-01')], // an explicit offset is converted to GMT first
      ['Fri, 02 Jan 2026 22:04:00 -0000', day('2026-01-02')],
      ['2024-02-29', day('2024-02-29')],
    ])('%s → its day', (value, expected) => {
      expect(parseGmtDay(value)).toBe(expected);
    });

    it.each(['2026-02-30', '2026-13-01', 'yesterday', ''])('%j names no day', (value) => {
      expect(parseGmtDay(value)).toBeUndefined();
    });
  });

  describe('DateSent filters compare whole GMT days', () => {
    const cases: Array<[string, Record<string, string>, string, boolean]> = [
      ['DateSent> keeps the whole start day', { 'DateSent>': '2026-01-02T15:00:00Z' }, '2026-01-02T00:00:00Z', true],
      ['DateSent> drops the day before', { 'DateSent>': '2026-01-02T15:00:00Z' }, '2026-01-01T23:59:59.999Z', false],
      ['DateSent> keeps later days', { 'DateSent>': '2026-01-02' }, '2026-03-01T10:00:00Z', true],
      ['DateSent< keeps the end day (on and before)', { 'DateSent<': '2026-01-02' }, '2026-01-02T23:59:59.999Z', true],
      ['DateSent< drops the day after', { 'DateSent<': '2026-01-02' }, '2026-01-03T00:00:00Z', false],
      ['DateSent matches its day from midnight', { DateSent: '2026-01-02' }, '2026-01-02T00:00:00Z', true],
      ['DateSent matches its day to the last ms', { DateSent: '2026-01-02T08:00:00Z' }, '2026-01-02T23:59:59.999Z', true],
      ['DateSent drops the day before', { DateSent: '2026-01-02' }, '2026-01-01T23:59:59.999Z', false],
      ['DateSent drops the day after', { DateSent: '2026-01-02' }, '2026-01-03T00:00:00Z', false],
      ['a range keeps days inside', { 'DateSent>': '2026-01-02', 'DateSent<': '2026-01-04' }, '2026-01-03T12:00:00Z', true],
      ['a range drops days outside', { 'DateSent>': '2026-01-02', 'DateSent<': '2026-01-04' }, '2026-01-05T00:00:00Z', false],
      ['no filter keeps everything', {}, '1999-12-31T23:59:59Z', true],
      ['other parameters are ignored', { To: 'whatsapp:+1', PageSize: '5' }, '2026-01-01T00:00:00Z', true],
    ];

    it.each(cases)('%s', (_name, query, sentAt, expected) => {
      const parsed = parseDateSentFilter(query);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(matchesDateSent(at(sentAt), parsed.filter)).toBe(expected);
    });

    it('names the parameter that holds no date', () => {
      expect(parseDateSentFilter({ 'DateSent>': 'soon' })).toEqual({ ok: false, key: 'DateSent>', value: 'soon' });
    });
  });
});

describe('paging (logic/paging)', () => {
  const SID = `SM${'a'.repeat(32)}`;

  describe('page tokens', () => {
    it.each([
      [TOKEN_SCHEMES.v2010, 'after', `PA${SID}`],
      [TOKEN_SCHEMES.v2010, 'before', `PB${SID}`],
      [TOKEN_SCHEMES.product, 'after', `DN${SID}`],
      [TOKEN_SCHEMES.product, 'before', `DP${SID}`],
    ] as const)('%o %s ⇄ %s', (scheme, direction, token) => {
      expect(encodePageToken(scheme, { direction, sid: SID })).toBe(token);
      expect(decodePageToken(scheme, token)).toEqual({ direction, sid: SID });
    });

    it.each([`DN${SID}`, 'PA', `PASM123`, `XX${SID}`, ''])('%j is not a 2010 token', (token) => {
      expect(decodePageToken(TOKEN_SCHEMES.v2010, token)).toBeUndefined();
    });
  });

  describe('PageSize and Page', () => {
    it.each([
      [undefined, 50],
      ['1', 1],
      ['50', 50],
      ['1000', 1000],
      ['1001', undefined],
      ['0', undefined],
      ['-1', undefined],
      ['1.5', undefined],
      ['ten', undefined],
    ])('PageSize %j → %j', (raw, expected) => {
      expect(parsePageSize(raw, 50)).toBe(expected);
    });

    it.each([
      [undefined, 0],
      ['0', 0],
      ['7', 7],
      ['-1', undefined],
      ['x', undefined],
    ])('Page %j → %j', (raw, expected) => {
      expect(parsePageNumber(raw)).toBe(expected);
    });
  });

  describe('slicePage: cursor pages over a sorted list', () => {
    const items = Array.from({ length: 10 }, (_, i) => i + 1); // 1…10
    const after = (boundary: number) => ({ direction: 'after' as const, rank: (n: number) => n - boundary });
    const before = (boundary: number) => ({ direction: 'before' as const, rank: (n: number) => n - boundary });

    it.each([
      ['first page', undefined, [1, 2, 3], true, false],
      ['after 3', after(3), [4, 5, 6], true, true],
      ['after 9: the last, short page', after(9), [10], false, true],
      ['after 10: nothing left', after(10), [], false, true],
      ['after a deleted boundary (3.5)', after(3.5), [4, 5, 6], true, true],
      ['before 8', before(8), [5, 6, 7], true, true],
      ['before 3: back to the start', before(3), [1, 2], true, false],
    ])('%s', (_name, cursor, expected, hasNext, hasPrevious) => {
      expect(slicePage(items, 3, cursor)).toEqual({ items: expected, hasNext, hasPrevious });
    });

    it('an empty list is one empty page', () => {
      expect(slicePage([], 50)).toEqual({ items: [], hasNext: false, hasPrevious: false });
    });

    it('walking the next links visits every item once, even when new items arrive at the head meanwhile', () => {
      const list = [...items];
      const seen: number[] = [];
      let cursor: ReturnType<typeof after> | undefined;
      for (;;) {
        const page = slicePage(list, 4, cursor);
        seen.push(...page.items);
        list.unshift(0 - seen.length); // newer items sort first and must not shift later pages
        const last = page.items.at(-1);
        if (!page.hasNext || last === undefined) break;
        cursor = after(last);
      }
      expect(seen).toEqual(items);
    });
  });
});

describe('message status over time (logic/message-status)', () => {
  const CREATED = Date.parse('2026-03-10T12:00:00Z');
  const delivered: DeliveryOutcome = { kind: 'delivered' };

  describe('outbound status moves on with the clock (1 s sent, 2 s delivered, 4 s read)', () => {
    it.each([
      [0, 'queued', null, 0],
      [999, 'queued', null, 0],
      [1_000, 'sent', null, 1_000],
      [1_999, 'sent', null, 1_000],
      [2_000, 'delivered', null, 2_000],
      [3_999, 'delivered', null, 2_000],
      [4_000, 'read', null, 4_000],
      [86_400_000, 'read', null, 4_000],
    ])('delivered outcome, %i ms after creation → %s', (age, status, errorCode, updatedAfter) => {
      expect(outboundStatusAt(CREATED, delivered, CREATED + age, DEFAULT_STATUS_DELAYS)).toEqual({
        status,
        errorCode,
        updatedAt: CREATED + updatedAfter,
      });
    });

    it.each([
      [63016, 'undelivered'],
      [63024, 'undelivered'],
      [63032, 'failed'],
      [63049, 'failed'],
    ] as const)('failure %i: queued, then sent, then %s with the code', (code, finalStatus) => {
      const outcome = failure(code);
      const at = (age: number) => outboundStatusAt(CREATED, outcome, CREATED + age, DEFAULT_STATUS_DELAYS);
      expect(at(0)).toMatchObject({ status: 'queued', errorCode: null });
      expect(at(1_500)).toMatchObject({ status: 'sent', errorCode: null });
      expect(at(2_000)).toEqual({ status: finalStatus, errorCode: code, updatedAt: CREATED + 2_000 });
      expect(at(60_000)).toEqual({ status: finalStatus, errorCode: code, updatedAt: CREATED + 2_000 });
    });

    it('follows configured delays', () => {
      const delays = { sentMs: 10, deliveredMs: 20, readMs: 30 };
      expect(outboundStatusAt(CREATED, delivered, CREATED + 25, delays).status).toBe('delivered');
    });

    it('a clock set before creation still says queued', () => {
      expect(outboundStatusAt(CREATED, delivered, CREATED - 5_000, DEFAULT_STATUS_DELAYS).status).toBe('queued');
    });
  });
});

describe('the window and the send policy (logic/session-window, logic/send-policy)', () => {
  const NOW = Date.parse('2026-03-10T12:00:00Z');
  const HOUR = 3_600_000;

  describe('the 24-hour window, from the last inbound message', () => {
    it.each([
      ['never wrote', undefined, false],
      ['wrote 3 h ago', NOW - 3 * HOUR, true],
      ['wrote 23 h 59 min ago', NOW - 24 * HOUR + 60_000, true],
      ['wrote exactly 24 h ago: closed', NOW - 24 * HOUR, false],
      ['wrote 30 h ago', NOW - 30 * HOUR, false],
      ['wrote just now', NOW, true],
      ['"writes" in the future (clock set back): not yet open', NOW + HOUR, false],
    ])('%s', (_name, lastInboundAt, expected) => {
      expect(isWindowOpen(lastInboundAt, NOW)).toBe(expected);
    });
  });

  describe('decideOutcome: how WhatsApp will treat a message', () => {
    const body: SendKind = { kind: 'body' };
    const template = (status: ApprovalStatus, ...typeKeys: string[]): SendKind => ({ kind: 'template', status, typeKeys });

    const cases: Array<[string, SendKind, boolean, AsyncFailureCode | undefined, string]> = [
      ['free-form inside the window', body, true, undefined, 'delivered'],
      ['free-form outside the window', body, false, undefined, '63016'],
      ['approved template outside the window', template('approved', 'twilio/card'), false, undefined, 'delivered'],
      ['pending text template inside the window', template('pending', 'twilio/text'), true, undefined, 'delivered'],
      ['unsubmitted quick-reply inside the window', template('unsubmitted', 'twilio/quick-reply'), true, undefined, 'delivered'],
      ['rejected media inside the window', template('rejected', 'twilio/media'), true, undefined, 'delivered'],
      ['pending text template outside the window', template('pending', 'twilio/text'), false, undefined, '63016'],
      ['unapproved card inside the window', template('received', 'twilio/card'), true, undefined, '63016'],
      ['unapproved text + card inside the window: sent as the card', template('pending', 'twilio/text', 'twilio/card'), true, undefined, '63016'],
      ['unapproved call-to-action inside the window', template('pending', 'twilio/call-to-action'), true, undefined, '63016'],
      ['unapproved carousel inside the window', template('unsubmitted', 'twilio/carousel'), true, undefined, '63016'],
      ['unapproved authentication template inside the window', template('pending', 'whatsapp/authentication'), true, undefined, '63016'],
      ['unapproved list-picker inside the window', template('unsubmitted', 'twilio/list-picker'), true, undefined, 'delivered'],
      ['unapproved location inside the window', template('unsubmitted', 'twilio/location'), true, undefined, 'delivered'],
      ['list-picker outside the window, even "approved": it cannot start a conversation', template('approved', 'twilio/list-picker'), false, undefined, '63016'],
      ['approved text + location outside the window: sent as the location, which cannot start one', template('approved', 'twilio/location', 'twilio/text'), false, undefined, '63016'],
      ['unapproved text + a type WhatsApp does not carry inside the window: sent as the text', template('pending', 'twilio/text', 'twilio/pay-later'), true, undefined, 'delivered'],
      ['approved template whose types WhatsApp does not carry, outside the window', template('approved', 'acme/custom'), false, undefined, 'delivered'],
      ['paused template, even inside the window', template('paused', 'twilio/text'), true, undefined, '63016'],
      ['disabled template', template('disabled', 'twilio/text'), false, undefined, '63016'],
      ['approved template to a contact set to fail', template('approved', 'twilio/text'), false, 63032, '63032'],
      ['free-form in window to a contact not on WhatsApp', body, true, 63024, '63024'],
      ['the window is checked before the contact failure', body, false, 63049, '63016'],
    ];

    it.each(cases)('%s', (_name, send, open, contactFailure, expected) => {
      const outcome = decideOutcome(send, open, contactFailure);
      expect(outcome.kind === 'delivered' ? 'delivered' : String(outcome.code)).toBe(expected);
    });
  });
});

describe('synchronous send checks and template bodies (logic/send-request, logic/template-render)', () => {
  const SENDER = 'whatsapp:+14155238886';
  const KNOWN = `HX${'1'.repeat(32)}`;
  const UNKNOWN = `HX${'2'.repeat(32)}`;
  const context = { senders: new Set([SENDER]), templateExists: (sid: string) => sid === KNOWN };
  const base = { To: 'whatsapp:+37251234567', From: SENDER };

  describe('validateSend: the synchronous errors of POST Messages.json', () => {
    const cases: Array<[string, Record<string, string>, number | 'ok']> = [
      ['no To', { From: SENDER, Body: 'Hi' }, 21604],
      ['To without the whatsapp: channel', { ...base, To: '+37251234567', Body: 'Hi' }, 21211],
      ['To that is not E.164', { ...base, To: 'whatsapp:5123', Body: 'Hi' }, 21211],
      ['To with letters', { ...base, To: 'whatsapp:+3725abc', Body: 'Hi' }, 21211],
      ['no From', { To: base.To, Body: 'Hi' }, 21603],
      ['From that is not one of our senders', { ...base, From: 'whatsapp:+15005550006', Body: 'Hi' }, 63007],
      ['ContentVariables without ContentSid', { ...base, ContentVariables: '{"1":"Mari"}' }, 21654],
      ['unknown ContentSid', { ...base, ContentSid: UNKNOWN }, 20404],
      ['ContentVariables that is not JSON', { ...base, ContentSid: KNOWN, ContentVariables: '{1: Mari}' }, 21656],
      ['ContentVariables that is an array', { ...base, ContentSid: KNOWN, ContentVariables: '["Mari"]' }, 21656],
      ['ContentVariables with a number value', { ...base, ContentSid: KNOWN, ContentVariables: '{"1":5}' }, 21656],
      ['ContentVariables with a blank value', { ...base, ContentSid: KNOWN, ContentVariables: '{"1":"  "}' }, 21656],
      ['neither Body nor ContentSid', { ...base }, 21602],
      ['an empty Body', { ...base, Body: '' }, 21602],
      ['a Body', { ...base, Body: 'Hi Mari' }, 'ok'],
      ['a template with variables', { ...base, ContentSid: KNOWN, ContentVariables: '{"1":"Mari"}' }, 'ok'],
      ['a template without variables', { ...base, ContentSid: KNOWN }, 'ok'],
    ];

    it.each(cases)('%s → %s', (_name, form, expected) => {
      const result = validateSend(form, context);
      expect(result.ok ? 'ok' : result.code).toBe(expected);
    });

    it('an unknown ContentSid is a 404', () => {
      expect(validateSend({ ...base, ContentSid: UNKNOWN }, context)).toMatchObject({ ok: false, status: 404 });
    });

    it('parses ContentVariables into a map of strings', () => {
      expect(parseContentVariables('{"1":"Mari","first_name":"Ann"}')).toEqual({ '1': 'Mari', first_name: 'Ann' });
    });
  });

  describe('validateSend with MediaUrl fields', () => {
    const urls = (n: number): string[] => Array.from({ length: n }, (_, i) => `https://acme.example/files/${i}.jpg`);
    const cases: Array<[string, Record<string, string>, string[], number | 'ok']> = [
      ['a media URL alone (no Body needed)', base, ['https://acme.example/a.jpg'], 'ok'],
      ['a Body and an http media URL', { ...base, Body: 'Hi' }, ['http://acme.example/a.pdf'], 'ok'],
      ['ten media URLs', base, urls(10), 'ok'],
      ['eleven media URLs', base, urls(11), 21623],
      ['a URL without a scheme', { ...base, Body: 'Hi' }, ['acme.example/a.jpg'], 21620],
      ['an ftp URL', { ...base, Body: 'Hi' }, ['ftp://acme.example/a.jpg'], 21620],
      ['a data: URL', { ...base, Body: 'Hi' }, ['data:image/png;base64,iVBORw0KGgo='], 21620],
      ['a blank URL', { ...base, Body: 'Hi' }, [''], 21620],
      ['a scheme without a host', { ...base, Body: 'Hi' }, ['https://'], 21620],
      ['one bad URL among good ones', base, ['https://acme.example/a.jpg', 'nope'], 21620],
      ['a bad URL is found before a missing Body', base, ['nope'], 21620],
      ['an invalid To still comes first', { ...base, To: 'whatsapp:1' }, ['nope'], 21211],
    ];

    it.each(cases)('%s → %s', (_name, form, mediaUrls, expected) => {
      const result = validateSend(form, context, mediaUrls);
      expect(result.ok ? 'ok' : result.code).toBe(expected);
    });

    it('keeps the URLs in request order', () => {
      const result = validateSend(base, context, ['https://a.example/2.png', 'https://a.example/1.png']);
      expect(result.ok && result.request.mediaUrls).toEqual(['https://a.example/2.png', 'https://a.example/1.png']);
    });
  });

  describe('renderTemplateBody: the body Twilio reports for a sent template', () => {
    const types = { 'twilio/text': { body: 'Hi {{1}}, order {{ order_id }} ships {{2}}.' } };

    it.each([
      [{ '1': 'Mari', order_id: '#1', '2': 'today' }, 'Hi Mari, order #1 ships today.'],
      [{ '1': 'Mari' }, 'Hi Mari, order #9 ships soon.'], // missing values fall back to the samples
      [null, 'Hi Sample, order #9 ships soon.'],
    ])('%j → %s', (sent, expected) => {
      expect(renderTemplateBody(types, sent, { '1': 'Sample', order_id: '#9', '2': 'soon' })).toBe(expected);
    });

    it('uses a card title when there is no body', () => {
      expect(renderTemplateBody({ 'twilio/card': { title: '{{1}} is back' } }, { '1': 'Lamp' }, {})).toBe('Lamp is back');
    });
  });
});
