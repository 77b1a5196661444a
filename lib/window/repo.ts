import { WINDOW_MS, windowEndsAt } from './rule';
import { writeInEpoch } from '../account/repo';
import { WINDOW_BUCKETS, bucketOf, getDb, type StoredWindow, type SyncRecord, type WindowBucketRecord, type StoredWindowRow } from '../db/schema';

export interface InboundSeen {
  at: number;
  sid: string;
}

const bucketsOf = (sender: string) => IDBKeyRange.bound([sender, 0], [sender, WINDOW_BUCKETS]);

/** A contact's window after learning about `seen` at `checkedAt`; `lastInboundAt` never moves back. */
function merged(old: StoredWindow | undefined, seen: InboundSeen | undefined, checkedAt: number): { window: StoredWindow; isNewer: boolean } {
  const isNewer = seen !== undefined && (old?.lastInboundAt === undefined || seen.at > old.lastInboundAt);
  if (isNewer) return { window: { lastInboundAt: seen.at, lastInboundSid: seen.sid, checkedAt: Math.max(old?.checkedAt ?? checkedAt, checkedAt) }, isNewer };
  return { window: old ? { ...old, checkedAt: Math.max(old.checkedAt, checkedAt) } : { checkedAt }, isNewer };
}

/**
 * Bound of the `windowBuckets` store: a contact's entry goes once it says nothing about the last 24 hours (no inbound
 * message and no check by Twilio within WINDOW_MS: a window is closed 24 h after the last message whatever happened
 * before, and the sync's coverage says the rest), and at most WINDOWS_KEPT entries stay in all, those heard of
 * longest ago going first. So it holds about a day of contacts: those who wrote, or were looked up, since.
 */
export const WINDOWS_KEPT = 50_000;

/** When Twilio last told us anything about this contact. */
const heardAt = (window: StoredWindow) => Math.max(window.lastInboundAt ?? -Infinity, window.checkedAt);

/** The windows of every sender's contacts, stored in buckets (see `WindowBucketRecord`). */
export const windowsRepo = {
  /**
   * Records the newest inbound message per contact and the sync's new coverage, in one transaction.
   * `lastInboundAt` never moves back: an older message (a late page, a slow refresh) cannot close an open window.
   * Returns how many contacts' windows moved. Refused (StaleAccountError) once the account of `epoch` is gone.
   */
  async mergeInbound(epoch: number, sender: string, newest: ReadonlyMap<string, InboundSeen>, checkedAt: number, sync?: SyncRecord): Promise<number> {
    const byBucket = new Map<number, Array<[string, InboundSeen]>>();
    for (const entry of newest) {
      const bucket = bucketOf(entry[0]);
      const entries = byBucket.get(bucket);
      if (entries) entries.push(entry);
      else byBucket.set(bucket, [entry]);
    }
    return writeInEpoch(epoch, ['windowBuckets', 'sync'], async (tx) => {
      const store = tx.objectStore('windowBuckets');
      const existing = new Map((await store.getAll(bucketsOf(sender))).map((record) => [record.bucket, record]));
      let moved = 0;
      const writes: Promise<unknown>[] = [];
      for (const [bucket, entries] of byBucket) {
        const record: WindowBucketRecord = existing.get(bucket) ?? { sender, bucket, contacts: {} };
        for (const [contact, seen] of entries) {
          const { window, isNewer } = merged(record.contacts[contact], seen, checkedAt);
          if (isNewer) moved++;
          record.contacts[contact] = window;
        }
        writes.push(store.put(record));
      }
      if (sync) writes.push(tx.objectStore('sync').put(sync));
      await Promise.all(writes);
      return moved;
    });
  },

  /** A contact Twilio was asked about and who has not written in 24 h: remember that we checked. */
  async markChecked(epoch: number, sender: string, contact: string, checkedAt: number): Promise<void> {
    await writeInEpoch(epoch, ['windowBuckets'], async (tx) => {
      const store = tx.objectStore('windowBuckets');
      const bucket = bucketOf(contact);
      const record = (await store.get([sender, bucket])) ?? { sender, bucket, contacts: {} };
      record.contacts[contact] = merged(record.contacts[contact], undefined, checkedAt).window;
      await store.put(record);
    });
  },

  async get(sender: string, contact: string): Promise<StoredWindowRow | undefined> {
    const record = await (await getDb()).get('windowBuckets', [sender, bucketOf(contact)]);
    const window = record?.contacts[contact];
    return window && { sender, contact, ...window };
  },

  /** Every contact window of `sender`. */
  async allOf(sender: string): Promise<StoredWindowRow[]> {
    const records = await (await getDb()).getAll('windowBuckets', bucketsOf(sender));
    return records.flatMap((record) => Object.entries(record.contacts).map(([contact, window]) => ({ sender, contact, ...window })));
  },

  /** Drops what is older than a day, then the entries heard of longest ago beyond WINDOWS_KEPT; returns how many went. */
  async prune(now: number): Promise<number> {
    const db = await getDb();
    const tx = db.transaction('windowBuckets', 'readwrite');
    const buckets = await tx.store.getAll();
    const entries = buckets.flatMap((record) => Object.entries(record.contacts).map(([contact, window]) => ({ record, contact, at: heardAt(window) })));
    const kept = entries.filter((entry) => entry.at > now - WINDOW_MS).sort((a, b) => b.at - a.at).slice(0, WINDOWS_KEPT);
    const keep = new Map(buckets.map((record) => [record, new Set<string>()]));
    for (const entry of kept) keep.get(entry.record)?.add(entry.contact);
    const writes: Promise<unknown>[] = [];
    for (const [record, contacts] of keep) {
      if (contacts.size === Object.keys(record.contacts).length) continue;
      if (contacts.size === 0) writes.push(tx.store.delete([record.sender, record.bucket]));
      else writes.push(tx.store.put({ ...record, contacts: Object.fromEntries(Object.entries(record.contacts).filter(([contact]) => contacts.has(contact))) }));
    }
    await Promise.all([...writes, tx.done]);
    return entries.length - kept.length;
  },

  /** Open windows of `sender` closing within `withinMs` of `now`, soonest first. */
  async closingSoon(sender: string, now: number, withinMs: number): Promise<StoredWindowRow[]> {
    const closing = (await this.allOf(sender)).flatMap((row) => {
      const at = row.lastInboundAt;
      const endsAt = at === undefined ? undefined : windowEndsAt(at);
      return at !== undefined && endsAt !== undefined && endsAt > now && endsAt <= now + withinMs ? [{ row, at }] : [];
    });
    return closing.sort((a, b) => a.at - b.at).map(({ row }) => row);
  },
};
