import { TwilioApiError } from '../errors';
import { renderAccount } from '../render/account';
import type { TwilioRoute } from './context';

/** `GET /2010-04-01/Accounts/{AC}.json` */
export const fetchAccount: TwilioRoute = {
  method: 'GET',
  pattern: /^\/2010-04-01\/Accounts\/(?<accountSid>[^/]+)\.json$/,
  handle({ store, principal }) {
    // Standard API keys may not manage the account: Twilio answers 401/20003 here, but lets them read
    // messages, content and senders. This is how a client can tell a Standard key from a Main key.
    if (principal.kind === 'standard-key') throw new TwilioApiError(20003);
    const { accountSid, authToken } = store.credentials;
    return { status: 200, body: renderAccount(store.account, accountSid, authToken) };
  },
};
