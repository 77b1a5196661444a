import { writeInEpoch } from '../account/repo';
import { getDb, type ThreadRecord } from '../db/schema';

const DAY_MS = 24 * 3_600_000;
/**
 * Bound of the `threads` store: at most THREADS_KEPT conversations and THREAD_MESSAGES_KEPT messages in all, none
 * not read for THREAD_KEPT_MS; the conversations read longest ago go first, whole (a conversation dropped is read
 * again from its newest page when it is next opened). One read in the last THREAD_IN_USE_MS stays whatever its size:
 * a panel may be open on it, polling.
 */
export const THREADS_KEPT = 200;
export const THREAD_MESSAGES_KEPT = 20_000;
export const THREAD_KEPT_MS = 30 * DAY_MS;
export const THREAD_IN_USE_MS = 15 * 60_000;

/** Conversations read from Twilio, one record per (sender, customer): reopening one shows it before Twilio answers. */
export const threadsRepo = {
  async get(sender: string, contact: string): Promise<ThreadRecord | undefined> {
    return (await getDb()).get('threads', [sender, contact]);
  },

  /** Stores a conversation read for the account of `epoch` (refused once another one is connected). */
  async put(epoch: number, record: ThreadRecord): Promise<void> {
    await writeInEpoch(epoch, ['threads'], (tx) => tx.objectStore('threads').put(record));
  },

  /** Drops the conversations beyond the bounds above, those read longest ago first; returns how many went. */
  async prune(now: number): Promise<number> {
    const db = await getDb();
    const tx = db.transaction('threads', 'readwrite');
    let count = 0;
    let messages = 0;
    let removed = 0;
    // Newest read first: each one is kept while the bounds allow it.
    for (let cursor = await tx.store.index('by-fetchedAt').openCursor(null, 'prev'); cursor; cursor = await cursor.continue()) {
      const { fetchedAt } = cursor.value;
      count++;
      messages += cursor.value.messages.length;
      const isInUse = fetchedAt > now - THREAD_IN_USE_MS;
      const isOver = count > THREADS_KEPT || messages > THREAD_MESSAGES_KEPT || fetchedAt < now - THREAD_KEPT_MS;
      if (isOver && !isInUse) {
        void cursor.delete();
        removed++;
        count--;
        messages -= cursor.value.messages.length;
      }
    }
    await tx.done;
    return removed;
  },

  /** Whether a message is part of a conversation the background read (media is only fetched for those). */
  async hasMessage(sender: string, contact: string, sid: string): Promise<boolean> {
    const record = await this.get(sender, contact);
    return record?.messages.some((message) => message.sid === sid) ?? false;
  },
};
