import { describe, expect, it } from 'vitest';
import { decideOutcome } from '../../fake-twilio/logic/send-policy';
import type { ApprovalStatus } from '@/lib/templates/model';
import type { WindowState } from '@/lib/window/model';
import { APPROVAL_STATUSES } from '@/lib/templates/model';
import { sendability } from '@/lib/templates/sendability';

/** The product's rule: what the picker lets a rep send, and what the background refuses before anything reaches Twilio. */
describe('sendability', () => {
  const cases: Array<[string, ApprovalStatus, string[], WindowState, string]> = [
    // Approved: the only way to write once the window is closed, whatever the window says.
    ['approved text, window closed', 'approved', ['twilio/text'], 'closed', 'ok'],
    ['approved card, window closed', 'approved', ['twilio/card'], 'closed', 'ok'],
    ['approved text, window not known yet', 'approved', ['twilio/text'], 'unknown', 'ok'],
    ['approved authentication template, window open', 'approved', ['whatsapp/authentication'], 'open', 'ok'],
    // Paused or disabled by WhatsApp: never, not even in the window.
    ['paused text, window open', 'paused', ['twilio/text'], 'open', 'stopped'],
    ['disabled text, window expiring', 'disabled', ['twilio/text'], 'expiring', 'stopped'],
    ['paused card, window closed', 'paused', ['twilio/card'], 'closed', 'stopped'],
    // Not approved: only in the window, as simple content Twilio takes unapproved in a session.
    ['pending text, window open', 'pending', ['twilio/text'], 'open', 'ok'],
    ['received media, window expiring', 'received', ['twilio/media'], 'expiring', 'ok'],
    ['unsubmitted quick-reply, window open', 'unsubmitted', ['twilio/quick-reply'], 'open', 'ok'],
    ['rejected text, window open', 'rejected', ['twilio/text'], 'open', 'ok'],
    ['pending text + media, window open', 'pending', ['twilio/text', 'twilio/media'], 'open', 'ok'],
    ['pending text, window closed', 'pending', ['twilio/text'], 'closed', 'window-closed'],
    ['pending text, window not known yet (treated as closed)', 'pending', ['twilio/text'], 'unknown', 'window-closed'],
    ['pending card, window open', 'pending', ['twilio/card'], 'open', 'not-approved'],
    ['pending call-to-action, window open', 'pending', ['twilio/call-to-action'], 'open', 'not-approved'],
    ['unsubmitted whatsapp/card, window open', 'unsubmitted', ['whatsapp/card'], 'open', 'not-approved'],
    // Twilio sends the most complex of a template's types that WhatsApp supports: a text with a card goes as the card.
    ['pending text + card, window open', 'pending', ['twilio/text', 'twilio/card'], 'open', 'not-approved'],
    ['pending card + text, window open', 'pending', ['twilio/card', 'twilio/text'], 'open', 'not-approved'],
    // Stricter than Twilio, on purpose (DESIGN §1): list pickers, locations and types we do not know wait for approval.
    ['pending list-picker, window open', 'pending', ['twilio/list-picker'], 'open', 'not-approved'],
    ['pending text + a type we do not know, window open', 'pending', ['twilio/text', 'twilio/future-thing'], 'open', 'not-approved'],
    ['pending, no types at all, window open', 'pending', [], 'open', 'not-approved'],
  ];

  it.each(cases)('%s', (_name, status, typeKeys, window, expected) => {
    const result = sendability(status, typeKeys, window);
    expect(result.ok ? 'ok' : result.reason).toBe(expected);
  });
});

/**
 * The product's rule against the fake Twilio's model of Twilio and Meta (test/fake-twilio/logic/send-policy.ts),
 * written separately from Twilio's documentation: what the product lets a rep send, WhatsApp delivers.
 */
describe('sendability against the fake Twilio', () => {
  const TYPE_SETS = [
    ['twilio/text'], ['twilio/media'], ['twilio/quick-reply'], ['twilio/call-to-action'], ['twilio/card'], ['twilio/list-picker'],
    ['twilio/location'], ['twilio/carousel'], ['whatsapp/card'], ['whatsapp/authentication'], ['twilio/text', 'twilio/card'],
    ['twilio/card', 'twilio/text'], ['twilio/text', 'twilio/media'], ['twilio/quick-reply', 'twilio/call-to-action'], ['twilio/text', 'twilio/future-thing'],
  ];
  const WINDOWS: WindowState[] = ['open', 'expiring', 'closed', 'unknown'];
  // WhatsApp never approves a list picker or a location (neither can start a conversation), so no such pair exists.
  const isPossible = (status: ApprovalStatus, typeKeys: string[]) =>
    !(status === 'approved' && typeKeys.some((key) => key === 'twilio/list-picker' || key === 'twilio/location'));
  const grid = APPROVAL_STATUSES.flatMap((status) =>
    TYPE_SETS.filter((typeKeys) => isPossible(status, typeKeys)).flatMap((typeKeys) => WINDOWS.map((window) => ({ status, typeKeys, window }))));
  // An unknown window may be open or closed at Twilio: the product must be right either way.
  const isOpenAtTwilio = (window: WindowState) => (window === 'unknown' ? [true, false] : [window === 'open' || window === 'expiring']);

  it('never lets a rep send what WhatsApp would refuse', () => {
    const refused = grid.filter(({ status, typeKeys, window }) =>
      sendability(status, typeKeys, window).ok &&
      isOpenAtTwilio(window).some((isOpen) => decideOutcome({ kind: 'template', status, typeKeys }, isOpen, undefined).kind !== 'delivered'));
    expect(refused).toEqual([]);
  });

  it('holds back what WhatsApp would deliver only for the unapproved types it is stricter about', () => {
    const heldBack = grid.filter(({ status, typeKeys, window }) =>
      !sendability(status, typeKeys, window).ok &&
      isOpenAtTwilio(window).every((isOpen) => decideOutcome({ kind: 'template', status, typeKeys }, isOpen, undefined).kind === 'delivered'));
    expect(new Set(heldBack.map(({ typeKeys }) => typeKeys.join(' + ')))).toEqual(new Set(['twilio/list-picker', 'twilio/location', 'twilio/text + twilio/future-thing']));
    expect(heldBack.every(({ status, window }) => status !== 'approved' && (window === 'open' || window === 'expiring'))).toBe(true);
  });
});
