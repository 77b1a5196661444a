import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { ThreadMessage } from '../conversations/model';
import type { StreamState } from '../conversations/thread';
import type { Template } from '../templates/model';
import type { TemplateDraft } from '../templates/authoring/draft';
import type { TemplateStatusChange } from '../templates/status-changes';
import type { InboxEntry } from '../conversations/inbox';
import type { NoteProblem, NoteTarget } from '../notes/model';
import type { SavedUpTo } from '../notes/rule';
import type { NewNote } from '../pipedrive/notes-api';

export const DB_NAME = 'pipedrive-whatsapp';


export type StoredTemplate = Template;

/**
 * One page of the template catalogue. A sync writes the pages of a new generation as they arrive and then makes
 * that generation current in one small transaction (`SyncRecord.generation`); readers only see current pages.
 * A record per page, not per template: IndexedDB costs about a quarter of a millisecond per record written.
 */
export interface TemplatePageRecord {
  generation: number;
  page: number;
  templates: StoredTemplate[];
}

/** A contact's window as IndexedDB stores it, in its bucket: what we know of the contact's replies to one sender. */
export interface StoredWindow {
  /** Newest inbound message from the contact to the sender we know of, ms since epoch; absent when none in 24 h. */
  lastInboundAt?: number;
  lastInboundSid?: string;
  /** When Twilio was last asked about this contact (a sync or a one-contact refresh), ms since epoch. */
  checkedAt: number;
}

/**
 * The windows of a sender's contacts, spread over a fixed number of buckets by a hash of the number: a sync of
 * thousands of contacts writes a few dozen records, and a lookup reads one small one.
 */
export interface WindowBucketRecord {
  sender: string;
  bucket: number;
  /** E.164 of the customer → their window. */
  contacts: Record<string, StoredWindow>;
}

/**
 * A stored window with its keys, the sender and the contact: what the windows repo reads out of the buckets (and the
 * record of the `windows` store of versions 1 and 2).
 */
export interface StoredWindowRow extends StoredWindow {
  /** E.164 of our WhatsApp sender. */
  sender: string;
  /** E.164 of the customer. */
  contact: string;
}

export interface SendRecord {
  /** Client-generated; the same id is never POSTed twice. */
  id: string;
  sid?: string;
  sender: string;
  /** The customer's number as the message was addressed to it (E.164, in Twilio's form for this conversation). */
  contact: string;
  /** A template send: its Content SID and variables. A session reply has neither. */
  contentSid?: string;
  variables: Record<string, string>;
  /** A session reply: its text, and the public file link sent along with it. */
  body?: string;
  mediaUrl?: string;
  status: string;
  errorCode?: number;
  errorMessage?: string;
  createdAt: number;
  updatedAt: number;
  /**
   * The Pipedrive record the rep sent it from, with the company's host (from the tab): once the message has a Twilio
   * SID, its note is queued (lib/notes). Absent: no note (no Pipedrive person, or sent from elsewhere).
   */
  noteTarget?: NoteTarget & { companyHost: string };
}

export type SyncKind = 'templates' | 'windows' | 'conversations';

export interface SyncProgress {
  pages: number;
  items: number;
}

export interface SyncError {
  code: string;
  message: string;
  at: number;
}

export interface SyncRecord {
  kind: SyncKind;
  lastSuccessAt?: number;
  /** Windows: the sender the coverage is about (E.164); another sender starts from scratch. */
  sender?: string;
  /** Windows: every inbound message sent before this time (ms) is known; the next sync starts just before it. */
  coveredUntil?: number;
  lastError?: SyncError;
  /** Set while a sync runs (with when it started), so the popup can show progress and a stale flag can be cleared. */
  running?: { startedAt: number; progress: SyncProgress };
  /** Templates: counts from the last successful sync. */
  counts?: { added: number; changed: number; removed: number; total: number };
  /** Templates: the generation of `templatePages` that is the catalogue (absent before the first sync). */
  generation?: number;
  /**
   * Conversations: when this sender's conversations were first read (what was there then is not unread and never
   * notifies), and how many days back the coverage reaches (a longer period reads the older part once).
   */
  firstSeenAt?: number;
  days?: number;
}

