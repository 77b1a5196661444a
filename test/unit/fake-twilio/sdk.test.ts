import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { createSdkClient, type SdkHarness } from '../../fake-twilio/sdk';
import { DEMO_CONTACTS, DEMO_SENDERS, demoTemplateSid } from '../../fake-twilio/seeds/demo';
import { SAMPLE_OGG, SAMPLE_PDF, SAMPLE_PNG, sampleMedia } from '../../fake-twilio/seeds/media-samples';
import { useSharedFake } from '../helpers/fake-http';

/**
 * The official SDK, over real HTTP, against the fake: every operation the extension uses must parse,
 * page and fail exactly as the SDK expects from Twilio.
 */
const NOW = Date.parse('2026-03-10T12:00:00Z');
const SALES = DEMO_SENDERS[0].whatsapp;

let sdk: SdkHarness;
const fakeOf = useSharedFake(NOW, (fake) => {
  sdk = createSdkClient(fake.url, { username: fake.credentials.accountSid, password: fake.credentials.authToken });
});

async function restError(promise: Promise<unknown>): Promise<{ status: number; code: number | undefined }> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(twilio.RestException);
  const { status, code } = error as twilio.RestException;
  return { status, code };
}

describe('Account', () => {
  it('fetches the account with the Auth Token', async () => {
    const account = await sdk.client.api.v2010.accounts(fakeOf().credentials.accountSid).fetch();
    expect(account).toMatchObject({ friendlyName: 'Acme Sales', type: 'Full', status: 'active' });
    expect(account.dateCreated).toBeInstanceOf(Date);
    expect(sdk.requests).toEqual([
      expect.objectContaining({ method: 'GET', url: `https://api.twilio.com/2010-04-01/Accounts/${fakeOf().credentials.accountSid}.json` }),
    ]);
  });

  it('fetches it with a Main key too', async () => {
    const { mainKeySid, mainKeySecret, accountSid } = fakeOf().credentials;
    const main = createSdkClient(fakeOf().url, { username: mainKeySid, password: mainKeySecret, accountSid });
    await expect(main.client.api.v2010.accounts(accountSid).fetch()).resolves.toMatchObject({ sid: accountSid });
  });
});

