import { writeInEpoch } from '../db/account';
import { getDb, type ThreadRecord } from '../db/schema';

/** Conversations read from Twilio, one record per (sender, customer): reopening one shows it before Twilio answers. */
export const threadsRepo = {
  async get(sender: string, contact: string): Promise<ThreadRecord | undefined> {
    return (await getDb()).get('threads', [sender, contact]);
  },

  /** Stores a conversation read for the account of `epoch` (refused once another one is connected). */
  async put(epoch: number, record: ThreadRecord): Promise<void> {
    await writeInEpoch(epoch, ['threads'], (tx) => tx.objectStore('threads').put(record));
  },

  /** Whether a message is part of a conversation the background read (media is only fetched for those). */
  async hasMessage(sender: string, contact: string, sid: string): Promise<boolean> {
    const record = await this.get(sender, contact);
    return record?.messages.some((message) => message.sid === sid) ?? false;
  },
};
