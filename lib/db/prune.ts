import type { IndexNames } from 'idb';
import { getDb, type WhatsAppDB } from './schema';

/** Stores whose records are dropped oldest first by a time index (ms). */
type TimedStore = 'sends' | 'templateDrafts' | 'templateChanges';

/**
 * Keeps the `kept` newest records of `store` by its time `index`, none older than `keptMs`; returns how many went.
 * One transaction, keys only (the records themselves are never read).
 */
export async function pruneOldest<S extends TimedStore>(store: S, index: IndexNames<WhatsAppDB, S>, bound: { kept: number; keptMs: number }, now: number): Promise<number> {
  const db = await getDb();
  const tx = db.transaction(store, 'readwrite');
  let tooMany = Math.max(0, (await tx.store.count()) - bound.kept);
  let removed = 0;
  for (let cursor = await tx.store.index(index).openKeyCursor(); cursor; cursor = await cursor.continue()) {
    if ((cursor.key as number) >= now - bound.keptMs && tooMany <= 0) break;
    void tx.store.delete(cursor.primaryKey);
    removed++;
    tooMany--;
  }
  await tx.done;
  return removed;
}
