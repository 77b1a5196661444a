import * as v from 'valibot';
import { nullableText, parseAnswer, productMeta } from './answer';
import { TWILIO_HOSTS, type TwilioHttp } from './http';
import { metaNext, peekLastString, walkPages } from './paging';
import { SID_PATTERN } from '../sids';
import { placeholdersIn } from '../templates/placeholders';
import { APPROVAL_STATUSES, type ApprovalStatus, type Template } from '../templates/model';
import type { ContentRequest } from '../templates/authoring/content-types';
import { TwilioError } from './errors';

/** Content types we know how to preview, in the order we prefer to show them. Unknown keys are kept but ignored. */
const KNOWN_TYPES = [
  'twilio/text',
  'twilio/media',
  'twilio/quick-reply',
  'twilio/call-to-action',
  'twilio/card',
  'twilio/list-picker',
  'twilio/location',
  'twilio/carousel',
  'whatsapp/card',
  'whatsapp/authentication',
];

const approvalFields = { name: nullableText, category: nullableText, status: nullableText, rejection_reason: nullableText };

/** The WhatsApp approval: flat in the live API; some data nests it one level down, under `whatsapp` (DESIGN §2). */
const approvalSchema = v.looseObject({ ...approvalFields, whatsapp: v.nullish(v.looseObject(approvalFields)) });
type ApprovalBody = v.InferOutput<typeof approvalSchema>;

/** An item of ContentAndApprovals (schema `content.v1.content_and_approvals`). */
const contentItemSchema = v.looseObject({
  sid: v.pipe(v.string(), v.regex(SID_PATTERN.content)),
  friendly_name: nullableText,
  language: nullableText,
  variables: v.nullish(v.record(v.string(), v.unknown())),
  // Always sent (null when a template has none); every key is kept, known or not, for the preview to pick from.
  types: v.nullable(v.record(v.string(), v.unknown())),
  date_created: nullableText,
  date_updated: nullableText,
  approval_requests: v.nullish(approvalSchema),
});
export type ContentItem = v.InferOutput<typeof contentItemSchema>;

const contentPageSchema = v.looseObject({ contents: v.array(contentItemSchema), meta: productMeta });

/** Every string inside a JSON value, depth first, so placeholders in titles, buttons and URLs are found too. */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, out);
  return out;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function mainBody(type: unknown): string {
  if (!type || typeof type !== 'object') return '';
  const record = type as Record<string, unknown>;
  return textOf(record.body) || textOf(record.title);
}

function readStatus(approval: ApprovalBody | null | undefined): ApprovalStatus {
  const raw = (approval?.status ?? approval?.whatsapp?.status ?? 'unsubmitted').toLowerCase();
  return (APPROVAL_STATUSES as readonly string[]).includes(raw) ? (raw as ApprovalStatus) : 'unsubmitted';
}

/** Turns a ContentAndApprovals item into the template we store. */
export function normalizeTemplate(raw: ContentItem): Template {
  const types = raw.types ?? {};
  const keys = Object.keys(types);
  const contentType = KNOWN_TYPES.find((known) => keys.includes(known)) ?? keys[0] ?? '';
  const body = mainBody(types[contentType]);
  // Placeholders may sit outside the body too (a card's title, a button URL), so read every string in the types.
  const placeholders = placeholdersIn(stringsIn(types).join('\n'));
  const samples: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw.variables ?? {})) samples[key] = textOf(value);
  const approval = raw.approval_requests;
  const updatedAt = Date.parse(raw.date_updated ?? '');
  const createdAt = Date.parse(raw.date_created ?? '');
  return {
    sid: raw.sid,
    name: raw.friendly_name ?? approval?.name ?? raw.sid,
    language: raw.language ?? '',
    category: (approval?.category ?? approval?.whatsapp?.category ?? '').toUpperCase(),
    status: readStatus(approval),
    rejectionReason: approval?.rejection_reason ?? approval?.whatsapp?.rejection_reason ?? '',
    contentType,
    types,
    body,
    placeholders,
    samples,
    updatedAt: Number.isNaN(updatedAt) ? 0 : updatedAt,
    createdAt: Number.isNaN(createdAt) ? 0 : createdAt,
  };
}

