import { describe, expect, it } from 'vitest';
import { useSharedFake } from '../helpers/fake-http';
import {
  CDN_LINK_TTL_MS,
  startFakeTwilio,
  type InboundMediaInput,
  type MediaJson,
  type MessageJson,
} from '../../fake-twilio';
import { contentDisposition, contentTypeForName } from '../../fake-twilio/media';
import { DEMO_CONTACTS, DEMO_CREDENTIALS, DEMO_SENDERS } from '../../fake-twilio/seeds/demo';
import { SAMPLE_OGG, SAMPLE_PDF, SAMPLE_PNG, generatedMedia, sampleMedia } from '../../fake-twilio/seeds/media-samples';

/**
 * Media on messages over real HTTP: the Media list and instance, the 307 to the signed CDN URL, the CDN
 * itself (no auth, 4 h links), MediaUrl on replies, and the `Date` header following the fake clock.
 */
const NOW = Date.parse('2026-03-10T12:00:00Z');
const SALES = DEMO_SENDERS[0].whatsapp;
const ACCOUNT = DEMO_CREDENTIALS.accountSid;
const MESSAGES = `/2010-04-01/Accounts/${ACCOUNT}/Messages`;
const AUTH = { Authorization: `Basic ${btoa(`${ACCOUNT}:${DEMO_CREDENTIALS.authToken}`)}` };
const CDN_LOCATION = new RegExp(`^https://mms\\.twiliocdn\\.com/__cdn/${ACCOUNT}/[0-9a-f]{32}$`);

const fakeOf = useSharedFake(NOW);

const get = (path: string, headers: Record<string, string> = AUTH, method = 'GET'): Promise<Response> =>
  fetch(fakeOf().url + path, { method, headers, redirect: 'manual' });

async function getJson<T>(path: string): Promise<T> {
  const response = await get(path);
  const body = (await response.json()) as T;
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body;
}

