import { browser } from 'wxt/browser';
import { requireSender } from '../account/choose-sender';
import type { SendRecord } from '../db/schema';
import { threadsRepo } from '../conversations/thread-repo';
import { uiLocale } from '../format';
import { t } from '../i18n';
import type { Asker } from '../messaging/router';
import { HandlerError } from '../messaging/router';
import { whatsAppForms, whatsAppKey } from '../phone';
import { noteLinks } from '../pipedrive/notes-api';
import { noteRequestViaTab, noteRequestWithToken } from '../pipedrive/handlers';
import { sendsRepo } from '../sends/repo';
import { bumpRevision, checkedSettings } from '../settings';
import { renderPlaceholders } from '../templates/placeholders';
import type { ConversationSave, NoteMark, NoteTarget } from './model';
import { notesRepo } from './repo';
import { linesSince, noteTime, transcriptNoteContent, type NoteWords } from './rule';
import { createNoteQueue, markOf, NOTES_ALARM } from './sync';

/** A company's own host (`acme.pipedrive.com`): where a note of a page on it goes. */
const COMPANY_HOST = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.pipedrive\.com$/;

/**
 * Where a message's note goes: the record the page named, on the company of the tab that asked (the browser-set
 * sender's URL, never the payload). Only a Pipedrive tab's request carries one.
 */
export function noteTargetOf(pipedrive: NoteTarget | undefined, asker: Asker): SendRecord['noteTarget'] {
  if (!pipedrive || asker.kind !== 'content') return undefined;
  let host: string;
  try {
    host = new URL(asker.url).hostname;
  } catch {
    return undefined;
  }
  return COMPANY_HOST.test(host) && noteLinks(pipedrive) ? { companyHost: host, ...pipedrive } : undefined;
}

const words = (): NoteWords => ({
  sentTo: (contact) => t('note_sent_to', contact),
  template: (name) => t('message_template', name),
  conversationWith: (contact) => t('note_conversation_with', contact),
  customer: t('note_customer'),
  us: t('note_us'),
  attachments: (count) => t('note_attachments', String(count)),
});

export interface NoteHandlerDeps {
  now: () => number;
  /** A synced template by its Content SID. */
  template: (sid: string) => Promise<{ name: string; body: string } | undefined>;
}

/** The notes in Pipedrive: the queue, wired to the browser, and the messages about notes. */
export function createNoteHandlers({ now, template }: NoteHandlerDeps) {
  const queue = createNoteQueue({
    now,
    withToken: noteRequestWithToken,
    viaTab: noteRequestViaTab,
    isEnabled: checkedSettings.notesEnabled,
    words,
    time: (at) => noteTime(at, uiLocale()),
    template,
    render: renderPlaceholders,
    recentSends: (since) => sendsRepo.since(since),
    onChange: () => void bumpRevision('notes').catch(() => undefined),
    setAlarm: (when) => void (when === undefined ? browser.alarms.clear(NOTES_ALARM) : browser.alarms.create(NOTES_ALARM, { when })),
  });

  /** How the notes of our messages in a thread stand, by SID (a message sent from a Pipedrive record that has none yet is about to). */
  async function marksFor(sends: readonly SendRecord[]): Promise<Map<string, NoteMark>> {
    const noted = sends.flatMap((send) => (send.sid && send.noteTarget ? [{ sid: send.sid, send }] : []));
    if (noted.length === 0) return new Map();
    const jobs = await notesRepo.getMany(noted.map(({ sid }) => sid));
    const isEnabled = await checkedSettings.notesEnabled();
    const marks = new Map<string, NoteMark>();
    for (const { sid, send } of noted) {
      const job = jobs.get(sid);
      if (job) marks.set(sid, markOf(job));
      else if (isEnabled) {
        marks.set(sid, { state: 'pending' });
        void queue.queueForSend(send).catch(() => undefined); // a stopped worker's send: queued now
      }
    }
    return marks;
  }

  /**
   * "Save conversation to Pipedrive": one note with the conversation's messages since its last save (both
   * directions), as the background last read them from Twilio. The save mark moves with the job's creation, in one
   * transaction: pressing again (or in another tab) writes only what is newer.
   */
  async function saveConversation({ contact, pipedrive }: { contact: string; pipedrive: NoteTarget }, asker: Asker): Promise<ConversationSave> {
    const target = noteTargetOf(pipedrive, asker);
    const links = target && noteLinks(target);
    if (!target || !links) throw new HandlerError({ code: 'forbidden', message: 'Conversations are saved from a Pipedrive page' });
    const { sender } = await requireSender();
    const key = whatsAppKey(contact);
    const thread = await threadsRepo.get(sender, key);
    if (!thread) throw new HandlerError({ code: 'not-found', message: 'Open the conversation first' });
    const sends = (await Promise.all(whatsAppForms(contact).map((form) => sendsRepo.forContact(form)))).flat();
    const names = new Map<string, string>();
    for (const { sid, contentSid } of sends) {
      const name = sid && contentSid ? (await template(contentSid))?.name : undefined;
      if (sid && name) names.set(sid, name);
    }
    const messages = thread.messages.map((message) => ({ ...message, templateName: names.get(message.sid) }));
    const { lines, upTo } = linesSince(messages, await notesRepo.savedUpTo(sender, key));
    const last = lines.at(-1);
    if (!upTo || !last) return { lines: 0 };
    const content = transcriptNoteContent(contact, lines, words(), (at) => noteTime(at, uiLocale()));
    const job = await queue.queue('log', last.sid, target.companyHost, { ...links, content }, { sender, contact: key, upTo });
    return { lines: lines.length, key: job.key, mark: markOf(job) };
  }

  async function retryNote({ key }: { key: string }): Promise<NoteMark> {
    const mark = await queue.retry(key);
    if (!mark) throw new HandlerError({ code: 'not-found', message: 'No such note' });
    return mark;
  }

  async function getNote({ key }: { key: string }): Promise<NoteMark> {
    const job = await notesRepo.get(key);
    if (!job) throw new HandlerError({ code: 'not-found', message: 'No such note' });
    return markOf(job);
  }

  return {
    queueForSend: (send: SendRecord) => void queue.queueForSend(send).catch(() => undefined),
    marksFor,
    saveConversation,
    retryNote,
    getNote,
    resume: queue.resume,
    /** The alarm: work the queue (a no-op when nothing is due). */
    kick: () => void queue.run(),
    /** A Pipedrive tab is asking something: it can lend its session to the notes that wait for one. */
    tabAsked: () => void queue.run(true),
  };
}

export type NoteHandlers = ReturnType<typeof createNoteHandlers>;
