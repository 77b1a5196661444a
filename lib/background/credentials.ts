import { browser } from 'wxt/browser';
import { secretsRepo, type TwilioSecret } from '../db/secrets';

/**
 * Where the Twilio secret lives. "Remember on this device" keeps it in the extension's IndexedDB; otherwise it sits
 * in `storage.session` (memory only, gone when the browser closes, and not readable by content scripts). It is
 * never put in `storage.local`/`sync`, which every content script can read.
 */
const SESSION_KEY = 'session:twilioSecret';

export interface StoredCredentials extends TwilioSecret {
  remembered: boolean;
}

function isSecret(value: unknown): value is TwilioSecret {
  if (!value || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return typeof record.accountSid === 'string' && typeof record.secret === 'string';
}

export async function loadCredentials(): Promise<StoredCredentials | undefined> {
  const remembered = await secretsRepo.load();
  if (remembered) return { ...remembered, remembered: true };
  const session = (await browser.storage.session.get(SESSION_KEY))[SESSION_KEY];
  return isSecret(session) ? { ...session, remembered: false } : undefined;
}

export async function saveCredentials(secret: TwilioSecret, remember: boolean): Promise<void> {
  if (remember) {
    await secretsRepo.remember(secret);
    await browser.storage.session.remove(SESSION_KEY);
  } else {
    await browser.storage.session.set({ [SESSION_KEY]: secret });
    await secretsRepo.forget();
  }
}

export async function forgetCredentials(): Promise<void> {
  await secretsRepo.forget();
  await browser.storage.session.remove(SESSION_KEY);
}

/** `SK…1a2b` / `AC…1a2b`: enough to recognise which credential is in use, nothing an attacker can use. */
export function credentialLabel(secret: Pick<TwilioSecret, 'accountSid' | 'keySid'>): string {
  const sid = secret.keySid ?? secret.accountSid;
  return `${sid.slice(0, 2)}…${sid.slice(-4)}`;
}
