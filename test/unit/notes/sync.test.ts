import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/fake-http';
import type { NoteJobRecord, SendRecord } from '@/lib/db/schema';
import { notesRepo } from '@/lib/notes/repo';
import { noteMarker, type NoteWords } from '@/lib/notes/rule';
import { createNoteQueue, markOf, NO_ACCESS_RETRY_MS, type NoteQueueDeps } from '@/lib/notes/sync';
import { noteHttpRequest, type NoteCommand, type NoteHttpAnswer, type NoteHttpRequest } from '@/lib/pipedrive/notes-api';
import { sendsRepo } from '@/lib/sends/repo';
import { renderPlaceholders } from '@/lib/templates/placeholders';

const START = Date.parse('2026-11-25T15:00:00Z');
const HOST = 'acme.pipedrive.com';
const sid = (n: number) => 'SM' + String(n).padStart(32, '0');
const TEMPLATE = 'HX' + '1'.repeat(32);
const words: NoteWords = { sentTo: (c) => `to ${c}`, template: (n) => `Template: ${n}`, conversationWith: (c) => `with ${c}`, customer: 'C', us: 'U', attachments: (n) => `${n}` };

type Fault = 'lost' | 'dropped' | 500 | 401 | 403 | 404;

/** Pipedrive's notes as the background sees them through one way in (the token, or a tab): faults on its POSTs, and every request. */
function fakePipedrive() {
  const notes: Array<{ id: number; content: string; person_id: number }> = [];
  const requests: string[] = [];
  const faults: Fault[] = [];
  async function answer(request: NoteHttpRequest): Promise<NoteHttpAnswer> {
    requests.push(request.method);
    const fault = request.method === 'POST' ? faults.shift() : undefined;
    if (fault === 'dropped') throw new TypeError('Failed to fetch');
    if (typeof fault === 'number') return { status: fault, body: { success: false } };
    if (request.method === 'GET') {
      const person = Number(new URL(request.path, 'https://x').searchParams.get('person_id'));
      const data = notes.filter((n) => n.person_id === person).reverse();
      return { status: 200, body: { success: true, data: data.length ? data : null } };
    }
    const note = { id: notes.length + 1, ...(JSON.parse(request.body ?? '{}') as { content: string; person_id: number }) };
    notes.push(note);
    if (fault === 'lost') throw new TypeError('Failed to fetch');
    return { status: 200, body: { success: true, data: note } };
  }
  return { notes, requests, faults, answer, posts: () => requests.filter((m) => m === 'POST').length };
}

let now: number;
let pipedrive: ReturnType<typeof fakePipedrive>;
let hasTab: boolean;
let token: ReturnType<typeof fakePipedrive> | undefined;
let enabled: boolean;
let alarms: Array<number | undefined>;

function queue(over: Partial<NoteQueueDeps> = {}) {
  return createNoteQueue({
    now: () => now,
    withToken: async (host, request) => (token && host === HOST ? token.answer(request) : undefined),
    viaTab: async (host, command: NoteCommand) => (hasTab && host === HOST ? pipedrive.answer(noteHttpRequest(command)) : undefined),
    isEnabled: async () => enabled,
    words: () => words,
    time: (at) => `t${at}`,
    template: async (contentSid) => (contentSid === TEMPLATE ? { name: 'order_update', body: 'Hi {{1}}, order {{2}}' } : undefined),
    render: renderPlaceholders,
    recentSends: (since) => sendsRepo.since(since),
    onChange: () => undefined,
    setAlarm: (when) => alarms.push(when),
    setTimer: () => undefined, // the tests move the clock and run the queue themselves
    ...over,
  });
}

const send = (n: number, over: Partial<SendRecord> = {}): SendRecord => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, sid: sid(n), sender: '+14155238886', contact: '+37251234567', variables: {},
  body: `Reply ${n}`, status: 'queued', createdAt: START, updatedAt: START, noteTarget: { companyHost: HOST, personId: '101' }, ...over,
});
const job = async (n: number) => (await notesRepo.get(sid(n)))!;

beforeEach(async () => {
  await freshDb();
  now = START;
  pipedrive = fakePipedrive();
  hasTab = true;
  token = undefined;
  enabled = true;
  alarms = [];
});

