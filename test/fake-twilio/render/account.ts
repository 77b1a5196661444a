import { toRfc2822 } from '../dates';
import type { AccountRecord } from '../types';

/** The Account as api.twilio.com returns it (schema `api.v2010.account`). */
export interface AccountJson {
  auth_token: string;
  date_created: string;
  date_updated: string;
  friendly_name: string;
  owner_account_sid: string;
  sid: string;
  status: 'active';
  subresource_uris: Record<string, string>;
  type: 'Trial' | 'Full';
  uri: string;
}

const SUBRESOURCES = {
  messages: 'Messages.json',
  keys: 'Keys.json',
  balance: 'Balance.json',
  usage: 'Usage.json',
  incoming_phone_numbers: 'IncomingPhoneNumbers.json',
  applications: 'Applications.json',
  notifications: 'Notifications.json',
} as const;

export function renderAccount(account: AccountRecord, accountSid: string, authToken: string): AccountJson {
  const base = `/2010-04-01/Accounts/${accountSid}`;
  return {
    // Twilio returns the Auth Token in full here, which is why only Auth Token and Main keys may fetch it.
    auth_token: authToken,
    date_created: toRfc2822(account.dateCreated),
    date_updated: toRfc2822(account.dateCreated),
    friendly_name: account.friendlyName,
    // A top-level account is its own owner.
    owner_account_sid: accountSid,
    sid: accountSid,
    status: 'active',
    subresource_uris: Object.fromEntries(
      Object.entries(SUBRESOURCES).map(([name, file]) => [name, `${base}/${file}`]),
    ),
    type: account.type,
    uri: `${base}.json`,
  };
}
