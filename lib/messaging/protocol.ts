/**
 * The message table between the pages (popup, content script) and the background. Content-safe: types and names
 * only, so a content script can import it without pulling in anything that touches secrets.
 *
 * Who may send what is decided by the background from the browser-set sender, never from the payload:
 * `CONTENT_MESSAGES` is all a Pipedrive tab may ask; extension pages may ask everything.
 */

export type ErrorCode =
  | 'invalid-request' // the payload failed validation
  | 'forbidden' // this sender may not send this message
  | 'unknown-message'
  | 'not-connected' // no Twilio credentials yet
  | 'bad-secret' // Twilio refused the token / key secret (401)
  | 'wrong-account' // the Account SID does not exist for these credentials (404)
  | 'no-access' // the key lacks access (403)
  | 'unreachable' // network, timeout
  | 'twilio-error' // any other Twilio answer
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Twilio's numeric code when Twilio gave one (e.g. 20003). */
  twilioCode?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface ConnectionInfo {
  connected: boolean;
  accountSid?: string;
  /** How the credential is shown back: `SK…1a2b` or `Auth Token …1a2b`; the secret itself never leaves the background. */
  credentialLabel?: string;
  usesApiKey?: boolean;
  /** Undefined for Standard API keys, which may not read the account. */
  friendlyName?: string;
  accountType?: string;
  remembered?: boolean;
}

export interface ConnectRequest {
  accountSid: string;
  /** Set when connecting with an API key; the secret is then the key's secret. */
  keySid?: string;
  secret: string;
  remember: boolean;
}

/** What the content script may know about the extension's state: never a secret, never an account detail. */
export interface SetupState {
  connected: boolean;
}

export interface MessageMap {
  getSetupState: { request: Record<string, never>; response: SetupState };
  getConnection: { request: Record<string, never>; response: ConnectionInfo };
  connectTwilio: { request: ConnectRequest; response: ConnectionInfo };
}

export type MessageName = keyof MessageMap;
export type RequestOf<N extends MessageName> = MessageMap[N]['request'];
export type ResponseOf<N extends MessageName> = MessageMap[N]['response'];

/** The wire shape of every request. */
export interface Envelope<N extends MessageName = MessageName> {
  type: N;
  payload: RequestOf<N>;
}

export const CONTENT_MESSAGES: readonly MessageName[] = ['getSetupState'];
