import { describe, expect, it } from 'vitest';
import { EXPIRING_THRESHOLD_MINUTES, SYNC_INTERVAL_MINUTES, checkedCountry, checkedMinutes, checkedSelectorOverrides } from '@/lib/settings';

/** What a content script may have written into storage.local, as the background and the popup read it. */
describe('checked settings', () => {
  it.each([
    [5, 5], [1, 1], [1440, 1440], [0, 5], [1441, 5], [-3, 5], [2.5, 5], [Number.NaN, 5], [Infinity, 5], ['10', 5], [null, 5], [undefined, 5], [{}, 5],
  ])('sync interval %s → %s', (value, expected) => {
    expect(checkedMinutes(value, SYNC_INTERVAL_MINUTES)).toBe(expected);
  });

  it.each([[5, 5], [1439, 1439], [4, 120], [1440, 120], [60.5, 120], ['60', 120]])('expiring threshold %s → %s', (value, expected) => {
    expect(checkedMinutes(value, EXPIRING_THRESHOLD_MINUTES)).toBe(expected);
  });

  it.each([['EE', 'EE'], ['US', 'US'], ['', ''], ['ee', ''], ['ZZ', ''], ['EST', ''], ['E', ''], [42, ''], [null, ''], ['<img src=x>', '']])('country %j → %j', (value, expected) => {
    expect(checkedCountry(value)).toBe(expected);
  });

  it('keeps only the four overrides, as one-line strings of at most 300 characters', () => {
    expect(checkedSelectorOverrides({
      composer: '[data-test="composer"]',
      contactName: 42,
      contactPhone: 'a\nb',
      conversationHeader: 'h'.repeat(301),
      somethingElse: 'div',
    })).toEqual({ composer: '[data-test="composer"]' });
    expect(checkedSelectorOverrides('div')).toEqual({});
    expect(checkedSelectorOverrides(null)).toEqual({});
  });
});
