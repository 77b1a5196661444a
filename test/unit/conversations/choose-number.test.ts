import { describe, expect, it } from 'vitest';
import { chooseNumber, type NumberCandidate } from '@/lib/conversations/choose-number';

const EE = '+37251234567';
const ES = '+34600123456';
const GB = '+447911123456';
const DE = '+493012345678';
const MX = '+525512345678';
const MX_WHATSAPP = '+5215512345678';
const AR = '+5491123456789';
const AR_STORED = '+541123456789';
const BR = '+5511987654321';
const BR_OLD = '+551187654321';
const BR_LANDLINE = '+551131234567';
const BR_LANDLINE_WITH_NINE = '+5511931234567';

const HOUR = 3_600_000;

describe('chooseNumber: the rule, in order', () => {
  it.each<[string, NumberCandidate[], string | undefined, string | undefined]>([
    ['no numbers, no choice', [], undefined, undefined],
    ['no numbers, even with a remembered one', [], EE, undefined],
    ['the only number', [{ e164: EE }], undefined, EE],
    // 1. the rep's remembered choice
    ['remembered beats a newer inbound', [{ e164: EE, lastInboundAt: 2 * HOUR }, { e164: ES }], ES, ES],
    ['remembered in WhatsApp\'s other form', [{ e164: EE, lastInboundAt: HOUR }, { e164: MX }], MX_WHATSAPP, MX],
    ['remembered Argentine form without 9', [{ e164: EE, hasHistory: true }, { e164: AR }], AR_STORED, AR],
    ['remembered but no longer a number of theirs', [{ e164: EE }, { e164: ES, lastInboundAt: HOUR }], GB, ES],
    ['a remembered landline is not its 9-digit lookalike', [{ e164: BR_LANDLINE_WITH_NINE }, { e164: EE, isPrimary: true }], BR_LANDLINE, EE],
    // 2. the newest inbound message
    ['the newest inbound', [{ e164: EE, lastInboundAt: HOUR }, { e164: ES, lastInboundAt: 3 * HOUR }, { e164: GB, lastInboundAt: 2 * HOUR }], undefined, ES],
    ['inbound beats history, mobile and primary', [{ e164: EE, hasHistory: true, label: 'mobile', isPrimary: true }, { e164: ES, lastInboundAt: HOUR }], undefined, ES],
    ['an inbound at time 0 still counts', [{ e164: EE, hasHistory: true }, { e164: ES, lastInboundAt: 0 }], undefined, ES],
    ['equal inbounds: the first', [{ e164: EE, lastInboundAt: HOUR }, { e164: ES, lastInboundAt: HOUR }], undefined, EE],
    ['a time that is not a number is no inbound', [{ e164: EE, lastInboundAt: Number.NaN }, { e164: ES, hasHistory: true }], undefined, ES],
    // 3. history
    ['history beats mobile and primary', [{ e164: EE, label: 'mobile', isPrimary: true }, { e164: ES, hasHistory: true }], undefined, ES],
    ['history false is no history', [{ e164: EE, hasHistory: false }, { e164: ES, isPrimary: true }], undefined, ES],
    // 4. a mobile
    ['Pipedrive\'s mobile label beats primary', [{ e164: DE, label: 'work', isPrimary: true }, { e164: EE, label: 'mobile' }], undefined, EE],
    ['the label in any case and spacing', [{ e164: DE, isPrimary: true }, { e164: EE, label: ' Mobile ' }], undefined, EE],
    ['our own mobile typing beats primary', [{ e164: DE, isPrimary: true }, { e164: EE, isMobile: true }], undefined, EE],
    ['a label that only contains "mobile" is not it', [{ e164: DE, isPrimary: true }, { e164: EE, label: 'mobile 2' }], undefined, DE],
    ['isMobile false is not a mobile', [{ e164: DE, isMobile: false }, { e164: EE, isPrimary: true }], undefined, EE],
    // 5. primary, 6. first
    ['the primary', [{ e164: EE, label: 'work' }, { e164: ES, isPrimary: true }], undefined, ES],
    ['otherwise the first', [{ e164: EE, label: 'work' }, { e164: ES, label: 'home' }], undefined, EE],
  ])('%s', (_rule, candidates, remembered, expected) => {
    expect(chooseNumber(candidates, remembered)?.e164).toBe(expected);
  });
});

describe('chooseNumber: forms of one WhatsApp number count as one', () => {
  it.each<[string, NumberCandidate[], string | undefined, NumberCandidate]>([
    [
      'Mexico: the page form is primary, Twilio\'s form has the inbound',
      [{ e164: MX, label: 'work', isPrimary: true }, { e164: EE, label: 'mobile' }, { e164: MX_WHATSAPP, lastInboundAt: HOUR }],
      undefined,
      { e164: MX_WHATSAPP, label: 'work', isPrimary: true, lastInboundAt: HOUR },
    ],
    [
      'Argentina: labelled mobile without the 9, history with it, beats a primary',
      [{ e164: AR_STORED, label: 'mobile' }, { e164: ES, isPrimary: true }, { e164: AR, hasHistory: true }],
      undefined,
      { e164: AR, label: 'mobile', isMobile: true, hasHistory: true },
    ],
    [
      'Brazil: the old 8-digit form wrote last, the newest of the group counts',
      [{ e164: BR, isPrimary: true, lastInboundAt: HOUR }, { e164: EE, lastInboundAt: 2 * HOUR }, { e164: BR_OLD, lastInboundAt: 3 * HOUR }],
      undefined,
      { e164: BR_OLD, isPrimary: true, lastInboundAt: 3 * HOUR },
    ],
    [
      'the remembered form is the one kept when no form has history',
      [{ e164: MX, isPrimary: true }, { e164: MX_WHATSAPP, isMobile: true }],
      MX_WHATSAPP,
      { e164: MX_WHATSAPP, isPrimary: true, isMobile: true },
    ],
    [
      'the same number twice is one candidate',
      [{ e164: EE, label: 'work' }, { e164: EE, isPrimary: true, hasHistory: true }],
      undefined,
      { e164: EE, label: 'work', isPrimary: true, hasHistory: true },
    ],
    [
      'a Brazilian landline and its 9-digit lookalike stay two',
      [{ e164: BR_LANDLINE, isPrimary: true, label: 'work' }, { e164: BR_LANDLINE_WITH_NINE, label: 'mobile' }],
      undefined,
      { e164: BR_LANDLINE_WITH_NINE, label: 'mobile', isMobile: true },
    ],
  ])('%s', (_case, candidates, remembered, expected) => {
    expect(chooseNumber(candidates, remembered)).toEqual(expected);
  });

  it('a merged number keeps the place of its first form', () => {
    // Both EE and the Mexican number are mobiles; the Mexican number comes first, by its page form.
    const candidates: NumberCandidate[] = [{ e164: MX }, { e164: EE, label: 'mobile' }, { e164: MX_WHATSAPP, isMobile: true }];
    expect(chooseNumber(candidates)).toEqual({ e164: MX, isMobile: true });
  });

  it('does not change the candidates it was given', () => {
    const candidates: NumberCandidate[] = [{ e164: MX, isPrimary: true }, { e164: MX_WHATSAPP, lastInboundAt: HOUR }];
    const copy = structuredClone(candidates);
    chooseNumber(candidates);
    expect(candidates).toEqual(copy);
  });
});