/** Content API responses are capped near 1 MB; 500 items stays under it for real templates. */
export const CONTENT_PAGE_SIZE = 500;

/**
 * Pages of templates with their WhatsApp approval, lazily, so a sync can report progress page by page. A sync
 * reads every page, so the next one is always fetched while the caller stores this one.
 */
export function templatePages(http: TwilioHttp, pageSize = CONTENT_PAGE_SIZE, signal?: AbortSignal): AsyncGenerator<Template[]> {
  return walkPages<unknown, Template>(
    http,
    `${TWILIO_HOSTS.content}/v1/ContentAndApprovals`,
    { PageSize: pageSize },
    (body) => {
      const page = parseAnswer(contentPageSchema, 'templates list', body);
      return { items: page.contents.map(normalizeTemplate), next: metaNext(page.meta) };
    },
    { signal, lookAhead: (text) => metaNext({ next_page_url: peekLastString(text, 'next_page_url') }) },
  );
}

const contentUrl = (sid: string): string => `${TWILIO_HOSTS.content}/v1/Content/${sid}`;

/** A Content resource as `POST /v1/Content` and `PUT /v1/Content/{Sid}` answer (schema `content.v1.content`). */
const contentSchema = v.looseObject({ sid: v.pipe(v.string(), v.regex(SID_PATTERN.content)), friendly_name: nullableText, language: nullableText });

/** What Twilio made of a created or updated Content. */
export interface SavedContent {
  sid: string;
}

/**
 * `POST https://content.twilio.com/v1/Content` with the Content as JSON. Not repeated after an unknown outcome (a
 * second POST would make a second template).
 */
export async function createContent(http: TwilioHttp, request: ContentRequest, signal?: AbortSignal): Promise<SavedContent> {
  const body = await http.request<unknown>({ method: 'POST', url: `${TWILIO_HOSTS.content}/v1/Content`, json: request, idempotent: false, signal });
  return { sid: parseAnswer(contentSchema, 'new template', body).sid };
}

/** `PUT https://content.twilio.com/v1/Content/{Sid}` (the spec's UpdateContent): the same Content, rewritten. */
export async function updateContent(http: TwilioHttp, sid: string, request: ContentRequest, signal?: AbortSignal): Promise<SavedContent> {
  const body = await http.request<unknown>({ method: 'PUT', url: contentUrl(sid), json: request, signal });
  return { sid: parseAnswer(contentSchema, 'updated template', body).sid };
}

/**
 * `DELETE https://content.twilio.com/v1/Content/{Sid}` (204). A 404 means it is gone already (a retry after a lost
 * answer, another device): the same outcome for the rep.
 */
export async function deleteContent(http: TwilioHttp, sid: string, signal?: AbortSignal): Promise<void> {
  try {
    await http.request<unknown>({ method: 'DELETE', url: contentUrl(sid), signal });
  } catch (error) {
    if (error instanceof TwilioError && error.kind === 'http' && error.status === 404) return;
    throw error;
  }
}

/** `POST /v1/Content/{Sid}/ApprovalRequests/whatsapp` answers (schema `content.v1.content.approval_create`). */
const approvalCreateSchema = v.looseObject({ ...approvalFields, allow_category_change: v.nullish(v.boolean()) });

export interface ApprovalRequested {
  status: ApprovalStatus;
  category: string;
  rejectionReason: string;
}

/** Submits a Content for WhatsApp's approval under `name` in `category` (JSON `{name, category}`). */
export async function requestWhatsAppApproval(http: TwilioHttp, sid: string, approval: { name: string; category: string }, signal?: AbortSignal): Promise<ApprovalRequested> {
  const body = await http.request<unknown>({ method: 'POST', url: `${contentUrl(sid)}/ApprovalRequests/whatsapp`, json: approval, idempotent: false, signal });
  const answer = parseAnswer(approvalCreateSchema, 'approval request', body);
  return { status: readStatus(answer), category: (answer.category ?? approval.category).toUpperCase(), rejectionReason: answer.rejection_reason ?? '' };
}