describe('the note queue', () => {
  it('writes one note per message SID, however many ask at once (two tabs, a waking worker)', async () => {
    await sendsRepo.claim(0, send(1));
    const a = queue();
    await Promise.all([a.queueForSend(send(1)), a.queueForSend(send(1)), queue().resume()]);
    expect(pipedrive.notes).toHaveLength(1);
    expect(pipedrive.notes[0]).toMatchObject({ person_id: 101 });
    expect(pipedrive.notes[0]!.content).toContain(`Ref: ${noteMarker('msg', sid(1))}`);
    expect(markOf(await job(1))).toEqual({ state: 'saved' });
    await a.queueForSend(send(1));
    expect(pipedrive.posts()).toBe(1);
  });

  it('puts the deal or the lead beside the person, and a template’s name and rendered text in the note', async () => {
    const q = queue();
    await q.queueForSend(send(1, { contentSid: TEMPLATE, variables: { '1': 'Mari', '2': 'B-7' }, body: undefined, noteTarget: { companyHost: HOST, personId: '101', dealId: '201' } }));
    await q.queueForSend(send(2, { noteTarget: { companyHost: HOST, personId: '105', leadId: '3f1c9a2e-c8b1-11f0-9d4e-0242ac130003' } }));
    const [deal, lead] = pipedrive.notes as Array<Record<string, unknown>>;
    expect(deal).toMatchObject({ person_id: 101, deal_id: 201 });
    expect(deal!['lead_id']).toBeUndefined();
    expect(deal!['content']).toContain('Template: order_update');
    expect(deal!['content']).toContain('Hi Mari, order B-7');
    expect(lead).toMatchObject({ person_id: 105, lead_id: '3f1c9a2e-c8b1-11f0-9d4e-0242ac130003' });
  });

  it('a lost answer: the person’s newest notes are read first, and the note found there is the one', async () => {
    pipedrive.faults.push('lost');
    const q = queue();
    await q.queueForSend(send(1));
    expect(await job(1)).toMatchObject({ state: 'pending', mayExist: true, attempts: 1, nextAt: START + 1_000 });
    expect(markOf(await job(1))).toEqual({ state: 'pending' });
    now += 1_000;
    await q.run();
    expect(await job(1)).toMatchObject({ state: 'saved', noteId: 1 });
    expect(pipedrive.requests).toEqual(['POST', 'GET']);
  });

  it('a POST that never arrived is not among the notes: POSTed again, once', async () => {
    pipedrive.faults.push('dropped');
    const q = queue();
    await q.queueForSend(send(1));
    now += 1_000;
    await q.run();
    expect(pipedrive.requests).toEqual(['POST', 'GET', 'POST']);
    expect(pipedrive.notes).toHaveLength(1);
  });

  it('a job a stopped worker left `posting` is looked up by the next worker before anything is POSTed', async () => {
    const left: NoteJobRecord = {
      key: sid(1), kind: 'msg', companyHost: HOST, note: { content: `<p>Ref: ${noteMarker('msg', sid(1))}</p>`, person_id: 101 }, marker: noteMarker('msg', sid(1)),
      state: 'posting', attempts: 0, nextAt: START, mayExist: false, createdAt: START, updatedAt: START,
    };
    await notesRepo.claim(0, left);
    pipedrive.notes.push({ id: 7, content: left.note.content, person_id: 101 }); // its POST did land
    await queue().resume();
    expect(await job(1)).toMatchObject({ state: 'saved', noteId: 7 });
    expect(pipedrive.requests).toEqual(['GET']);
  });

  it('a waking worker queues the note of a send whose worker stopped after Twilio’s answer', async () => {
    await sendsRepo.claim(0, send(1));
    await sendsRepo.claim(0, send(2, { noteTarget: undefined })); // sent from elsewhere: no note
    await sendsRepo.claim(0, send(3, { sid: undefined })); // no SID yet: its note waits for it
    await queue().resume();
    expect(pipedrive.notes).toHaveLength(1);
    expect(await notesRepo.get(sid(2))).toBeUndefined();
  });

  it('Pipedrive failing: retried with backoff, then “not saved” (failing); Retry starts again and writes it once', async () => {
    pipedrive.faults.push(500, 500, 500, 500);
    const q = queue();
    await q.queueForSend(send(1));
    for (const wait of [1_000, 2_000, 4_000]) {
      expect(markOf(await job(1))).toEqual({ state: 'pending' });
      now += wait - 1;
      await q.run(); // not due yet
      now += 1;
      await q.run();
    }
    expect(await job(1)).toMatchObject({ state: 'failed', problem: 'failing', attempts: 4 });
    expect(markOf(await job(1))).toEqual({ state: 'failed', problem: 'failing' });
    expect(pipedrive.requests).toEqual(['POST', 'GET', 'POST', 'GET', 'POST', 'GET', 'POST']); // a 500 may have written it
    now += 60 * 60_000;
    await q.run();
    expect(pipedrive.posts()).toBe(4); // given up on: only the rep's Retry tries again
    expect(await q.retry(sid(1))).toEqual({ state: 'saved' });
    expect(pipedrive.notes).toHaveLength(1);
    expect(alarms.at(-1)).toBeUndefined(); // nothing waits: no alarm
  });

  it('no token and no tab: it waits, said in words, tried again later; a tab that opens writes it', async () => {
    hasTab = false;
    const q = queue();
    await q.queueForSend(send(1));
    expect(markOf(await job(1))).toEqual({ state: 'failed', problem: 'no-access' });
    expect(await job(1)).toMatchObject({ attempts: 0, nextAt: START + NO_ACCESS_RETRY_MS });
    expect(alarms.at(-1)).toBe(START + NO_ACCESS_RETRY_MS);
    hasTab = true;
    now += 1_000;
    await q.run();
    expect(markOf(await job(1))).toEqual({ state: 'failed', problem: 'no-access' }); // not due yet, and no tab said it is there
    await q.run(true); // a Pipedrive tab asks something
    expect(markOf(await job(1))).toEqual({ state: 'saved' });
  });

  it('a tab that went away with the POST under way may have written it: the next attempt reads the notes first', async () => {
    let isClosing = true;
    const q = queue({ viaTab: async (_host, command) => (isClosing ? (pipedrive.answer(noteHttpRequest(command)), 'unanswered') : pipedrive.answer(noteHttpRequest(command))) });
    await q.queueForSend(send(1));
    expect(await job(1)).toMatchObject({ state: 'failed', problem: 'no-access', mayExist: true, attempts: 0 });
    isClosing = false;
    await q.run(true);
    expect(await job(1)).toMatchObject({ state: 'saved', noteId: 1 });
    expect(pipedrive.requests).toEqual(['POST', 'GET']);
  });

  it('the token first, only for its own company; a refused token falls back to the tab; both refused is “refused”', async () => {
    token = fakePipedrive();
    const q = queue();
    await q.queueForSend(send(1));
    expect(token.notes).toHaveLength(1);
    expect(pipedrive.notes).toHaveLength(0);
    await q.queueForSend(send(2, { noteTarget: { companyHost: 'other.pipedrive.com', personId: '101' } }));
    expect(markOf(await job(2))).toEqual({ state: 'failed', problem: 'no-access' }); // the token is acme's, and no tab of other
    token.faults.push(401);
    await q.queueForSend(send(3));
    expect(pipedrive.notes).toHaveLength(1);
    token.faults.push(401);
    pipedrive.faults.push(403);
    await q.queueForSend(send(4));
    expect(markOf(await job(4))).toEqual({ state: 'failed', problem: 'refused' });
  });

  it('Pipedrive refusing the note itself (a deleted person): “not saved” at once, no retries', async () => {
    pipedrive.faults.push(404);
    const q = queue();
    await q.queueForSend(send(1));
    expect(markOf(await job(1))).toEqual({ state: 'failed', problem: 'rejected' });
    now += 60 * 60_000;
    await q.run();
    expect(pipedrive.posts()).toBe(1);
  });

  it('the setting off: no note for a sent message', async () => {
    enabled = false;
    await queue().queueForSend(send(1));
    expect(await notesRepo.get(sid(1))).toBeUndefined();
    expect(pipedrive.requests).toEqual([]);
  });
});