/** The inbox of a sender, in buckets by the customer's number as the windows are (`bucketOf`). */
export interface InboxBucketRecord {
  sender: string;
  bucket: number;
  /** The customer's WhatsApp key → the conversation. */
  entries: Record<string, InboxEntry>;
}

export interface PipedriveTokenRecord {
  id: 'pipedrive';
  /** A personal Pipedrive API token, used only when the page's own session cannot read a record. */
  token: string;
  /**
   * The token's company (`acme.pipedrive.com`), as Pipedrive's `/users/me` said when the token was saved: the only
   * host the token is ever sent to. Records saved before it existed have none: checked again before any use.
   */
  companyHost?: string;
}

export interface SecretRecord {
  id: 'twilio';
  accountSid: string;
  keySid?: string;
  secret: string;
  /** What Twilio told us at connect time (absent for Standard API keys, which may not read the account). */
  friendlyName?: string;
  accountType?: string;
}

/** One customer's conversation with one sender, as far as it was read from Twilio (see conversations/thread.ts). */
export interface ThreadRecord {
  sender: string;
  /** The customer's WhatsApp key (phone.ts `whatsAppKey`): every written form of the number shares one thread. */
  contact: string;
  /** Oldest first. */
  messages: ThreadMessage[];
  streams: Record<string, StreamState>;
  /** When Twilio was last asked (ms). */
  fetchedAt: number;
}

/**
 * What the background acts on about the connected account, in its own IndexedDB (a content script can write
 * `storage.local`, never this): written only by the background, for a message only extension pages may send.
 */
export interface AccountRecord {
  id: 'current';
  /**
   * Bumped by every disconnect and every switch to another account, in the transaction that clears the old
   * account's data: a write of work started before (a sync, a window refresh, a conversation read, a send) names the
   * epoch it started in and is refused when that is no longer this one (`writeInEpoch`). Absent: 0.
   */
  epoch?: number;
  /** The Twilio account the stored data is of; connecting another one starts empty. */
  accountSid?: string;
  /** Our WhatsApp sender, E.164. */
  sender?: string;
  /**
   * `listed`: one of the account's online senders as Twilio listed them; `typed`: the number the rep typed in the
   * popup because Twilio listed none (or the key may not list them).
   */
  senderSource?: 'listed' | 'typed';
  /**
   * Twilio refused the credentials (a 401 the credential probe confirmed; a 403 is about one resource): the schedule
   * stops until they change or "Test connection" passes.
   */
  authFailure?: { at: number; status: number };
}

/**
 * One note to write in Pipedrive (lib/notes/sync.ts), keyed so that a message (or a saved stretch of a conversation)
 * has exactly one: `key` is the message's Twilio SID, or `log:` and the SID of a saved conversation's last line.
 */
export interface NoteJobRecord {
  key: string;
  kind: 'msg' | 'log';
  /** The company the note goes to (`acme.pipedrive.com`): the host of the tab it was asked from. */
  companyHost: string;
  /** The note as it will be POSTed (its content escaped, with `marker` as its reference line). */
  note: NewNote;
  marker: string;
  /** `posting` while a POST is in flight: a worker that finds one it does not own lost the answer. */
  state: 'pending' | 'posting' | 'saved' | 'failed';
  problem?: NoteProblem;
  /** Failed attempts since the job was queued (or retried by the rep). */
  attempts: number;
  /** Not before this time (ms): the backoff after a failure. */
  nextAt: number;
  /** A POST may have created the note without its answer arriving: the person's notes are read before POSTing again. */
  mayExist: boolean;
  noteId?: number;
  createdAt: number;
  updatedAt: number;
}

/** Where the last "Save conversation to Pipedrive" of a conversation ended (the next one writes only what is newer). */
export interface ConversationSaveRecord {
  sender: string;
  /** The customer's WhatsApp key (phone.ts `whatsAppKey`), like the thread's. */
  contact: string;
  upTo: SavedUpTo;
}

