import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../../fake-twilio/seeds/demo';
import { addApprovedText, freshDb, httpAgainst } from '../helpers/fake-http';
import { saveCredentials } from '@/lib/account/credentials';
import { CLOCK_SKEW_MS, POST_WINDOW_MS } from '@/lib/sends/lookup';
import { createSendHandlers } from '@/lib/sends/handlers';
import { sendsRepo } from '@/lib/sends/repo';
import { templatesRepo } from '@/lib/templates/repo';
import { accountRepo } from '@/lib/account/repo';
import { syncTemplates } from '@/lib/templates/sync';
import type { SendRecord } from '@/lib/db/schema';
import { sendTemplate } from '@/lib/twilio/messages';

/**
 * A worker stopped between the POST and Twilio's answer leaves a `sending` record without a SID. A fresh worker
 * (new handlers, nothing in memory) must never POST it again, and must find out from Twilio what became of it.
 */
const START = Date.parse('2026-11-25T15:00:00Z');
const SALES = DEMO_SENDERS[0].number;
const JOAO = DEMO_CONTACTS.joao.number;

let fake: FakeTwilio;
let now: number;
let template: string;
const realFetch = globalThis.fetch;

function lostSend(id: string, createdAt = START): SendRecord {
  return { id, sender: SALES, contact: JOAO, contentSid: template, variables: { '1': 'João' }, status: 'sending', createdAt, updatedAt: createdAt };
}

/** A freshly woken worker's handlers; its polling loop does not wait between rounds. */
function wokenWorker() {
  return createSendHandlers({
    now: () => now,
    getWindow: async () => ({ state: 'closed', expiringThresholdMs: 2 * 3_600_000 }),
    getTemplate: async (sid) => (await templatesRepo.all()).find((t) => t.sid === sid),
    sleep: () => new Promise((r) => setTimeout(r, 5)),
  });
}

const posts = () => fake.control.requests().filter((r) => r.method === 'POST');

beforeEach(async () => {
  await freshDb();
  now = START;
  fake = await startFakeTwilio({ seed: 'demo', now: START });
  template = addApprovedText(fake, 'wake_probe', 'Hi {{1}}');
  await saveCredentials({ accountSid: fake.credentials.accountSid, secret: fake.credentials.authToken }, true);
  // The background's own client goes to Twilio's hosts: send those to the fake.
  vi.stubGlobal('fetch', (input: string | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    return realFetch(fake.url + url.pathname + url.search, init);
  });
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await fake.close();
});

describe('a send left without Twilio’s answer, after the worker wakes', () => {
  it('adopts the message Twilio created, and follows it to its final status, with no second POST', async () => {
    const message = await sendTemplate(httpAgainst(fake), { from: SALES, to: JOAO, contentSid: template, variables: { '1': 'João' } });
    await sendsRepo.claim(0, lostSend('send-1', START - 500));
    fake.control.clearRequests();
    now = START + 2_500;
    fake.control.setClock({ now });

    const first = await wokenWorker().getSend({ id: 'send-1' });
    expect(first).toMatchObject({ sid: message.sid, status: 'delivered', isFinal: false });
    fake.control.setClock({ advanceMs: 5_000 });
    await vi.waitFor(async () => expect(await sendsRepo.get('send-1')).toMatchObject({ sid: message.sid, status: 'read' }));
    expect(posts()).toHaveLength(0);
  });

  it('says "checking" while the POST may still land, then "not-sent" once Twilio has no record of it after the POST’s window', async () => {
    await sendsRepo.claim(0, lostSend('send-2'));
    const worker = wokenWorker();
    expect(await worker.getSend({ id: 'send-2' })).toMatchObject({ status: 'checking', isFinal: false });
    now = START + POST_WINDOW_MS + CLOCK_SKEW_MS + 1_000;
    fake.control.setClock({ now });
    await vi.waitFor(async () => expect((await sendsRepo.get('send-2'))?.status).toBe('not-sent'));
    expect(await worker.getSend({ id: 'send-2' })).toMatchObject({ status: 'not-sent', isFinal: true });
    expect(posts()).toHaveLength(0);
  });

  it('stays "unconfirmed" when two messages fit and nothing tells them apart', async () => {
    for (const value of ['João', 'João']) await sendTemplate(httpAgainst(fake), { from: SALES, to: JOAO, contentSid: template, variables: { '1': value } });
    await sendsRepo.claim(0, lostSend('send-3'));
    fake.control.clearRequests();
    expect(await wokenWorker().getSend({ id: 'send-3' })).toMatchObject({ status: 'unconfirmed', sid: undefined });
    expect(posts()).toHaveLength(0);
  });

  it('looks the send up on wake, before anyone asks', async () => {
    const message = await sendTemplate(httpAgainst(fake), { from: SALES, to: JOAO, contentSid: template, variables: { '1': 'João' } });
    await sendsRepo.claim(0, lostSend('send-4'));
    await wokenWorker().resumePending();
    await vi.waitFor(async () => expect(await sendsRepo.get('send-4')).toMatchObject({ sid: message.sid }));
  });

  it('a send Twilio has no record of does not hold the same pick back: sending it again POSTs once', async () => {
    await syncTemplates({ epoch: 0, http: httpAgainst(fake), now: () => now });
    await accountRepo.setSender(0, SALES, 'listed');
    await sendsRepo.claim(0, lostSend('send-5'));
    now = START + POST_WINDOW_MS + CLOCK_SKEW_MS + 1_000;
    fake.control.setClock({ now });
    const worker = wokenWorker();
    expect(await worker.getSend({ id: 'send-5' })).toMatchObject({ status: 'not-sent' });
    fake.control.clearRequests();

    // The same contact, template and values: a new send (the 60 s duplicate window is long over once "not-sent" is known).
    const again = await worker.sendTemplate({ id: 'send-6', contact: JOAO, contentSid: template, variables: { '1': 'João' } });
    expect(again).toMatchObject({ id: 'send-6', status: 'queued' });
    expect(again.sid).toMatch(/^SM/);
    expect(posts()).toHaveLength(1);
  });
});

