import type { WxtStorageItem } from 'wxt/utils/storage';
import { settings } from '@/lib/settings';

/**
 * A stored value the content script needs each time a conversation opens (the rep's selector overrides, the numbers
 * they typed): read from storage once per page, then kept current by watching it. Opening the next conversation
 * then costs no storage round trip before our UI can appear.
 */
export function keptValue<T>(item: WxtStorageItem<T, Record<string, unknown>>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    if (!value) {
      value = item.getValue();
      item.watch((next) => {
        value = Promise.resolve(next);
      });
    }
    return value;
  };
}

/** The rep's selector overrides (popup, advanced settings): every feature reads them when Pipedrive navigates. */
export const selectorOverridesNow = keptValue(settings.selectorOverrides);