describe('Messages', () => {
  it('lists newest first, filtered by To and a day-granular DateSent>, across pages', async () => {
    const cutoff = new Date(NOW - 24 * 3_600_000); // 2026-03-09T12:00Z: Twilio compares days, so all of 9 March counts
    const messages = await sdk.client.messages.list({ to: SALES, dateSentAfter: cutoff, pageSize: 2 });

    const pages = sdk.requests.filter((r) => r.method === 'GET');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages[0]).toMatchObject({
      url: `https://api.twilio.com/2010-04-01/Accounts/${fakeOf().credentials.accountSid}/Messages.json`,
      params: { To: SALES, 'DateSent>': '2026-03-09T12:00:00Z', PageSize: 2 },
    });
    expect(pages[1]?.url).toContain('PageToken=PASM');
    expect(pages[1]?.query).toMatchObject({ To: SALES, 'DateSent>': '2026-03-09T12:00:00Z', PageSize: '2', Page: '1' });

    expect(messages.every((m) => m.to === SALES)).toBe(true);
    const sent = messages.map((m) => m.dateSent.getTime());
    expect(sent).toEqual([...sent].sort((a, b) => b - a));
    expect(Math.min(...sent)).toBeGreaterThanOrEqual(Date.parse('2026-03-09T00:00:00Z'));
    // Lucía wrote 23 h ago and João 30 h ago (09 March 06:00): both within the day-granular filter.
    expect(messages.map((m) => m.from)).toEqual(
      expect.arrayContaining([DEMO_CONTACTS.lucia.whatsapp, DEMO_CONTACTS.joao.whatsapp]),
    );
    expect(new Set(messages.map((m) => m.sid)).size).toBe(messages.length);
  });

  it('filters by From and an exact DateSent day', async () => {
    const messages = await sdk.client.messages.list({
      from: DEMO_CONTACTS.mari.whatsapp,
      dateSent: new Date('2026-03-06T20:00:00Z'),
    });
    expect(messages.map((m) => m.body)).toEqual(['Tere! Kas teil on seda mudelit ka sinisena?']);
  });

  it('sends an approved template, then the status moves on with the clock', async () => {
    const contentSid = demoTemplateSid('order_shipped', 'en');
    const created = await sdk.client.messages.create({
      from: SALES,
      to: DEMO_CONTACTS.ann.whatsapp, // never wrote: only an approved template gets through
      contentSid,
      contentVariables: JSON.stringify({ '1': 'Ann', '2': '#10517', '3': 'Monday', '4': 'https://acme.example/t/10517' }),
    });
    expect(created).toMatchObject({ status: 'queued', direction: 'outbound-api', errorCode: null, numMedia: '0' });
    expect(created.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(created.body).toBe('Hi Ann, good news! Your order #10517 has shipped and should arrive by Monday. Track it here: https://acme.example/t/10517');
    expect(sdk.requests.at(-1)).toMatchObject({
      method: 'POST',
      form: { To: DEMO_CONTACTS.ann.whatsapp, From: SALES, ContentSid: contentSid },
    });

    const statusAfter = async (ms: number): Promise<string> => {
      fakeOf().control.setClock({ now: NOW + ms });
      return (await sdk.client.messages(created.sid).fetch()).status;
    };
    expect(await statusAfter(1_500)).toBe('sent');
    expect(await statusAfter(2_500)).toBe('delivered');
    expect(await statusAfter(5_000)).toBe('read');
  });

  it('sends free-form inside the window, and fails it with 63016 outside', async () => {
    const inside = await sdk.client.messages.create({ from: SALES, to: DEMO_CONTACTS.mari.whatsapp, body: 'Tere, Mari!' });
    const outside = await sdk.client.messages.create({ from: SALES, to: DEMO_CONTACTS.joao.whatsapp, body: 'Olá João!' });
    fakeOf().control.setClock({ advanceMs: 3_000 });
    expect(await sdk.client.messages(inside.sid).fetch()).toMatchObject({ status: 'delivered', errorCode: null });
    expect(await sdk.client.messages(outside.sid).fetch()).toMatchObject({ status: 'undelivered', errorCode: 63016 });
  });

  it('plays a contact’s configured failure (Jonas: 63024)', async () => {
    const message = await sdk.client.messages.create({ from: SALES, to: DEMO_CONTACTS.jonas.whatsapp, body: 'Hallo Jonas' });
    fakeOf().control.setClock({ advanceMs: 2_000 });
    const fetched = await sdk.client.messages(message.sid).fetch();
    expect(fetched).toMatchObject({ status: 'undelivered', errorCode: 63024 });
    expect(fetched.errorMessage).toBeTruthy();
  });

  it('sent messages show up in the list as outbound-api', async () => {
    const message = await sdk.client.messages.create({ from: SALES, to: DEMO_CONTACTS.mari.whatsapp, body: 'Tere!' });
    const [newest] = await sdk.client.messages.list({ from: SALES, limit: 1 });
    expect(newest).toMatchObject({ sid: message.sid, direction: 'outbound-api' });
  });
});

