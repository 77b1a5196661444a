import { isSupportedCountry } from 'libphonenumber-js/min';
import { storage } from 'wxt/utils/storage';
import type { SelectorOverrides as AllSelectorOverrides } from './pipedrive/selectors';

/**
 * Preferences that are not secret, in `storage.local` on purpose: the content script reads them. Never put a
 * credential here (every content script can read this area), nor anything the background acts on without checking
 * it: every content script can write this area too. The sender and the credentials' refusal live in the
 * background's IndexedDB (`lib/account/repo.ts`); the values below are checked each time the background reads them
 * (`checkedSettings`), so the most a content script can do is pick another value the popup could have saved.
 */
/** Overrides the rep may set in the popup (the selectors most likely to need one). */
export type SelectorOverrides = Pick<AllSelectorOverrides, 'composer' | 'contactName' | 'contactPhone' | 'conversationHeader'>;

/** The ranges the popup accepts; a stored value outside them is not acted on (the default is). */
export const SYNC_INTERVAL_MINUTES = { min: 1, max: 1440, fallback: 5 } as const;
export const EXPIRING_THRESHOLD_MINUTES = { min: 5, max: 1439, fallback: 120 } as const;
/** How many days back the inbox reaches. */
export const INBOX_DAYS = { min: 1, max: 30, fallback: 7 } as const;
/** Longest selector override the popup accepts. */
export const SELECTOR_MAX_LENGTH = 300;

export const settings = {
  syncIntervalMinutes: storage.defineItem<number>('local:settings:syncIntervalMinutes', { fallback: 5, version: 1 }),
  expiringThresholdMinutes: storage.defineItem<number>('local:settings:expiringThresholdMinutes', { fallback: 120, version: 1 }),
  /** ISO 3166 country for numbers written without +country code. Empty: guess from the browser's language. */
  defaultCountry: storage.defineItem<string>('local:settings:defaultCountry', { fallback: '', version: 1 }),
  selectorOverrides: storage.defineItem<SelectorOverrides>('local:settings:selectorOverrides', { fallback: {}, version: 1 }),
  inboxDays: storage.defineItem<number>('local:settings:inboxDays', { fallback: INBOX_DAYS.fallback, version: 1 }),
  /**
   * Desktop notifications of the customer's new messages. On only once the rep granted the optional `notifications`
   * permission (asked when the setting is turned on); a page that turns this on without it shows nothing.
   */
  notifyNewMessages: storage.defineItem<boolean>('local:settings:notifyNewMessages', { fallback: false, version: 1 }),
  /** Whether a notification shows the message's text (off: only who wrote). */
  notifyMessageText: storage.defineItem<boolean>('local:settings:notifyMessageText', { fallback: false, version: 1 }),
  /** "Save sent WhatsApp messages to Pipedrive as notes" (on by default). */
  notesEnabled: storage.defineItem<boolean>('local:settings:notesEnabled', { fallback: true, version: 1 }),
};

/** A whole number of minutes inside `range`, else the range's default. */
export function checkedMinutes(value: unknown, range: { min: number; max: number; fallback: number }): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max ? value : range.fallback;
}

/** An ISO 3166 alpha-2 code libphonenumber knows, or '' ("from the browser's language") for anything else. */
export function checkedCountry(value: unknown): string {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value) && isSupportedCountry(value) ? value : '';
}

/** The four overrides, each a one-line string of at most SELECTOR_MAX_LENGTH characters; anything else is dropped. */
export function checkedSelectorOverrides(value: unknown): SelectorOverrides {
  if (!value || typeof value !== 'object') return {};
  const record = value as Record<string, unknown>;
  const keys = ['composer', 'contactName', 'contactPhone', 'conversationHeader'] as const;
  return Object.fromEntries(
    keys.flatMap((key) => {
      const selector = record[key];
      return typeof selector === 'string' && selector.length <= SELECTOR_MAX_LENGTH && !/[\n\r]/.test(selector) ? [[key, selector]] : [];
    }),
  );
}

/** The settings as the background (and the popup) act on them: read from `storage.local`, then checked. */
export const checkedSettings = {
  syncIntervalMinutes: async () => checkedMinutes(await settings.syncIntervalMinutes.getValue(), SYNC_INTERVAL_MINUTES),
  expiringThresholdMinutes: async () => checkedMinutes(await settings.expiringThresholdMinutes.getValue(), EXPIRING_THRESHOLD_MINUTES),
  defaultCountry: async () => checkedCountry(await settings.defaultCountry.getValue()),
  selectorOverrides: async () => checkedSelectorOverrides(await settings.selectorOverrides.getValue()),
  inboxDays: async () => checkedMinutes(await settings.inboxDays.getValue(), INBOX_DAYS),
  notifyNewMessages: async () => (await settings.notifyNewMessages.getValue()) === true,
  notifyMessageText: async () => (await settings.notifyMessageText.getValue()) === true,
  // Only an explicit `false` turns notes off: a value of another shape is the default (on).
  notesEnabled: async () => (await settings.notesEnabled.getValue()) !== false,
};

/**
 * Where earlier versions kept the sender and the credentials' refusal, although the background acts on them.
 * The sender there is taken over only when Twilio lists it as one of the account's online senders (a content
 * script may have written it); the refusal is dropped (the next 401 the probe confirms sets it again).
 */
export const legacySettings = {
  sender: storage.defineItem<string | null>('local:settings:sender', { fallback: null, version: 1 }),
  authFailure: storage.defineItem<{ at: number; status: number } | null>('local:status:authFailure', { fallback: null, version: 1 }),
};

/**
 * Change counters the UI listens to (`storage.onChanged`) to know when to ask the background again. Counters only:
 * the data itself stays in the background's IndexedDB.
 */
export interface Revisions {
  templates: number;
  windows: number;
  /** The inbox: its conversations, what is unread, the names found. */
  inbox: number;
  sync: number;
  /** A note in Pipedrive was queued, written or failed (absent in what older versions stored). */
  notes?: number;
}

export const revisions = storage.defineItem<Revisions>('local:revisions', { fallback: { templates: 0, windows: 0, inbox: 0, sync: 0, notes: 0 }, version: 1 });

export async function bumpRevision(...kinds: (keyof Revisions)[]): Promise<void> {
  const current = await revisions.getValue();
  const next = { ...current };
  for (const kind of kinds) next[kind] = (current[kind] ?? 0) + 1;
  await revisions.setValue(next);
}
