import { accountRepo } from '../account/repo';
import type { NoteJobRecord, SendRecord } from '../db/schema';
import { addedNoteId, listedNotes, NOTE_LOOKUP_LIMIT, noteHttpRequest, noteLinks, type NewNote, type NoteCommand, type NoteHttpAnswer, type NoteHttpRequest } from '../pipedrive/notes-api';
import type { NoteMark, NoteProblem } from './model';
import { notesRepo } from './repo';
import { hasMarker, messageNoteContent, NOTE_MAX_ATTEMPTS, noteBackoffMs, noteMarker, type NoteWords } from './rule';

/**
 * The note queue: writes each job of `noteJobs` into Pipedrive once. It runs when a job is queued, when the worker
 * starts, on its alarm, when the rep presses Retry and whenever a Pipedrive tab asks for a conversation (a tab
 * that can lend its session may have just opened).
 *
 * Exactly once: a job's key is the message's SID, so a message has one job however many tabs or workers see it
 * (`notesRepo.claim` is one transaction). A job is marked `posting` before its POST; a worker that finds a
 * `posting` job it did not start (the one that POSTed was stopped) or whose POST got no answer (network, timeout,
 * 5xx: Pipedrive may have written it) reads the person's newest notes and looks for the job's reference line
 * before it POSTs again. Pipedrive has no idempotency key; the reference line is ours.
 *
 * How: the rep's personal token when it is of the job's company, else an open Pipedrive tab of that company with
 * the page's session; neither, and the job waits (shown as "Not saved to Pipedrive", and why).
 */

export const NOTES_ALARM = 'notes';
/** A job waiting for a way into Pipedrive (no token, no tab) is tried again this often, and whenever a tab asks. */
export const NO_ACCESS_RETRY_MS = 60_000;
/** Alarms fire at most this often in Chromium: earlier retries are timers of the running worker. */
const ALARM_MIN_MS = 30_000;
/** A waking worker queues the notes of the sends of this long ago that have none yet. */
export const RESUME_SENDS_MS = 24 * 3_600_000;

export interface NoteQueueDeps {
  now: () => number;
  /** The request with the rep's token, or undefined when there is no token of this company. */
  withToken: (companyHost: string, request: NoteHttpRequest) => Promise<NoteHttpAnswer | undefined>;
  /**
   * The command done by an open tab of this company with its session; undefined when no tab of it is open,
   * `unanswered` when tabs were asked and none answered (one may have been closed with the request under way).
   */
  viaTab: (companyHost: string, command: NoteCommand) => Promise<NoteHttpAnswer | 'unanswered' | undefined>;
  /** "Save sent WhatsApp messages to Pipedrive as notes" (checked: anything but `false` is on). */
  isEnabled: () => Promise<boolean>;
  words: () => NoteWords;
  time: (at: number) => string;
  /** A template's name and body by Content SID (a template send's note names it and shows its text). */
  template: (sid: string) => Promise<{ name: string; body: string } | undefined>;
  /** A send's text when it is a template's: its body rendered with the send's values. */
  render: (body: string, values: Record<string, string>) => string;
  /** The sends of the last RESUME_SENDS_MS (a waking worker queues the notes a stopped one did not). */
  recentSends: (since: number) => Promise<SendRecord[]>;
  /** Tells the pages that a note's state changed (a revision). */
  onChange: () => void;
  /** The alarm that carries a retry across a stopped worker; undefined clears it. */
  setAlarm: (when: number | undefined) => void;
  setTimer?: (run: () => void, ms: number) => void;
}

type Outcome =
  | { kind: 'saved'; noteId: number }
  /** Failed for this attempt; `mayExist` when the note may have been written without our hearing. */
  | { kind: 'failed'; problem: NoteProblem; mayExist: boolean; counts: boolean };

const isServerTrouble = (status: number) => status === 0 || status === 429 || status >= 500;
const isRefusal = (status: number) => status === 401 || status === 403;

export function markOf(job: NoteJobRecord): NoteMark {
  if (job.state === 'saved') return { state: 'saved' };
  if (job.state === 'failed') return { state: 'failed', ...(job.problem && { problem: job.problem }) };
  // Still trying, but said when the way in is missing: the rep can open a tab or set the token meanwhile.
  return job.problem === 'no-access' ? { state: 'failed', problem: 'no-access' } : { state: 'pending' };
}