async function send(pairs: Array<[string, string]>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${fakeOf().url}${MESSAGES}.json`, {
    method: 'POST',
    headers: { ...AUTH, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([['To', DEMO_CONTACTS.mari.whatsapp], ['From', SALES], ...pairs]),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const withMedia = (...media: InboundMediaInput[]): MessageJson =>
  fakeOf().control.addInbound({ from: DEMO_CONTACTS.ann.number, body: '', media });

const mediaList = async (message: string, query = ''): Promise<{ media_list: MediaJson[] } & Record<string, unknown>> =>
  getJson(`${MESSAGES}/${message}/Media.json${query}`);

/** Follows the 307 by hand, as a client with `redirect: 'manual'` would, and returns the CDN's answer. */
async function download(messageSid: string, mediaSid: string): Promise<Response> {
  const redirect = await get(`${MESSAGES}/${messageSid}/Media/${mediaSid}`);
  expect(redirect.status).toBe(307);
  return get(cdnPath(redirect), {});
}

const cdnPath = (redirect: Response): string => new URL(redirect.headers.get('location') ?? 'missing:').pathname;

describe('messages with media', () => {
  it('an inbound message with media is MM… and counts its media in num_media; one without stays SM… with "0"', async () => {
    const photo = withMedia(sampleMedia(SAMPLE_PNG));
    const two = withMedia(sampleMedia(SAMPLE_PNG), sampleMedia(SAMPLE_PDF));
    const text = fakeOf().control.addInbound({ from: DEMO_CONTACTS.ann.number, body: 'Hi' });
    expect(photo).toMatchObject({ num_media: '1', direction: 'inbound', status: 'received' });
    expect(photo.sid).toMatch(/^MM[0-9a-f]{32}$/);
    expect(two).toMatchObject({ num_media: '2' });
    expect(text.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(text.num_media).toBe('0');
    // The Twilio API says the same as the control API.
    const fetched = await getJson<MessageJson>(`${MESSAGES}/${two.sid}.json`);
    expect(fetched).toMatchObject({ sid: two.sid, num_media: '2', subresource_uris: { media: `${MESSAGES}/${two.sid}/Media.json` } });
  });

  it('lists a message’s media in the order attached, and fetches each one', async () => {
    const message = withMedia(sampleMedia(SAMPLE_PNG), sampleMedia(SAMPLE_PDF), sampleMedia(SAMPLE_OGG));
    const { media_list: media } = await mediaList(message.sid);
    expect(media.map((m) => m.content_type)).toEqual(['image/png', 'application/pdf', 'audio/ogg']);
    for (const item of media) {
      expect(item.sid).toMatch(/^ME[0-9a-f]{32}$/);
      expect(item).toMatchObject({
        account_sid: ACCOUNT,
        parent_sid: message.sid,
        date_created: 'Tue, 10 Mar 2026 12:00:00 +0000',
        uri: `${MESSAGES}/${message.sid}/Media/${item.sid}.json`,
      });
      expect(await getJson<MediaJson>(item.uri)).toEqual(item);
    }
    expect(new Set(media.map((m) => m.sid)).size).toBe(3);
  });

  it('a message without media has an empty Media list', async () => {
    const text = fakeOf().control.addInbound({ from: DEMO_CONTACTS.ann.number, body: 'Hi' });
    expect((await mediaList(text.sid)).media_list).toEqual([]);
  });

  it('404/20404 for an unknown message, an unknown media SID, or media asked for under another message', async () => {
    const a = withMedia(sampleMedia(SAMPLE_PNG));
    const b = withMedia(sampleMedia(SAMPLE_PNG));
    const [mediaOfA] = (await mediaList(a.sid)).media_list;
    const unknownMessage = `MM${'0'.repeat(32)}`;
    for (const path of [
      `${MESSAGES}/${unknownMessage}/Media.json`,
      `${MESSAGES}/${a.sid}/Media/ME${'0'.repeat(32)}.json`,
      `${MESSAGES}/${b.sid}/Media/${mediaOfA!.sid}.json`,
      `${MESSAGES}/${b.sid}/Media/${mediaOfA!.sid}`,
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ code: 20404, status: 404 });
    }
  });

  it('a Media instance is not deletable here: DELETE is 405', async () => {
    const message = withMedia(sampleMedia(SAMPLE_PNG));
    const [item] = (await mediaList(message.sid)).media_list;
    const response = await get(item!.uri, AUTH, 'DELETE');
    expect(response.status).toBe(405);
    expect(await response.json()).toMatchObject({ code: 20004 });
  });
});

describe('the Media list pages like the Messages list', () => {
  it('PageSize 2 over five media: next and previous links with PAME…/PBME… tokens, start and end', async () => {
    const message = withMedia(...Array.from({ length: 5 }, (_, i) => generatedMedia('image/jpeg', 10 + i)));
    const everything = (await mediaList(message.sid)).media_list.map((m) => m.sid);
    expect(everything).toHaveLength(5);

    const first = await mediaList(message.sid, '?PageSize=2');
    expect(first.media_list.map((m) => m.sid)).toEqual(everything.slice(0, 2));
    expect(first).toMatchObject({ page: 0, page_size: 2, start: 0, end: 1, previous_page_uri: null });
    expect(first.first_page_uri).toBe(`${MESSAGES}/${message.sid}/Media.json?PageSize=2&Page=0`);
    expect(first.next_page_uri).toBe(`${MESSAGES}/${message.sid}/Media.json?PageSize=2&Page=1&PageToken=PA${everything[1]}`);

    const second = await getJson<typeof first>(first.next_page_uri as string);
    expect(second.media_list.map((m) => m.sid)).toEqual(everything.slice(2, 4));
    expect(second).toMatchObject({ page: 1, start: 2, end: 3 });
    const third = await getJson<typeof first>(second.next_page_uri as string);
    expect(third.media_list.map((m) => m.sid)).toEqual(everything.slice(4));
    expect(third.next_page_uri).toBeNull();

    const back = await getJson<typeof first>(third.previous_page_uri as string);
    expect(back.media_list.map((m) => m.sid)).toEqual(everything.slice(2, 4));
  });

  it('refuses a PageToken that names no media of this message, and a PageSize above 1000', async () => {
    const a = withMedia(sampleMedia(SAMPLE_PNG));
    const b = withMedia(sampleMedia(SAMPLE_PNG));
    const [mediaOfB] = (await mediaList(b.sid)).media_list;
    for (const query of [`?PageToken=PA${mediaOfB!.sid}`, '?PageToken=nope', '?PageSize=1001']) {
      const response = await get(`${MESSAGES}/${a.sid}/Media.json${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ code: 20001 });
    }
  });

  it('DateCreated filters by GMT day and is echoed in the links', async () => {
    const message = withMedia(sampleMedia(SAMPLE_PNG), sampleMedia(SAMPLE_PDF));
    const count = async (query: string): Promise<number> => (await mediaList(message.sid, query)).media_list.length;
    expect(await count('?DateCreated=2026-03-10')).toBe(2);
    expect(await count('?DateCreated=2026-03-09')).toBe(0);
    expect(await count('?DateCreated%3E=2026-03-10T23:00:00Z')).toBe(2);
    expect(await count('?DateCreated%3E=2026-03-11')).toBe(0);
    expect(await count('?DateCreated%3C=2026-03-09')).toBe(0);
    const page = await mediaList(message.sid, '?DateCreated%3C=2026-03-10&PageSize=1');
    expect(page.next_page_uri).toMatch(/^[^?]+\?DateCreated%3C=2026-03-10&PageSize=1&Page=1&PageToken=PAME/);
    expect((await get(`${MESSAGES}/${message.sid}/Media.json?DateCreated=soon`)).status).toBe(400);
  });
});

