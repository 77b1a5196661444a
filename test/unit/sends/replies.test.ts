import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS, DEMO_SENDERS } from '../../fake-twilio/seeds/demo';
import { useBackgroundAgainstFake } from '../helpers/fake-http';
import { CLOCK_SKEW_MS, POST_WINDOW_MS } from '@/lib/sends/lookup';
import { createSendHandlers } from '@/lib/sends/handlers';
import { sendsRepo } from '@/lib/sends/repo';
import type { WindowInfo } from '@/lib/messaging/protocol';
import { HandlerError } from '@/lib/messaging/router';

/** Session replies go through the same send-once machinery as templates: one POST per send id, whatever happens. */
const START = Date.parse('2026-11-25T15:00:00Z');
const SALES = DEMO_SENDERS[0].number;
const MARI = DEMO_CONTACTS.mari.number;
const ID = '2b1f8f4e-8f0a-4c1e-9a51-3c2d7e9b0a11';

let now: number;
let windowState: WindowInfo['state'];
const fakeOf = useBackgroundAgainstFake({ now: START });
const posts = () => fakeOf().control.requests().filter((r) => r.method === 'POST');

function worker() {
  return createSendHandlers({
    now: () => now,
    getWindow: async () => ({ state: windowState, expiringThresholdMs: 2 * 3_600_000 }),
    getTemplate: async () => undefined,
    sleep: () => new Promise((r) => setTimeout(r, 5)),
  });
}

beforeEach(() => {
  now = START;
  windowState = 'open';
});

describe('sendReply', () => {
  it('POSTs Body, From and To once, with no ContentSid, and answers queued', async () => {
    const info = await worker().sendReply({ id: ID, contact: MARI, body: '  Tere, Mari!  ', mediaUrl: 'https://files.example/offer.pdf' });
    expect(info).toMatchObject({ id: ID, status: 'queued', body: 'Tere, Mari!' });
    expect(info.sid).toMatch(/^(SM|MM)/);
    expect(posts()).toHaveLength(1);
    const form = posts()[0]!.form;
    expect(form).toMatchObject({ To: `whatsapp:${MARI}`, From: `whatsapp:${SALES}`, Body: 'Tere, Mari!', MediaUrl: 'https://files.example/offer.pdf' });
    expect(form).not.toHaveProperty('ContentSid');
  });

  it('the same id twice, and two presses racing, are one POST', async () => {
    const handlers = worker();
    const [a, b] = await Promise.all([
      handlers.sendReply({ id: ID, contact: MARI, body: 'Hi' }),
      handlers.sendReply({ id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', contact: MARI, body: 'Hi' }),
    ]);
    await handlers.sendReply({ id: ID, contact: MARI, body: 'Hi' });
    expect(posts()).toHaveLength(1);
    expect(b.id).toBe(a.id); // the second press was told about the first send, not given one of its own
  });

  it('refuses when the window is closed, without asking Twilio', async () => {
    windowState = 'closed';
    await expect(worker().sendReply({ id: ID, contact: MARI, body: 'Hi' })).rejects.toBeInstanceOf(HandlerError);
    expect(posts()).toHaveLength(0);
  });

  it('a reply whose POST got no answer is found in Twilio’s list by its text, never POSTed again', async () => {
    // The worker was stopped mid-POST: Twilio created the message, our record still says `sending`.
    fakeOf().control.addInbound({ from: MARI, body: 'unrelated' });
    const created = await fetch(`${fakeOf().url}/2010-04-01/Accounts/${fakeOf().credentials.accountSid}/Messages.json`, {
      method: 'POST',
      headers: { Authorization: `Basic ${btoa(`${fakeOf().credentials.accountSid}:${fakeOf().credentials.authToken}`)}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ To: `whatsapp:${MARI}`, From: `whatsapp:${SALES}`, Body: 'Lost reply' }),
    }).then((r) => r.json() as Promise<{ sid: string }>);
    await sendsRepo.claim(0, { id: ID, sender: SALES, contact: MARI, variables: {}, body: 'Lost reply', status: 'sending', createdAt: START, updatedAt: START });
    fakeOf().control.clearRequests();

    const found = await worker().getSend({ id: ID });
    expect(found.sid).toBe(created.sid);
    expect(posts()).toHaveLength(0);
  });

  it('a lost reply Twilio never created becomes “not sent” after the POST’s window', async () => {
    await sendsRepo.claim(0, { id: ID, sender: SALES, contact: MARI, variables: {}, body: 'Never arrived', status: 'sending', createdAt: START, updatedAt: START });
    now = START + POST_WINDOW_MS + CLOCK_SKEW_MS + 1_000;
    fakeOf().control.setClock({ now });
    expect((await worker().getSend({ id: ID })).status).toBe('not-sent');
    expect(posts()).toHaveLength(0);
  });
});
