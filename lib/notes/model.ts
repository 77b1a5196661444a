/**
 * Notes in Pipedrive, as they cross the message boundary. Content-safe: types and small constants only.
 *
 * Every message the rep sends becomes one note on the Pipedrive person (and the deal or lead it was sent from);
 * "Save conversation to Pipedrive" writes one note with the messages since the last save. The background owns the
 * notes (lib/notes/sync.ts): a page only sees how each one stands.
 */

/** The Pipedrive record a message was sent from: its person, and the deal or the lead of the page. */
export interface NoteTarget {
  /** Pipedrive's numeric person id, as a string. */
  personId: string;
  dealId?: string;
  /** A lead's UUID, lower case. */
  leadId?: string;
}

/**
 * Why a note is not in Pipedrive (yet): `no-access` neither the personal token (of this company) nor an open
 * Pipedrive tab of this company can write it (it waits for one); `refused` Pipedrive refused the token and the
 * session; `rejected` Pipedrive refused the note itself (the person was deleted, say); `failing` Pipedrive answered
 * with an error or not at all, attempt after attempt.
 */
export type NoteProblem = 'no-access' | 'refused' | 'rejected' | 'failing';

/** `saved` the note is in Pipedrive; `pending` it is being written (or waits for its next attempt); `failed` see `problem`. */
export type NoteState = 'saved' | 'pending' | 'failed';

/** How one note stands, for the thread (a message of ours) or the panel (a saved conversation). */
export interface NoteMark {
  state: NoteState;
  problem?: NoteProblem;
}

/** What "Save conversation to Pipedrive" did: how many messages the note holds (0: nothing new since the last save). */
export interface ConversationSave {
  lines: number;
  /** The note's job, to ask again or retry; absent when there was nothing new. */
  key?: string;
  mark?: NoteMark;
}

/** A job's key: a message's Twilio SID, or `log:` and the SID of the last message of a saved conversation. */
export const NOTE_KEY = /^(?:log:)?(?:SM|MM)[0-9a-fA-F]{32}$/;