describe('the notes store', () => {
  it('keeps the save mark with the job that wrote it, and drops old written jobs, never unwritten ones', async () => {
    const base = { kind: 'msg' as const, companyHost: HOST, note: { content: 'x', person_id: 1 }, marker: 'm', attempts: 0, nextAt: 0, mayExist: false, updatedAt: 0 };
    const saved = { sender: '+1', contact: '+2', upTo: { at: 5, sids: ['SM5'] } };
    await notesRepo.claim(0, { ...base, key: sid(1), state: 'saved', createdAt: START - 40 * 86_400_000 }, saved);
    await notesRepo.claim(0, { ...base, key: sid(2), state: 'failed', createdAt: START - 40 * 86_400_000 });
    await notesRepo.claim(0, { ...base, key: sid(3), state: 'saved', createdAt: START });
    expect(await notesRepo.savedUpTo('+1', '+2')).toEqual(saved.upTo);
    // A second claim of the same key changes nothing, the mark included.
    expect((await notesRepo.claim(0, { ...base, key: sid(1), state: 'pending', createdAt: START }, { ...saved, upTo: { at: 9, sids: [] } })).created).toBe(false);
    expect(await notesRepo.savedUpTo('+1', '+2')).toEqual(saved.upTo);
    expect(await notesRepo.prune(START)).toBe(1);
    expect([...(await notesRepo.getMany([sid(1), sid(2), sid(3)])).keys()]).toEqual([sid(2), sid(3)]);
  });
});