export interface WhatsAppDB extends DBSchema {
  templatePages: { key: [number, number]; value: TemplatePageRecord };
  threads: { key: [string, string]; value: ThreadRecord; indexes: { 'by-fetchedAt': number } };
  windowBuckets: { key: [string, number]; value: WindowBucketRecord };
  inboxBuckets: { key: [string, number]; value: InboxBucketRecord };
  sends: { key: string; value: SendRecord; indexes: { 'by-contact': string; 'by-status': string; 'by-createdAt': number } };
  sync: { key: SyncKind; value: SyncRecord };
  secrets: { key: 'twilio' | 'pipedrive'; value: SecretRecord | PipedriveTokenRecord };
  accounts: { key: 'current'; value: AccountRecord };
  /** The workshop's drafts, as the rep left them (lib/templates/workshop/drafts-repo.ts). */
  templateDrafts: { key: string; value: TemplateDraft; indexes: { 'by-updatedAt': number } };
  /** WhatsApp's verdicts the sync saw, for the popup (lib/templates/changes-repo.ts). */
  templateChanges: { key: string; value: TemplateStatusChange; indexes: { 'by-at': number } };
  noteJobs: { key: string; value: NoteJobRecord; indexes: { 'by-state': string; 'by-createdAt': number } };
  conversationSaves: { key: [string, string]; value: ConversationSaveRecord };
}

export type Db = IDBPDatabase<WhatsAppDB>;

/** The stores of versions 1 and 2, replaced in version 3; only the migrations see them. */
export interface LegacyDB extends WhatsAppDB {
  templates: { key: string; value: StoredTemplate; indexes: { 'by-status': string; 'by-language': string } };
  windows: { key: [string, string]; value: StoredWindowRow; indexes: { 'by-lastInboundAt': number; 'by-contact': string } };
}
type MigrationDb = IDBPDatabase<LegacyDB>;
type UpgradeTx = IDBPTransaction<LegacyDB, StoreNames<LegacyDB>[], 'versionchange'>;

/** How many records a sender's windows are spread over. */
export const WINDOW_BUCKETS = 64;

/** The bucket of a contact's number (FNV-1a): stable across releases, since it is part of the stored key. */
export function bucketOf(contact: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < contact.length; i++) {
    hash ^= contact.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % WINDOW_BUCKETS;
}

/** Templates per page record when converting old data (a sync stores Twilio's pages as they come). */
const MIGRATION_PAGE_SIZE = 500;

/**
 * Numbered migrations: `MIGRATIONS[n]` takes a database from version n to n + 1. A database at any older version
 * walks every later step in order; never edit a released step, add the next one.
 */
