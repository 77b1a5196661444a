import { StaleAccountError, accountRepo } from './repo';
import type { SendersInfo } from '../messaging/protocol';
import { TwilioError } from '../twilio/errors';
import { listWhatsAppSendersIfAllowed, type WhatsAppSender } from '../twilio/senders';
import { isE164 } from '../phone';
import { legacySettings } from '../settings';
import { HandlerError } from '../messaging/router';
import { connectedHttp } from './twilio-client';
import { loadCredentials } from './credentials';

function asHandlerError(error: unknown): unknown {
  if (error instanceof TwilioError && error.status === 401) {
    return new HandlerError({ code: 'bad-secret', message: 'Twilio refused the saved credentials', twilioCode: error.code });
  }
  if (error instanceof TwilioError) return new HandlerError({ code: 'unreachable', message: error.message, twilioCode: error.code });
  return error;
}

/** The account's online WhatsApp senders as Twilio lists them; `undefined` when the key may not list them. */
async function onlineSenders(): Promise<WhatsAppSender[] | undefined> {
  try {
    const senders = await listWhatsAppSendersIfAllowed(await connectedHttp());
    return senders?.filter((s) => s.status === 'ONLINE');
  } catch (error) {
    throw asHandlerError(error);
  }
}

/** The account's online WhatsApp senders; a key that may not list them gets `isListAllowed: false`, not an error. */
export async function listSenders(): Promise<SendersInfo> {
  const senders = await onlineSenders();
  return senders ? { senders, isListAllowed: true } : { senders: [], isListAllowed: false };
}

/**
 * The rep's choice, from the popup (an extension-page-only message). It must be one of the account's online senders
 * as Twilio lists them now; only when Twilio lists none (or the key may not list them) is a typed number taken, as
 * the rep typed it. Kept in the background's IndexedDB, where no content script can change it. The caller starts a
 * windows sync for the new sender.
 */
export async function setSender({ sender }: { sender: string }): Promise<{ sender: string }> {
  if (!isE164(sender)) throw new HandlerError({ code: 'invalid-number', message: 'This is not a valid phone number' });
  const epoch = await accountRepo.epoch(); // before the credentials: a choice checked with one account is not kept for another
  const online = (await onlineSenders()) ?? [];
  const isListed = online.some((s) => s.number === sender);
  if (online.length > 0 && !isListed) {
    throw new HandlerError({ code: 'not-found', message: 'This number is not one of the account’s online WhatsApp senders' });
  }
  try {
    await accountRepo.setSender(epoch, sender, isListed ? 'listed' : 'typed');
  } catch (error) {
    if (error instanceof StaleAccountError) throw new HandlerError({ code: 'not-connected', message: 'The Twilio account changed meanwhile; choose again' });
    throw error;
  }
  await legacySettings.sender.removeValue();
  return { sender };
}

/**
 * The chosen sender, with the account epoch it belongs to (read before any credentials: see `writeInEpoch`), or the
 * error a rep can act on, in the order a rep fixes it: first connect Twilio, then choose the sender.
 */
export async function requireSender(): Promise<{ epoch: number; sender: string }> {
  const { epoch = 0, sender } = await accountRepo.get();
  if (sender) return { epoch, sender };
  if (!(await loadCredentials())) throw new HandlerError({ code: 'not-connected', message: 'Connect Twilio in the extension popup first' });
  throw new HandlerError({ code: 'no-sender', message: 'Choose the WhatsApp sender in the extension popup first' });
}
