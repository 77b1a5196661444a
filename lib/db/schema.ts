import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Template } from '../twilio/content';

export const DB_NAME = 'pipedrive-whatsapp';


export type StoredTemplate = Template;

export interface WindowRecord {
  /** E.164 of our WhatsApp sender. */
  sender: string;
  /** E.164 of the customer. */
  contact: string;
  /** Newest inbound message from the contact to the sender we know of, ms since epoch; absent when none in 24 h. */
  lastInboundAt?: number;
  lastInboundSid?: string;
  /** When Twilio was last asked about this contact (a sync or a one-contact refresh), ms since epoch. */
  checkedAt: number;
}

export interface SendRecord {
  /** Client-generated; the same id is never POSTed twice. */
  id: string;
  sid?: string;
  sender: string;
  contact: string;
  contentSid: string;
  variables: Record<string, string>;
  status: string;
  errorCode?: number;
  errorMessage?: string;
  createdAt: number;
  updatedAt: number;
}

export type SyncKind = 'templates' | 'windows';

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
}

export interface PipedriveTokenRecord {
  id: 'pipedrive';
  /** A personal Pipedrive API token, used only when the page's own session cannot read a person. */
  token: string;
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

export interface WhatsAppDB extends DBSchema {
  templates: { key: string; value: StoredTemplate; indexes: { 'by-status': string; 'by-language': string } };
  windows: { key: [string, string]; value: WindowRecord; indexes: { 'by-lastInboundAt': number; 'by-contact': string } };
  sends: { key: string; value: SendRecord; indexes: { 'by-contact': string; 'by-status': string } };
  sync: { key: SyncKind; value: SyncRecord };
  secrets: { key: 'twilio' | 'pipedrive'; value: SecretRecord | PipedriveTokenRecord };
}

export type Db = IDBPDatabase<WhatsAppDB>;

type UpgradeTx = IDBPTransaction<WhatsAppDB, StoreNames<WhatsAppDB>[], 'versionchange'>;

/**
 * Numbered migrations: `MIGRATIONS[n]` takes a database from version n to n + 1. A database at any older version
 * walks every later step in order; never edit a released step, add the next one.
 */
export const MIGRATIONS: ReadonlyArray<(db: Db, tx: UpgradeTx) => void> = [
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
];

export const DB_VERSION = MIGRATIONS.length;

export function upgradeDb(db: Db, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  for (let version = oldVersion; version < newVersion; version++) MIGRATIONS[version]?.(db, tx);
}

let dbPromise: Promise<Db> | undefined;

/** The one handle of the background; opened lazily, reopened if the browser closes it. */
export function getDb(): Promise<Db> {
  dbPromise ??= openDB<WhatsAppDB>(DB_NAME, DB_VERSION, {
    upgrade: (db, oldVersion, newVersion, tx) => upgradeDb(db, oldVersion, newVersion ?? DB_VERSION, tx),
    terminated: () => {
      dbPromise = undefined;
    },
  });
  return dbPromise;
}

/** Tests only: forget the cached handle (after swapping `indexedDB` for a fresh fake). */
export async function closeDbForTests(): Promise<void> {
  const pending = dbPromise;
  dbPromise = undefined;
  if (pending) (await pending).close();
}
