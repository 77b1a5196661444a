import { toIsoSeconds } from '../dates';
import type { ApprovalStatus, ContentTypes, TemplateRecord } from '../types';

export const CONTENT_ORIGIN = 'https://content.twilio.com';

/** A Content resource as content.twilio.com returns it (schema `content.v1.content`). */
export interface ContentJson {
  sid: string;
  account_sid: string;
  friendly_name: string;
  language: string;
  variables: Record<string, string>;
  types: ContentTypes;
  url: string;
  date_created: string;
  date_updated: string;
  links: { approval_create: string; approval_fetch: string };
}

/** The WhatsApp approval as ContentAndApprovals returns it: flat, status lower-case. */
export interface ApprovalJson {
  name: string;
  category: string;
  content_type: string;
  status: ApprovalStatus;
  rejection_reason: string;
  allow_category_change: boolean;
}

/** An item of ContentAndApprovals (schema `content.v1.content_and_approvals`: no url, no links). */
export interface ContentAndApprovalsJson {
  sid: string;
  account_sid: string;
  friendly_name: string;
  language: string;
  variables: Record<string, string>;
  types: ContentTypes;
  approval_requests: ApprovalJson;
  date_created: string;
  date_updated: string;
}

/** `GET /v1/Content/{Sid}/ApprovalRequests` (schema `content.v1.content.approval_fetch`): nested under `whatsapp`. */
export interface ApprovalFetchJson {
  sid: string;
  account_sid: string;
  whatsapp: ApprovalJson & { type: 'whatsapp' };
  url: string;
}

export function contentUrl(sid: string): string {
  return `${CONTENT_ORIGIN}/v1/Content/${sid}`;
}

export function renderContent(template: TemplateRecord, accountSid: string): ContentJson {
  const url = contentUrl(template.sid);
  return {
    sid: template.sid,
    account_sid: accountSid,
    friendly_name: template.friendlyName,
    language: template.language,
    variables: template.variables,
    types: template.types,
    url,
    date_created: toIsoSeconds(template.dateCreated),
    date_updated: toIsoSeconds(template.dateUpdated),
    links: { approval_create: `${url}/ApprovalRequests/whatsapp`, approval_fetch: `${url}/ApprovalRequests` },
  };
}

export function renderContentAndApprovals(template: TemplateRecord, accountSid: string): ContentAndApprovalsJson {
  return {
    sid: template.sid,
    account_sid: accountSid,
    friendly_name: template.friendlyName,
    language: template.language,
    variables: template.variables,
    types: template.types,
    approval_requests: renderApproval(template),
    date_created: toIsoSeconds(template.dateCreated),
    date_updated: toIsoSeconds(template.dateUpdated),
  };
}

export function renderApprovalFetch(template: TemplateRecord, accountSid: string): ApprovalFetchJson {
  return {
    sid: template.sid,
    account_sid: accountSid,
    whatsapp: { type: 'whatsapp', ...renderApproval(template) },
    url: `${contentUrl(template.sid)}/ApprovalRequests`,
  };
}

/** The approval as `POST …/ApprovalRequests/whatsapp` answers it (schema `content.v1.content.approval_create`) and ContentAndApprovals carries it. */
export function renderApproval(template: TemplateRecord): ApprovalJson {
  const { approval } = template;
  // A template never submitted to WhatsApp has empty strings everywhere but the status (as Twilio shows it).
  if (approval.status === 'unsubmitted') {
    return {
      name: '',
      category: '',
      content_type: '',
      status: 'unsubmitted',
      rejection_reason: '',
      allow_category_change: approval.allowCategoryChange,
    };
  }
  return {
    name: approval.name,
    category: approval.category,
    content_type: Object.keys(template.types)[0] ?? '',
    status: approval.status,
    rejection_reason: approval.rejectionReason,
    allow_category_change: approval.allowCategoryChange,
  };
}
