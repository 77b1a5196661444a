import * as v from 'valibot';
import { describeIssues } from '../schema-issues';
import { TwilioError } from './errors';

/**
 * Twilio's answers are checked against the schema the client was written for (shapes from Twilio's OpenAPI specs,
 * DESIGN §2). Loose objects: Twilio adds fields, and extra fields are fine. A field the extension relies on that is
 * missing or of another type is a changed shape: one TwilioError of kind 'malformed' that names the field, instead of
 * `undefined`s further on. Where Twilio documents a field as nullable it may be null (or, for what the extension
 * can do without, absent).
 */
export function parseAnswer<T extends v.GenericSchema>(schema: T, what: string, body: unknown): v.InferOutput<T> {
  const result = v.safeParse(schema, body);
  if (!result.success) {
    throw new TwilioError({ kind: 'malformed', message: `Twilio's ${what} has changed shape: ${describeIssues(result.issues)}` });
  }
  return result.output;
}

/** A text field Twilio may leave null (nearly all are, in its specs). */
export const nullableText = v.nullish(v.string());

/** The product APIs' (Content, Senders) paging: `meta.next_page_url` is absolute, null on the last page. */
export const productMeta = v.looseObject({ next_page_url: v.nullish(v.string()) });