describe('Media', () => {
  const inboundWithMedia = () =>
    fakeOf().control.addInbound({
      from: DEMO_CONTACTS.ann.number,
      body: 'The photo, the offer and a voice note',
      media: [sampleMedia(SAMPLE_PNG), sampleMedia(SAMPLE_PDF), sampleMedia(SAMPLE_OGG)],
    });

  it('lists a message’s media across pages and parses every field', async () => {
    const message = inboundWithMedia();
    const media = await sdk.client.messages(message.sid).media.list({ pageSize: 2 });
    expect(media.map((m) => m.contentType)).toEqual(['image/png', 'application/pdf', 'audio/ogg']);
    for (const item of media) {
      expect(item).toMatchObject({ accountSid: fakeOf().credentials.accountSid, parentSid: message.sid });
      expect(item.sid).toMatch(/^ME[0-9a-f]{32}$/);
      expect(item.dateCreated).toEqual(new Date(NOW));
      expect(item.dateUpdated).toEqual(new Date(NOW));
    }
    const urls = sdk.requests.map((r) => r.url);
    expect(urls).toHaveLength(2);
    expect(urls[0]).toBe(`https://api.twilio.com/2010-04-01/Accounts/${fakeOf().credentials.accountSid}/Messages/${message.sid}/Media.json`);
    expect(sdk.requests[0]?.query).toEqual({ PageSize: '2' });
    expect(urls[1]).toContain(`PageToken=PA${media[1]!.sid}`);
  });

  it('fetches one Media instance', async () => {
    const message = inboundWithMedia();
    const [, pdf] = await sdk.client.messages(message.sid).media.list();
    const fetched = await sdk.client.messages(message.sid).media(pdf!.sid).fetch();
    expect(fetched).toMatchObject({ sid: pdf!.sid, contentType: 'application/pdf', parentSid: message.sid, uri: pdf!.uri });
    expect(sdk.requests.at(-1)?.url).toBe(
      `https://api.twilio.com/2010-04-01/Accounts/${fakeOf().credentials.accountSid}/Messages/${message.sid}/Media/${pdf!.sid}.json`,
    );
  });

  it('sends the DateCreated filters the fake reads', async () => {
    const message = inboundWithMedia();
    const after = await sdk.client.messages(message.sid).media.list({ dateCreatedAfter: new Date(NOW - 3_600_000) });
    const before = await sdk.client.messages(message.sid).media.list({ dateCreatedBefore: new Date(NOW - 86_400_000) });
    expect(after).toHaveLength(3);
    expect(before).toHaveLength(0);
    expect(sdk.requests.map((r) => r.query)).toEqual([
      { 'DateCreated>': '2026-03-10T11:00:00Z' },
      { 'DateCreated<': '2026-03-09T12:00:00Z' },
    ]);
  });

  it('sends MediaUrl as repeated fields; the reply is MM… with numMedia "2" and lists both', async () => {
    const created = await sdk.client.messages.create({
      from: SALES,
      to: DEMO_CONTACTS.mari.whatsapp,
      body: 'Your offer and a photo',
      mediaUrl: ['https://acme.example/offer.pdf', 'https://acme.example/photo.jpg'],
    });
    expect(created.sid).toMatch(/^MM[0-9a-f]{32}$/);
    expect(created.numMedia).toBe('2');
    expect(sdk.requests.at(-1)?.data).toMatchObject({ MediaUrl: ['https://acme.example/offer.pdf', 'https://acme.example/photo.jpg'] });
    const media = await sdk.client.messages(created.sid).media.list();
    expect(media.map((m) => m.contentType)).toEqual(['application/pdf', 'image/jpeg']);
  });

  it('an invalid MediaUrl is a RestException 400/21620, eleven are 400/21623', async () => {
    const create = (mediaUrl: string[]) => sdk.client.messages.create({ from: SALES, to: DEMO_CONTACTS.mari.whatsapp, body: 'x', mediaUrl });
    expect(await restError(create(['ftp://acme.example/a.png']))).toEqual({ status: 400, code: 21620 });
    const eleven = Array.from({ length: 11 }, (_, i) => `https://acme.example/${i}.png`);
    expect(await restError(create(eleven))).toEqual({ status: 400, code: 21623 });
  });
});

describe('Content', () => {
  it('lists Content across pages by following meta.next_page_url', async () => {
    const contents = await sdk.client.content.v1.contents.list({ pageSize: 15 });
    expect(contents.length).toBeGreaterThanOrEqual(40);
    expect(new Set(contents.map((c) => c.sid)).size).toBe(contents.length);
    const pages = sdk.requests.map((r) => r.url);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages[1]).toMatch(/^https:\/\/content\.twilio\.com\/v1\/Content\?PageSize=15&Page=1&PageToken=DNHX/);
    expect(contents[0]?.links).toHaveProperty('approval_fetch');
  });

  it('lists ContentAndApprovals with flat approval requests', async () => {
    const items = await sdk.client.content.v1.contentAndApprovals.list({ pageSize: 15 });
    expect(sdk.requests.length).toBeGreaterThanOrEqual(3);
    // The SDK types approval_requests loosely; the fake sends the flat object the live API sends.
    const approvals = items.map((i) => i.approvalRequests as unknown as { status: string; rejection_reason: string });
    expect([...new Set(approvals.map((a) => a.status))].sort()).toEqual([
      'approved',
      'disabled',
      'paused',
      'pending',
      'received',
      'rejected',
      'unsubmitted',
    ]);
    expect(approvals.find((a) => a.status === 'rejected')?.rejection_reason).not.toBe('');
  });

  it('fetches one Content and its approval requests', async () => {
    const sid = demoTemplateSid('payment_link', 'et');
    const content = await sdk.client.content.v1.contents(sid).fetch();
    expect(content).toMatchObject({ sid, language: 'et', friendlyName: 'payment_link' });
    expect(content.types).toHaveProperty('twilio/call-to-action');
    const approval = await sdk.client.content.v1.contents(sid).approvalFetch().fetch();
    expect(approval.whatsapp).toMatchObject({ status: 'approved', category: 'UTILITY', name: 'payment_link' });
  });
});

