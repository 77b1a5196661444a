import type { SendersInfo } from '../messaging/protocol';
import { TwilioError } from '../twilio/errors';
import { listWhatsAppSendersIfAllowed } from '../twilio/senders';
import { isE164 } from '../phone';
import { settings } from '../settings';
import { HandlerError } from '../messaging/router';
import { connectedHttp } from './twilio';

/** The account's online WhatsApp senders; a key that may not list them gets `isListAllowed: false`, not an error. */
export async function listSenders(): Promise<SendersInfo> {
  try {
    const senders = await listWhatsAppSendersIfAllowed(await connectedHttp());
    if (!senders) return { senders: [], isListAllowed: false };
    return { senders: senders.filter((s) => s.status === 'ONLINE'), isListAllowed: true };
  } catch (error) {
    if (error instanceof TwilioError && error.status === 401) {
      throw new HandlerError({ code: 'bad-secret', message: 'Twilio refused the saved credentials', twilioCode: error.code });
    }
    if (error instanceof TwilioError) throw new HandlerError({ code: 'unreachable', message: error.message, twilioCode: error.code });
    throw error;
  }
}

/** The background reacts to the change (a windows sync) through the setting's watcher. */
export async function setSender({ sender }: { sender: string }): Promise<{ sender: string }> {
  if (!isE164(sender)) throw new HandlerError({ code: 'invalid-number', message: 'This is not a valid phone number' });
  await settings.sender.setValue(sender);
  return { sender };
}
