import { writeInEpoch } from '../account/repo';
import { getDb, type ConversationSaveRecord, type NoteJobRecord } from '../db/schema';
import type { SavedUpTo } from './rule';

const DAY_MS = 24 * 3_600_000;
/**
 * Bound of the `noteJobs` store: a job is kept 30 days after it was queued (its key is what makes a second note for
 * the same message impossible; a message is long settled by then) and at most NOTE_JOBS_KEPT in all, the oldest
 * going first. Jobs not written yet are never dropped by the count.
 */
export const NOTE_JOBS_KEPT_MS = 30 * DAY_MS;
export const NOTE_JOBS_KEPT = 10_000;
/** Saved conversations kept (a conversation whose mark went writes its whole cached thread on the next save). */
export const CONVERSATION_SAVES_KEPT = 2_000;

type Change = Partial<Omit<NoteJobRecord, 'key'>>;

/** The notes to write in Pipedrive, one per key (see NoteJobRecord), and where each conversation's last save ended. */
export const notesRepo = {
  /**
   * Queues a job unless one with its key exists; atomically, so of two callers (two tabs, a waking worker and a
   * send's answer) exactly one queues it. With `saved`, the conversation's save mark moves in the same transaction.
   */
  async claim(epoch: number, job: NoteJobRecord, saved?: ConversationSaveRecord): Promise<{ created: boolean; job: NoteJobRecord }> {
    return writeInEpoch(epoch, ['noteJobs', 'conversationSaves'], async (tx) => {
      const store = tx.objectStore('noteJobs');
      const existing = await store.get(job.key);
      if (existing) return { created: false, job: existing };
      await store.add(job);
      if (saved) await tx.objectStore('conversationSaves').put(saved);
      return { created: true, job };
    });
  },

  async get(key: string): Promise<NoteJobRecord | undefined> {
    return (await getDb()).get('noteJobs', key);
  },

  async getMany(keys: readonly string[]): Promise<Map<string, NoteJobRecord>> {
    const db = await getDb();
    const tx = db.transaction('noteJobs');
    const rows = await Promise.all(keys.map((key) => tx.store.get(key)));
    await tx.done;
    return new Map(rows.flatMap((row) => (row ? [[row.key, row] as const] : [])));
  },

  /** Changes a job only while `isStill(current)` holds: one transaction, so a late answer cannot overwrite a newer state. */
  async updateIf(key: string, isStill: (current: NoteJobRecord) => boolean, change: Change | ((current: NoteJobRecord) => Change)): Promise<NoteJobRecord | undefined> {
    const db = await getDb();
    const tx = db.transaction('noteJobs', 'readwrite');
    const existing = await tx.store.get(key);
    if (!existing || !isStill(existing)) {
      await tx.done;
      return undefined;
    }
    const next = { ...existing, ...(typeof change === 'function' ? change(existing) : change) };
    await Promise.all([tx.store.put(next), tx.done]);
    return next;
  },

  /** Every job not written yet: pending, posting (in flight, or lost with its worker) and failed. */
  async unsaved(): Promise<NoteJobRecord[]> {
    const db = await getDb();
    const rows = await Promise.all((['pending', 'posting', 'failed'] as const).map((state) => db.getAllFromIndex('noteJobs', 'by-state', state)));
    return rows.flat();
  },

  async savedUpTo(sender: string, contact: string): Promise<SavedUpTo | undefined> {
    return (await (await getDb()).get('conversationSaves', [sender, contact]))?.upTo;
  },

  /** Drops saved jobs older than NOTE_JOBS_KEPT_MS, then the oldest saved ones beyond NOTE_JOBS_KEPT; returns how many went. */
  async prune(now: number): Promise<number> {
    const db = await getDb();
    const tx = db.transaction(['noteJobs', 'conversationSaves'], 'readwrite');
    const jobs = tx.objectStore('noteJobs');
    let removed = 0;
    let tooMany = Math.max(0, (await jobs.count()) - NOTE_JOBS_KEPT);
    for (let cursor = await jobs.index('by-createdAt').openCursor(); cursor; cursor = await cursor.continue()) {
      if (cursor.value.createdAt >= now - NOTE_JOBS_KEPT_MS && tooMany <= 0) break;
      if (cursor.value.state !== 'saved') continue;
      void cursor.delete();
      removed++;
      tooMany--;
    }
    const saves = tx.objectStore('conversationSaves');
    let extra = Math.max(0, (await saves.count()) - CONVERSATION_SAVES_KEPT);
    // The oldest marks first: ordered by where they ended.
    if (extra > 0) {
      const all = (await saves.getAll()).sort((a, b) => a.upTo.at - b.upTo.at);
      for (const save of all) {
        if (extra-- <= 0) break;
        void saves.delete([save.sender, save.contact]);
        removed++;
      }
    }
    await tx.done;
    return removed;
  },
};
