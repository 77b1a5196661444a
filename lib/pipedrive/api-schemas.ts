import * as v from 'valibot';
import { describeIssues } from '../schema-issues';

/**
 * What the extension expects of Pipedrive's answers, as valibot schemas (shapes from Pipedrive's API reference and
 * its `client-nodejs` models: v2 persons, deals and organizations, v1 leads and users). Content-safe and pure.
 *
 * Loose objects: Pipedrive adds fields without notice, and extra fields are fine. A field we rely on that is
 * missing or of another type is a changed shape: parsing throws one `PipedriveShapeError` that says where, instead of
 * quietly reading `undefined` (a v1-shaped person, with `phone` instead of `phones` and objects for `org_id`, fails
 * here). Only what Pipedrive may leave empty is optional: an id it sends as `null` (a person without an organisation,
 * a deal without a person) and the name parts. Display strings are trimmed and capped.
 */

/** A display value (name, title, label): trimmed, capped; an empty one is no value. */
const text = (max: number) =>
  v.pipe(
    v.string(),
    v.transform((value) => value.trim().slice(0, max) || undefined),
  );
const optionalText = (max: number) => v.nullish(text(max));
const id = v.pipe(v.number(), v.integer(), v.minValue(1));
const optionalId = v.nullish(id);

/** Every answer is `{success, data}`; only `data` matters. */
const answer = <T extends v.GenericSchema>(data: T) => v.looseObject({ data });

// A phone number longer than this is not one a rep can dial (E.164 has at most 15 digits, the rest is formatting).
export const PHONE_MAX_LENGTH = 64;
/** How many of a person's phones are read (Pipedrive allows many; the picker offers the first few). */
export const PHONES_MAX = 20;

const phone = v.looseObject({
  value: v.string(),
  primary: v.nullish(v.boolean()),
  label: optionalText(40),
});

/** `GET /api/v2/persons/{id}`: phones (and emails) as `{value, primary, label}`, org and owner as bare ids. */
export const personAnswer = answer(
  v.looseObject({
    id,
    name: text(200),
    first_name: optionalText(200),
    last_name: optionalText(200),
    phones: v.array(phone),
    org_id: optionalId,
    owner_id: optionalId,
  }),
);

/** `GET /api/v2/deals/{id}`. */
export const dealAnswer = answer(
  v.looseObject({
    id,
    title: text(200),
    person_id: optionalId,
    owner_id: optionalId,
    org_id: optionalId,
  }),
);

/** `GET /api/v1/leads/{id}` (leads have no v2 endpoint; this one is not deprecated). */
export const leadAnswer = answer(
  v.looseObject({
    id: v.pipe(v.string(), v.uuid()),
    title: text(200),
    person_id: optionalId,
    owner_id: optionalId,
    organization_id: optionalId,
  }),
);

/** `GET /api/v2/organizations/{id}`. */
export const organizationAnswer = answer(v.looseObject({ id, name: text(200) }));

/** `GET /api/v1/users/{id}`. */
export const userAnswer = answer(v.looseObject({ id, name: text(200) }));

/** `GET /api/v1/users/me` on api.pipedrive.com: `company_domain` is the subdomain of the rep's company. */
export const currentUserAnswer = answer(
  v.looseObject({
    id,
    name: text(200),
    company_domain: v.pipe(v.string(), v.regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)),
  }),
);

/** A Pipedrive answer that is not the shape the extension was written for. Its message names no personal data. */
export class PipedriveShapeError extends Error {
  override readonly name = 'PipedriveShapeError';
  readonly path: string;
  constructor(path: string, issues: readonly v.BaseIssue<unknown>[]) {
    super(`Pipedrive's answer to ${path} has changed shape: ${describeIssues(issues)}`);
    this.path = path;
  }
}

/** The parsed answer, or a `PipedriveShapeError` naming `path` (the request the body answers). */
export function parseAnswer<T extends v.GenericSchema>(schema: T, path: string, body: unknown): v.InferOutput<T> {
  const result = v.safeParse(schema, body);
  if (!result.success) throw new PipedriveShapeError(path, result.issues);
  return result.output;
}

/**
 * `GET /api/v2/persons/search`: `data.items[].item` with the person's id, name and phones. The search answers phones
 * as plain strings; an object `{value}` (as the person endpoint has them) is read too.
 */
export const personSearchAnswer = answer(
  v.looseObject({
    items: v.array(
      v.looseObject({
        item: v.looseObject({
          id,
          name: text(200),
          phones: v.optional(v.array(v.union([v.string(), v.looseObject({ value: v.string() })])), []),
        }),
      }),
    ),
  }),
);
