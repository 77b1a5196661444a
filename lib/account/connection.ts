import { checkCredentials, createTwilioHttp, type CredentialCheck, type TwilioCredentials } from '../twilio';
import { accountRepo } from './repo';
import type { ConnectRequest, ConnectionInfo, ErrorCode } from '../messaging/protocol';
import { HandlerError } from '../messaging/router';
import { credentialLabel, loadCredentials, saveCredentials, type StoredCredentials } from './credentials';

const REASON_TEXT: Record<Extract<CredentialCheck, { ok: false }>['reason'], string> = {
  'bad-secret': 'Twilio refused these credentials: check the secret.',
  'wrong-account': 'Twilio has no such account for these credentials: check the Account SID.',
  'no-access': 'This key may not read this account.',
  unreachable: 'Twilio could not be reached.',
  'twilio-error': 'Twilio could not check these credentials.',
};

/** A rep waits on a credential check: two attempts at most, and a short timeout. */
function quickHttp(credentials: TwilioCredentials, fetchImpl?: typeof fetch) {
  return createTwilioHttp({
    credentials,
    timeoutMs: 10_000,
    retry: { attempts: 2, baseDelayMs: 300, maxDelayMs: 1_000, maxRetryAfterMs: 2_000 },
    fetch: fetchImpl,
  });
}

export function connectionInfo(stored: StoredCredentials | undefined, isRefused = false): ConnectionInfo {
  if (!stored) return { connected: false };
  return {
    connected: true,
    accountSid: stored.accountSid,
    credentialLabel: credentialLabel(stored),
    usesApiKey: stored.keySid !== undefined,
    friendlyName: stored.friendlyName,
    accountType: stored.accountType,
    remembered: stored.remembered,
    isRefused,
  };
}

export async function getConnection(): Promise<ConnectionInfo> {
  return connectionInfo(await loadCredentials(), await accountRepo.isPaused());
}

/**
 * Checks the saved credentials again ("Test"), without changing them. When Twilio accepts them, `onAccepted` runs
 * before the answer is made (the sync service lifts a pause there, so the popup stops saying they were refused).
 */
export async function testCredentials({ onAccepted, fetch: fetchImpl }: { onAccepted?: () => Promise<void>; fetch?: typeof fetch } = {}): Promise<ConnectionInfo> {
  const stored = await loadCredentials();
  if (!stored) throw new HandlerError({ code: 'not-connected', message: 'Twilio is not connected' });
  const check = await checkCredentials(quickHttp(stored, fetchImpl), stored.keySid !== undefined);
  if (!check.ok) throw new HandlerError({ code: check.reason, message: REASON_TEXT[check.reason], twilioCode: check.error.code });
  await onAccepted?.();
  return connectionInfo(stored, await accountRepo.isPaused());
}

/**
 * Checks the credentials against Twilio and keeps them only when Twilio accepts them. `beforeSave` runs once Twilio
 * accepted them and before they are kept (the background forgets another account's data there).
 */
export async function connect(request: ConnectRequest, { fetch: fetchImpl, beforeSave }: { fetch?: typeof fetch; beforeSave?: () => Promise<void> } = {}): Promise<ConnectionInfo> {
  const credentials = { accountSid: request.accountSid, keySid: request.keySid, secret: request.secret };
  const check = await checkCredentials(quickHttp(credentials, fetchImpl), request.keySid !== undefined);
  if (!check.ok) {
    const code: ErrorCode = check.reason;
    throw new HandlerError({ code, message: REASON_TEXT[check.reason], twilioCode: check.error.code });
  }
  const stored: StoredCredentials = {
    ...credentials,
    friendlyName: check.account?.friendlyName,
    accountType: check.account?.type,
    remembered: request.remember,
  };
  const { remembered: _remembered, ...secret } = stored;
  await beforeSave?.();
  await saveCredentials(secret, request.remember);
  return connectionInfo(stored);
}
