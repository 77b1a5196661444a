import { HandlerError } from '../messaging/router';
import { createServerClock } from '../twilio/clock';
import { createTwilioHttp, type TwilioCredentials, type TwilioHttp } from '../twilio/http';
import { loadCredentials } from './credentials';

/** Twilio's time, learnt from every answer's `Date` header (the window is counted on Twilio's clock). */
export const twilioClock = createServerClock();

/** A Twilio client that tells the clock what time Twilio's answers carry. */
export function twilioHttpFor(credentials: TwilioCredentials, fetchImpl?: typeof fetch): TwilioHttp {
  return createTwilioHttp({ credentials, fetch: fetchImpl, onServerDate: twilioClock.note });
}

/** A Twilio client with the saved credentials, or a 'not-connected' error for the caller. */
export async function connectedHttp(fetchImpl?: typeof fetch): Promise<TwilioHttp> {
  const credentials = await loadCredentials();
  if (!credentials) throw new HandlerError({ code: 'not-connected', message: 'Connect Twilio in the extension popup first' });
  return twilioHttpFor(credentials, fetchImpl);
}
