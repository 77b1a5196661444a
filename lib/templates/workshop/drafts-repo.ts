import { pruneOldest } from '../../db/prune';
import { getDb } from '../../db/schema';
import type { TemplateDraft } from '../authoring/draft';

/**
 * Bound of the `templateDrafts` store: the DRAFTS_KEPT drafts written last, none not touched for DRAFT_KEPT_MS. A
 * draft goes when it is submitted (it is in Twilio's list then) or discarded.
 */
export const TEMPLATE_DRAFTS_KEPT = 50;
export const TEMPLATE_DRAFT_KEPT_MS = 90 * 24 * 3_600_000;

/** What the rep is writing in the workshop, kept as typed so that closing the page loses nothing. */
export const draftsRepo = {
  /** Newest first. */
  async list(): Promise<TemplateDraft[]> {
    return (await (await getDb()).getAllFromIndex('templateDrafts', 'by-updatedAt')).reverse();
  },

  async get(id: string): Promise<TemplateDraft | undefined> {
    return (await getDb()).get('templateDrafts', id);
  },

  async put(draft: TemplateDraft): Promise<void> {
    await (await getDb()).put('templateDrafts', draft);
  },

  async delete(id: string): Promise<void> {
    await (await getDb()).delete('templateDrafts', id);
  },

  /** Drops what is beyond the bounds above, the oldest first; returns how many went. */
  prune(now: number): Promise<number> {
    return pruneOldest('templateDrafts', 'by-updatedAt', { kept: TEMPLATE_DRAFTS_KEPT, keptMs: TEMPLATE_DRAFT_KEPT_MS }, now);
  },
};
