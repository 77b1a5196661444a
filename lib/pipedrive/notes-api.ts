import * as v from 'valibot';
import { LEAD_ID, NUMERIC_ID } from './api-paths';
import { parseAnswer } from './api-schemas';

/**
 * Pipedrive's notes (`/api/v1/notes`: v1, not deprecated; DESIGN §10): the two requests the extension makes, as
 * commands the background hands to whoever does the request (its own fetch with the rep's token, or a Pipedrive
 * tab's content script with the page's session). Content-safe and pure: the content script validates a command
 * with `noteCommandSchema` and does only the one request it describes.
 */

export const NOTES_PATH = '/api/v1/notes';
/** How many of a person's newest notes are read to find a note whose answer was lost (one a minute is plenty). */
export const NOTE_LOOKUP_LIMIT = 50;
/** A note's content is at most this long (a transcript of 300 lines of 1,600 characters, escaped, fits). */
export const NOTE_CONTENT_MAX = 1_000_000;

const numericId = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(999_999_999_999));
const leadId = v.pipe(v.string(), v.regex(LEAD_ID));

/** The only requests a tab is ever asked to make with its session. Strict: any other key is refused. */
export const noteCommandSchema = v.variant('kind', [
  v.strictObject({
    kind: v.literal('addNote'),
    note: v.strictObject({
      content: v.pipe(v.string(), v.minLength(1), v.maxLength(NOTE_CONTENT_MAX)),
      person_id: numericId,
      deal_id: v.optional(numericId),
      lead_id: v.optional(leadId),
    }),
  }),
  v.strictObject({
    kind: v.literal('listNotes'),
    personId: numericId,
    limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)),
  }),
]);

export type NoteCommand = v.InferOutput<typeof noteCommandSchema>;
export type NewNote = Extract<NoteCommand, { kind: 'addNote' }>['note'];

/** A command as an HTTP request on the company's host. */
export interface NoteHttpRequest {
  method: 'GET' | 'POST';
  path: string;
  /** JSON, for a POST. */
  body?: string;
}

export function noteHttpRequest(command: NoteCommand): NoteHttpRequest {
  if (command.kind === 'addNote') return { method: 'POST', path: NOTES_PATH, body: JSON.stringify(command.note) };
  const query = new URLSearchParams({ person_id: String(command.personId), sort: 'add_time DESC', start: '0', limit: String(command.limit) });
  return { method: 'GET', path: `${NOTES_PATH}?${query.toString()}` };
}

/** Pipedrive's status and parsed JSON body (undefined when it was not JSON). Rejects when Pipedrive could not be reached. */
export interface NoteHttpAnswer {
  status: number;
  body?: unknown;
}

/**
 * The background's message to a Pipedrive tab's content script (`tabs.sendMessage`): do this one notes request
 * with the page's session. The content script checks it with this schema and that it came from the extension itself.
 */
export const NOTE_CALL = 'pipedriveNoteCall';
export const noteCallSchema = v.strictObject({ type: v.literal(NOTE_CALL), command: noteCommandSchema });
export type NoteCall = v.InferOutput<typeof noteCallSchema>;

// `body` optional: a message between the background and a tab drops an undefined field.
export const noteHttpAnswerSchema = v.strictObject({ status: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)), body: v.optional(v.unknown()) });

/** `POST /api/v1/notes` → `{success, data: {id, content, person_id, deal_id, lead_id, add_time, …}}`. */
export const noteAnswer = v.looseObject({
  data: v.looseObject({ id: numericId, content: v.string(), person_id: v.nullish(numericId) }),
});

/** `GET /api/v1/notes` → `{success, data: [note…] | null, additional_data: {pagination}}` (null: no notes). */
export const noteListAnswer = v.looseObject({
  data: v.nullable(v.array(v.looseObject({ id: numericId, content: v.nullish(v.string()) }))),
});

/** The new note's id from Pipedrive's answer (a changed shape throws a PipedriveShapeError). */
export const addedNoteId = (body: unknown): number => parseAnswer(noteAnswer, NOTES_PATH, body).data.id;

/** The person's newest notes' ids and contents. */
export const listedNotes = (body: unknown): Array<{ id: number; content: string }> =>
  (parseAnswer(noteListAnswer, NOTES_PATH, body).data ?? []).map((note) => ({ id: note.id, content: note.content ?? '' }));

/** The Pipedrive ids a page names, as a note's fields; undefined when the person id is not one. */
export function noteLinks(target: { personId: string; dealId?: string; leadId?: string }): Omit<NewNote, 'content'> | undefined {
  if (!NUMERIC_ID.test(target.personId)) return undefined;
  return {
    person_id: Number(target.personId),
    ...(target.dealId && NUMERIC_ID.test(target.dealId) && { deal_id: Number(target.dealId) }),
    ...(target.leadId && LEAD_ID.test(target.leadId) && { lead_id: target.leadId.toLowerCase() }),
  };
}
