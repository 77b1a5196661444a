import type { Handlers } from '../messaging/router';
import { connect, getConnection } from './connection';
import { loadCredentials } from './credentials';

/** Every message the background answers, by name; the router has already checked sender and payload. */
export function createHandlers(): Handlers {
  return {
    getSetupState: async () => ({ connected: (await loadCredentials()) !== undefined }),
    getConnection: () => getConnection(),
    connectTwilio: (request) => connect(request),
  };
}
