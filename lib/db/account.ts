import { getDb, type AccountRecord } from './schema';

const EMPTY: AccountRecord = { id: 'current' };

/**
 * The connected account's sender and pause, where only the background writes (a content script can write
 * `storage.local`, and so could change which number the rep sends from if these lived there).
 */
export const accountRepo = {
  async get(): Promise<AccountRecord> {
    return (await (await getDb()).get('accounts', 'current')) ?? EMPTY;
  },

  async update(change: (current: AccountRecord) => AccountRecord): Promise<AccountRecord> {
    const db = await getDb();
    const tx = db.transaction('accounts', 'readwrite');
    const next = change((await tx.store.get('current')) ?? EMPTY);
    await Promise.all([tx.store.put(next), tx.done]);
    return next;
  },

  /** The chosen WhatsApp sender (E.164), or null until the rep chose one (or the account has exactly one). */
  async sender(): Promise<string | null> {
    return (await this.get()).sender ?? null;
  },

  async setSender(sender: string, source: NonNullable<AccountRecord['senderSource']>): Promise<void> {
    await this.update((current) => ({ ...current, sender, senderSource: source }));
  },

  async isPaused(): Promise<boolean> {
    return (await this.get()).authFailure !== undefined;
  },

  async setAuthFailure(authFailure: AccountRecord['authFailure']): Promise<void> {
    await this.update(({ authFailure: _old, ...current }) => (authFailure ? { ...current, authFailure } : current));
  },
};
