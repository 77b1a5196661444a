import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { freshDb } from '../helpers/fake-http';
import { createBackground } from '@/lib/messaging/handlers';
import { createSyncService } from '@/lib/sync/service';
import { createTemplateHandlers } from '@/lib/templates/handlers';
import { sendsRepo } from '@/lib/sends/repo';
import { getDb, type SendRecord, type ThreadRecord, type WindowBucketRecord } from '@/lib/db/schema';
import type { Asker } from '@/lib/messaging/router';

/**
 * Every store stays bounded: what the worker keeps is pruned on the sync alarm (and at start), and Disconnect
 * leaves nothing behind, the content script's notes in storage.local included.
 */
const POPUP: Asker = { kind: 'extension', url: 'chrome-extension://test/popup.html' };
const NOW = Date.parse('2026-11-25T15:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SALES = '+14155238886';

beforeEach(async () => {
  fakeBrowser.reset();
  await freshDb();
});

const background = () => createBackground(createSyncService(), createTemplateHandlers(), () => NOW);

function send(id: string, createdAt: number, status = 'read'): SendRecord {
  return { id, sid: `SM${id.padStart(32, '0')}`, sender: SALES, contact: '+37251234567', contentSid: 'HX' + '1'.repeat(32), variables: {}, status, createdAt, updatedAt: createdAt };
}

function thread(contact: string, fetchedAt: number, messages = 1): ThreadRecord {
  const list = Array.from({ length: messages }, (_, i) => ({ sid: `SM${contact}${i}`, direction: 'inbound' as const, status: 'received', at: fetchedAt - i, body: 'hi', numMedia: 0, address: `whatsapp:${contact}` }));
  return { sender: SALES, contact, messages: list, streams: {}, fetchedAt };
}

async function put<S extends 'sends' | 'threads' | 'windowBuckets'>(store: S, records: Array<SendRecord | ThreadRecord | WindowBucketRecord>): Promise<void> {
  const tx = (await getDb()).transaction(store, 'readwrite');
  await Promise.all([...records.map((record) => tx.store.put(record as never)), tx.done]);
}
const all = async <S extends 'sends' | 'threads' | 'windowBuckets'>(store: S) => (await getDb()).getAll(store);

describe('Disconnect', () => {
  it('removes the typed numbers, confirmed conversations, number choices, reply drafts and variable choices', async () => {
    const notes = {
      'content:manualNumbers': { 'acme.pipedrive.com/person/1': '+37251234567' },
      'content:confirmedConversations': { 'c-mari': true },
      'content:numberChoices': { 'acme.pipedrive.com/person/1': '+37251234567' },
      'content:replyDrafts': { 'acme.pipedrive.com/person/1': { text: 'Tere Mari, teie tellimus…', at: NOW } },
      'content:variableSources': { ['HX' + '1'.repeat(32)]: { '1': 'firstName' } },
    };
    await browser.storage.local.set({ ...notes, 'content:panelOpen': true });
    await background().handlers.disconnect({}, POPUP);
    const left = await browser.storage.local.get(Object.keys(notes));
    expect(left).toEqual({});
    // Not about anyone: whether the panel was open stays a preference.
    expect(await browser.storage.local.get('content:panelOpen')).toEqual({ 'content:panelOpen': true });
  });
});

describe('a waking worker', () => {
  it('looks only at the last minutes’ sends: a send left `delivered` (read receipts off) is not a pending one forever', async () => {
    await put('sends', [send('old', NOW - DAY, 'delivered'), send('recent', NOW - 2 * MINUTE, 'delivered'), send('done', NOW - MINUTE, 'read')]);
    expect((await sendsRepo.pending(NOW - 15 * MINUTE)).map((s) => s.id)).toEqual(['recent']);
  });
});

describe('the scheduled prune', () => {
  it('drops sends older than 30 days, then the oldest beyond 10,000', async () => {
    const sends = [send('month-old', NOW - 31 * DAY), ...Array.from({ length: 10_005 }, (_, i) => send(`n${i}`, NOW - 10 * DAY + i * 1_000))];
    await put('sends', sends);
    await background().pruneStoredData();
    const kept = await all('sends');
    expect(kept).toHaveLength(10_000);
    expect(kept.some((s) => s.id === 'month-old')).toBe(false);
    expect(['n0', 'n1', 'n2', 'n3', 'n4'].some((id) => kept.some((s) => s.id === id))).toBe(false);
    expect(kept.some((s) => s.id === 'n10004')).toBe(true);
  });

  it('drops windows that say nothing about the last 24 hours, and empty buckets', async () => {
    await put('windowBuckets', [
      {
        sender: SALES,
        bucket: 1,
        contacts: {
          '+37250000001': { lastInboundAt: NOW - 2 * HOUR, checkedAt: NOW - HOUR }, // open
          '+37250000002': { lastInboundAt: NOW - 30 * HOUR, checkedAt: NOW - 25 * HOUR }, // closed long ago, checked long ago
          '+37250000003': { checkedAt: NOW - HOUR }, // asked an hour ago: no message in 24 h
        },
      },
      { sender: '+442071838750', bucket: 7, contacts: { '+37250000004': { lastInboundAt: NOW - 3 * DAY, checkedAt: NOW - 3 * DAY } } },
    ]);
    await background().pruneStoredData();
    expect(await all('windowBuckets')).toEqual([
      { sender: SALES, bucket: 1, contacts: { '+37250000001': { lastInboundAt: NOW - 2 * HOUR, checkedAt: NOW - HOUR }, '+37250000003': { checkedAt: NOW - HOUR } } },
    ]);
  });

  it('keeps at most 200 conversations and 20,000 messages, none unread for 30 days, and never one in use', async () => {
    const threads = [
      ...Array.from({ length: 205 }, (_, i) => thread(`+3725${String(i).padStart(7, '0')}`, NOW - DAY - i * MINUTE)),
      thread('+3726000001', NOW - 31 * DAY),
      thread('+3726000002', NOW - 2 * MINUTE, 25_000), // open in a panel right now
    ];
    await put('threads', threads);
    await background().pruneStoredData();
    const kept = await all('threads');
    expect(kept.some((t) => t.contact === '+3726000002')).toBe(true);
    expect(kept.some((t) => t.contact === '+3726000001')).toBe(false);
    expect(kept).toHaveLength(1); // the one in use already holds more than the 20,000 messages

    await put('threads', Array.from({ length: 205 }, (_, i) => thread(`+3727${String(i).padStart(7, '0')}`, NOW - DAY - i * MINUTE)));
    await getDb().then((db) => db.delete('threads', [SALES, '+3726000002']));
    await background().pruneStoredData();
    const again = await all('threads');
    expect(again).toHaveLength(200);
    expect(again.some((t) => t.contact === '+37270000000')).toBe(true); // read most recently
    expect(again.some((t) => t.contact === '+37270000204')).toBe(false); // read longest ago
  });

  it('cuts the content script’s notes in storage.local to their bounds, and drops drafts not touched for 30 days', async () => {
    const typed = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`acme.pipedrive.com/person/${i}x`, '+37251234567']));
    await browser.storage.local.set({
      'content:manualNumbers': typed,
      'content:replyDrafts': { fresh: { text: 'Tere', at: NOW - DAY }, stale: { text: 'Vana', at: NOW - 31 * DAY } },
      'content:numberChoices': 'not a map',
    });
    await background().pruneStoredData();
    const stored = await browser.storage.local.get(['content:manualNumbers', 'content:replyDrafts', 'content:numberChoices']);
    const numbers = Object.keys(stored['content:manualNumbers'] as object);
    expect(numbers).toHaveLength(500);
    expect(numbers[0]).toBe('acme.pipedrive.com/person/100x'); // the 100 written first went
    expect(stored['content:replyDrafts']).toEqual({ fresh: { text: 'Tere', at: NOW - DAY } });
    expect(stored['content:numberChoices']).toEqual({});
  });
});

describe('the content script’s notes', () => {
  it('keep the newest 500 typed numbers as the rep types more', async () => {
    vi.resetModules();
    const { createConversationApi } = await import('@/entrypoints/pipedrive.content/conversation-api');
    const { manualNumbers } = await import('@/lib/content-state');
    await manualNumbers.setValue(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`c-${i}`, '+37251234567'])));
    const api = createConversationApi({} as Element, 'c-new', {}, () => true);
    await api.saveManualNumber('+37259999999');
    const kept = await manualNumbers.getValue();
    expect(Object.keys(kept)).toHaveLength(500);
    expect(kept['c-new']).toBe('+37259999999');
    expect(kept['c-0']).toBeUndefined();
  });
});
