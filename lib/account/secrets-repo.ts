import { getDb, type PipedriveTokenRecord, type SecretRecord } from '../db/schema';

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

export type PipedriveToken = Omit<PipedriveTokenRecord, 'id'>;

/** The optional personal Pipedrive API token and its company's host, kept like the Twilio secret. */
export const pipedriveTokenRepo = {
  async load(): Promise<PipedriveToken | undefined> {
    const record = await (await getDb()).get('secrets', 'pipedrive');
    if (record?.id !== 'pipedrive') return undefined;
    return { token: record.token, ...(record.companyHost && { companyHost: record.companyHost }) };
  },
  async save(token: PipedriveToken): Promise<void> {
    await (await getDb()).put('secrets', { id: 'pipedrive', ...token });
  },
  async forget(): Promise<void> {
    await (await getDb()).delete('secrets', 'pipedrive');
  },
};
