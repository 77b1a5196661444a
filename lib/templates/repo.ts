import { writeInEpoch } from '../account/repo';
import { getDb, type StoredTemplate, type SyncRecord } from '../db/schema';

export interface TemplateCounts {
  added: number;
  changed: number;
  removed: number;
  total: number;
}

/** The catalogue as last synced: the pages of the current generation, in Twilio's order. */
export interface Catalogue {
  generation: number | undefined;
  templates: StoredTemplate[];
}

/** Every page key of `generation`: [generation, -∞] … [generation, +∞]. */
const pagesOf = (generation: number) => IDBKeyRange.bound([generation, -Infinity], [generation, Infinity]);

// Field order is fixed by normalizeTemplate, so equal templates serialise equally.
const fingerprint = (template: StoredTemplate): string => JSON.stringify(template);

/** What a sync changed: templates new, different or gone since the previous catalogue. */
export function countChanges(before: readonly StoredTemplate[], after: readonly StoredTemplate[]): TemplateCounts {
  const old = new Map(before.map((t) => [t.sid, t]));
  let added = 0;
  let changed = 0;
  for (const template of after) {
    const previous = old.get(template.sid);
    old.delete(template.sid);
    if (previous === undefined) added++;
    else if (fingerprint(previous) !== fingerprint(template)) changed++;
  }
  return { added, changed, removed: old.size, total: after.length };
}

/**
 * The template catalogue, written the way a sync receives it: page by page into a new generation that nobody
 * reads, then switched to in one small transaction. A sync that fails halfway leaves the current catalogue as it was.
 */
export const templatesRepo = {
  async load(): Promise<Catalogue> {
    const db = await getDb();
    const tx = db.transaction(['sync', 'templatePages']);
    const generation = (await tx.objectStore('sync').get('templates'))?.generation;
    if (generation === undefined) return { generation, templates: [] };
    const pages = await tx.objectStore('templatePages').getAll(pagesOf(generation));
    return { generation, templates: pages.flatMap((page) => page.templates) };
  },

  async all(): Promise<StoredTemplate[]> {
    return (await this.load()).templates;
  },

  /**
   * Starts a new generation: clears what an interrupted sync left behind (any page not of the current generation)
   * and returns the number to write under.
   */
  async begin(epoch: number): Promise<number> {
    return writeInEpoch(epoch, ['sync', 'templatePages'], async (tx) => {
      const current = (await tx.objectStore('sync').get('templates'))?.generation ?? 0;
      await Promise.all(deleteOtherGenerations(tx.objectStore('templatePages'), current));
      return current + 1;
    });
  },

  async writePage(epoch: number, generation: number, page: number, templates: StoredTemplate[]): Promise<void> {
    await writeInEpoch(epoch, ['templatePages'], (tx) => tx.objectStore('templatePages').put({ generation, page, templates }));
  },

  /**
   * Makes `generation` the catalogue, with the sync record that says so, and drops every other generation; refused
   * (StaleAccountError) once the account of `epoch` is gone.
   */
  async commit(epoch: number, generation: number, sync: SyncRecord): Promise<void> {
    await writeInEpoch(epoch, ['sync', 'templatePages'], (tx) =>
      Promise.all([tx.objectStore('sync').put({ ...sync, generation }), ...deleteOtherGenerations(tx.objectStore('templatePages'), generation)]),
    );
  },

  /** A sync that failed: its pages go (the current catalogue is untouched). */
  async discard(generation: number): Promise<void> {
    await (await getDb()).delete('templatePages', pagesOf(generation));
  },
};

function deleteOtherGenerations(store: { delete: (range: IDBKeyRange) => Promise<void> }, keep: number): Promise<void>[] {
  return [store.delete(IDBKeyRange.upperBound([keep], true)), store.delete(IDBKeyRange.lowerBound([keep, Infinity], true))];
}
