import { storage } from 'wxt/utils/storage';
import type { VariableSource } from './templates/prefill';

/**
 * What the rep told us on the page, kept in `storage.local` (non-secret, content-readable on purpose): numbers typed
 * for conversations where the page shows none, conversations confirmed as WhatsApp, and where each template
 * variable's value comes from. Each map is bounded (CONTENT_KEPT, newest kept: see `keepNewest`), trimmed again by
 * the background on its schedule (a content script may have written more), and removed on Disconnect.
 */
export const manualNumbers = storage.defineItem<Record<string, string>>('local:content:manualNumbers', { fallback: {}, version: 1 });
export const confirmedConversations = storage.defineItem<Record<string, true>>('local:content:confirmedConversations', { fallback: {}, version: 1 });
export const variableSources = storage.defineItem<Record<string, Record<string, VariableSource>>>('local:content:variableSources', { fallback: {}, version: 1 });

/** The number the rep chose for a person with several (the conversation is with that number), per person. */
export const numberChoices = storage.defineItem<Record<string, string>>('local:content:numberChoices', { fallback: {}, version: 1 });
/** Unsent replies per conversation page, so a draft survives navigating away and back (newest kept, see DRAFTS_KEPT). */
export const replyDrafts = storage.defineItem<Record<string, { text: string; at: number }>>('local:content:replyDrafts', { fallback: {}, version: 1 });
/** Whether the conversation panel was open: it opens again on the next person, deal or lead. */
export const panelOpen = storage.defineItem<boolean>('local:content:panelOpen', { fallback: false, version: 1 });

/** At most this many drafts are kept; the oldest goes first. */
export const DRAFTS_KEPT = 50;
/** A draft not touched for this long goes. */
export const DRAFT_KEPT_MS = 30 * 24 * 3_600_000;

/**
 * The bound of each map, in entries (conversations, persons or templates), the ones written longest ago going first.
 * A rep's working set is far smaller; a number or a choice that went is asked for once more.
 */
export const CONTENT_KEPT = {
  manualNumbers: 500,
  confirmedConversations: 500,
  numberChoices: 500,
  /** Templates; each with at most its placeholders' choices (a template has at most 100 variables). */
  variableSources: 200,
  replyDrafts: DRAFTS_KEPT,
} as const;

/** `record` with `key` set to `value` as its newest entry, and only the `max` newest entries (insertion order). */
export function keepNewest<T>(record: Readonly<Record<string, T>>, key: string, value: T, max: number): Record<string, T> {
  const entries = Object.entries(record).filter(([k]) => k !== key);
  entries.push([key, value]);
  return Object.fromEntries(entries.slice(-max));
}

/** The newest `max` entries (insertion order), of a value that may be anything a content script wrote. */
function newestOf(value: unknown, max: number): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).slice(-max));
}

const ITEMS = { manualNumbers, confirmedConversations, numberChoices, variableSources, replyDrafts } as const;

/**
 * The background's pass over the content script's notes: each map cut to its bound, drafts older than
 * DRAFT_KEPT_MS dropped. Writes only a map that changed (the content script writes these too).
 */
export async function trimContentState(now: number): Promise<void> {
  for (const name of Object.keys(ITEMS) as Array<keyof typeof ITEMS>) {
    const item = ITEMS[name] as unknown as { getValue: () => Promise<unknown>; setValue: (value: Record<string, unknown>) => Promise<void> };
    const current = await item.getValue();
    let next = newestOf(current, CONTENT_KEPT[name]);
    if (name === 'replyDrafts') {
      next = Object.fromEntries(Object.entries(next).filter(([, draft]) => {
        const at = (draft as { at?: unknown } | null)?.at;
        return typeof at === 'number' && at > now - DRAFT_KEPT_MS;
      }));
    }
    const isSame = current && typeof current === 'object' && Object.keys(current).length === Object.keys(next).length;
    if (!isSame) await item.setValue(next);
  }
}

/** Disconnect: the numbers, confirmations, choices and drafts go with the account. */
export async function clearContentState(): Promise<void> {
  await Promise.all(Object.values(ITEMS).map((item) => item.removeValue()));
}
