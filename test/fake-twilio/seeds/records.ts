import { failure } from '../logic/send-policy';
import { deterministicSid } from '../sids';
import type {
  ApprovalRecord,
  AsyncFailureCode,
  ContentTypes,
  InboundMessageRecord,
  OutboundMessageRecord,
  SenderRecord,
  TemplateRecord,
} from '../types';

/** Small constructors that keep seed files to data: each fills in the fields a seed never varies. */

export interface TemplateFields {
  friendlyName: string;
  language: string;
  variables: Record<string, string>;
  types: ContentTypes;
  approval: Omit<ApprovalRecord, 'name' | 'allowCategoryChange'>;
  dateCreated: number;
}

export function templateRecord(sidName: string, fields: TemplateFields): TemplateRecord {
  const reviewed = fields.approval.status !== 'unsubmitted';
  return {
    sid: deterministicSid('HX', sidName),
    friendlyName: fields.friendlyName,
    language: fields.language,
    variables: fields.variables,
    types: fields.types,
    approval: {
      ...fields.approval,
      name: fields.friendlyName,
      // Meta lets a category be changed only while the template is not approved yet.
      allowCategoryChange: fields.approval.status !== 'approved',
    },
    dateCreated: fields.dateCreated,
    // A reviewed template was last touched when WhatsApp answered, a couple of hours later.
    dateUpdated: reviewed ? fields.dateCreated + 2 * 3_600_000 : fields.dateCreated,
  };
}

export function senderRecord(sidName: string, number: string, profileName: string, about: string): SenderRecord {
  return {
    sid: deterministicSid('XE', sidName),
    senderId: `whatsapp:${number}`,
    status: 'ONLINE',
    profileName,
    about,
    vertical: 'Professional Services',
  };
}

export function inbound(sidName: string, contact: string, sender: string, at: number, body: string): InboundMessageRecord {
  return {
    sid: deterministicSid('SM', sidName),
    direction: 'inbound',
    from: `whatsapp:${contact}`,
    to: `whatsapp:${sender}`,
    body,
    createdAt: at,
    media: [],
  };
}

export function outbound(
  sidName: string,
  sender: string,
  contact: string,
  at: number,
  body: string,
  options: { contentSid?: string; failure?: AsyncFailureCode } = {},
): OutboundMessageRecord {
  return {
    sid: deterministicSid('SM', sidName),
    direction: 'outbound-api',
    from: `whatsapp:${sender}`,
    to: `whatsapp:${contact}`,
    body,
    createdAt: at,
    media: [],
    outcome: options.failure === undefined ? { kind: 'delivered' } : failure(options.failure),
    contentSid: options.contentSid ?? null,
  };
}
