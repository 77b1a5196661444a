import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { requestSchemas } from '@/lib/messaging/schemas';
import { noteTargetOf } from '@/lib/notes/handlers';
import { NOTE_CALL, noteCallSchema, noteHttpRequest } from '@/lib/pipedrive/notes-api';

/**
 * What a content script may say about where a message's note goes, and what a tab will do for the background: both
 * checked again on the receiving side.
 */
const LEAD = '3f1c9a2e-c8b1-11f0-9d4e-0242ac130003';
const reply = (pipedrive: unknown) => ({ id: '7d6f0a52-4b1e-4c1a-9a8e-2f5c3b1d0e9a', contact: '+37251234567', body: 'Hi', pipedrive });
const TAB = { kind: 'content' as const, url: 'https://acme.pipedrive.com/person/101' };

describe('the record a send names', () => {
  it.each([
    ['a person', { personId: '101' }, true],
    ['a person and a deal', { personId: '101', dealId: '201' }, true],
    ['a person and a lead', { personId: '105', leadId: LEAD }, true],
    ['a deal and a lead at once', { personId: '1', dealId: '2', leadId: LEAD }, false],
    ['no person', { dealId: '201' }, false],
    ['a number as a number', { personId: 101 }, false],
    ['a zero id', { personId: '0' }, false],
    ['an id of 13 digits', { personId: '1234567890123' }, false],
    ['a path in an id', { personId: '101/../../users/me' }, false],
    ['a lead that is no UUID', { personId: '1', leadId: 'x'.repeat(36) }, false],
    ['another key (the company)', { personId: '101', companyHost: 'evil.pipedrive.com' }, false],
  ])('%s: %s', (_name, pipedrive, isValid) => {
    expect(v.safeParse(requestSchemas.sendReply, reply(pipedrive)).success).toBe(isValid);
    expect(v.safeParse(requestSchemas.saveConversation, { contact: '+37251234567', pipedrive }).success).toBe(isValid);
  });

  it('a send without one is still a send (no note)', () => {
    expect(v.safeParse(requestSchemas.sendReply, { ...reply(undefined), pipedrive: undefined }).success).toBe(true);
  });

  it('the note goes to the asking tab’s own company, never to one the payload names or an extension page', () => {
    expect(noteTargetOf({ personId: '101', dealId: '201' }, TAB)).toEqual({ companyHost: 'acme.pipedrive.com', personId: '101', dealId: '201' });
    expect(noteTargetOf({ personId: '101' }, { kind: 'extension', url: 'chrome-extension://x/popup.html' })).toBeUndefined();
    expect(noteTargetOf({ personId: '101' }, { kind: 'content', url: 'https://api.eu.pipedrive.com/x' })).toBeUndefined();
    expect(noteTargetOf(undefined, TAB)).toBeUndefined();
  });
});

describe('what a tab does for the background', () => {
  const add = { type: NOTE_CALL, command: { kind: 'addNote', note: { content: '<p>x</p>', person_id: 101, deal_id: 201 } } };

  it('adds a note or lists a person’s newest notes, on the notes path only', () => {
    expect(v.safeParse(noteCallSchema, add).success).toBe(true);
    const list = v.parse(noteCallSchema, { type: NOTE_CALL, command: { kind: 'listNotes', personId: 101, limit: 50 } });
    expect(noteHttpRequest(list.command)).toEqual({ method: 'GET', path: '/api/v1/notes?person_id=101&sort=add_time+DESC&start=0&limit=50' });
    expect(noteHttpRequest(v.parse(noteCallSchema, add).command)).toEqual({ method: 'POST', path: '/api/v1/notes', body: '{"content":"<p>x</p>","person_id":101,"deal_id":201}' });
  });

  it.each([
    ['a path', { ...add, command: { ...add.command, path: '/api/v1/users/me' } }],
    ['another kind', { type: NOTE_CALL, command: { kind: 'deleteNote', id: 1 } }],
    ['another field in the note', { ...add, command: { kind: 'addNote', note: { ...add.command.note, user_id: 1 } } }],
    ['a person id as text', { ...add, command: { kind: 'addNote', note: { ...add.command.note, person_id: '101' } } }],
    ['an empty note', { ...add, command: { kind: 'addNote', note: { content: '', person_id: 1 } } }],
    ['another message type', { ...add, type: 'getThread' }],
    ['a huge list', { type: NOTE_CALL, command: { kind: 'listNotes', personId: 1, limit: 10_000 } }],
  ])('refuses %s', (_name, call) => {
    expect(v.safeParse(noteCallSchema, call).success).toBe(false);
  });
});
