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
  | 'no-sender' // no WhatsApp sender chosen
  | 'bad-secret' // Twilio refused the token / key secret (401)
  | 'wrong-account' // the Account SID does not exist for these credentials (404)
  | 'no-access' // the key lacks access (403)
  | 'unreachable' // network, timeout
  | 'twilio-error' // any other Twilio answer
  | 'twilio-refused' // Twilio refused what was asked (a 4xx with its code: `twilioCode`)
  | 'has-errors' // the template breaks a rule that blocks submitting (the checks' errors)
  | 'not-found' // no such template / send
  | 'not-sendable' // the template may not be sent now (status, closed window)
  | 'pipedrive-refused' // Pipedrive answered a write with an error (its words in the message)
  | 'invalid-variables'
  | 'invalid-number'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Twilio's numeric code when Twilio gave one (e.g. 20003). */
  twilioCode?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

import type * as v from 'valibot';
import type { ApprovalStatus, Template } from '../templates/model';
import type { TemplateDraft } from '../templates/authoring/draft';
import type { TemplateStatusChange } from '../templates/status-changes';
import type { UnknownReason, WindowState } from '../window/model';
import type { ConversationNumbers, InboxInfo, MediaFileInfo, ThreadInfo } from '../conversations/model';
import type { ConversationSave, NoteMark } from '../notes/model';
import type { requestSchemas } from './schemas';

export type SyncKind = 'templates' | 'windows';

export interface ConnectionInfo {
  connected: boolean;
  accountSid?: string;
  /** How the credential is shown back: `SK…1a2b` / `AC…1a2b`; the secret itself never leaves the background. */
  credentialLabel?: string;
  usesApiKey?: boolean;
  /** Undefined for Standard API keys, which may not read the account. */
  friendlyName?: string;
  accountType?: string;
  remembered?: boolean;
  /** Twilio refused the saved credentials since they were entered (the schedule is paused). */
  isRefused?: boolean;
}

type RequestSchemas = typeof requestSchemas;

/**
 * A request is what its schema in schemas.ts lets through, derived so the two cannot drift (type imports only: this
 * file stays content-safe). A schema of no fields infers `{}`, which TypeScript lets any object satisfy, so those
 * requests say they carry nothing.
 */
type Checked<N extends keyof RequestSchemas> =
  keyof v.InferOutput<RequestSchemas[N]> extends never ? Record<string, never> : v.InferOutput<RequestSchemas[N]>;

export type ConnectRequest = Checked<'connectTwilio'>;

/** What the content script may know about the extension's state: never a secret, never an account detail. */
export interface SetupState {
  connected: boolean;
  hasSender: boolean;
}

/**
 * A contact's window as it crosses the message boundary (the answer to `getWindow`): the background's state and the
 * facts a page needs to recompute it as time passes (`viewOf` in the badge).
 */
export interface WindowInfo {
  state: WindowState;
  reason?: UnknownReason;
  /** The contact, E.164, as the background understood the number. */
  contact?: string;
  sender?: string;
  lastInboundAt?: number;
  endsAt?: number;
  /** When Twilio was last asked about this contact (sync or refresh). */
  knownUntil?: number;
  expiringThresholdMs: number;
  /** Twilio's clock minus the browser's (from Twilio's `Date` headers): the window is counted on Twilio's clock. */
  clockOffsetMs?: number;
  /** While the sync fails, what Twilio said longer ago than this is too old to call the window closed. */
  staleAfterMs?: number;
}

/** A search result: what the list shows. */
export type TemplateSummary = Pick<Template, 'sid' | 'name' | 'language' | 'category' | 'status' | 'rejectionReason' | 'contentType' | 'body'>;

/** One template, for the preview and the variables. */
export type TemplateDetail = TemplateSummary & Pick<Template, 'types' | 'placeholders' | 'samples'>;

/** A template as the workshop lists it: the summary, and when Twilio created and last changed it (ms; 0: unknown). */
export type WorkshopTemplate = TemplateSummary & { createdAt: number; updatedAt: number };

export interface WorkshopList {
  templates: WorkshopTemplate[];
  /** The drafts on this device, newest first. */
  drafts: TemplateDraft[];
  /** When the catalogue last synced (ms), absent before the first sync. */
  syncedAt?: number;
}

/** What "Submit for WhatsApp approval" got: the Content, and WhatsApp's first status (`received`). */
export interface SubmittedTemplate {
  sid: string;
  status: ApprovalStatus;
  category: string;
}

export interface SearchRequest {
  query: string;
  language?: string;
  category?: string;
  limit?: number;
}

export interface SearchResult {
  results: TemplateSummary[];
  /** How many templates matched before the limit. */
  total: number;
  /** How many templates there are at all (none synced yet says so, whatever the search). */
  catalogueSize: number;
  languages: string[];
  categories: string[];
}

export type SendRequest = Checked<'sendTemplate'>;

