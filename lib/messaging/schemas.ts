import * as v from 'valibot';
import { MAX_REPLY_LENGTH } from '../conversations/model';
import { NOTE_KEY } from '../notes/model';
import { isReadPath, LEAD_ID, NUMERIC_ID, READ_PATH_MAX_LENGTH } from '../pipedrive/api-paths';
import { SID_PATTERN } from '../sids';
import { BUTTON_TYPES, TEMPLATE_KINDS } from '../templates/authoring/draft';
import type { MessageName } from './protocol';

const sid = (pattern: RegExp) => v.pipe(v.string(), v.regex(pattern));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const e164 = v.pipe(v.string(), v.regex(/^\+[1-9]\d{6,14}$/));
const empty = v.strictObject({});
/**
 * The Pipedrive record a message is sent from (its note goes on the person, and on the deal or the lead): ids only,
 * of Pipedrive's forms; the company is the asking tab's host, never the payload's.
 */
const pipedriveRecord = v.pipe(
  v.strictObject({
    personId: v.pipe(v.string(), v.regex(NUMERIC_ID)),
    dealId: v.optional(v.pipe(v.string(), v.regex(NUMERIC_ID))),
    leadId: v.optional(v.pipe(v.string(), v.maxLength(36), v.regex(LEAD_ID))),
  }),
  v.check((record) => !(record.dealId && record.leadId), 'A deal or a lead, not both'),
);

/**
 * A workshop draft as the rep left it: it may break every rule (the checks say which), so the caps are what no
 * template needs, several times over Twilio's own limits.
 */
const templateDraft = v.strictObject({
  id: v.pipe(v.string(), v.uuid()),
  name: text(1_000),
  language: text(16),
  category: text(32),
  kind: v.picklist(TEMPLATE_KINDS),
  body: text(4_000),
  header: text(1_000),
  footer: text(1_000),
  mediaUrl: text(2_000),
  buttons: v.pipe(v.array(v.strictObject({ type: v.picklist(BUTTON_TYPES), text: text(200), value: text(2_000) })), v.maxLength(20)),
  samples: v.pipe(
    v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_]{1,64}$/)), text(2_000)),
    v.check((record) => Object.keys(record).length <= 120, 'At most 120 samples'),
  ),
  codeExpirationMinutes: text(8),
  addSecurityRecommendation: v.boolean(),
  contentSid: v.optional(sid(SID_PATTERN.content)),
  fixes: v.optional(v.strictObject({ sid: sid(SID_PATTERN.content), name: text(1_000), reason: text(4_000) })),
  updatedAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

/**
 * One schema per message: strict objects (unknown keys are refused), every string capped. Values arrive already
 * trimmed from our own pages, but a content script is untrusted, so the background checks again here.
 * Business rules (is the template approved, are the variables valid) are checked by the handlers.
 * The request types of protocol.ts are inferred from these, so what a field means is said here. No transforms: a
 * page sends exactly what the handler receives. Content-safe: valibot and small pure modules only.
 */
