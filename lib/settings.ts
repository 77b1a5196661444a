import { storage } from 'wxt/utils/storage';
import type { SelectorOverrides as AllSelectorOverrides } from './pipedrive/selectors';

/**
 * Preferences and status flags that are not secret, in `storage.local` on purpose: the content script reads them.
 * Never put a credential here (every content script can read this area).
 */
/** Overrides the rep may set in the popup (the selectors most likely to need one). */
export type SelectorOverrides = Pick<AllSelectorOverrides, 'composer' | 'contactName' | 'contactPhone' | 'conversationHeader'>;

export const settings = {
  /** Our WhatsApp sender, E.164; null until chosen (or picked automatically when the account has exactly one). */
  sender: storage.defineItem<string | null>('local:settings:sender', { fallback: null, version: 1 }),
  syncIntervalMinutes: storage.defineItem<number>('local:settings:syncIntervalMinutes', { fallback: 5, version: 1 }),
  expiringThresholdMinutes: storage.defineItem<number>('local:settings:expiringThresholdMinutes', { fallback: 120, version: 1 }),
  /** ISO 3166 country for numbers written without +country code. Empty: guess from the browser's language. */
  defaultCountry: storage.defineItem<string>('local:settings:defaultCountry', { fallback: '', version: 1 }),
  selectorOverrides: storage.defineItem<SelectorOverrides>('local:settings:selectorOverrides', { fallback: {}, version: 1 }),
};

/**
 * Set when Twilio refused the stored credentials (a 401 the credential probe confirmed; a 403 is about one resource,
 * never the credentials): the schedule stops until they change or "Test connection" passes.
 */
export const authFailure = storage.defineItem<{ at: number; status: number } | null>('local:status:authFailure', { fallback: null, version: 1 });

/**
 * Change counters the UI listens to (`storage.onChanged`) to know when to ask the background again. Counters only:
 * the data itself stays in the background's IndexedDB.
 */
export interface Revisions {
  templates: number;
  windows: number;
  sync: number;
}

export const revisions = storage.defineItem<Revisions>('local:revisions', { fallback: { templates: 0, windows: 0, sync: 0 }, version: 1 });

export async function bumpRevision(...kinds: (keyof Revisions)[]): Promise<void> {
  const current = await revisions.getValue();
  const next = { ...current };
  for (const kind of kinds) next[kind] = current[kind] + 1;
  await revisions.setValue(next);
}
