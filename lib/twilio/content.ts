import { TWILIO_HOSTS, type TwilioHttp } from './http';
import { metaNext, peekLastString, walkPages } from './paging';
import { placeholdersIn } from '../templates/placeholders';
import { APPROVAL_STATUSES, type ApprovalStatus, type Template } from '../templates/model';

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

export interface ContentBody {
  sid?: string;
  friendly_name?: string | null;
  language?: string | null;
  variables?: Record<string, unknown> | null;
  types?: Record<string, unknown> | null;
  date_updated?: string | null;
  approval_requests?: ApprovalBody | null;
}

interface ApprovalBody {
  name?: string | null;
  category?: string | null;
  status?: string | null;
  rejection_reason?: string | null;
  // Some data nests the WhatsApp approval one level down.
  whatsapp?: { category?: string | null; status?: string | null; rejection_reason?: string | null } | null;
}

interface ContentPage {
  contents?: ContentBody[];
  meta?: { next_page_url?: string | null };
}

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

/** Turns a ContentAndApprovals item into the template we store; undefined when it has no SID. */
export function normalizeTemplate(raw: ContentBody): Template | undefined {
  if (!raw.sid) return undefined;
  const types = raw.types && typeof raw.types === 'object' ? raw.types : {};
  const keys = Object.keys(types);
  const contentType = KNOWN_TYPES.find((known) => keys.includes(known)) ?? keys[0] ?? '';
  const body = mainBody(types[contentType]);
  // Placeholders may sit outside the body too (a card's title, a button URL), so read every string in the types.
  const placeholders = placeholdersIn(stringsIn(types).join('\n'));
  const samples: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw.variables ?? {})) samples[key] = textOf(value);
  const approval = raw.approval_requests;
  const updatedAt = Date.parse(raw.date_updated ?? '');
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
  };
}

/** Content API responses are capped near 1 MB; 500 items stays under it for real templates. */
export const CONTENT_PAGE_SIZE = 500;

/**
 * Pages of templates with their WhatsApp approval, lazily, so a sync can report progress page by page. A sync
 * reads every page, so the next one is always fetched while the caller stores this one.
 */
export function templatePages(http: TwilioHttp, pageSize = CONTENT_PAGE_SIZE, signal?: AbortSignal): AsyncGenerator<Template[]> {
  return walkPages<ContentPage, Template>(
    http,
    `${TWILIO_HOSTS.content}/v1/ContentAndApprovals`,
    { PageSize: pageSize },
    (body) => ({ items: (body.contents ?? []).map(normalizeTemplate).filter((t): t is Template => t !== undefined), next: metaNext(body.meta) }),
    { signal, lookAhead: (text) => metaNext({ next_page_url: peekLastString(text, 'next_page_url') }) },
  );
}
