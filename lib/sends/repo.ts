import { writeInEpoch } from '../account/repo';
import { pruneOldest } from '../db/prune';
import { getDb, type SendRecord } from '../db/schema';

/**
 * Our own statuses around Twilio's: `sending` while our POST is in flight; `checking` when the POST got no answer
 * and Twilio's message list is being searched for it; `unconfirmed` when several listed messages fit and none can
 * be told to be this send; `not-sent` when Twilio has no such message after the POST's window (sendable again).
 */
export const LOOKUP_STATUSES = { checking: 'checking', unconfirmed: 'unconfirmed', notSent: 'not-sent' } as const;

/** Statuses after which nothing will change any more (`delivered` may still become `read`). */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['read', 'failed', 'undelivered', 'canceled', LOOKUP_STATUSES.notSent]);
/** Worth polling: no final status yet. */
export const isPending = (status: string): boolean => !FINAL_STATUSES.has(status);
/** Twilio's in-between statuses (`delivered` included: it may still become `read`). */
const POLLABLE_STATUSES: ReadonlySet<string> = new Set(['queued', 'accepted', 'scheduled', 'sending', 'sent', 'delivered']);

const DAY_MS = 24 * 3_600_000;
/**
 * Bound of the `sends` store: a send is kept 30 days after it was made (its template's name labels the message in
 * the conversation; its outcome is long settled by then) and at most SENDS_KEPT sends in all, the oldest going
 * first. A send still followed is minutes old, so neither bound reaches it.
 */
export const SENDS_KEPT_MS = 30 * DAY_MS;
export const SENDS_KEPT = 10_000;

export const sendsRepo = {
  /**
   * Stores a new send unless one with the same id exists, or `findDuplicate` recognises the same send among the
   * contact's earlier ones; atomically (one readwrite transaction), so of two callers racing, exactly one gets
   * `created: true` and may POST. After the account changed (`epoch`), StaleAccountError: nothing may be POSTed.
   */
  async claim(epoch: number, record: SendRecord, findDuplicate?: (earlier: SendRecord[]) => SendRecord | undefined): Promise<{ created: boolean; record: SendRecord }> {
    return writeInEpoch(epoch, ['sends'], async (tx) => {
      const store = tx.objectStore('sends');
      const existing = (await store.get(record.id)) ?? findDuplicate?.(await store.index('by-contact').getAll(record.contact));
      if (existing) return { created: false, record: existing };
      await store.add(record);
      return { created: true, record };
    });
  },

  async get(id: string): Promise<SendRecord | undefined> {
    return (await getDb()).get('sends', id);
  },

  update(epoch: number, id: string, change: Partial<Omit<SendRecord, 'id'>>): Promise<SendRecord | undefined> {
    return this.updateIf(epoch, id, () => true, change);
  },

  /** Like `update`, but only while `isStill(current)` holds: one transaction, so a late answer cannot be overwritten. */
  async updateIf(epoch: number, id: string, isStill: (current: SendRecord) => boolean, change: Partial<Omit<SendRecord, 'id'>>): Promise<SendRecord | undefined> {
    return writeInEpoch(epoch, ['sends'], async (tx) => {
      const store = tx.objectStore('sends');
      const existing = await store.get(id);
      if (!existing || !isStill(existing)) return existing;
      const next = { ...existing, ...change };
      await store.put(next);
      return next;
    });
  },

  /** The contact's sends (to know which Twilio message SIDs are already ours). */
  async forContact(contact: string): Promise<SendRecord[]> {
    return (await getDb()).getAllFromIndex('sends', 'by-contact', contact);
  },

  /** Sends without a Twilio SID whose outcome is not known yet: `sending` (a stopped worker's) and `checking`. */
  async unresolved(): Promise<SendRecord[]> {
    const db = await getDb();
    const rows = await Promise.all(['sending', LOOKUP_STATUSES.checking].map((status) => db.getAllFromIndex('sends', 'by-status', status)));
    return rows.flat().filter((row) => row.sid === undefined);
  },

  /**
   * Sends made since `since` that have a Twilio SID but no final status yet (to poll again when the worker wakes).
   * Only those: a customer with read receipts off leaves a send `delivered` forever, and every older one is past
   * following, so a waking worker reads the last minutes' sends, not every send ever made.
   */
  async pending(since: number): Promise<SendRecord[]> {
    const rows = await this.since(since);
    return rows.filter((row) => row.sid !== undefined && POLLABLE_STATUSES.has(row.status));
  },

  /** Every send made since `since` (a waking worker queues the notes a stopped one did not). */
  async since(since: number): Promise<SendRecord[]> {
    return (await getDb()).getAllFromIndex('sends', 'by-createdAt', IDBKeyRange.lowerBound(since));
  },

  /** Drops sends older than SENDS_KEPT_MS, then the oldest beyond SENDS_KEPT; returns how many went. */
  prune(now: number): Promise<number> {
    return pruneOldest('sends', 'by-createdAt', { kept: SENDS_KEPT, keptMs: SENDS_KEPT_MS }, now);
  },
};
