import { writeInEpoch } from '../account/repo';
import { WINDOW_BUCKETS, bucketOf, getDb, type InboxBucketRecord, type SyncRecord } from '../db/schema';
import { phoneSearchTerms } from '../pipedrive/person-match';
import { isInPeriod, markRead, markUnread, mergeIntoInbox, type InboxArrival, type InboxEntry, type InboxMessage } from './inbox';

const bucketsOf = (sender: string) => IDBKeyRange.bound([sender, 0], [sender, WINDOW_BUCKETS]);

/** A name found for a number in Pipedrive (or that none was: `personId` null), as the page looked it up. */
export interface NameFound {
  contact: string;
  name?: string;
  personId: number | null;
}

/**
 * The inbox of every sender, in buckets: a sync of thousands of conversations writes a few dozen records, and the
 * inbox reads them in one go. Bound: the period shown (a conversation whose last message is older leaves at the next
 * sync), so at most the conversations of that many days.
 */
/** Committed writes by this worker: what is derived from the inbox (the unread count) is kept until the next one. */
let writes = 0;
const counted = async <T>(write: Promise<T>): Promise<T> => {
  const result = await write;
  writes++;
  return result;
};

export const inboxRepo = {
  /** Changes with every write of this worker (only the background writes the inbox). */
  version: (): number => writes,

  async entries(sender: string): Promise<InboxEntry[]> {
    const records = await (await getDb()).getAll('inboxBuckets', bucketsOf(sender));
    return records.flatMap((record) => Object.values(record.entries));
  },

  /**
   * Folds messages in (a sync's, or a conversation's the panel just read) and, for a sync, drops what fell out of the
   * period and stores its new coverage, in one transaction, for the account of `epoch` only. Returns the arrivals
   * (what notifies) and how many conversations changed.
   */
  async merge(
    epoch: number, sender: string, messages: readonly InboxMessage[],
    options: { firstSeenAt: number; prune?: { now: number; days: number }; sync?: SyncRecord },
  ): Promise<{ arrivals: InboxArrival[]; changed: number }> {
    return counted(writeInEpoch(epoch, ['inboxBuckets', 'sync'], async (tx) => {
      const store = tx.objectStore('inboxBuckets');
      const records = await store.getAll(bucketsOf(sender));
      const entries = new Map(records.flatMap((record) => Object.entries(record.entries)));
      const { changed, arrivals } = mergeIntoInbox(entries, messages, { firstSeenAt: options.firstSeenAt });
      for (const contact of changed) {
        const entry = entries.get(contact);
        if (entry && !entry.searchTerms) entry.searchTerms = phoneSearchTerms(entry.number);
      }
      const touched = new Set([...changed].map(bucketOf));
      const { prune } = options;
      if (prune) {
        for (const [contact, entry] of entries) {
          if (isInPeriod(entry, prune.now, prune.days)) continue;
          entries.delete(contact);
          touched.add(bucketOf(contact));
        }
      }
      const byBucket = new Map<number, InboxBucketRecord>([...touched].map((bucket) => [bucket, { sender, bucket, entries: {} }]));
      for (const [contact, entry] of entries) {
        const record = byBucket.get(bucketOf(contact));
        if (record) record.entries[contact] = entry;
      }
      await Promise.all([...[...byBucket.values()].map((record) => store.put(record)), ...(options.sync ? [tx.objectStore('sync').put(options.sync)] : [])]);
      return { arrivals, changed: changed.size };
    }));
  },

  /** Changes one conversation (read, unread, its name); false when it is not in the inbox. */
  async update(epoch: number, sender: string, contact: string, change: (entry: InboxEntry) => InboxEntry): Promise<boolean> {
    return counted(writeInEpoch(epoch, ['inboxBuckets'], async (tx) => {
      const store = tx.objectStore('inboxBuckets');
      const record = await store.get([sender, bucketOf(contact)]);
      const entry = record?.entries[contact];
      if (!record || !entry) return false;
      record.entries[contact] = change(entry);
      await store.put(record);
      return true;
    }));
  },

  markRead(epoch: number, sender: string, contact: string, at: number): Promise<boolean> {
    return this.update(epoch, sender, contact, (entry) => markRead(entry, at));
  },

  markUnread(epoch: number, sender: string, contact: string): Promise<boolean> {
    return this.update(epoch, sender, contact, markUnread);
  },

  /** Keeps the names the page found (a later lookup may replace them: a person added, renamed or linked). */
  async rememberNames(epoch: number, sender: string, found: readonly NameFound[], at: number): Promise<number> {
    return counted(writeInEpoch(epoch, ['inboxBuckets'], async (tx) => {
      const store = tx.objectStore('inboxBuckets');
      const records = new Map((await store.getAll(bucketsOf(sender))).map((record) => [record.bucket, record]));
      const touched = new Set<InboxBucketRecord>();
      for (const { contact, name, personId } of found) {
        const record = records.get(bucketOf(contact));
        const entry = record?.entries[contact];
        if (!record || !entry) continue;
        const { name: _name, personId: _person, ...rest } = entry;
        record.entries[contact] = { ...rest, ...(name && personId !== null && { name, personId }), lookedUpAt: at };
        touched.add(record);
      }
      await Promise.all([...touched].map((record) => store.put(record)));
      return touched.size;
    }));
  },
};