/** A session reply (free text) while the customer's window is open. */
export type ReplyRequest = Checked<'sendReply'>;

export interface SendInfo {
  id: string;
  sid?: string;
  contact: string;
  /** A template send's Content SID; absent for a session reply. */
  contentSid?: string;
  /** A session reply's text. */
  body?: string;
  /** `sending` until Twilio answered the POST, then Twilio's own status. */
  status: string;
  isFinal: boolean;
  errorCode?: number;
  errorMessage?: string;
  createdAt: number;
  updatedAt: number;
}

export interface SenderOption {
  sid: string;
  number: string;
  profileName: string;
  status: string;
}

export interface SendersInfo {
  senders: SenderOption[];
  /** False when Twilio refused the senders list (a restricted key): the popup asks for the number instead. */
  isListAllowed: boolean;
}

export interface SyncKindStatus {
  lastSuccessAt?: number;
  lastError?: { code: string; message: string; at: number };
  running?: { startedAt: number; pages: number; items: number };
}

export interface StatusInfo {
  connection: ConnectionInfo;
  sender: string | null;
  hasPipedriveToken: boolean;
  templates: SyncKindStatus & {
    counts: Record<ApprovalStatus, number>;
    total: number;
    notSendable: Array<Pick<TemplateSummary, 'sid' | 'name' | 'language' | 'status' | 'rejectionReason'>>;
    /** WhatsApp's verdicts the sync saw that the rep has not dismissed yet, newest first. */
    changes: TemplateStatusChange[];
  };
  windows: SyncKindStatus;
}

export interface ExpiringContact {
  contact: string;
  lastInboundAt: number;
  endsAt: number;
}

/** A phone number of the Pipedrive person, as Pipedrive gives it. */
export type PhoneCandidate = Checked<'getConversation'>['phones'][number];

export type PipedriveRecordRequest = Checked<'getPipedriveRecord'>;
export type RememberNamesRequest = Checked<'rememberNames'>;

