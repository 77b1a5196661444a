import { writeInEpoch } from '../account/repo';
import { pruneOldest } from '../db/prune';
import { getDb } from '../db/schema';
import type { TemplateStatusChange } from './status-changes';

/**
 * Bound of the `templateChanges` store: the newest CHANGES_KEPT, none older than CHANGES_KEPT_MS. A rep sees them in
 * the popup until dismissed; an old verdict is in the workshop's list anyway.
 */
export const CHANGES_KEPT = 100;
export const CHANGES_KEPT_MS = 30 * 24 * 3_600_000;

/** The approval changes the templates sync saw (status-changes.ts), for the popup. */
export const changesRepo = {
  /** Stores a sync's changes for the account of `epoch` (refused once another one is connected). */
  async record(epoch: number, changes: readonly TemplateStatusChange[]): Promise<void> {
    if (changes.length === 0) return;
    await writeInEpoch(epoch, ['templateChanges'], async (tx) => {
      await Promise.all(changes.map((change) => tx.objectStore('templateChanges').put(change)));
    });
  },

  /** Newest first. */
  async list(): Promise<TemplateStatusChange[]> {
    return (await (await getDb()).getAllFromIndex('templateChanges', 'by-at')).reverse();
  },

  async markSeen(ids: readonly string[]): Promise<void> {
    const db = await getDb();
    const tx = db.transaction('templateChanges', 'readwrite');
    for (const id of ids) {
      const change = await tx.store.get(id);
      if (change && !change.isSeen) await tx.store.put({ ...change, isSeen: true });
    }
    await tx.done;
  },

  /** Drops what is beyond the bounds above, the oldest first; returns how many went. */
  prune(now: number): Promise<number> {
    return pruneOldest('templateChanges', 'by-at', { kept: CHANGES_KEPT, keptMs: CHANGES_KEPT_MS }, now);
  },
};
