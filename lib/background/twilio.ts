import { HandlerError } from '../messaging/router';
import { createTwilioHttp, type TwilioHttp } from '../twilio/http';
import { loadCredentials } from './credentials';

/** A Twilio client with the saved credentials, or a 'not-connected' error for the caller. */
export async function connectedHttp(fetchImpl?: typeof fetch): Promise<TwilioHttp> {
  const credentials = await loadCredentials();
  if (!credentials) throw new HandlerError({ code: 'not-connected', message: 'Connect Twilio in the extension popup first' });
  return createTwilioHttp({ credentials, fetch: fetchImpl });
}