describe('Senders', () => {
  it('lists the WhatsApp senders', async () => {
    const senders = await sdk.client.messaging.v2.channelsSenders.list({ channel: 'whatsapp' });
    expect(senders.map((s) => [s.senderId, s.status, s.profile.name])).toEqual(
      expect.arrayContaining([
        ['whatsapp:+14155238886', 'ONLINE', 'Acme Sales'],
        ['whatsapp:+442071838750', 'ONLINE', 'Acme Support'],
      ]),
    );
    expect(sdk.requests[0]).toMatchObject({ params: { Channel: 'whatsapp' } });
  });

  it('a Standard key may list senders, content and messages', async () => {
    const { standardKeySid, standardKeySecret, accountSid } = fakeOf().credentials;
    const standard = createSdkClient(fakeOf().url, { username: standardKeySid, password: standardKeySecret, accountSid });
    await expect(standard.client.messaging.v2.channelsSenders.list({ channel: 'whatsapp' })).resolves.toHaveLength(2);
    await expect(standard.client.content.v1.contents.list({ limit: 1 })).resolves.toHaveLength(1);
    await expect(standard.client.messages.list({ limit: 1 })).resolves.toHaveLength(1);
  });
});

describe('errors reach the SDK as RestException with Twilio’s code and status', () => {
  const createWith = (params: Record<string, string>) =>
    sdk.client.messages.create({ from: SALES, to: DEMO_CONTACTS.mari.whatsapp, ...params });

  it('401/20003 for a wrong Auth Token', async () => {
    const wrong = createSdkClient(fakeOf().url, { username: fakeOf().credentials.accountSid, password: '0'.repeat(32) });
    expect(await restError(wrong.client.api.v2010.accounts(fakeOf().credentials.accountSid).fetch())).toEqual({
      status: 401,
      code: 20003,
    });
  });

  it('401/20003 for a Standard key on the Account', async () => {
    const { standardKeySid, standardKeySecret, accountSid } = fakeOf().credentials;
    const standard = createSdkClient(fakeOf().url, { username: standardKeySid, password: standardKeySecret, accountSid });
    expect(await restError(standard.client.api.v2010.accounts(accountSid).fetch())).toEqual({ status: 401, code: 20003 });
  });

  it('404/20404 for valid credentials with another Account SID', async () => {
    const other = `AC${'f'.repeat(32)}`;
    expect(await restError(sdk.client.api.v2010.accounts(other).messages.list({ limit: 1 }))).toEqual({
      status: 404,
      code: 20404,
    });
  });

  it('400/21211 for an invalid To', async () => {
    expect(await restError(createWith({ to: 'whatsapp:12', body: 'Hi' }))).toEqual({ status: 400, code: 21211 });
  });

  it('400/21656 for invalid ContentVariables', async () => {
    const contentSid = demoTemplateSid('order_shipped', 'en');
    expect(await restError(createWith({ contentSid, contentVariables: '{"1":""}' }))).toEqual({ status: 400, code: 21656 });
  });

  it('400/21654 for ContentVariables without ContentSid', async () => {
    expect(await restError(createWith({ contentVariables: '{"1":"Mari"}' }))).toEqual({ status: 400, code: 21654 });
  });

  it('404/20404 for an unknown ContentSid, Content or Message', async () => {
    const unknownContent = `HX${'0'.repeat(32)}`;
    expect(await restError(createWith({ contentSid: unknownContent }))).toEqual({ status: 404, code: 20404 });
    expect(await restError(sdk.client.content.v1.contents(unknownContent).fetch())).toEqual({ status: 404, code: 20404 });
    expect(await restError(sdk.client.messages(`SM${'0'.repeat(32)}`).fetch())).toEqual({ status: 404, code: 20404 });
  });
});
