/**
 * The fake's own records: what it stores, independent of how Twilio spells them on the wire
 * (render/ turns these into Twilio's snake_case JSON).
 */

export type SeedName = 'demo' | 'empty';

/** A synthetic account for benchmarks: sizes only, content is generated deterministically from `seed`. */
export interface GeneratedSeed {
  templates: number;
  inbound: number;
  contacts: number;
  senders?: number;
  seed?: number;
}

export interface SeedCredentials {
  accountSid: string;
  authToken: string;
  /** Main keys may do everything the Auth Token does, including fetching the Account. */
  mainKeySid: string;
  mainKeySecret: string;
  /** Standard keys work on Messages, Content and Senders, but Twilio refuses them on the Account resource. */
  standardKeySid: string;
  standardKeySecret: string;
  friendlyName: string;
}

export interface AccountRecord {
  friendlyName: string;
  type: 'Trial' | 'Full';
  dateCreated: number;
}

export type ApprovalStatus = 'unsubmitted' | 'received' | 'pending' | 'approved' | 'rejected' | 'paused' | 'disabled';

export const APPROVAL_STATUSES: readonly ApprovalStatus[] = [
  'unsubmitted',
  'received',
  'pending',
  'approved',
  'rejected',
  'paused',
  'disabled',
];

/** Twilio Content `types`: keyed by content type (`twilio/text`, …); unknown keys are legal and kept as they are. */
export type ContentTypes = Record<string, Record<string, unknown>>;

export interface ApprovalRecord {
  /** WhatsApp template name; empty while the template was never submitted. */
  name: string;
  category: string;
  status: ApprovalStatus;
  rejectionReason: string;
  allowCategoryChange: boolean;
}

export interface TemplateRecord {
  sid: string;
  friendlyName: string;
  language: string;
  /** Sample values per placeholder key, as Twilio stores them (`{"1": "Mari"}`). */
  variables: Record<string, string>;
  types: ContentTypes;
  approval: ApprovalRecord;
  dateCreated: number;
  dateUpdated: number;
}

export type SenderStatus = 'ONLINE' | 'OFFLINE' | 'CREATING' | 'PENDING_VERIFICATION' | 'VERIFYING' | 'DRAFT';

export interface SenderRecord {
  sid: string;
  /** `whatsapp:+E164` */
  senderId: string;
  status: SenderStatus;
  profileName: string;
  about: string;
  vertical: string;
}

/** Asynchronous WhatsApp failures the fake can play out (DESIGN §1). */
export type AsyncFailureCode = 63016 | 63024 | 63032 | 63049;

export const CONFIGURABLE_FAILURE_CODES: readonly AsyncFailureCode[] = [63024, 63032, 63049];

/** How an outbound message ends; the status at any instant is derived from this and the clock. */
export type DeliveryOutcome =
  | { kind: 'delivered' }
  | { kind: 'failed'; code: AsyncFailureCode; finalStatus: 'failed' | 'undelivered' };

/** A media file's bytes: given (base64 in the control API), or `size` deterministic bytes made on each download. */
export type MediaContent = { kind: 'bytes'; bytes: Buffer } | { kind: 'generated'; size: number };

/** One Media subresource of a message (`ME…`); created with its message, so it shares the message's dates. */
export interface MediaRecord {
  sid: string;
  contentType: string;
  /** Twilio's Media resource has no filename: the fake only sends it in the CDN's `Content-Disposition`. */
  filename: string | null;
  content: MediaContent;
}

interface MessageBase {
  /** `MM…` when the message has media, `SM…` otherwise (as Twilio names them). */
  sid: string;
  /** `whatsapp:+E164` */
  from: string;
  to: string;
  body: string;
  createdAt: number;
  /** In the order attached (MediaUrl order for outbound messages). */
  media: readonly MediaRecord[];
}

export interface InboundMessageRecord extends MessageBase {
  direction: 'inbound';
}

export interface OutboundMessageRecord extends MessageBase {
  direction: 'outbound-api';
  outcome: DeliveryOutcome;
  contentSid: string | null;
}

export type MessageRecord = InboundMessageRecord | OutboundMessageRecord;

/** Everything a seed puts in a fresh fake; times are absolute ms, computed from the clock at start/reset. */
export interface SeedData {
  credentials: SeedCredentials;
  account: AccountRecord;
  templates: TemplateRecord[];
  senders: SenderRecord[];
  messages: MessageRecord[];
  contactFailures: Array<[contact: string, code: AsyncFailureCode]>;
}

/** When an outbound message moves on, measured from its creation (fake clock). */
export interface StatusDelays {
  sentMs: number;
  /** Also when a failing message reaches `failed`/`undelivered`. */
  deliveredMs: number;
  readMs: number;
}

export const DEFAULT_STATUS_DELAYS: StatusDelays = { sentMs: 1_000, deliveredMs: 2_000, readMs: 4_000 };
