import * as v from 'valibot';
import { nullableText, parseAnswer } from './answer';
import { TwilioError } from './errors';
import { TWILIO_HOSTS, type TwilioHttp } from './http';
import { SID_PATTERN } from '../sids';

export interface AccountInfo {
  sid: string;
  friendlyName: string;
  /** 'Trial' or 'Full' (Twilio's own words). */
  type: string;
  status: string;
}

/** An Account (schema `api.v2010.account`); its `auth_token` is never read. */
const accountSchema = v.looseObject({
  sid: v.pipe(v.string(), v.regex(SID_PATTERN.account)),
  friendly_name: nullableText,
  type: nullableText,
  status: nullableText,
});

export async function fetchAccount(http: TwilioHttp, signal?: AbortSignal): Promise<AccountInfo> {
  const answer = await http.request<unknown>({
    method: 'GET',
    url: `${TWILIO_HOSTS.api}/2010-04-01/Accounts/${encodeURIComponent(http.accountSid)}.json`,
    signal,
  });
  const body = parseAnswer(accountSchema, 'account', answer);
  return {
    sid: body.sid,
    friendlyName: body.friendly_name ?? '',
    type: body.type ?? '',
    status: body.status ?? '',
  };
}

export type CredentialCheck =
  | { ok: true; account: AccountInfo | undefined }
  | { ok: false; reason: 'bad-secret' | 'wrong-account' | 'no-access' | 'unreachable' | 'twilio-error'; error: TwilioError };

function reasonFor(error: TwilioError): Extract<CredentialCheck, { ok: false }>['reason'] {
  // Twilio answered, in a shape we cannot read: it was reached.
  if (error.kind === 'malformed') return 'twilio-error';
  if (error.kind !== 'http') return 'unreachable';
  if (error.status === 401) return 'bad-secret';
  if (error.status === 403) return 'no-access';
  if (error.status === 404) return 'wrong-account';
  return 'twilio-error';
}

/**
 * Checks credentials the way that works for every key type: the account fetch answers for Auth Tokens and Main
 * keys, but a Standard API key gets 401/20003 there, so for keys a 401 is followed by a `Messages.json?PageSize=1`
 * probe, which any key with messaging access may read.
 */
export async function checkCredentials(http: TwilioHttp, usesApiKey: boolean, signal?: AbortSignal): Promise<CredentialCheck> {
  try {
    return { ok: true, account: await fetchAccount(http, signal) };
  } catch (error) {
    if (!(error instanceof TwilioError)) throw error;
    if (!(usesApiKey && error.kind === 'http' && error.status === 401)) return { ok: false, reason: reasonFor(error), error };
  }
  try {
    await http.request({
      method: 'GET',
      url: `${TWILIO_HOSTS.api}/2010-04-01/Accounts/${encodeURIComponent(http.accountSid)}/Messages.json`,
      query: { PageSize: 1 },
      signal,
    });
    return { ok: true, account: undefined };
  } catch (error) {
    if (!(error instanceof TwilioError)) throw error;
    return { ok: false, reason: reasonFor(error), error };
  }
}
