import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Response validators built from Twilio's official OpenAPI specs (../shared/twilio-oai, never copied
 * into this repo). Twilio's schemas mark nothing as required and allow any extra key, which would let
 * almost any body pass; since Twilio always sends every documented key (null when unset), the
 * resource schemas are tightened: every listed property is required and no other may appear.
 */
export const SPEC_DIR = path.resolve(import.meta.dirname, '../../../../shared/twilio-oai');

const SPEC_FILES = {
  api: 'twilio_api_v2010.json',
  content: 'twilio_content_v1.json',
  messaging: 'twilio_messaging_v2.json',
} as const;
type SpecId = keyof typeof SPEC_FILES;

/** The responses the fake must match: spec file, path, method, status. */
export const RESPONSES = {
  account: ['api', '/2010-04-01/Accounts/{Sid}.json', 'get', '200'],
  messageList: ['api', '/2010-04-01/Accounts/{AccountSid}/Messages.json', 'get', '200'],
  messageCreate: ['api', '/2010-04-01/Accounts/{AccountSid}/Messages.json', 'post', '201'],
  message: ['api', '/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json', 'get', '200'],
  mediaList: ['api', '/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media.json', 'get', '200'],
  media: ['api', '/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{Sid}.json', 'get', '200'],
  contentList: ['content', '/v1/Content', 'get', '200'],
  contentAndApprovalsList: ['content', '/v1/ContentAndApprovals', 'get', '200'],
  content: ['content', '/v1/Content/{Sid}', 'get', '200'],
  approvalFetch: ['content', '/v1/Content/{Sid}/ApprovalRequests', 'get', '200'],
  contentCreate: ['content', '/v1/Content', 'post', '201'],
  contentUpdate: ['content', '/v1/Content/{Sid}', 'put', '200'],
  approvalCreate: ['content', '/v1/Content/{ContentSid}/ApprovalRequests/whatsapp', 'post', '201'],
  senderList: ['messaging', '/v2/Channels/Senders', 'get', '200'],
} as const satisfies Record<string, readonly [SpecId, string, string, string]>;
export type ResponseName = keyof typeof RESPONSES;

/** Component schemas that describe whole resources (and their nested objects): these get tightened. */
const STRICT_COMPONENTS = /^(api\.v2010\.account|content\.v1\.content|messaging\.v2\.channels_sender)/;

export function missingSpecsReason(): string | undefined {
  const missing = Object.values(SPEC_FILES).filter((file) => !existsSync(path.join(SPEC_DIR, file)));
  return missing.length === 0 ? undefined : `Twilio's OpenAPI specs are not at ${SPEC_DIR} (missing ${missing.join(', ')})`;
}

export interface SpecValidator {
  /** Schema errors as readable lines; empty when the body matches. */
  check(name: ResponseName, body: unknown): string[];
  /** A Content `types` object against the spec's per-type schemas (twilio/text, twilio/card, …). */
  checkContentTypes(types: unknown): string[];
}

type Schema = Record<string, unknown>;

export function createSpecValidator(): SpecValidator {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('date-time-rfc-2822', /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  ajv.addFormat('phone-number', /^(whatsapp:)?\+[1-9]\d{1,14}$/);
  ajv.addFormat('currency', /^[A-Za-z]{3}$/);
  for (const loose of ['uri-map', 'http-method', 'phone-number-capabilities', 'iso-country-code', 'twiml', 'endpoint', 'ice-server']) {
    ajv.addFormat(loose, true);
  }

  const specs = {} as Record<SpecId, Schema>;
  for (const [id, file] of Object.entries(SPEC_FILES) as Array<[SpecId, string]>) {
    const spec = JSON.parse(readFileSync(path.join(SPEC_DIR, file), 'utf8')) as Schema;
    specs[id] = spec;
    const schemas = (spec.components as { schemas: Record<string, Schema> }).schemas;
    const converted = Object.fromEntries(
      Object.entries(schemas).map(([name, schema]) => [name, convert(schema, id, STRICT_COMPONENTS.test(name))]),
    );
    ajv.addSchema({ $id: id, components: { schemas: converted } });
  }

  const compiled = new Map<ResponseName, ValidateFunction>();
  const validatorFor = (name: ResponseName): ValidateFunction => {
    let validate = compiled.get(name);
    if (!validate) {
      const [id, specPath, method, status] = RESPONSES[name];
      const operation = dig(specs[id], ['paths', specPath, method, 'responses', status, 'content', 'application/json', 'schema']);
      validate = ajv.compile(convert(operation as Schema, id, true));
      compiled.set(name, validate);
    }
    return validate;
  };
  const contentTypes = ajv.compile({ $ref: 'content#/components/schemas/types' });

  return {
    check: (name, body) => errorsOf(validatorFor(name), body),
    checkContentTypes: (types) => errorsOf(contentTypes, types),
  };
}

function errorsOf(validate: ValidateFunction, body: unknown): string[] {
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/**
 * OpenAPI 3.0 → JSON Schema for Ajv: `nullable` becomes a `null` type (and a null enum member),
 * `#/components/…` refs point into the spec document, relative `*_uri` fields are URI references
 * (the 2010 API's links are relative), and strict objects get `required` + `additionalProperties: false`.
 */
function convert(node: unknown, specId: SpecId, strict: boolean): Schema {
  const schema = { ...(node as Schema) };
  if (typeof schema.$ref === 'string') return { $ref: `${specId}${schema.$ref}` };
  if (schema.nullable === true) {
    delete schema.nullable;
    if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum)) schema.enum = [...(schema.enum as unknown[]), null];
  }
  if (schema.items) schema.items = convert(schema.items, specId, strict);
  if (schema.properties) {
    const properties = Object.entries(schema.properties as Record<string, Schema>).map(([key, value]) => {
      const property = convert(value, specId, strict);
      if (property.format === 'uri' && (key === 'uri' || key.endsWith('_uri'))) property.format = 'uri-reference';
      return [key, property] as const;
    });
    schema.properties = Object.fromEntries(properties);
    if (strict) {
      schema.required = properties.map(([key]) => key);
      schema.additionalProperties = false;
      schema.type ??= 'object';
    }
  }
  return schema;
}

function dig(value: unknown, keys: string[]): unknown {
  return keys.reduce<unknown>((node, key) => {
    if (typeof node !== 'object' || node === null || !(key in node)) throw new Error(`No ${keys.join(' › ')} in the spec`);
    return (node as Record<string, unknown>)[key];
  }, value);
}