export const requestSchemas = {
  getSetupState: empty,
  getWindow: v.strictObject({ phone: text(64), refresh: v.optional(v.boolean()) }),
  listTemplates: empty,
  getTemplate: v.strictObject({ sid: sid(SID_PATTERN.content) }),
  sendTemplate: v.strictObject({
    /** Client-generated (a UUID); the same id never reaches Twilio twice. */
    id: v.pipe(v.string(), v.uuid()),
    /** The customer's number, E.164. */
    contact: e164,
    contentSid: sid(SID_PATTERN.content),
    variables: v.pipe(
      v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_]{1,64}$/)), text(1_000)),
      v.check((record) => Object.keys(record).length <= 100, 'At most 100 variables'),
    ),
    pipedrive: v.optional(pipedriveRecord),
  }),
  getSend: v.strictObject({ id: v.pipe(v.string(), v.uuid()) }),
  sendReply: v.strictObject({
    /** Client-generated (a UUID); the same id never reaches Twilio twice. */
    id: v.pipe(v.string(), v.uuid()),
    /** The customer's number as the conversation addresses it (`ThreadInfo.replyTo` without `whatsapp:`), E.164. */
    contact: e164,
    body: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_REPLY_LENGTH)),
    /**
     * A public https link to a file Twilio fetches and sends along. Twilio fetches it from the public internet: only
     * https, and no credentials in the link.
     */
    mediaUrl: v.optional(v.pipe(v.string(), v.maxLength(2_000), v.url(), v.regex(/^https:\/\/[^/@\s]+\//i, 'A public https link'))),
    pipedrive: v.optional(pipedriveRecord),
  }),
  /** One note with the conversation's messages since its last save, on this record. */
  saveConversation: v.strictObject({ contact: e164, pipedrive: pipedriveRecord }),
  /** A note job's key (a message's SID, or `log:` and one): the rep's Retry, or asking how it stands. */
  retryNote: v.strictObject({ key: v.pipe(v.string(), v.maxLength(38), v.regex(NOTE_KEY)) }),
  getNote: v.strictObject({ key: v.pipe(v.string(), v.maxLength(38), v.regex(NOTE_KEY)) }),
  getConversation: v.strictObject({
    phones: v.pipe(
      v.array(v.strictObject({ value: text(64), label: v.optional(text(40)), isPrimary: v.optional(v.boolean()) })),
      v.maxLength(20),
    ),
    remembered: v.optional(e164),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5_000))),
  }),
  getThread: v.strictObject({ contact: e164, limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5_000)), refresh: v.optional(v.boolean()) }),
  getMedia: v.strictObject({ contact: e164, messageSid: sid(SID_PATTERN.message) }),
  openMediaAccess: empty,
  getInbox: v.strictObject({ refresh: v.optional(v.boolean()) }),
  writePipedrivePerson: v.variant('kind', [
    v.strictObject({ kind: v.literal('create'), name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)), phone: e164 }),
    v.strictObject({
      kind: v.literal('add-phone'),
      personId: v.pipe(v.number(), v.integer(), v.minValue(1)),
      phone: e164,
      phones: v.pipe(
        v.array(v.strictObject({ value: text(64), label: v.optional(text(40)), primary: v.optional(v.boolean()) })),
        v.maxLength(20),
      ),
    }),
  ]),
  getInboxSummary: empty,
  markConversation: v.strictObject({ contact: e164, read: v.boolean() }),
  rememberNames: v.strictObject({
    names: v.pipe(
      v.array(
        v.union([
          // What a phone search found: the background decides which person (if any) has the number.
          v.strictObject({
            contact: e164,
            found: v.pipe(
              v.array(v.strictObject({
                id: v.pipe(v.number(), v.integer(), v.minValue(1)),
                name: text(200),
                phones: v.pipe(v.array(text(64)), v.maxLength(20)),
              })),
              v.maxLength(10),
            ),
          }),
          // The person the rep just added or linked the number to.
          v.strictObject({ contact: e164, name: v.optional(text(200)), personId: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))) }),
        ]),
      ),
      v.maxLength(50),
    ),
  }),
  openTemplateWorkshop: v.strictObject({ isNew: v.optional(v.boolean()) }),
  loadViews: v.strictObject({}),
  getPipedriveRecord: v.strictObject({
    /**
     * One of the record reads of `lib/pipedrive/api-paths` (`/api/v2/persons/{id}`, `/api/v2/deals/{id}`,
     * `/api/v2/organizations/{id}`, `/api/v1/users/{id}`, `/api/v1/leads/{uuid}`); any other path is refused.
     */
    path: v.pipe(v.string(), v.maxLength(READ_PATH_MAX_LENGTH), v.check(isReadPath, 'Not a Pipedrive record path the extension reads')),
  }),
  getConnection: empty,
  connectTwilio: v.strictObject({
    accountSid: sid(SID_PATTERN.account),
    /** Set when connecting with an API key; the secret is then the key's secret. */
    keySid: v.optional(sid(SID_PATTERN.apiKey)),
    secret: v.pipe(v.string(), v.minLength(1), v.maxLength(128), v.regex(/^\S+$/)),
    remember: v.boolean(),
  }),
  testCredentials: empty,
  disconnect: empty,
  listSenders: empty,
  setSender: v.strictObject({ sender: e164 }),
  openConversationInPipedrive: v.strictObject({ contact: e164 }),
  syncNow: v.strictObject({ kind: v.optional(v.picklist(['templates', 'windows', 'conversations'])) }),
  getStatus: empty,
  listExpiring: empty,
  setPipedriveToken: v.strictObject({ token: v.nullable(v.pipe(v.string(), v.regex(/^[0-9a-f]{40}$/i))) }),
  listWorkshop: empty,
  saveTemplateDraft: v.strictObject({ draft: templateDraft }),
  discardTemplateDraft: v.strictObject({ id: v.pipe(v.string(), v.uuid()) }),
  saveTemplateToTwilio: v.strictObject({ draft: templateDraft }),
  submitTemplate: v.strictObject({ draft: templateDraft }),
  deleteTemplate: v.strictObject({ sid: sid(SID_PATTERN.content) }),
  dismissTemplateChanges: v.strictObject({ ids: v.pipe(v.array(text(80)), v.maxLength(200)) }),
} satisfies Record<MessageName, v.GenericSchema>;
