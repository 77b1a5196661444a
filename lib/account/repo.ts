import type { IDBPTransaction, StoreNames } from 'idb';
import { getDb, type AccountRecord, type Db, type WhatsAppDB } from '../db/schema';

const EMPTY: AccountRecord = { id: 'current' };

/** A write of an account's data after that account was disconnected or replaced: refused, nothing stored. */
export class StaleAccountError extends Error {
  constructor() {
    super('The Twilio account changed while this was under way');
    this.name = 'StaleAccountError';
  }
}

export type EpochTx<S extends StoreNames<WhatsAppDB>> = IDBPTransaction<WhatsAppDB, Array<S | 'accounts'>, 'readwrite'>;

/**
 * The record as this worker last read or wrote it, per database handle: the panel's first question (which sender?)
 * then costs no IndexedDB read. Sound because only the background writes the store, and every write goes through
 * `accountRepo.update` or `resetAccount`, which tell it (`noteAccount`); a new handle (the browser closed the old
 * one, or a test swapped the database) starts with nothing kept. What a write needs to be sure of, the epoch, is
 * still read inside the write's own transaction (`writeInEpoch`).
 */
const kept = new WeakMap<Db, AccountRecord>();
let writes = 0;

/** A write of the record has committed: what is kept is the new record. */
export function noteAccount(db: Db, record: AccountRecord): void {
  writes++;
  kept.set(db, record);
}

const epochOf = (record: AccountRecord | undefined): number => record?.epoch ?? 0;

/**
 * One readwrite transaction over `stores` that writes only while the account is still the one of `epoch`. A reset
 * (disconnect, another account) bumps the epoch in the very transaction that clears the data, and IndexedDB runs
 * transactions over the same store one after the other: a write of work started before the reset either lands
 * before the clear (and is cleared) or finds the new epoch and throws StaleAccountError, never lands after it.
 * `work` uses only the transaction (no other awaits, or IndexedDB would commit it early).
 */
export async function writeInEpoch<S extends StoreNames<WhatsAppDB>, T>(epoch: number, stores: readonly S[], work: (tx: EpochTx<S>) => Promise<T>): Promise<T> {
  const db = await getDb();
  const tx: EpochTx<S> = db.transaction([...stores, 'accounts'], 'readwrite');
  if (epochOf(await tx.objectStore('accounts').get('current')) !== epoch) {
    await tx.done;
    throw new StaleAccountError();
  }
  const result = await work(tx);
  await tx.done;
  return result;
}

/**
 * The connected account: which one the stored data is of, its epoch, its sender and pause, where only the
 * background writes (a content script can write `storage.local`, and so could change which number the rep sends
 * from if these lived there).
 */
export const accountRepo = {
  async get(): Promise<AccountRecord> {
    const db = await getDb();
    const known = kept.get(db);
    if (known) return known;
    const before = writes;
    const record = (await db.get('accounts', 'current')) ?? EMPTY;
    // Kept only when no write committed meanwhile (that write's record is newer than this read).
    if (writes === before) kept.set(db, record);
    return record;
  },

  /** The epoch work starts in: read it before the credentials, so work of the old account never gets the new one's. */
  async epoch(): Promise<number> {
    return epochOf(await this.get());
  },

  /** Changes the record, only while the account is the one of `epoch` (omitted: whichever is current). */
  async update(change: (current: AccountRecord) => AccountRecord, epoch?: number): Promise<AccountRecord> {
    const db = await getDb();
    const tx = db.transaction('accounts', 'readwrite');
    const current = (await tx.store.get('current')) ?? EMPTY;
    if (epoch !== undefined && epochOf(current) !== epoch) {
      await tx.done;
      throw new StaleAccountError();
    }
    const next = change(current);
    await Promise.all([tx.store.put(next), tx.done]);
    noteAccount(db, next);
    return next;
  },

  /** The chosen WhatsApp sender (E.164), or null until the rep chose one (or the account has exactly one). */
  async sender(): Promise<string | null> {
    return (await this.get()).sender ?? null;
  },

  async setSender(epoch: number, sender: string, source: NonNullable<AccountRecord['senderSource']>): Promise<void> {
    await this.update((current) => ({ ...current, sender, senderSource: source }), epoch);
  },

  async isPaused(): Promise<boolean> {
    return (await this.get()).authFailure !== undefined;
  },

  /** Sets or (with undefined) lifts the pause; a pause only for the account of `epoch`. */
  async setAuthFailure(authFailure: AccountRecord['authFailure'], epoch?: number): Promise<void> {
    await this.update(({ authFailure: _old, ...current }) => (authFailure ? { ...current, authFailure } : current), epoch);
  },
};
