import { DAY_MS } from '../dates';
import type { SeedCredentials, SeedData } from '../types';

/** An account with valid credentials and nothing else: no templates, no senders, no messages. */
export const EMPTY_CREDENTIALS: SeedCredentials = {
  accountSid: 'AC553a967334886e09494f384bf8b56f47',
  authToken: '51d7ec95c89cfed65ee4f596b31304a9',
  mainKeySid: 'SKe8ecb91e0a3655bd48e4f2823372fe06',
  mainKeySecret: '685c320e8421004f24edb7d8811cfc7c',
  standardKeySid: 'SKf2c7627edcb519ee160feae66334b377',
  standardKeySecret: '8d235c01d9a6f11ed6195da2d76f8db5',
  friendlyName: 'Empty Trial Account',
};

export function emptySeed(now: number): SeedData {
  return {
    credentials: EMPTY_CREDENTIALS,
    account: { friendlyName: EMPTY_CREDENTIALS.friendlyName, type: 'Trial', dateCreated: now - 3 * DAY_MS },
    templates: [],
    senders: [],
    messages: [],
    contactFailures: [],
  };
}
