import { describe, expect, it } from 'vitest';
import { createMediaCache } from '@/lib/conversations/media';
import { TwilioError } from '@/lib/twilio/errors';
import type { TwilioHttp } from '@/lib/twilio/http';

const MESSAGE = 'MM' + 'a'.repeat(32);
const MEDIA = 'ME' + 'b'.repeat(32);

/** Twilio lists one image; downloading it fails as `fail` says (a CDN the browser will not let us read, a 404). */
function http(fail: TwilioError | undefined, calls: string[] = []): TwilioHttp {
  return {
    accountSid: 'AC' + '0'.repeat(32),
    request: async <T,>() => ({ media_list: [{ sid: MEDIA, content_type: 'image/jpeg', uri: `/x/${MEDIA}.json` }], next_page_uri: null }) as T,
    requestBytes: async (req) => {
      calls.push(req.url);
      if (fail) throw fail;
      return { bytes: new Uint8Array([1, 2, 3]), contentType: 'image/jpeg', disposition: undefined };
    },
  };
}

describe('media the browser may not read', () => {
  it('a download the browser blocks (no answer at all) asks for the media permission', async () => {
    const [file] = await createMediaCache().files(http(new TwilioError({ kind: 'network', message: 'Failed to fetch' })), MESSAGE);
    expect(file).toEqual({ sid: MEDIA, contentType: 'image/jpeg', problem: 'needs-permission' });
  });

  it('a refusal from Twilio is "unavailable", and a failed file is asked for again next time', async () => {
    const calls: string[] = [];
    const cache = createMediaCache();
    const [file] = await cache.files(http(new TwilioError({ kind: 'http', status: 404, message: 'gone' }), calls), MESSAGE);
    expect(file?.problem).toBe('unavailable');
    await cache.files(http(undefined, calls), MESSAGE);
    expect(calls).toHaveLength(2);
    // A good answer is kept: no third download.
    await cache.files(http(undefined, calls), MESSAGE);
    expect(calls).toHaveLength(2);
  });
});