export function createNoteQueue(deps: NoteQueueDeps) {
  const setTimer = deps.setTimer ?? ((run, ms) => void setTimeout(run, ms));
  /** Jobs whose attempt this worker has under way; a `posting` job not in here lost its worker mid-POST. */
  const inFlight = new Set<string>();
  let running: Promise<void> | undefined;
  let again = false;
  /** A Pipedrive tab asked since the last round: the jobs waiting for one are due now, whatever their retry time. */
  let isTabAsking = false;

  /**
   * Pipedrive's answer to a command: the token first (of this company), then a tab's session. Without one,
   * `mayHaveReached` says whether a tab may have made the request before it went away.
   */
  async function ask(companyHost: string, command: NoteCommand): Promise<{ answer?: NoteHttpAnswer; problem?: NoteProblem; mayHaveReached?: boolean }> {
    const byToken = await deps.withToken(companyHost, noteHttpRequest(command));
    if (byToken && !isRefusal(byToken.status)) return { answer: byToken };
    const byTab = await deps.viaTab(companyHost, command);
    if (byTab && byTab !== 'unanswered' && !isRefusal(byTab.status)) return { answer: byTab };
    if (byToken || (byTab && byTab !== 'unanswered')) return { problem: 'refused' };
    return { problem: 'no-access', mayHaveReached: byTab === 'unanswered' };
  }

  const trouble = (status: number, mayExist: boolean): Outcome =>
    isServerTrouble(status)
      ? { kind: 'failed', problem: 'failing', mayExist, counts: true }
      : { kind: 'failed', problem: 'rejected', mayExist: false, counts: true };

  /** One attempt: find the note first when it may exist, else (or when it is not there) POST it. */
  async function write(job: NoteJobRecord): Promise<Outcome> {
    try {
      if (job.mayExist) {
        const listed = await ask(job.companyHost, { kind: 'listNotes', personId: job.note.person_id, limit: NOTE_LOOKUP_LIMIT });
        if (!listed.answer) return { kind: 'failed', problem: listed.problem ?? 'no-access', mayExist: true, counts: false };
        if (listed.answer.status < 200 || listed.answer.status >= 300) return trouble(listed.answer.status, true);
        const found = listedNotes(listed.answer.body).find((note) => hasMarker(note.content, job.marker));
        if (found) return { kind: 'saved', noteId: found.id };
      }
      const posted = await ask(job.companyHost, { kind: 'addNote', note: job.note });
      if (!posted.answer) return { kind: 'failed', problem: posted.problem ?? 'no-access', mayExist: job.mayExist || posted.mayHaveReached === true, counts: false };
      const { status, body } = posted.answer;
      if (status >= 200 && status < 300) return { kind: 'saved', noteId: addedNoteId(body) };
      return trouble(status, true);
    } catch {
      // Unreachable, timed out, or an answer of another shape: the POST may have landed.
      return { kind: 'failed', problem: 'failing', mayExist: true, counts: true };
    }
  }

  /** A job worth an attempt now (`hasTab`: a Pipedrive tab has just asked something). */
  const isDue = (job: NoteJobRecord, now: number, hasTab = false) =>
    (job.state === 'posting' && !inFlight.has(job.key)) ||
    (job.state === 'pending' && job.nextAt <= now) ||
    (job.state === 'failed' && job.problem === 'no-access' && (hasTab || job.nextAt <= now));

  async function attempt(key: string, hasTab: boolean): Promise<void> {
    const now = deps.now();
    const claimed = await notesRepo.updateIf(key, (current) => isDue(current, now, hasTab), (current) => ({
      state: 'posting',
      // A `posting` job nobody here owns was POSTed by a stopped worker: its note may be in Pipedrive already.
      mayExist: current.mayExist || current.state === 'posting',
      updatedAt: now,
    }));
    if (!claimed) return;
    inFlight.add(key);
    try {
      const outcome = await write(claimed);
      const at = deps.now();
      if (outcome.kind === 'saved') {
        await notesRepo.updateIf(key, () => true, { state: 'saved', noteId: outcome.noteId, problem: undefined, mayExist: false, updatedAt: at });
      } else {
        const attempts = claimed.attempts + (outcome.counts ? 1 : 0);
        const isOver = outcome.counts && attempts >= NOTE_MAX_ATTEMPTS;
        const isFinal = isOver || outcome.problem === 'refused' || outcome.problem === 'rejected';
        await notesRepo.updateIf(key, () => true, {
          state: isFinal ? 'failed' : outcome.problem === 'no-access' ? 'failed' : 'pending',
          problem: outcome.problem === 'failing' && !isOver ? undefined : outcome.problem,
          attempts,
          mayExist: outcome.mayExist,
          nextAt: at + (outcome.problem === 'no-access' ? NO_ACCESS_RETRY_MS : noteBackoffMs(attempts)),
          updatedAt: at,
        });
      }
      deps.onChange();
    } finally {
      inFlight.delete(key);
    }
  }

  /** The next time something waits: a timer for the running worker, and an alarm in case it is stopped first. */
  function schedule(jobs: readonly NoteJobRecord[]): void {
    const waiting = jobs.filter((job) => job.state === 'pending' || job.state === 'posting' || (job.state === 'failed' && job.problem === 'no-access'));
    if (waiting.length === 0) {
      deps.setAlarm(undefined);
      return;
    }
    const next = Math.min(...waiting.map((job) => job.nextAt));
    const now = deps.now();
    // At least a second: a job that keeps failing before its attempt is recorded must not spin the worker.
    const delay = Math.max(1_000, next - now);
    if (delay < ALARM_MIN_MS) setTimer(() => void run(), delay);
    deps.setAlarm(Math.max(next, now + ALARM_MIN_MS));
  }

  async function work(): Promise<void> {
    do {
      again = false;
      const hasTab = isTabAsking;
      isTabAsking = false;
      const now = deps.now();
      for (const job of await notesRepo.unsaved()) if (isDue(job, now, hasTab)) await attempt(job.key, hasTab).catch(() => undefined);
    } while (again);
    schedule(await notesRepo.unsaved());
  }

  /**
   * Works the queue; a call while it runs makes it go round once more (a job queued meanwhile is not left behind).
   * `hasTab`: a Pipedrive tab is asking, so the jobs that wait for one are tried now.
   */
  function run(hasTab = false): Promise<void> {
    isTabAsking ||= hasTab;
    if (running) {
      again = true;
      return running;
    }
    running = work()
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  /** Queues the note of a message we sent, once it has its SID and was sent from a Pipedrive record. */
  async function queueForSend(send: SendRecord): Promise<void> {
    if (!send.sid || !send.noteTarget) return;
    if (await notesRepo.get(send.sid)) return;
    if (!(await deps.isEnabled())) return;
    const links = noteLinks(send.noteTarget);
    if (!links) return;
    const template = send.contentSid ? await deps.template(send.contentSid) : undefined;
    const body = send.contentSid ? (template ? deps.render(template.body, send.variables) : '') : (send.body ?? '');
    const content = messageNoteContent(
      { sid: send.sid, contact: send.contact, body: send.mediaUrl ? `${body}\n${send.mediaUrl}` : body, templateName: template?.name, at: send.createdAt },
      deps.words(),
      deps.time,
    );
    await queue('msg', send.sid, send.noteTarget.companyHost, { ...links, content });
  }

  /** Stores a job (once per key) and works the queue. */
  async function queue(kind: 'msg' | 'log', sid: string, companyHost: string, note: NewNote, saved?: Parameters<typeof notesRepo.claim>[2]): Promise<NoteJobRecord> {
    const now = deps.now();
    const key = kind === 'msg' ? sid : `log:${sid}`;
    const job: NoteJobRecord = { key, kind, companyHost, note, marker: noteMarker(kind, sid), state: 'pending', attempts: 0, nextAt: now, mayExist: false, createdAt: now, updatedAt: now };
    const claim = await notesRepo.claim(await accountRepo.epoch(), job, saved);
    if (claim.created) deps.onChange();
    await run();
    return (await notesRepo.get(key)) ?? claim.job;
  }

  /** The rep's Retry: a failed (or waiting) job is tried again now, from its first attempt. */
  async function retry(key: string): Promise<NoteMark | undefined> {
    const now = deps.now();
    await notesRepo.updateIf(key, (job) => job.state === 'failed' || job.state === 'pending', { state: 'pending', attempts: 0, nextAt: now, problem: undefined, updatedAt: now });
    await run();
    const job = await notesRepo.get(key);
    return job && markOf(job);
  }

  /** A worker wakes: the sends of the last day whose note a stopped worker did not queue, then the queue. */
  async function resume(): Promise<void> {
    const sends = await deps.recentSends(deps.now() - RESUME_SENDS_MS);
    const missing = sends.flatMap((send) => (send.sid && send.noteTarget ? [{ sid: send.sid, send }] : []));
    const known = await notesRepo.getMany(missing.map(({ sid }) => sid));
    for (const { sid, send } of missing) if (!known.has(sid)) await queueForSend(send).catch(() => undefined);
    await run();
  }

  return { queueForSend, queue, retry, resume, run };
}

export type NoteQueue = ReturnType<typeof createNoteQueue>;