export const MIGRATIONS: ReadonlyArray<(db: MigrationDb, tx: UpgradeTx) => void | Promise<void>> = [
  // 0 → 1: the first stores.
  (db) => {
    const templates = db.createObjectStore('templates', { keyPath: 'sid' });
    templates.createIndex('by-status', 'status');
    templates.createIndex('by-language', 'language');
    const windows = db.createObjectStore('windows', { keyPath: ['sender', 'contact'] });
    windows.createIndex('by-lastInboundAt', 'lastInboundAt');
    windows.createIndex('by-contact', 'contact');
    const sends = db.createObjectStore('sends', { keyPath: 'id' });
    sends.createIndex('by-contact', 'contact');
    db.createObjectStore('sync', { keyPath: 'kind' });
    db.createObjectStore('secrets', { keyPath: 'id' });
  },
  // 1 → 2: find the sends still waiting for a final status when the worker wakes up.
  (_db, tx) => {
    tx.objectStore('sends').createIndex('by-status', 'status');
  },
  // 2 → 3: templates in page records under a generation, windows in buckets per sender (a record per template or
  // per contact made a sync of thousands cost seconds). The rows are carried over.
  async (db, tx) => {
    const templates = await tx.objectStore('templates').getAll();
    const windows = await tx.objectStore('windows').getAll();
    db.deleteObjectStore('templates');
    db.deleteObjectStore('windows');
    const pages = db.createObjectStore('templatePages', { keyPath: ['generation', 'page'] });
    const buckets = db.createObjectStore('windowBuckets', { keyPath: ['sender', 'bucket'] });
    const writes: Promise<unknown>[] = [];
    if (templates.length > 0) {
      const generation = 1;
      for (let page = 0; page * MIGRATION_PAGE_SIZE < templates.length; page++) {
        writes.push(pages.put({ generation, page, templates: templates.slice(page * MIGRATION_PAGE_SIZE, (page + 1) * MIGRATION_PAGE_SIZE) }));
      }
      const sync = tx.objectStore('sync');
      writes.push(sync.get('templates').then((record) => sync.put({ ...(record ?? { kind: 'templates' }), generation })));
    }
    const grouped = new Map<string, WindowBucketRecord>();
    for (const { sender, contact, ...window } of windows) {
      const bucket = bucketOf(contact);
      const key = `${sender}\n${bucket}`;
      const record = grouped.get(key) ?? { sender, bucket, contacts: {} };
      record.contacts[contact] = window;
      grouped.set(key, record);
    }
    for (const record of grouped.values()) writes.push(buckets.put(record));
    await Promise.all(writes);
  },
  // 3 → 4: conversations read from Twilio, kept so reopening one shows it at once.
  (db) => {
    db.createObjectStore('threads', { keyPath: ['sender', 'contact'] });
  },
  // 4 → 5: the sender and the credentials' refusal, which the background acts on, move out of storage.local (which
  // every content script can write) into the background's own store.
  (db) => {
    db.createObjectStore('accounts', { keyPath: 'id' });
  },
  // 5 → 6: what keeps the sends and the cached conversations bounded: sends by when they were made (a waking worker
  // follows only the last minutes' sends; the oldest go first), conversations by when they were last read.
  (_db, tx) => {
    tx.objectStore('sends').createIndex('by-createdAt', 'createdAt');
    tx.objectStore('threads').createIndex('by-fetchedAt', 'fetchedAt');
  },
  // 6 → 7: the inbox, every conversation of the period with its last message and what is unread.
  (db) => {
    db.createObjectStore('inboxBuckets', { keyPath: ['sender', 'bucket'] });
  },
  // 7 → 8: the template workshop: drafts the rep is writing, and the approval changes the sync saw.
  (db) => {
    db.createObjectStore('templateDrafts', { keyPath: 'id' }).createIndex('by-updatedAt', 'updatedAt');
    db.createObjectStore('templateChanges', { keyPath: 'id' }).createIndex('by-at', 'at');
  },
  // 8 → 9 (self-contained: renumber freely when merging): notes in Pipedrive, one job per message SID or saved
  // stretch of a conversation, and where each conversation's last save ended.
  (db) => {
    const jobs = db.createObjectStore('noteJobs', { keyPath: 'key' });
    jobs.createIndex('by-state', 'state');
    jobs.createIndex('by-createdAt', 'createdAt');
    db.createObjectStore('conversationSaves', { keyPath: ['sender', 'contact'] });
  },
];

export const DB_VERSION = MIGRATIONS.length;

/** Runs every step from `oldVersion` up, in order, inside the upgrade transaction (a step may read rows first). */
export async function upgradeDb(db: Db, oldVersion: number, newVersion: number, tx: IDBPTransaction<WhatsAppDB, StoreNames<WhatsAppDB>[], 'versionchange'>): Promise<void> {
  // The old stores are not in today's schema type; the migrations are the one place that still names them.
  const legacyDb = db as unknown as MigrationDb;
  const legacyTx = tx as unknown as UpgradeTx;
  for (let version = oldVersion; version < newVersion; version++) await MIGRATIONS[version]?.(legacyDb, legacyTx);
}

let dbPromise: Promise<Db> | undefined;

/** The one handle of the background; opened lazily, reopened if the browser closes it. */
export function getDb(): Promise<Db> {
  dbPromise ??= openDB<WhatsAppDB>(DB_NAME, DB_VERSION, {
    // A failed step aborts the upgrade: the database stays at its old version with its data, and opening fails.
    upgrade: (db, oldVersion, newVersion, tx) =>
      void upgradeDb(db, oldVersion, newVersion ?? DB_VERSION, tx).catch(() => {
        try {
          tx.abort();
        } catch {
          // already aborted by the failing request
        }
      }),
    terminated: () => {
      dbPromise = undefined;
    },
  });
  // A failed open is tried again by the next caller rather than failing every call until the worker restarts.
  dbPromise.catch(() => {
    dbPromise = undefined;
  });
  return dbPromise;
}

/** Tests only: forget the cached handle (after swapping `indexedDB` for a fresh fake). */
export async function closeDbForTests(): Promise<void> {
  const pending = dbPromise;
  dbPromise = undefined;
  if (pending) (await pending).close();
}
