import type { WxtStorageItem } from 'wxt/utils/storage';
import { checkedSelectorOverrides, settings } from '@/lib/settings';

/**
 * A stored value the content script needs each time a conversation opens (the rep's selector overrides, the numbers
 * they typed): read from storage once per page, then kept current by watching it. Opening the next conversation
 * then costs no storage round trip before our UI can appear.
 */
export function keptValue<T>(item: WxtStorageItem<T, Record<string, unknown>>): () => Promise<T> {
  let value: Promise<T> | undefined;
  let isWatching = false;
  return () => {
    if (!isWatching) {
      isWatching = true;
      item.watch((next) => {
        value = Promise.resolve(next);
      });
    }
    if (!value) {
      const read = item.getValue();
      value = read;
      read.catch(() => {
        if (value === read) value = undefined; // a failed read is tried again by the next caller
      });
    }
    return value;
  };
}

/** The rep's selector overrides (popup, advanced settings): every feature reads them when Pipedrive navigates. */
const keptOverrides = keptValue(settings.selectorOverrides);
export const selectorOverridesNow = async () => checkedSelectorOverrides(await keptOverrides());
