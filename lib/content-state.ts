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
