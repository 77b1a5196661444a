import { getDb, type SyncError, type SyncKind, type SyncProgress, type SyncRecord } from './schema';

/** The `sync` store: one record per kind, read by the popup while a sync runs and after it ends. */
export const syncRepo = {
  async get(kind: SyncKind): Promise<SyncRecord> {
    return (await (await getDb()).get('sync', kind)) ?? { kind };
  },

  async update(kind: SyncKind, change: (record: SyncRecord) => SyncRecord): Promise<SyncRecord> {
    const db = await getDb();
    const tx = db.transaction('sync', 'readwrite');
    const next = change((await tx.store.get(kind)) ?? { kind });
    await tx.store.put(next);
    await tx.done;
    return next;
  },

  start(kind: SyncKind, startedAt: number): Promise<SyncRecord> {
    return this.update(kind, (r) => ({ ...r, running: { startedAt, progress: { pages: 0, items: 0 } } }));
  },

  progress(kind: SyncKind, progress: SyncProgress): Promise<SyncRecord> {
    return this.update(kind, (r) => (r.running ? { ...r, running: { ...r.running, progress } } : r));
  },

  fail(kind: SyncKind, error: SyncError): Promise<SyncRecord> {
    return this.update(kind, ({ running: _running, ...r }) => ({ ...r, lastError: error }));
  },

  /** A worker that died mid-sync leaves `running` behind; the next worker clears it (nothing runs at its start). */
  async clearInterrupted(): Promise<void> {
    for (const kind of ['templates', 'windows'] as const) {
      await this.update(kind, ({ running, ...r }) =>
        running ? { ...r, lastError: { code: 'interrupted', message: 'The sync was interrupted', at: running.startedAt } } : r,
      );
    }
  },
};
