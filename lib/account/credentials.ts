import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { secretsRepo, type TwilioSecret } from './secrets-repo';
import { SID_PATTERN } from '../sids';

/**
 * Where the Twilio secret lives. "Remember on this device" keeps it in the extension's IndexedDB; otherwise it sits
 * in `storage.session` (memory only, gone when the browser closes, and not readable by content scripts). It is
 * never put in `storage.local`/`sync`, which every content script can read.
 */
const SESSION_KEY = 'session:twilioSecret';

export interface StoredCredentials extends TwilioSecret {
  remembered: boolean;
}

/**
 * A stored secret as connect saved it (the same checks as `connectTwilio`). Anything else (an older or damaged
 * record) reads as no credentials, and the rep connects again; unknown keys are dropped, never passed on.
 */
const secretSchema = v.object({
  accountSid: v.pipe(v.string(), v.regex(SID_PATTERN.account)),
  keySid: v.optional(v.pipe(v.string(), v.regex(SID_PATTERN.apiKey))),
  secret: v.pipe(v.string(), v.minLength(1), v.maxLength(128), v.regex(/^\S+$/)),
  friendlyName: v.optional(v.string()),
  accountType: v.optional(v.string()),
}) satisfies v.GenericSchema<unknown, TwilioSecret>;

function readSecret(value: unknown): TwilioSecret | undefined {
  const parsed = v.safeParse(secretSchema, value);
  return parsed.success ? parsed.output : undefined;
}

export async function loadCredentials(): Promise<StoredCredentials | undefined> {
  const remembered = readSecret(await secretsRepo.load());
  if (remembered) return { ...remembered, remembered: true };
  const session = readSecret((await browser.storage.session.get(SESSION_KEY))[SESSION_KEY]);
  return session ? { ...session, remembered: false } : undefined;
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
