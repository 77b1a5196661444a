import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';
import { DEMO_CONTACTS } from '../../fake-twilio/seeds/demo';
import { SAMPLE_PDF, SAMPLE_PNG, generatedMedia, sampleMedia } from '../../fake-twilio/seeds/media-samples';
import { httpAgainst } from '../helpers/fake-http';
import { createMediaCache } from '@/lib/conversations/media';
import { TwilioError } from '@/lib/twilio/errors';
import { fetchMediaFile, fileNameFrom, listMedia } from '@/lib/twilio/media';

let fake: FakeTwilio;
beforeEach(async () => {
  fake = await startFakeTwilio({ seed: 'demo' });
});
afterEach(() => fake.close());

describe('a message’s media', () => {
  it('lists the files and downloads each through Twilio’s redirect, bytes and type intact', async () => {
    const message = fake.control.addInbound({ from: DEMO_CONTACTS.mari.number, body: '', media: [sampleMedia(SAMPLE_PNG), sampleMedia(SAMPLE_PDF)] });
    expect(message.sid).toMatch(/^MM/);
    const http = httpAgainst(fake);
    const items = await listMedia(http, message.sid);
    expect(items.map((i) => i.contentType)).toEqual(['image/png', 'application/pdf']);
    expect(items[0]!.fileUrl).toMatch(new RegExp(`^https://api\\.twilio\\.com/2010-04-01/Accounts/AC[0-9a-f]{32}/Messages/${message.sid}/Media/ME[0-9a-f]{32}$`));
    const png = await fetchMediaFile(http, items[0]!, 1_000_000);
    expect(Buffer.from(png.bytes).equals(SAMPLE_PNG.bytes)).toBe(true);
    expect(png.contentType).toBe('image/png');
    const pdf = await fetchMediaFile(http, items[1]!, 1_000_000);
    expect(pdf.fileName).toBe('invoice-10482.pdf');
    expect(Buffer.from(pdf.bytes).equals(SAMPLE_PDF.bytes)).toBe(true);
    // The CDN was asked without our credentials.
    const cdn = fake.control.requests().filter((r) => r.path.startsWith('/__cdn/'));
    expect(cdn).toHaveLength(2);
    expect(cdn.every((r) => r.authUser === null || r.authUser === undefined)).toBe(true);
  });

  it('stops at the size cap and says how big the file is', async () => {
    const message = fake.control.addInbound({ from: DEMO_CONTACTS.mari.number, body: '', media: [generatedMedia('video/mp4', 300_000, 'tour.mp4')] });
    const http = httpAgainst(fake);
    const [item] = await listMedia(http, message.sid);
    const error = await fetchMediaFile(http, item!, 100_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TwilioError);
    expect(error).toMatchObject({ kind: 'too-large', size: 300_000 });
    const [file] = await createMediaCache(100_000).files(http, message.sid);
    expect(file).toEqual({ sid: item!.sid, contentType: 'video/mp4', problem: 'too-large', size: 300_000 });
  });

  it('hands the page base64 bytes, never a URL', async () => {
    const message = fake.control.addInbound({ from: DEMO_CONTACTS.mari.number, body: '', media: [sampleMedia(SAMPLE_PNG)] });
    const [file] = await createMediaCache().files(httpAgainst(fake), message.sid);
    expect(file).toEqual({ sid: expect.stringMatching(/^ME/), contentType: 'image/png', size: SAMPLE_PNG.bytes.length, base64: SAMPLE_PNG.base64 });
    expect(JSON.stringify(file)).not.toMatch(/https?:/);
  });

  it.each([
    ['quoted', 'attachment; filename="offer.pdf"', 'offer.pdf'],
    ['RFC 5987', "attachment; filename=\"a.pdf\"; filename*=UTF-8''hinnapakkumine%20%C3%B5.pdf", 'hinnapakkumine õ.pdf'],
    ['a path is cut to its last part', 'attachment; filename="../../etc/passwd"', 'passwd'],
    ['none', undefined, undefined],
  ])('reads the file name from Content-Disposition: %s', (_name, header, expected) => {
    expect(fileNameFrom(header)).toBe(expected);
  });
});
