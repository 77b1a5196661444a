import { getDb, type SecretRecord } from './schema';

export type TwilioSecret = Omit<SecretRecord, 'id'>;

/** The remembered Twilio credentials ("Remember on this device"); only the background ever reads them. */
export const secretsRepo = {
  async load(): Promise<TwilioSecret | undefined> {
    const record = await (await getDb()).get('secrets', 'twilio');
    if (!record || record.id !== 'twilio') return undefined;
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

/** The optional personal Pipedrive API token, kept like the Twilio secret. */
export const pipedriveTokenRepo = {
  async load(): Promise<string | undefined> {
    const record = await (await getDb()).get('secrets', 'pipedrive');
    return record?.id === 'pipedrive' ? record.token : undefined;
  },
  async save(token: string): Promise<void> {
    await (await getDb()).put('secrets', { id: 'pipedrive', token });
  },
  async forget(): Promise<void> {
    await (await getDb()).delete('secrets', 'pipedrive');
  },
};
