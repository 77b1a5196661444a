import { accountRepo, writeInEpoch } from '../account/repo';
import { getDb, type SyncError, type SyncKind, type SyncProgress, type SyncRecord } from '../db/schema';

/** The `sync` store: one record per kind, read by the popup while a sync runs and after it ends. */
export const syncRepo = {
  async get(kind: SyncKind): Promise<SyncRecord> {
    return (await (await getDb()).get('sync', kind)) ?? { kind };
  },

  /** Changes the record of `kind` for the sync of the account of `epoch` (refused once another one is connected). */
  async update(epoch: number, kind: SyncKind, change: (record: SyncRecord) => SyncRecord): Promise<SyncRecord> {
    return writeInEpoch(epoch, ['sync'], async (tx) => {
      const store = tx.objectStore('sync');
      const next = change((await store.get(kind)) ?? { kind });
      await store.put(next);
      return next;
    });
  },

  start(epoch: number, kind: SyncKind, startedAt: number): Promise<SyncRecord> {
    return this.update(epoch, kind, (r) => ({ ...r, running: { startedAt, progress: { pages: 0, items: 0 } } }));
  },

  progress(epoch: number, kind: SyncKind, progress: SyncProgress): Promise<SyncRecord> {
    return this.update(epoch, kind, (r) => (r.running ? { ...r, running: { ...r.running, progress } } : r));
  },

  fail(epoch: number, kind: SyncKind, error: SyncError): Promise<SyncRecord> {
    return this.update(epoch, kind, ({ running: _running, ...r }) => ({ ...r, lastError: error }));
  },

  /** A worker that died mid-sync leaves `running` behind; the next worker clears it (nothing runs at its start). */
  async clearInterrupted(): Promise<void> {
    const epoch = await accountRepo.epoch();
    for (const kind of ['templates', 'windows', 'conversations'] as const) {
      await this.update(epoch, kind, ({ running, ...r }) =>
        running ? { ...r, lastError: { code: 'interrupted', message: 'The sync was interrupted', at: running.startedAt } } : r,
      ).catch(() => undefined); // the account changed meanwhile: its records are gone anyway
    }
  },
};