export interface MessageMap {
  // Content scripts (and extension pages)
  getSetupState: { request: Checked<'getSetupState'>; response: SetupState };
  getWindow: { request: Checked<'getWindow'>; response: WindowInfo };
  /** The whole catalogue as summaries: the picker searches it in the page, with no round trip per keystroke. */
  listTemplates: { request: Checked<'listTemplates'>; response: { templates: TemplateSummary[] } };
  getTemplate: { request: Checked<'getTemplate'>; response: TemplateDetail };
  sendTemplate: { request: Checked<'sendTemplate'>; response: SendInfo };
  getSend: { request: Checked<'getSend'>; response: SendInfo };
  sendReply: { request: Checked<'sendReply'>; response: SendInfo };
  /** The person's numbers with what Twilio knows of each, and the one the conversation is with. */
  getConversation: { request: Checked<'getConversation'>; response: ConversationNumbers };
  /**
   * The conversation with one customer: the newest `limit` messages (more than before pages further back). With
   * `refresh`, Twilio is asked first (at most two requests when nothing is new); without, the cache answers at once.
   */
  getThread: { request: Checked<'getThread'>; response: ThreadInfo };
  /** A message's media files, as bytes (never a URL: Twilio's media URLs work like credentials). */
  getMedia: { request: Checked<'getMedia'>; response: { files: MediaFileInfo[] } };
  /** Opens the extension's popup page in a tab, where the rep may allow reading media from Twilio's media servers. */
  openMediaAccess: { request: Checked<'openMediaAccess'>; response: { opened: boolean } };
  /**
   * Injects the views script (the panel, the inbox, the picker: entrypoints/pipedrive-views) into the asking Pipedrive
   * tab's content-script world, the first time the content script wants one of them on that page.
   */
  loadViews: { request: Checked<'loadViews'>; response: { loaded: boolean } };
  /** Opens the template workshop (the extension's options page) in a tab; `isNew` starts a new template there. */
  openTemplateWorkshop: { request: Checked<'openTemplateWorkshop'>; response: { opened: boolean } };
  /**
   * A Pipedrive record read with the rep's personal token, only from the token's own company and only for a tab on
   * that company's host (else `forbidden`). `body` is Pipedrive's answer as it came (the page parses it).
   */
  getPipedriveRecord: { request: Checked<'getPipedriveRecord'>; response: { body: unknown } };
  /**
   * Every conversation of the period (newest first once sorted), with what is unread. With `refresh`, Twilio is
   * asked first unless the last sync is seconds old (two requests when nothing is new).
   */
  getInbox: { request: Checked<'getInbox'>; response: InboxInfo };
  /** The unread count for the launcher (and a conversation a notification asked this tab to open). */
  getInboxSummary: { request: Checked<'getInboxSummary'>; response: { unread: number; conversations: number; open?: string } };
  /** The rep has the conversation open (`read`), or chose "Mark as unread". Answers the total unread. */
  markConversation: { request: Checked<'markConversation'>; response: { unread: number } };
  /** Names the page found in Pipedrive for the inbox's numbers (`personId` null: no person has the number). */
  rememberNames: { request: RememberNamesRequest; response: { names: Array<{ contact: string; personId: number | null; name?: string }> } };
  /**
   * "Add to Pipedrive" / "Link to a person" with the rep's token, when the page's session was refused: only for a tab
   * on the token's company; `body` is Pipedrive's answer.
   */
  writePipedrivePerson: { request: Checked<'writePipedrivePerson'>; response: { body: unknown } };
  /** "Save conversation to Pipedrive": one note with what is new since the last save; answers after its first attempt. */
  saveConversation: { request: Checked<'saveConversation'>; response: ConversationSave };
  /** "Retry" on a note that is not in Pipedrive: tried again now; answers how it stands after that attempt. */
  retryNote: { request: Checked<'retryNote'>; response: NoteMark };
  getNote: { request: Checked<'getNote'>; response: NoteMark };
  // Extension pages only
  getConnection: { request: Checked<'getConnection'>; response: ConnectionInfo };
  connectTwilio: { request: Checked<'connectTwilio'>; response: ConnectionInfo };
  testCredentials: { request: Checked<'testCredentials'>; response: ConnectionInfo };
  disconnect: { request: Checked<'disconnect'>; response: ConnectionInfo };
  listSenders: { request: Checked<'listSenders'>; response: SendersInfo };
  setSender: { request: Checked<'setSender'>; response: { sender: string } };
  /** From the popup's "Expiring soon": the conversation in a Pipedrive tab (brought forward, or opened). */
  openConversationInPipedrive: { request: Checked<'openConversationInPipedrive'>; response: { opened: boolean } };
  syncNow: { request: Checked<'syncNow'>; response: StatusInfo };
  getStatus: { request: Checked<'getStatus'>; response: StatusInfo };
  listExpiring: { request: Checked<'listExpiring'>; response: ExpiringContact[] };
  /**
   * Saves the token once Pipedrive confirmed it (`/users/me`) and told its company; `companyHost` is where it will
   * be used (`acme.pipedrive.com`). A token Pipedrive refuses is not saved: `bad-secret`, "Pipedrive refused this
   * token". `null` removes it.
   */
  setPipedriveToken: { request: Checked<'setPipedriveToken'>; response: { hasToken: boolean; companyHost?: string } };
  /** The workshop's list: every template of the account as last synced, and the drafts on this device. */
  listWorkshop: { request: Checked<'listWorkshop'>; response: WorkshopList };
  /** Keeps a draft as the rep left it (nothing reaches Twilio). */
  saveTemplateDraft: { request: Checked<'saveTemplateDraft'>; response: { draft: TemplateDraft } };
  discardTemplateDraft: { request: Checked<'discardTemplateDraft'>; response: { discarded: boolean } };
  /**
   * "Save as draft": creates the Content (`POST /v1/Content`), or rewrites the same one while it is unsubmitted
   * (`PUT /v1/Content/{sid}`); the draft comes back with its `contentSid`.
   */
  saveTemplateToTwilio: { request: Checked<'saveTemplateToTwilio'>; response: { draft: TemplateDraft } };
  /**
   * "Submit for WhatsApp approval": refused (`has-errors`) while a check is an error; creates or updates the Content,
   * then `POST /v1/Content/{sid}/ApprovalRequests/whatsapp` with the name and category. The draft goes once submitted.
   */
  submitTemplate: { request: Checked<'submitTemplate'>; response: SubmittedTemplate };
  /** `DELETE /v1/Content/{sid}`, then the catalogue without it. */
  deleteTemplate: { request: Checked<'deleteTemplate'>; response: { deleted: boolean } };
  /** The rep has seen these approval changes in the popup. */
  dismissTemplateChanges: { request: Checked<'dismissTemplateChanges'>; response: { dismissed: number } };
}

export type MessageName = keyof MessageMap;
export type RequestOf<N extends MessageName> = MessageMap[N]['request'];
export type ResponseOf<N extends MessageName> = MessageMap[N]['response'];

/** The wire shape of every request. */
export interface Envelope<N extends MessageName = MessageName> {
  type: N;
  payload: RequestOf<N>;
}

/** All a Pipedrive tab may ask. Nothing here returns a secret or changes credentials or settings. */
export const CONTENT_MESSAGES: readonly MessageName[] = [
  'getSetupState',
  'getWindow',
  'listTemplates',
  'getTemplate',
  'sendTemplate',
  'getSend',
  'getPipedriveRecord',
  'sendReply',
  'getConversation',
  'getThread',
  'getMedia',
  'openMediaAccess',
  'getInbox',
  'getInboxSummary',
  'markConversation',
  'rememberNames',
  'writePipedrivePerson',
  'openTemplateWorkshop',
  'loadViews',
  'saveConversation',
  'retryNote',
  'getNote',
];
