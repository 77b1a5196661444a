import { describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from '../../fake-twilio/seeds/demo';
import { httpAgainst, useBackgroundAgainstFake } from '../helpers/fake-http';
import { createSendHandlers } from '@/lib/sends/handlers';
import { templatesRepo } from '@/lib/templates/repo';
import { syncTemplates } from '@/lib/templates/sync';

/**
 * What the background refuses before anything reaches Twilio, against what the fake Twilio (modelled on Twilio's and
 * Meta's documented behaviour, not on our rule) would do with the message.
 */
const MARI = DEMO_CONTACTS.mari.number; // wrote recently: her window is open
const fakeOf = useBackgroundAgainstFake();

const handlers = () =>
  createSendHandlers({
    now: Date.now,
    getWindow: async () => ({ state: 'open', expiringThresholdMs: 2 * 3_600_000 }),
    getTemplate: async (sid) => (await templatesRepo.all()).find((t) => t.sid === sid),
    sleep: () => new Promise((r) => setTimeout(r, 5)),
  });

describe('sendTemplate, inside the window', () => {
  it('refuses an unapproved template with a text and a card (Twilio would send the card, which needs approval), and POSTs nothing', async () => {
    const sid = fakeOf().control.upsertTemplate({
      friendlyName: 'offer_card',
      language: 'en',
      types: { 'twilio/text': { body: 'Our offer, {{1}}' }, 'twilio/card': { title: 'Our offer, {{1}}', actions: [{ type: 'URL', title: 'See it', url: 'https://acme.example/offer' }] } },
      approval: { status: 'pending', category: 'MARKETING', name: 'offer_card' },
    }).sid;
    await syncTemplates({ epoch: 0, http: httpAgainst(fakeOf()), now: Date.now });
    fakeOf().control.clearRequests();

    await expect(handlers().sendTemplate({ id: 'send-card', contact: MARI, contentSid: sid, variables: { '1': 'Mari' } }))
      .rejects.toMatchObject({ error: { code: 'not-sendable' } });
    expect(fakeOf().control.requests().filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('sends an unapproved plain text template, and WhatsApp delivers it', async () => {
    const sid = fakeOf().control.upsertTemplate({
      friendlyName: 'quick_hello', language: 'en', types: { 'twilio/text': { body: 'Hello {{1}}' } }, approval: { status: 'pending', category: 'UTILITY', name: 'quick_hello' },
    }).sid;
    await syncTemplates({ epoch: 0, http: httpAgainst(fakeOf()), now: Date.now });
    const sent = await handlers().sendTemplate({ id: 'send-text', contact: MARI, contentSid: sid, variables: { '1': 'Mari' } });
    expect(sent).toMatchObject({ status: 'queued' });
    fakeOf().control.setClock({ advanceMs: 3_000 });
    expect(fakeOf().control.messages().find((m) => m.sid === sent.sid)).toMatchObject({ status: 'delivered', error_code: null });
  });
});
