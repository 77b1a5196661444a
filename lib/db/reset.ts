import { getDb } from './schema';

/** Disconnect: every synced record and the secret go; nothing of the account stays on the device. */
export async function clearAllData(): Promise<void> {
  const db = await getDb();
  const stores = ['templatePages', 'windowBuckets', 'threads', 'sends', 'sync', 'secrets', 'accounts'] as const;
  const tx = db.transaction([...stores], 'readwrite');
  await Promise.all([...stores.map((store) => tx.objectStore(store).clear()), tx.done]);
}
