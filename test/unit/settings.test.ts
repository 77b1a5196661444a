import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  EXPIRING_THRESHOLD_MINUTES, SYNC_INTERVAL_MINUTES, checkedCountry, checkedMinutes, checkedSelectorOverrides, checkedSettings, keptSettings, settings,
} from '@/lib/settings';

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

describe('kept settings (what the background reads on every question)', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('read each setting from storage once, checked, then follow what the popup (or a page) writes', async () => {
    await settings.expiringThresholdMinutes.setValue(30);
    const kept = keptSettings();
    const read = vi.spyOn(browser.storage.local, 'get');
    expect(await kept.expiringThresholdMinutes()).toBe(30);
    expect(await kept.expiringThresholdMinutes()).toBe(30);
    expect(read).toHaveBeenCalledTimes(1);
    await settings.expiringThresholdMinutes.setValue(4); // out of range: the default is acted on
    await flush();
    expect(await kept.expiringThresholdMinutes()).toBe(EXPIRING_THRESHOLD_MINUTES.fallback);
    await settings.expiringThresholdMinutes.removeValue();
    await flush();
    expect(await kept.expiringThresholdMinutes()).toBe(EXPIRING_THRESHOLD_MINUTES.fallback);
    expect(read).toHaveBeenCalledTimes(1);
    expect(await checkedSettings.notesEnabled()).toBe(true);
  });

  it('are read again by kept settings made afresh, and a failed read is tried again', async () => {
    await settings.defaultCountry.setValue('EE');
    expect(await keptSettings().defaultCountry()).toBe('EE');
    const kept = keptSettings();
    vi.spyOn(browser.storage.local, 'get').mockRejectedValueOnce(new Error('storage is gone'));
    await expect(kept.defaultCountry()).rejects.toThrow('storage is gone');
    expect(await kept.defaultCountry()).toBe('EE');
  });
});
