/**
 * What a note in Pipedrive says, and which messages a saved conversation holds. Pure: no storage, no network.
 *
 * A note's `content` is HTML (Pipedrive sanitises it, but a sanitiser is not ours to rely on): every text from
 * Twilio, the page or the rep is escaped here, and only the few tags this file writes itself are markup.
 * Pipedrive has no idempotency key, so each note carries a reference line (`Ref: wa-msg:SM…`) that a lost answer
 * is recognised by (`hasMarker`).
 */

/** `&`, `<`, `>`, `"` and `'` as entities: the text shows as written and never becomes markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Escaped, with its line breaks kept as `<br>`. */
const paragraphText = (text: string): string => escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>');

/** The words of a note, in the rep's language (the caller looks them up: this file stays pure). */
export interface NoteWords {
  /** "WhatsApp message sent to $1" */
  sentTo: (contact: string) => string;
  /** "Template: $1" */
  template: (name: string) => string;
  /** "WhatsApp conversation with $1" */
  conversationWith: (contact: string) => string;
  customer: string;
  us: string;
  /** "$1 attachment(s)" */
  attachments: (count: number) => string;
}

/** A time as the note shows it: date, time and zone, in the rep's locale. */
export function noteTime(at: number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short', ...(timeZone && { timeZone }),
  }).format(at);
}

export type NoteKind = 'msg' | 'log';

/** The reference a note carries: `wa-msg:` and the message's SID, or `wa-log:` and the SID of a transcript's last line. */
export const noteMarker = (kind: NoteKind, sid: string): string => `wa-${kind}:${sid}`;

const markerLine = (marker: string) => `<p>Ref: ${marker}</p>`;

/**
 * Whether a note's content carries `marker` as its reference line. Only a paragraph that is the reference line
 * counts: a customer who typed "Ref: wa-msg:…" in a message is inside a transcript's line, after its time.
 */
export function hasMarker(content: string, marker: string): boolean {
  const escaped = marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|>)\\s*Ref:\\s*${escaped}\\s*(?:<|$)`).test(content);
}

export interface SentMessage {
  sid: string;
  /** The customer's number, E.164. */
  contact: string;
  body: string;
  templateName?: string;
  at: number;
}

/** The note of one message we sent: who to, when, the template's name, the text, and its reference. */
export function messageNoteContent(message: SentMessage, words: NoteWords, time: (at: number) => string): string {
  return [
    `<p><b>${escapeHtml(words.sentTo(message.contact))}</b> · ${escapeHtml(time(message.at))}</p>`,
    message.templateName ? `<p>${escapeHtml(words.template(message.templateName))}</p>` : '',
    message.body ? `<p>${paragraphText(message.body)}</p>` : '',
    markerLine(noteMarker('msg', message.sid)),
  ].join('');
}

/** One line of a conversation, as the transcript needs it. */
export interface TranscriptLine {
  sid: string;
  direction: 'inbound' | 'outbound';
  at: number;
  body: string;
  numMedia: number;
  templateName?: string;
}

/** The note of a conversation's lines (oldest first), referenced by its last line's SID. */
export function transcriptNoteContent(contact: string, lines: readonly TranscriptLine[], words: NoteWords, time: (at: number) => string): string {
  const last = lines.at(-1);
  if (!last) throw new Error('A transcript needs at least one line');
  const body = lines.map((line) => {
    const who = line.direction === 'inbound' ? words.customer : line.templateName ? `${words.us} (${line.templateName})` : words.us;
    const media = line.numMedia > 0 ? ` [${words.attachments(line.numMedia)}]` : '';
    return `<p>${escapeHtml(time(line.at))} · <b>${escapeHtml(who)}</b>: ${paragraphText(line.body)}${escapeHtml(media)}</p>`;
  });
  return [`<p><b>${escapeHtml(words.conversationWith(contact))}</b></p>`, ...body, markerLine(noteMarker('log', last.sid))].join('');
}

/** Where the last saved conversation note ended: its newest line's time, and the lines at exactly that time. */
export interface SavedUpTo {
  at: number;
  sids: string[];
}

/** At most this many lines in one conversation note; the rest are the next save's (a note stays readable). */
export const TRANSCRIPT_MAX_LINES = 300;

/**
 * The lines after the last save, oldest first (at most TRANSCRIPT_MAX_LINES), and where the save will then end.
 * Messages not in Twilio yet (`local:` ids of sends without an answer) wait for the next save.
 */
export function linesSince<T extends TranscriptLine>(messages: readonly T[], saved: SavedUpTo | undefined): { lines: T[]; upTo?: SavedUpTo } {
  const isNew = (m: T) => !saved || m.at > saved.at || (m.at === saved.at && !saved.sids.includes(m.sid));
  const lines = [...messages]
    .filter((m) => !m.sid.startsWith('local:') && isNew(m))
    .sort((a, b) => a.at - b.at)
    .slice(0, TRANSCRIPT_MAX_LINES);
  const last = lines.at(-1);
  if (!last) return { lines };
  const atLast = lines.filter((m) => m.at === last.at).map((m) => m.sid);
  const sids = saved && saved.at === last.at ? [...saved.sids, ...atLast] : atLast;
  return { lines, upTo: { at: last.at, sids } };
}

/** Attempts before a note is shown as "Not saved to Pipedrive" (the rep's Retry starts again). */
export const NOTE_MAX_ATTEMPTS = 4;
const BACKOFF_FIRST_MS = 1_000;
const BACKOFF_MAX_MS = 5 * 60_000;

/** How long to wait after the `attempts`-th failed attempt: 1 s, 2 s, 4 s…, at most 5 minutes. */
export function noteBackoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, attempts - 1));
}
