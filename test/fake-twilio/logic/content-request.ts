import { TwilioApiError } from '../errors';
import type { FakeStore } from '../store';
import type { ContentTypes, TemplateRecord } from '../types';

/**
 * What the Content API checks when a template is created, rewritten or submitted, as far as Twilio documents it (the
 * codes it documents: 92008, 92009, 90025) and otherwise as README.md "Choices" says (20001 for a missing or wrong
 * field, with a message naming it). It checks the shape only, as Twilio does: whether WhatsApp will approve the
 * words is WhatsApp's review, played by the control API.
 */

/** The content types of the spec's `types` (ContentCreateRequest); others are refused. */
const KNOWN_TYPES = new Set([
  'twilio/text', 'twilio/media', 'twilio/location', 'twilio/list-picker', 'twilio/call-to-action', 'twilio/quick-reply',
  'twilio/card', 'twilio/catalog', 'twilio/carousel', 'twilio/flows', 'twilio/schedule', 'whatsapp/card',
  'whatsapp/authentication', 'whatsapp/flows',
]);

/** Fields each type requires (the spec's per-type `required`). */
const REQUIRED: Record<string, readonly string[]> = {
  'twilio/text': ['body'],
  'twilio/media': ['media'],
  'twilio/quick-reply': ['body', 'actions'],
  'twilio/call-to-action': ['body', 'actions'],
  'twilio/card': ['title'],
  'whatsapp/card': ['body'],
  'whatsapp/authentication': ['actions'],
};

/** WhatsApp's categories (Twilio's approval request, DESIGN §11). */
export const CATEGORIES: readonly string[] = ['UTILITY', 'MARKETING', 'AUTHENTICATION'];

/** Statuses in which a template holds its WhatsApp name in its language. */
const HOLDS_NAME = new Set(['received', 'pending', 'approved', 'paused', 'disabled']);

const invalid = (message: string): TwilioApiError => new TwilioApiError(20001, message);

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`${field} must be a JSON object`);
  return value as Record<string, unknown>;
}

function readTypes(value: unknown): ContentTypes {
  const types = object(value, 'types');
  const keys = Object.keys(types);
  if (keys.length === 0) throw invalid('types must name at least one content type');
  for (const key of keys) {
    // Twilio 92008: "Creating new twilio/button templates is no longer supported."
    if (key === 'twilio/button') throw new TwilioApiError(92008, 'Creating new twilio/button templates is no longer supported.');
    if (!KNOWN_TYPES.has(key)) throw invalid(`Unknown content type: ${key}`);
    const type = object(types[key], `types.${key}`);
    for (const field of REQUIRED[key] ?? []) {
      const present = type[field];
      if (present === undefined || present === null || present === '' || (Array.isArray(present) && present.length === 0)) {
        throw invalid(`types.${key}.${field} is required`);
      }
    }
    if (Array.isArray(type.actions) && type.actions.length > 10) throw invalid(`types.${key}.actions: at most 10`);
  }
  // Twilio 90025: only data tags (`{{1}}`, `{{name}}`) are supported, no other Mustache tag.
  // JSON escapes quotes and control characters only: a tag in any string of the types is in the JSON as written.
  if (/\{\{\s*[#/^!>&{]/.test(JSON.stringify(types))) {
    throw new TwilioApiError(90025, 'Template body has unsupported tag type');
  }
  return types as ContentTypes;
}

function readVariables(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  const variables = object(value, 'variables');
  for (const [key, sample] of Object.entries(variables)) if (typeof sample !== 'string') throw invalid(`variables.${key} must be a string`);
  return variables as Record<string, string>;
}

function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${field} must be a string`);
  return value;
}

/** `POST /v1/Content`: `language` and `types` required (spec ContentCreateRequest). */
export function createContent(store: FakeStore, json: unknown, now: number): TemplateRecord {
  const body = object(json, 'The request body');
  const language = optionalText(body.language, 'language');
  if (!language) throw invalid('language is required');
  const template: TemplateRecord = {
    sid: store.nextSid('HX'),
    friendlyName: optionalText(body.friendly_name, 'friendly_name') ?? '',
    language,
    variables: readVariables(body.variables),
    types: readTypes(body.types),
    approval: { name: '', category: '', status: 'unsubmitted', rejectionReason: '', allowCategoryChange: true },
    dateCreated: now,
    dateUpdated: now,
  };
  store.putTemplate(template);
  return template;
}

/** `PUT /v1/Content/{Sid}`: `types` required (spec ContentUpdateRequest); a submitted template cannot change (92009). */
export function updateContent(store: FakeStore, existing: TemplateRecord, json: unknown, now: number): TemplateRecord {
  if (existing.approval.status !== 'unsubmitted') throw alreadySubmitted();
  const body = object(json, 'The request body');
  const template: TemplateRecord = {
    ...existing,
    friendlyName: optionalText(body.friendly_name, 'friendly_name') ?? existing.friendlyName,
    language: optionalText(body.language, 'language') || existing.language,
    variables: body.variables === undefined ? existing.variables : readVariables(body.variables),
    types: readTypes(body.types),
    dateUpdated: now,
  };
  store.putTemplate(template);
  return template;
}

function alreadySubmitted(): TwilioApiError {
  return new TwilioApiError(92009, 'The template associated with this SID has already been submitted for approval.');
}

/**
 * `POST /v1/Content/{Sid}/ApprovalRequests/whatsapp` with `{name, category}` (both required, spec
 * ContentApprovalRequest): WhatsApp receives it. Once only per Content (92009). A name WhatsApp already holds in this
 * language for another template (received, pending, approved, paused or disabled) is refused; a rejected one's name
 * may be used again, which is how a rejected template is fixed.
 */
export function submitForApproval(store: FakeStore, existing: TemplateRecord, json: unknown, now: number): TemplateRecord {
  const body = object(json, 'The request body');
  const name = optionalText(body.name, 'name');
  const category = optionalText(body.category, 'category');
  if (!name) throw invalid('name is required');
  if (!category) throw invalid('category is required');
  if (!CATEGORIES.includes(category)) throw invalid(`category must be one of ${CATEGORIES.join(', ')}`);
  if (!/^[a-z0-9_]{1,512}$/.test(name)) throw invalid('name may only contain lowercase letters, digits and underscores');
  if (existing.approval.status !== 'unsubmitted') throw alreadySubmitted();
  const taken = store.templates().some((t) => t.sid !== existing.sid && t.language === existing.language && t.approval.name === name && HOLDS_NAME.has(t.approval.status));
  if (taken) throw invalid(`A WhatsApp template named ${name} already exists in ${existing.language}`);
  const template: TemplateRecord = {
    ...existing,
    approval: { ...existing.approval, name, category, status: 'received', rejectionReason: '' },
    dateUpdated: now,
  };
  store.putTemplate(template);
  return template;
}
