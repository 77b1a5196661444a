import { WINDOW_MS } from '../session-window';
import { getDb, type SyncRecord, type WindowRecord } from './schema';

export interface InboundSeen {
  at: number;
  sid: string;
}

export const windowsRepo = {
  /**
   * Records the newest inbound message per contact and the sync's new coverage, in one transaction.
   * `lastInboundAt` never moves back: an older message (a late page, a slow refresh) cannot close an open window.
   */
  async mergeInbound(sender: string, newest: ReadonlyMap<string, InboundSeen>, checkedAt: number, sync?: SyncRecord): Promise<number> {
    const db = await getDb();
    const tx = db.transaction(['windows', 'sync'], 'readwrite');
    const store = tx.objectStore('windows');
    let moved = 0;
    const writes: Promise<unknown>[] = [];
    for (const [contact, seen] of newest) {
      writes.push(
        store.get([sender, contact]).then((old) => {
          const isNewer = !old || seen.at > (old.lastInboundAt ?? -Infinity);
          if (isNewer) moved++;
          const record: WindowRecord = isNewer
            ? { sender, contact, lastInboundAt: seen.at, lastInboundSid: seen.sid, checkedAt }
            : { ...old, checkedAt: Math.max(old.checkedAt, checkedAt) };
          return store.put(record);
        }),
      );
    }
    if (sync) writes.push(tx.objectStore('sync').put(sync));
    await Promise.all([...writes, tx.done]);
    return moved;
  },

  /** A contact Twilio was asked about and who has not written in 24 h: remember that we checked. */
  async markChecked(sender: string, contact: string, checkedAt: number): Promise<void> {
    const db = await getDb();
    const tx = db.transaction('windows', 'readwrite');
    const old = await tx.store.get([sender, contact]);
    await tx.store.put(old ? { ...old, checkedAt: Math.max(old.checkedAt, checkedAt) } : { sender, contact, checkedAt });
    await tx.done;
  },

  async get(sender: string, contact: string): Promise<WindowRecord | undefined> {
    return (await getDb()).get('windows', [sender, contact]);
  },

  /** Open windows of `sender` closing within `withinMs` of `now`, soonest first. */
  async closingSoon(sender: string, now: number, withinMs: number): Promise<WindowRecord[]> {
    const range = IDBKeyRange.bound(now - WINDOW_MS, now - WINDOW_MS + withinMs, true, false);
    const rows = await (await getDb()).getAllFromIndex('windows', 'by-lastInboundAt', range);
    return rows.filter((row) => row.sender === sender);
  },
};
