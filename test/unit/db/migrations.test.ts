import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/fake-http';
import { DB_NAME, DB_VERSION, MIGRATIONS, getDb, type SendRecord, type WhatsAppDB } from '@/lib/db/schema';
import { sendsRepo } from '@/lib/db/sends';
import { templatesRepo } from '@/lib/db/templates';
import { windowsRepo } from '@/lib/db/windows';

beforeEach(freshDb);

const send = (id: string, status: string, sid?: string) => ({
  id, sid, sender: '+14155238886', contact: '+37251234567', contentSid: 'HX' + '1'.repeat(32), variables: { '1': 'Mari' }, status, createdAt: 1, updatedAt: 1,
});

describe('database migrations', () => {
  it('upgrades a version 1 database with rows and keeps every row', async () => {
    // A browser that installed the first release: version 1, with data in it.
    const v1 = await openDB<WhatsAppDB>(DB_NAME, 1, { upgrade: (db, _old, _new, tx) => MIGRATIONS[0]!(db, tx) });
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
    expect(await templatesRepo.get('HX' + 'a'.repeat(32))).toMatchObject({ name: 'order_update' });
    expect(await windowsRepo.get('+14155238886', '+37251234567')).toMatchObject({ lastInboundAt: 1000 });
    expect(await db.get('secrets', 'twilio')).toMatchObject({ secret: 'token' });
    // The index version 2 added works on rows written before it existed.
    expect((await sendsRepo.pending()).map((s) => s.id)).toEqual(['a']);
  });

  it('creates the latest version from nothing', async () => {
    const db = await getDb();
    expect([...db.objectStoreNames].sort()).toEqual(['secrets', 'sends', 'sync', 'templates', 'windows']);
    expect([...db.transaction('sends').store.indexNames].sort()).toEqual(['by-contact', 'by-status']);
  });
});

describe('sendsRepo.claim', () => {
  it('lets exactly one of two racing callers create a send', async () => {
    const [a, b] = await Promise.all([sendsRepo.claim(send('same', 'sending')), sendsRepo.claim(send('same', 'sending'))]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
  });

  it('recognises the same pick under another id, atomically', async () => {
    const samePick = (earlier: SendRecord[]) => earlier.find((s) => s.contentSid === 'HX' + '1'.repeat(32));
    const [a, b] = await Promise.all([sendsRepo.claim(send('tab-1', 'sending'), samePick), sendsRepo.claim(send('tab-2', 'sending'), samePick)]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.record.id).toBe(b.record.id);
  });
});
