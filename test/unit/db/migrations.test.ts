import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/fake-http';
import { DB_NAME, DB_VERSION, MIGRATIONS, WINDOW_BUCKETS, bucketOf, getDb, type LegacyDB, type SendRecord } from '@/lib/db/schema';
import { sendsRepo } from '@/lib/sends/repo';
import { templatesRepo } from '@/lib/templates/repo';
import { windowsRepo } from '@/lib/window/repo';

beforeEach(freshDb);

const send = (id: string, status: string, sid?: string) => ({
  id, sid, sender: '+14155238886', contact: '+37251234567', contentSid: 'HX' + '1'.repeat(32), variables: { '1': 'Mari' }, status, createdAt: 1, updatedAt: 1,
});

describe('database migrations', () => {
  it('upgrades a version 1 database with rows and keeps every row', async () => {
    // A browser that installed the first release: version 1, with data in it.
    const v1 = await openDB<LegacyDB>(DB_NAME, 1, { upgrade: (db, _old, _new, tx) => MIGRATIONS[0]!(db, tx) });
    await v1.put('templates', {
      sid: 'HX' + 'a'.repeat(32), name: 'order_update', language: 'en', category: 'UTILITY', status: 'approved', rejectionReason: '',
      contentType: 'twilio/text', types: { 'twilio/text': { body: 'Hi {{1}}' } }, body: 'Hi {{1}}', placeholders: ['1'], samples: { '1': 'Ann' }, updatedAt: 5,
    });
    await v1.put('windows', { sender: '+14155238886', contact: '+37251234567', lastInboundAt: 1000, lastInboundSid: 'SM1', checkedAt: 2000 });
    await v1.put('sends', send('a', 'sent', 'SM' + '1'.repeat(32)));
    await v1.put('sends', send('b', 'read', 'SM' + '2'.repeat(32)));
    await v1.put('secrets', { id: 'twilio', accountSid: 'AC' + 'b'.repeat(32), secret: 'token' });
    expect(v1.objectStoreNames.length).toBe(5);
    v1.close();

    const db = await getDb();
    expect(db.version).toBe(DB_VERSION);
    expect(DB_VERSION).toBeGreaterThan(1);
    expect(await templatesRepo.all()).toMatchObject([{ sid: 'HX' + 'a'.repeat(32), name: 'order_update' }]);
    expect(await windowsRepo.get('+14155238886', '+37251234567')).toMatchObject({ lastInboundAt: 1000 });
    expect(await db.get('secrets', 'twilio')).toMatchObject({ secret: 'token' });
    // The index version 6 added works on rows written before it existed.
    expect((await sendsRepo.pending(0)).map((s) => s.id)).toEqual(['a']);
  });

  it('creates the latest version from nothing', async () => {
    const db = await getDb();
    expect([...db.objectStoreNames].sort()).toEqual(['accounts', 'conversationSaves', 'inboxBuckets', 'noteJobs', 'secrets', 'sends', 'sync', 'templateChanges', 'templateDrafts', 'templatePages', 'threads', 'windowBuckets']);
    expect([...db.transaction('sends').store.indexNames].sort()).toEqual(['by-contact', 'by-createdAt', 'by-status']);
    expect([...db.transaction('threads').store.indexNames]).toEqual(['by-fetchedAt']);
    expect([...db.transaction('templateDrafts').store.indexNames]).toEqual(['by-updatedAt']);
    expect([...db.transaction('templateChanges').store.indexNames]).toEqual(['by-at']);
  });
});

describe('version 3 layout', () => {
  it('carries 1,201 templates and 300 windows of version 2 into pages and buckets', async () => {
    const v2 = await openDB<LegacyDB>(DB_NAME, 2, { upgrade: (db, _old, _new, tx) => MIGRATIONS.slice(0, 2).forEach((step) => void step(db, tx)) });
    const template = (i: number) => ({
      sid: 'HX' + String(i).padStart(32, '0'), name: `t_${i}`, language: 'en', category: 'UTILITY', status: 'approved' as const, rejectionReason: '',
      contentType: 'twilio/text', types: { 'twilio/text': { body: `Body ${i}` } }, body: `Body ${i}`, placeholders: [], samples: {}, updatedAt: i,
    });
    const tx = v2.transaction(['templates', 'windows', 'sync'], 'readwrite');
    for (let i = 0; i < 1_201; i++) void tx.objectStore('templates').put(template(i));
    for (let i = 0; i < 300; i++) void tx.objectStore('windows').put({ sender: '+14155238886', contact: `+3725${String(i).padStart(7, '0')}`, lastInboundAt: i, checkedAt: 10_000 });
    void tx.objectStore('sync').put({ kind: 'templates', lastSuccessAt: 5 });
    await tx.done;
    v2.close();

    const db = await getDb();
    const pages = await db.getAll('templatePages');
    expect(pages.map((p) => p.templates.length)).toEqual([500, 500, 201]);
    expect((await templatesRepo.all()).map((t) => t.sid)).toEqual(Array.from({ length: 1_201 }, (_, i) => template(i).sid).sort());
    expect(await db.get('sync', 'templates')).toEqual({ kind: 'templates', lastSuccessAt: 5, generation: 1 });
    const buckets = await db.getAll('windowBuckets');
    expect(buckets.length).toBeLessThanOrEqual(WINDOW_BUCKETS);
    expect(buckets.reduce((n, b) => n + Object.keys(b.contacts).length, 0)).toBe(300);
    for (const bucket of buckets) for (const contact of Object.keys(bucket.contacts)) expect(bucketOf(contact)).toBe(bucket.bucket);
    expect(await windowsRepo.get('+14155238886', '+37250000123')).toEqual({ sender: '+14155238886', contact: '+37250000123', lastInboundAt: 123, checkedAt: 10_000 });
  });
});

describe('sendsRepo.claim', () => {
  it('lets exactly one of two racing callers create a send', async () => {
    const [a, b] = await Promise.all([sendsRepo.claim(0, send('same', 'sending')), sendsRepo.claim(0, send('same', 'sending'))]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
  });

  it('recognises the same pick under another id, atomically', async () => {
    const samePick = (earlier: SendRecord[]) => earlier.find((s) => s.contentSid === 'HX' + '1'.repeat(32));
    const [a, b] = await Promise.all([sendsRepo.claim(0, send('tab-1', 'sending'), samePick), sendsRepo.claim(0, send('tab-2', 'sending'), samePick)]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.record.id).toBe(b.record.id);
  });
});
