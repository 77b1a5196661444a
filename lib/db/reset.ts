import { noteAccount } from '../account/repo';
import { getDb, type AccountRecord } from './schema';

/** Every store that holds what a Twilio account synced, sent or read. */
const ACCOUNT_STORES = ['templatePages', 'windowBuckets', 'inboxBuckets', 'threads', 'sends', 'sync', 'templateDrafts', 'templateChanges', 'noteJobs', 'conversationSaves'] as const;

/**
 * Forgets the account's data and starts a new epoch, in one transaction: nothing of the old account is readable
 * afterwards, and nothing started for it can be written afterwards (`writeInEpoch`). With `next` (another account
 * connects), the Twilio secret goes and the personal Pipedrive token, which is not the Twilio account's, stays;
 * without (Disconnect), every secret goes. Returns the new epoch.
 */
export async function resetAccount(next?: { accountSid: string }): Promise<number> {
  const db = await getDb();
  const tx = db.transaction([...ACCOUNT_STORES, 'secrets', 'accounts'], 'readwrite');
  const epoch = ((await tx.objectStore('accounts').get('current'))?.epoch ?? 0) + 1;
  const secrets = tx.objectStore('secrets');
  const record: AccountRecord = { id: 'current', epoch, ...(next && { accountSid: next.accountSid }) };
  await Promise.all([
    ...ACCOUNT_STORES.map((store) => tx.objectStore(store).clear()),
    next ? secrets.delete('twilio') : secrets.clear(),
    tx.objectStore('accounts').put(record),
    tx.done,
  ]);
  noteAccount(db, record);
  return epoch;
}
