import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';
import { DEMO_CONTACTS, DEMO_SENDERS, demoTemplateSid } from '../../fake-twilio/seeds/demo';
import { SAMPLE_OGG, SAMPLE_PDF, SAMPLE_PNG, generatedMedia, sampleMedia } from '../../fake-twilio/seeds/media-samples';
import { APPROVAL_STATUSES } from '../../fake-twilio/types';
import { createSpecValidator, missingSpecsReason, type ResponseName, type SpecValidator } from './twilio-spec';

/**
 * Every JSON body the fake returns for the operations the extension uses validates against Twilio's
 * own OpenAPI response schemas (tightened: all documented keys present, no others).
 */
const skipReason = missingSpecsReason();
if (skipReason) console.warn(`Skipping the Twilio schema test: ${skipReason}`);

const NOW = Date.parse('2026-03-10T12:00:00Z');
const SALES = DEMO_SENDERS[0].whatsapp;

describe.skipIf(skipReason !== undefined)('fake answers match Twilio’s OpenAPI schemas', () => {
  let fake: FakeTwilio;
  let empty: FakeTwilio;
  let spec: SpecValidator;

  beforeAll(async () => {
    spec = createSpecValidator();
    fake = await startFakeTwilio({ seed: 'demo', now: NOW });
    empty = await startFakeTwilio({ seed: 'empty', now: NOW });
  });
  afterAll(async () => {
    await fake.close();
    await empty.close();
  });

  const call = async (
    target: FakeTwilio,
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: URLSearchParams } = {},
  ): Promise<{ status: number; body: unknown }> => {
    const { accountSid, authToken } = target.credentials;
    const response = await fetch(target.url + path, {
      ...init,
      headers: { Authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}`, ...init.headers },
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const get = async (path: string, target = fake): Promise<unknown> => {
    const { status, body } = await call(target, path);
    expect(status, JSON.stringify(body)).toBe(200);
    return body;
  };
  const send = async (form: Record<string, string> | Array<[string, string]>): Promise<{ status: number; body: unknown }> =>
    call(fake, `/2010-04-01/Accounts/${fake.credentials.accountSid}/Messages.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
  const expectValid = (name: ResponseName, body: unknown): void => {
    expect(spec.check(name, body), `${name}: ${JSON.stringify(body).slice(0, 300)}`).toEqual([]);
  };
  /** Follows next links (relative on 2010, absolute on the newer APIs) and returns every page. */
  const allPages = async (first: string, target = fake): Promise<Array<Record<string, unknown>>> => {
    const pages: Array<Record<string, unknown>> = [];
    let next: string | null = first;
    while (next !== null) {
      const page = (await get(next.replace(/^https:\/\/[a-z]+\.twilio\.com/, ''), target)) as Record<string, unknown>;
      pages.push(page);
      const meta = page.meta as { next_page_url: string | null } | undefined;
      next = meta ? meta.next_page_url : (page.next_page_uri as string | null);
    }
    return pages;
  };
  const messagesPath = (target = fake): string => `/2010-04-01/Accounts/${target.credentials.accountSid}/Messages.json`;

  it('Account', async () => {
    expectValid('account', await get(`/2010-04-01/Accounts/${fake.credentials.accountSid}.json`));
    expectValid('account', await get(`/2010-04-01/Accounts/${empty.credentials.accountSid}.json`, empty));
  });

  it('Messages list: every page, filtered or not, and an empty account', async () => {
    const pages = [
      ...(await allPages(`${messagesPath()}?PageSize=4`)),
      ...(await allPages(`${messagesPath()}?To=${encodeURIComponent(SALES)}&DateSent%3E=2026-03-08&PageSize=3`)),
      ...(await allPages(`${messagesPath(empty)}?PageSize=10`, empty)),
    ];
    expect(pages.length).toBeGreaterThanOrEqual(8);
    for (const page of pages) expectValid('messageList', page);
  });

  it('Message create and fetch, in every status including failures', async () => {
    const created = [
      await send({ To: DEMO_CONTACTS.mari.whatsapp, From: SALES, Body: 'Tere!' }),
      await send({ To: DEMO_CONTACTS.joao.whatsapp, From: SALES, Body: 'Olá!' }), // will fail with 63016
      await send({
        To: DEMO_CONTACTS.ann.whatsapp,
        From: SALES,
        ContentSid: demoTemplateSid('payment_link', 'en'),
        ContentVariables: JSON.stringify({ first_name: 'Ann', invoice_number: 'INV-1', amount: '€10' }),
      }),
    ];
    for (const { status, body } of created) {
      expect(status).toBe(201);
      expectValid('messageCreate', body);
    }
    const sids = created.map(({ body }) => (body as { sid: string }).sid);
    for (const advanceMs of [0, 1_500, 2_500, 5_000]) {
      fake.control.setClock({ now: NOW + advanceMs });
      for (const sid of sids) expectValid('message', await get(`/2010-04-01/Accounts/${fake.credentials.accountSid}/Messages/${sid}.json`));
    }
    fake.control.setClock({ now: NOW });
  });

  it('Media list (every page, filtered, empty) and each Media instance, inbound and outbound', async () => {
    const inbound = fake.control.addInbound({
      from: DEMO_CONTACTS.ann.number,
      body: 'Photos and the signed offer',
      media: [sampleMedia(SAMPLE_PNG), sampleMedia(SAMPLE_PDF), sampleMedia(SAMPLE_OGG), generatedMedia('video/mp4', 2_000)],
    });
    const reply = await send([
      ['To', DEMO_CONTACTS.mari.whatsapp],
      ['From', SALES],
      ['MediaUrl', 'https://acme.example/a.jpg'],
      ['MediaUrl', 'https://acme.example/b'],
    ]);
    expect(reply.status).toBe(201);
    expectValid('messageCreate', reply.body);
    const replySid = (reply.body as { sid: string }).sid;
    const text = fake.control.addInbound({ from: DEMO_CONTACTS.ann.number, body: 'no media' });
    const mediaPath = (sid: string): string => `${messagesPath()}`.replace('.json', `/${sid}/Media.json`);

    const pages = [
      ...(await allPages(`${mediaPath(inbound.sid)}?PageSize=3`)),
      ...(await allPages(`${mediaPath(inbound.sid)}?DateCreated%3E=2026-03-10&PageSize=1`)),
      ...(await allPages(mediaPath(replySid))),
      ...(await allPages(mediaPath(text.sid))),
    ];
    expect(pages.length).toBe(8);
    for (const page of pages) expectValid('mediaList', page);

    const items = pages.flatMap((page) => page.media_list as Array<{ uri: string }>);
    expect(items.length).toBe(10);
    for (const item of items) expectValid('media', await get(item.uri));
    for (const sid of [inbound.sid, replySid]) expectValid('message', await get(`${messagesPath().replace('.json', '')}/${sid}.json`));
  });

  it('Content and ContentAndApprovals lists, every page, and the empty account', async () => {
    for (const page of await allPages('/v1/Content?PageSize=7')) expectValid('contentList', page);
    for (const page of await allPages('/v1/ContentAndApprovals?PageSize=7')) expectValid('contentAndApprovalsList', page);
    expectValid('contentAndApprovalsList', await get('/v1/ContentAndApprovals', empty));
  });

  it('each template: Content, its types, its approval requests', async () => {
    const [page] = await allPages('/v1/ContentAndApprovals?PageSize=1000');
    const items = (page?.contents ?? []) as Array<{ sid: string; types: unknown; approval_requests: Record<string, unknown> }>;
    expect(items.length).toBeGreaterThanOrEqual(40);
    for (const item of items) {
      expectValid('content', await get(`/v1/Content/${item.sid}`));
      expectValid('approvalFetch', await get(`/v1/Content/${item.sid}/ApprovalRequests`));
      expect(spec.checkContentTypes(item.types), JSON.stringify(item.types)).toEqual([]);
      // approval_requests is a bare object in the spec; DESIGN §2 gives the flat shape of the live API.
      expect(Object.keys(item.approval_requests).sort()).toEqual(
        ['allow_category_change', 'category', 'content_type', 'name', 'rejection_reason', 'status'],
      );
      expect(APPROVAL_STATUSES).toContain(item.approval_requests.status);
    }
  });

  it('Senders list, and none on the empty account', async () => {
    expectValid('senderList', await get('/v2/Channels/Senders?Channel=whatsapp'));
    expectValid('senderList', await get('/v2/Channels/Senders?Channel=whatsapp&PageSize=1'));
    expectValid('senderList', await get('/v2/Channels/Senders?Channel=whatsapp', empty));
  });

  it('error bodies carry exactly code, message, more_info and status', async () => {
    const errors = [
      await send({ To: 'whatsapp:1', From: SALES, Body: 'x' }),
      await call(fake, '/v1/Content/HX00000000000000000000000000000000'),
      await call(fake, '/nope'),
      { status: 401, body: (await (await fetch(`${fake.url}/v1/Content`)).json()) as unknown },
    ];
    for (const { status, body } of errors) {
      const error = body as Record<string, unknown>;
      expect(Object.keys(error).sort()).toEqual(['code', 'message', 'more_info', 'status']);
      expect(error.status).toBe(status);
      expect(error.more_info).toBe(`https://www.twilio.com/docs/errors/${String(error.code)}`);
    }
  });

  describe('the tightened schemas are strict enough to catch a wrong body', () => {
    const validMessage = async (): Promise<Record<string, unknown>> => {
      const list = (await get(`${messagesPath()}?PageSize=1`)) as { messages: Array<Record<string, unknown>> };
      return { ...list.messages[0] };
    };

    type Breaker = (message: Record<string, unknown>) => void;
    const breakers: Array<[string, Breaker]> = [
      ['a missing sid', (m) => { delete m.sid; }],
      ['num_media as a number', (m) => { m.num_media = 0; }],
      ['an unknown status', (m) => { m.status = 'bogus'; }],
      ['date_sent in ISO-8601 instead of RFC 2822', (m) => { m.date_sent = '2026-03-10T12:00:00Z'; }],
      ['a SID of the wrong type', (m) => { m.sid = `HX${'0'.repeat(32)}`; }],
      ['an undocumented key', (m) => { m.mesage_sid = 'x'; }],
      ['error_code as a string', (m) => { m.error_code = '63016'; }],
    ];

    it.each(breakers)('rejects a message with %s', async (_name, breakIt) => {
      const message = await validMessage();
      expectValid('message', message);
      breakIt(message);
      expect(spec.check('message', message)).not.toEqual([]);
    });

    const mediaBreakers: Array<[string, Breaker]> = [
      ['a missing parent_sid', (m) => { delete m.parent_sid; }],
      ['a media SID that is not ME…', (m) => { m.sid = `MM${'0'.repeat(32)}`; }],
      ['date_created in ISO-8601', (m) => { m.date_created = '2026-03-10T12:00:00Z'; }],
      ['a filename (Twilio has no such field)', (m) => { m.filename = 'offer.pdf'; }],
    ];

    it.each(mediaBreakers)('rejects a Media instance with %s', async (_name, breakIt) => {
      const message = fake.control.addInbound({ from: DEMO_CONTACTS.ann.number, body: '', media: [sampleMedia(SAMPLE_PDF)] });
      const list = (await get(messagesPath().replace('.json', `/${message.sid}/Media.json`))) as { media_list: Array<Record<string, unknown>> };
      const media = { ...list.media_list[0] };
      expectValid('media', media);
      breakIt(media);
      expect(spec.check('media', media)).not.toEqual([]);
    });

    it('rejects a message SID that is neither SM… nor MM…', async () => {
      const message = await validMessage();
      message.sid = `ME${'0'.repeat(32)}`;
      expect(spec.check('message', message)).not.toEqual([]);
    });

    it('rejects a Content page whose next_page_url is relative', async () => {
      const page = (await get('/v1/ContentAndApprovals?PageSize=2')) as { meta: Record<string, unknown> };
      expectValid('contentAndApprovalsList', page);
      page.meta.next_page_url = '/v1/ContentAndApprovals?PageSize=2&Page=1';
      expect(spec.check('contentAndApprovalsList', page)).not.toEqual([]);
    });

    it('rejects a twilio/card without a required action type', () => {
      expect(spec.checkContentTypes({ 'twilio/card': { title: 'Hi', actions: [{ title: 'Go' }] } })).not.toEqual([]);
    });
  });
});
