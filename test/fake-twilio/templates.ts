import { ControlError } from './control-error';
import type { FakeStore } from './store';
import { isSid } from './sids';
import type { ApprovalRecord, ApprovalStatus, ContentTypes, TemplateRecord } from './types';

/** A template as a test describes it; everything but the name and types has a sensible default. */
export interface TemplateInput {
  /** Keep a known SID (upsert); a new deterministic one is made when absent. */
  sid?: string;
  friendlyName: string;
  language?: string;
  variables?: Record<string, string>;
  types: ContentTypes;
  approval?: Partial<ApprovalRecord>;
  /** ms since epoch; default: now. */
  dateCreated?: number;
}

/** What changes when WhatsApp reviews a template (or a test pretends it did). */
export interface TemplatePatch {
  status?: ApprovalStatus;
  rejectionReason?: string;
  category?: string;
  name?: string;
}

export function upsertTemplate(store: FakeStore, input: TemplateInput, now: number): TemplateRecord {
  if (input.sid !== undefined && !isSid(input.sid, 'HX')) throw new ControlError(`Not a Content SID: ${input.sid}`);
  const existing = input.sid === undefined ? undefined : store.template(input.sid);
  const status = input.approval?.status ?? 'approved';
  const template: TemplateRecord = {
    sid: input.sid ?? store.nextSid('HX'),
    friendlyName: input.friendlyName,
    language: input.language ?? 'en',
    variables: input.variables ?? {},
    types: input.types,
    approval: {
      name: input.approval?.name ?? input.friendlyName,
      category: input.approval?.category ?? 'UTILITY',
      status,
      rejectionReason: input.approval?.rejectionReason ?? '',
      allowCategoryChange: input.approval?.allowCategoryChange ?? true,
    },
    dateCreated: existing?.dateCreated ?? input.dateCreated ?? now,
    dateUpdated: now,
  };
  store.putTemplate(template);
  return template;
}

export function patchTemplate(store: FakeStore, sid: string, patch: TemplatePatch, now: number): TemplateRecord {
  const existing = store.template(sid);
  if (!existing) throw new ControlError(`No template ${sid}`, 404);
  const status = patch.status ?? existing.approval.status;
  const template: TemplateRecord = {
    ...existing,
    approval: {
      ...existing.approval,
      status,
      category: patch.category ?? existing.approval.category,
      name: patch.name ?? existing.approval.name,
      // WhatsApp only gives a reason with a rejection; approving again clears the old one.
      rejectionReason: patch.rejectionReason ?? (status === 'rejected' ? existing.approval.rejectionReason : ''),
    },
    dateUpdated: now,
  };
  store.putTemplate(template);
  return template;
}