describe('the media file: a 307 to the signed CDN URL', () => {
  it('needs Basic auth like every Twilio path, and another account’s path is 404', async () => {
    const message = withMedia(sampleMedia(SAMPLE_PNG));
    const [item] = (await mediaList(message.sid)).media_list;
    const file = `${MESSAGES}/${message.sid}/Media/${item!.sid}`;
    const anonymous = await get(file, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('location')).toBeNull();
    expect(await anonymous.json()).toMatchObject({ code: 20003 });
    const wrong = await get(file, { Authorization: `Basic ${btoa(`${ACCOUNT}:${'0'.repeat(32)}`)}` });
    expect(wrong.status).toBe(401);
    const otherAccount = await get(file.replace(ACCOUNT, `AC${'f'.repeat(32)}`));
    expect(otherAccount.status).toBe(404);
    const { standardKeySid, standardKeySecret } = DEMO_CREDENTIALS;
    expect((await get(file, { Authorization: `Basic ${btoa(`${standardKeySid}:${standardKeySecret}`)}` })).status).toBe(307);
  });

  it('redirects to https://mms.twiliocdn.com/__cdn/{AC}/{token}, a new token each time, with an empty body', async () => {
    const message = withMedia(sampleMedia(SAMPLE_PNG));
    const [item] = (await mediaList(message.sid)).media_list;
    const first = await get(`${MESSAGES}/${message.sid}/Media/${item!.sid}`);
    const second = await get(`${MESSAGES}/${message.sid}/Media/${item!.sid}`);
    expect(first.status).toBe(307);
    expect(first.headers.get('location')).toMatch(CDN_LOCATION);
    expect(second.headers.get('location')).toMatch(CDN_LOCATION);
    expect(second.headers.get('location')).not.toBe(first.headers.get('location'));
    expect((await first.arrayBuffer()).byteLength).toBe(0);
  });

  it('the CDN answers the bytes without auth: type, length, CORS, and the filename when there is one', async () => {
    const message = withMedia(sampleMedia(SAMPLE_PNG), sampleMedia(SAMPLE_PDF));
    const [png, pdf] = (await mediaList(message.sid)).media_list;

    const image = await download(message.sid, png!.sid);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-length')).toBe(String(SAMPLE_PNG.bytes.length));
    expect(image.headers.get('access-control-allow-origin')).toBe('*');
    expect(image.headers.get('content-disposition')).toBeNull();
    expect(Buffer.from(await image.arrayBuffer())).toEqual(SAMPLE_PNG.bytes);

    const document = await download(message.sid, pdf!.sid);
    expect(document.headers.get('content-type')).toBe('application/pdf');
    expect(document.headers.get('content-disposition')).toBe('attachment; filename="invoice-10482.pdf"');
    expect(Buffer.from(await document.arrayBuffer())).toEqual(SAMPLE_PDF.bytes);
  });

  it('HEAD on the CDN gives the headers (Content-Length of the file) and no body', async () => {
    const message = withMedia(generatedMedia('video/mp4', 20_000_000, 'clip.mp4'));
    const [item] = (await mediaList(message.sid)).media_list;
    const redirect = await get(`${MESSAGES}/${message.sid}/Media/${item!.sid}`);
    const head = await get(cdnPath(redirect), {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('20000000');
    expect(head.headers.get('content-type')).toBe('video/mp4');
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    expect((await get(cdnPath(redirect), {}, 'POST')).status).toBe(405);
  });

  it('a link works for 4 h of fake time, then answers 403; a new redirect gives a working link again', async () => {
    expect(CDN_LINK_TTL_MS).toBe(4 * 3_600_000);
    const message = withMedia(sampleMedia(SAMPLE_OGG));
    const [item] = (await mediaList(message.sid)).media_list;
    const path = cdnPath(await get(`${MESSAGES}/${message.sid}/Media/${item!.sid}`));

    fakeOf().control.setClock({ now: NOW + CDN_LINK_TTL_MS - 1 });
    expect((await get(path, {})).status).toBe(200);
    fakeOf().control.setClock({ now: NOW + CDN_LINK_TTL_MS });
    const expired = await get(path, {});
    expect(expired.status).toBe(403);
    expect(expired.headers.get('access-control-allow-origin')).toBe('*');
    expect(await expired.text()).toContain('AccessDenied');

    const fresh = await download(message.sid, item!.sid);
    expect(fresh.status).toBe(200);
    expect(Buffer.from(await fresh.arrayBuffer())).toEqual(SAMPLE_OGG.bytes);
  });

  it('403 for a token the fake never issued, a token under another account, and every link after a reset', async () => {
    const message = withMedia(sampleMedia(SAMPLE_PNG));
    const [item] = (await mediaList(message.sid)).media_list;
    const path = cdnPath(await get(`${MESSAGES}/${message.sid}/Media/${item!.sid}`));
    expect((await get(path, {})).status).toBe(200);
    expect((await get(path.replace(/[0-9a-f]{32}$/, '0'.repeat(32)), {})).status).toBe(403);
    expect((await get(path.replace(ACCOUNT, `AC${'f'.repeat(32)}`), {})).status).toBe(403);
    expect((await get('/__cdn/nothing', {})).status).toBe(403);
    fakeOf().control.reset();
    expect((await get(path, {})).status).toBe(403);
    // SIDs are deterministic, so after a reset the same message and media exist again: the old link still fails.
    const again = withMedia(sampleMedia(SAMPLE_PNG));
    expect(again.sid).toBe(message.sid);
    expect((await get(path, {})).status).toBe(403);
  });

  it('size-only media: that many deterministic bytes, the same on every download and different per file', async () => {
    const message = withMedia(generatedMedia('application/zip', 5_000, 'big.zip'), generatedMedia('application/zip', 5_000));
    const [a, b] = (await mediaList(message.sid)).media_list;
    const first = Buffer.from(await (await download(message.sid, a!.sid)).arrayBuffer());
    const again = Buffer.from(await (await download(message.sid, a!.sid)).arrayBuffer());
    const other = Buffer.from(await (await download(message.sid, b!.sid)).arrayBuffer());
    expect(first.length).toBe(5_000);
    expect(again).toEqual(first);
    expect(other.length).toBe(5_000);
    expect(other.equals(first)).toBe(false);
    // Not a run of one byte value: the bytes look like a file, not like padding.
    expect(new Set(first).size).toBeGreaterThan(200);
  });

  it('neither base64 nor size gives 1 KiB of generated bytes', async () => {
    const message = withMedia({ contentType: 'image/jpeg' });
    const [item] = (await mediaList(message.sid)).media_list;
    const response = await download(message.sid, item!.sid);
    expect(response.headers.get('content-length')).toBe('1024');
    expect((await response.arrayBuffer()).byteLength).toBe(1_024);
  });

  it('a filename that is not ASCII reaches the client through filename*', async () => {
    const message = withMedia(sampleMedia(SAMPLE_PDF, { filename: 'Arve nr 5 – märts.pdf' }));
    const [item] = (await mediaList(message.sid)).media_list;
    const response = await download(message.sid, item!.sid);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Arve nr 5 _ m_rts.pdf"; filename*=UTF-8''Arve%20nr%205%20%E2%80%93%20m%C3%A4rts.pdf`,
    );
  });
});

describe('media through the control API', () => {
  const post = async (body: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${fakeOf().url}/__fake/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('POST inbound takes media with base64 bytes, and the CDN serves exactly those bytes', async () => {
    const created = await post({ from: DEMO_CONTACTS.ann.number, body: 'Here is the photo', media: [sampleMedia(SAMPLE_PNG)] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ num_media: '1', body: 'Here is the photo' });
    const sid = created.body.sid as string;
    expect(sid).toMatch(/^MM/);
    const [item] = (await mediaList(sid)).media_list;
    expect(Buffer.from(await (await download(sid, item!.sid)).arrayBuffer())).toEqual(SAMPLE_PNG.bytes);
  });

  it.each([
    ['media that is not an array', { media: { contentType: 'image/png' } }, 'media: expected an array'],
    ['a missing content type', { media: [{ base64: SAMPLE_PNG.base64 }] }, 'media[0].contentType: expected a string'],
    ['a content type that is no MIME type', { media: [{ contentType: 'png' }] }, 'media[0].contentType: not a MIME type: png'],
    ['base64 and size together', { media: [{ contentType: 'image/png', base64: 'AAAA', size: 3 }] }, 'media[0]: give base64 or size, not both'],
    ['bytes that are not base64', { media: [{ contentType: 'image/png', base64: '***' }] }, 'media[0].base64: not base64'],
    ['a negative size', { media: [{ contentType: 'image/png', size: -1 }] }, 'media[0].size: a whole number of bytes from 0 to 104857600'],
    ['a filename with a slash', { media: [{ contentType: 'image/png', filename: 'a/b.png' }] }, 'media[0].filename: a non-blank name without slashes or line breaks'],
    ['eleven files', { media: Array.from({ length: 11 }, () => ({ contentType: 'image/png' })) }, 'media: at most 10 per message (got 11)'],
  ])('400 for %s', async (_name, extra, error) => {
    const before = fakeOf().control.messages().length;
    expect(await post({ from: DEMO_CONTACTS.ann.number, body: '', ...extra })).toEqual({ status: 400, body: { error } });
    expect(fakeOf().control.messages()).toHaveLength(before);
  });

  it('a refused request takes no SIDs: the next message gets the SID it would have had', async () => {
    const twin = await startFakeTwilio({ seed: 'demo', now: NOW });
    try {
      expect(() =>
        twin.control.addInbound({ from: DEMO_CONTACTS.ann.number, body: '', media: [{ contentType: 'image/png' }, { contentType: 'bad' }] }),
      ).toThrow('not a MIME type');
      const after = twin.control.addInbound({ from: DEMO_CONTACTS.ann.number, body: '', media: [{ contentType: 'image/png' }] });
      const clean = fakeOf().control.addInbound({ from: DEMO_CONTACTS.ann.number, body: '', media: [{ contentType: 'image/png' }] });
      expect(after.sid).toBe(clean.sid);
    } finally {
      await twin.close();
    }
  });
});

describe('replies with MediaUrl', () => {
  it('two MediaUrl fields: 201, MM…, num_media "2", media typed by extension and listed in request order', async () => {
    const created = await send([
      ['Body', 'Here are the documents'],
      ['MediaUrl', 'https://acme.example/files/quote%2010482.pdf'],
      ['MediaUrl', 'https://acme.example/img/product.JPG?size=large'],
      ['MediaUrl', 'https://acme.example/download'],
    ]);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'queued', num_media: '3', body: 'Here are the documents' });
    const sid = created.body.sid as string;
    expect(sid).toMatch(/^MM[0-9a-f]{32}$/);
    const { media_list: media } = await mediaList(sid);
    expect(media.map((m) => m.content_type)).toEqual(['application/pdf', 'image/jpeg', 'application/octet-stream']);

    const pdf = await download(sid, media[0]!.sid);
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="quote 10482.pdf"');
    expect((await pdf.arrayBuffer()).byteLength).toBe(1_024);
  });

  it('a MediaUrl alone needs no Body, and the message moves queued → sent → delivered → read', async () => {
    const created = await send([['MediaUrl', 'https://acme.example/a.png']]);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ body: '', num_media: '1' });
    const sid = created.body.sid as string;
    const statusAt = async (ms: number): Promise<string> => {
      fakeOf().control.setClock({ now: NOW + ms });
      return (await getJson<MessageJson>(`${MESSAGES}/${sid}.json`)).status;
    };
    expect([await statusAt(0), await statusAt(1_500), await statusAt(2_500), await statusAt(5_000)]).toEqual([
      'queued',
      'sent',
      'delivered',
      'read',
    ]);
  });

  it('outside the window a media reply ends undelivered with 63016, like a Body', async () => {
    const created = await send([
      ['To', DEMO_CONTACTS.joao.whatsapp],
      ['MediaUrl', 'https://acme.example/a.png'],
    ]);
    // `To` was given twice: the last one wins, as for any repeated scalar field.
    expect(created.body.to).toBe(DEMO_CONTACTS.joao.whatsapp);
    fakeOf().control.setClock({ advanceMs: 3_000 });
    expect(await getJson<MessageJson>(`${MESSAGES}/${created.body.sid as string}.json`)).toMatchObject({
      status: 'undelivered',
      error_code: 63016,
      num_media: '1',
    });
  });

  it.each([
    ['a URL without http(s)', [['Body', 'x'], ['MediaUrl', 'acme.example/a.png']], 21620],
    ['an ftp URL', [['Body', 'x'], ['MediaUrl', 'ftp://acme.example/a.png']], 21620],
    ['an empty MediaUrl', [['MediaUrl', '']], 21620],
    ['eleven MediaUrl fields', Array.from({ length: 11 }, (_, i) => ['MediaUrl', `https://acme.example/${i}.png`]), 21623],
  ] as Array<[string, Array<[string, string]>, number]>)('400 for %s (%i), and no message', async (_name, pairs, code) => {
    const before = fakeOf().control.messages().length;
    const answer = await send(pairs);
    expect(answer).toMatchObject({ status: 400, body: { code, status: 400, more_info: `https://www.twilio.com/docs/errors/${code}` } });
    expect(fakeOf().control.messages()).toHaveLength(before);
  });

  it('ten MediaUrl fields are accepted', async () => {
    const answer = await send(Array.from({ length: 10 }, (_, i) => ['MediaUrl', `https://acme.example/${i}.png`] as [string, string]));
    expect(answer).toMatchObject({ status: 201, body: { num_media: '10' } });
  });

  it('the request log keeps every MediaUrl in formPairs (form keeps the last)', async () => {
    fakeOf().control.clearRequests();
    await send([['MediaUrl', 'https://acme.example/1.png'], ['MediaUrl', 'https://acme.example/2.png']]);
    const [entry] = fakeOf().control.requests();
    expect(entry?.form?.MediaUrl).toBe('https://acme.example/2.png');
    expect(entry?.formPairs?.filter(([key]) => key === 'MediaUrl').map(([, url]) => url)).toEqual([
      'https://acme.example/1.png',
      'https://acme.example/2.png',
    ]);
  });
});

describe('content types and file names (media.ts)', () => {
  it.each([
    ['photo.jpg', 'image/jpeg'],
    ['PHOTO.JPEG', 'image/jpeg'],
    ['a.png', 'image/png'],
    ['voice.ogg', 'audio/ogg'],
    ['clip.mp4', 'video/mp4'],
    ['offer.pdf', 'application/pdf'],
    ['sheet.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['archive.tar.gz', 'application/octet-stream'],
    ['README', 'application/octet-stream'],
    ['', 'application/octet-stream'],
  ])('%j → %s', (name, type) => {
    expect(contentTypeForName(name)).toBe(type);
  });

  it.each([
    ['offer.pdf', 'attachment; filename="offer.pdf"'],
    ['say "hi".txt', `attachment; filename="say _hi_.txt"; filename*=UTF-8''say%20%22hi%22.txt`],
    ['ÕUN.pdf', `attachment; filename="_UN.pdf"; filename*=UTF-8''%C3%95UN.pdf`],
    ["it's (1).pdf", `attachment; filename="it's (1).pdf"`],
  ])('Content-Disposition for %j', (name, header) => {
    expect(contentDisposition(name)).toBe(header);
  });
});
