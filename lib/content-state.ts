import { storage } from 'wxt/utils/storage';
import type { VariableSource } from './templates/prefill';

/**
 * What the rep told us on the page, kept in `storage.local` (non-secret, content-readable on purpose): numbers typed
 * for conversations where the page shows none, conversations confirmed as WhatsApp, and where each template
 * variable's value comes from.
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
