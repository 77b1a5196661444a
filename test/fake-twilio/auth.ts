import type { SeedCredentials } from './types';

/** Who a request signed in as. Twilio tells a Standard key from a Main key by the key itself, not the request. */
export type PrincipalKind = 'auth-token' | 'main-key' | 'standard-key';

export interface Principal {
  kind: PrincipalKind;
  username: string;
}

/** The Basic-auth username, whether or not it is valid (for the request log). */
export function basicUsername(header: string | undefined): string | null {
  return decodeBasic(header)?.username ?? null;
}

/**
 * HTTP Basic with either Account SID + Auth Token or API Key SID + secret. Twilio compares exactly:
 * no trimming, case-sensitive.
 */
export function authenticate(header: string | undefined, credentials: SeedCredentials): Principal | undefined {
  const pair = decodeBasic(header);
  if (!pair) return undefined;
  const accepted: Array<[PrincipalKind, string, string]> = [
    ['auth-token', credentials.accountSid, credentials.authToken],
    ['main-key', credentials.mainKeySid, credentials.mainKeySecret],
    ['standard-key', credentials.standardKeySid, credentials.standardKeySecret],
  ];
  const match = accepted.find(([, user, secret]) => pair.username === user && pair.password === secret);
  return match ? { kind: match[0], username: pair.username } : undefined;
}

function decodeBasic(header: string | undefined): { username: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
