import type { ClockInput } from '../clock';
import { ControlError } from '../control-error';
import type { FaultInput } from '../faults';
import type { InboundMediaInput } from '../media';
import type { InboundInput } from '../messaging';
import type { TemplateInput, TemplatePatch } from '../templates';
import { APPROVAL_STATUSES, type ApprovalStatus, type AsyncFailureCode, type ContentTypes, type StatusDelays } from '../types';

/**
 * Reads control-API JSON into the control's typed inputs. Anything unexpected is a 400 that says which
 * field is wrong: these bodies are written by hand in tests and scripts.
 */
type Json = Record<string, unknown>;

export function readInbound(body: unknown): InboundInput {
  const json = object(body, 'body');
  return {
    from: string(json.from, 'from'),
    to: optional(json.to, (v) => string(v, 'to')),
    body: string(json.body, 'body'),
    at: optional(json.at, (v) => (typeof v === 'number' ? v : string(v, 'at'))),
    media: optional(json.media, readInboundMedia),
  };
}

function readInboundMedia(value: unknown): InboundMediaInput[] {
  if (!Array.isArray(value)) throw new ControlError('media: expected an array');
  return value.map((item, i) => {
    const json = object(item, `media[${i}]`);
    return {
      contentType: string(json.contentType, `media[${i}].contentType`),
      filename: optional(json.filename, (v) => string(v, `media[${i}].filename`)),
      base64: optional(json.base64, (v) => string(v, `media[${i}].base64`)),
      size: optional(json.size, (v) => number(v, `media[${i}].size`)),
    };
  });
}

export function readTemplate(body: unknown, sid: string | undefined): TemplateInput {
  const json = object(body, 'body');
  const approval = optional(json.approval, (v) => object(v, 'approval'));
  return {
    sid: sid ?? optional(json.sid, (v) => string(v, 'sid')),
    friendlyName: string(json.friendlyName, 'friendlyName'),
    language: optional(json.language, (v) => string(v, 'language')),
    variables: optional(json.variables, (v) => stringMap(v, 'variables')),
    types: object(json.types, 'types') as ContentTypes,
    approval: approval && {
      name: optional(approval.name, (v) => string(v, 'approval.name')),
      category: optional(approval.category, (v) => string(v, 'approval.category')),
      status: optional(approval.status, (v) => status(v, 'approval.status')),
      rejectionReason: optional(approval.rejectionReason, (v) => string(v, 'approval.rejectionReason')),
      allowCategoryChange: optional(approval.allowCategoryChange, (v) => boolean(v, 'approval.allowCategoryChange')),
    },
    dateCreated: optional(json.dateCreated, (v) => number(v, 'dateCreated')),
  };
}

export function readTemplatePatch(body: unknown): TemplatePatch {
  const json = object(body, 'body');
  return {
    status: optional(json.status, (v) => status(v, 'status')),
    rejectionReason: optional(json.rejectionReason, (v) => string(v, 'rejectionReason')),
    category: optional(json.category, (v) => string(v, 'category')),
    name: optional(json.name, (v) => string(v, 'name')),
  };
}

export function readFailureCode(body: unknown): AsyncFailureCode | null {
  const code = object(body, 'body').code;
  if (code === null) return null;
  return number(code, 'code') as AsyncFailureCode;
}

export function readFault(body: unknown): FaultInput {
  const json = object(body, 'body');
  const match = optional(json.match, (v) => string(v, 'match'));
  if (match !== undefined && match !== 'prefix' && match !== 'regex') throw new ControlError('match: prefix or regex');
  return {
    path: string(json.path, 'path'),
    match,
    method: optional(json.method, (v) => string(v, 'method')),
    status: optional(json.status, (v) => number(v, 'status')),
    code: optional(json.code, (v) => number(v, 'code')),
    message: optional(json.message, (v) => string(v, 'message')),
    count: optional(json.count, (v) => number(v, 'count')),
    after: optional(json.after, (v) => number(v, 'after')),
    retryAfter: optional(json.retryAfter, (v) => number(v, 'retryAfter')),
    delayMs: optional(json.delayMs, (v) => number(v, 'delayMs')),
    malformed: optional(json.malformed, (v) => boolean(v, 'malformed')),
    drop: optional(json.drop, (v) => boolean(v, 'drop')),
  };
}

export function readClock(body: unknown): ClockInput {
  const json = object(body, 'body');
  if (json.real === true) return { real: true };
  if (json.advanceMs !== undefined) return { advanceMs: number(json.advanceMs, 'advanceMs') };
  if (typeof json.now === 'string') {
    const now = Date.parse(json.now);
    if (Number.isNaN(now)) throw new ControlError('now: not a date');
    return { now };
  }
  if (json.now !== undefined) return { now: number(json.now, 'now') };
  throw new ControlError('Give {now}, {advanceMs} or {real: true}');
}

export function readLatency(body: unknown): number {
  return number(object(body, 'body').ms, 'ms');
}

export function readStatusDelays(body: unknown): Partial<StatusDelays> {
  const json = object(body, 'body');
  const delays: Partial<StatusDelays> = {};
  for (const key of ['sentMs', 'deliveredMs', 'readMs'] as const) {
    const value = optional(json[key], (v) => number(v, key));
    if (value !== undefined) delays[key] = value;
  }
  return delays;
}

function object(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ControlError(`${field}: expected an object`);
  }
  return value as Json;
}

function string(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new ControlError(`${field}: expected a string`);
  return value;
}

function number(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ControlError(`${field}: expected a number`);
  return value;
}

function boolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new ControlError(`${field}: expected true or false`);
  return value;
}

function status(value: unknown, field: string): ApprovalStatus {
  const text = string(value, field);
  if (!(APPROVAL_STATUSES as readonly string[]).includes(text)) {
    throw new ControlError(`${field}: one of ${APPROVAL_STATUSES.join(', ')}`);
  }
  return text as ApprovalStatus;
}

function stringMap(value: unknown, field: string): Record<string, string> {
  const json = object(value, field);
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, string(v, `${field}.${k}`)]));
}

function optional<T>(value: unknown, read: (value: unknown) => T): T | undefined {
  return value === undefined ? undefined : read(value);
}
