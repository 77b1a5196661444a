import { getDb, type SecretRecord } from './schema';

export type TwilioSecret = Omit<SecretRecord, 'id'>;

/** The remembered Twilio credentials ("Remember on this device"); only the background ever reads them. */
export const secretsRepo = {
  async load(): Promise<TwilioSecret | undefined> {
    const record = await (await getDb()).get('secrets', 'twilio');
    if (!record) return undefined;
    const { id: _id, ...secret } = record;
    return secret;
  },
  async remember(secret: TwilioSecret): Promise<void> {
    await (await getDb()).put('secrets', { id: 'twilio', ...secret });
  },
  async forget(): Promise<void> {
    await (await getDb()).delete('secrets', 'twilio');
  },
};
