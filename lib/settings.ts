import { isSupportedCountry } from 'libphonenumber-js/min';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
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

/** How each setting is checked as the background (and the popup) act on it: anything else is the default. */
const CHECKS = {
  syncIntervalMinutes: (value: unknown) => checkedMinutes(value, SYNC_INTERVAL_MINUTES),
  expiringThresholdMinutes: (value: unknown) => checkedMinutes(value, EXPIRING_THRESHOLD_MINUTES),
  defaultCountry: checkedCountry,
  selectorOverrides: checkedSelectorOverrides,
  inboxDays: (value: unknown) => checkedMinutes(value, INBOX_DAYS),
  notifyNewMessages: (value: unknown) => value === true,
  notifyMessageText: (value: unknown) => value === true,
  // Only an explicit `false` turns notes off: a value of another shape is the default (on).
  notesEnabled: (value: unknown) => value !== false,
} satisfies Record<keyof typeof settings, (value: unknown) => unknown>;

type SettingName = keyof typeof CHECKS;
export type CheckedSettings = { [K in SettingName]: () => Promise<ReturnType<(typeof CHECKS)[K]>> };

function checkedReaders(read: (name: SettingName) => Promise<unknown>): CheckedSettings {
  const names = Object.keys(CHECKS) as SettingName[];
  return Object.fromEntries(names.map((name) => [name, async () => CHECKS[name](await read(name))])) as CheckedSettings;
}

/**
 * A stored value read once, then kept current by watching it (`storage.onChanged`): what is needed each time a
 * conversation opens (the rep's selector overrides, the numbers they typed, the settings the badge's answer depends
 * on) then costs no storage round trip after the first read. A failed read is tried again by the next caller.
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
        if (value === read) value = undefined;
      });
    }
    return value;
  };
}

/** The settings as the background (and the popup) act on them: read from `storage.local`, then checked. */
export const checkedSettings: CheckedSettings = /* @__PURE__ */ checkedReaders((name) => settings[name].getValue());

/**
 * The same, each read once and then kept current (`keptValue`): for the background's handlers, made with them (so a
 * handler made afresh, as in a test, reads storage afresh). The badge's question, asked on every conversation opened,
 * then waits for no storage round trip while the page is busy drawing that conversation.
 */
export function keptSettings(): CheckedSettings {
  const kept = new Map<SettingName, () => Promise<unknown>>();
  return checkedReaders((name) => {
    let read = kept.get(name);
    if (!read) kept.set(name, (read = keptValue<unknown>(settings[name])));
    return read();
  });
}

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
