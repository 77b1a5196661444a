import { TwilioError } from '../twilio/errors';
import type { TwilioHttp } from '../twilio/http';
import { fetchMediaFile, listMedia } from '../twilio/media';
import { MAX_MEDIA_BYTES, type MediaFileInfo } from './model';

/** The worker keeps the last files it fetched (a re-render, a reopened panel), up to this many bytes in all. */
const CACHE_BYTES = 48 * 1024 * 1024;

/** Bytes → base64, in chunks (a spread of millions of arguments would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A message's media for the page, as bytes: never a URL (Twilio's file URL needs our credentials, and the CDN URL it
 * redirects to works like one for hours). A file over MAX_MEDIA_BYTES is described, not fetched.
 */
export function createMediaCache(maxFileBytes = MAX_MEDIA_BYTES) {
  const cache = new Map<string, MediaFileInfo[]>();
  let cachedBytes = 0;
  const sizeOf = (files: MediaFileInfo[]) => files.reduce((sum, file) => sum + (file.base64?.length ?? 0), 0);

  function remember(messageSid: string, files: MediaFileInfo[]): void {
    cache.set(messageSid, files);
    cachedBytes += sizeOf(files);
    for (const [sid, old] of cache) {
      if (cachedBytes <= CACHE_BYTES || sid === messageSid) break;
      cache.delete(sid);
      cachedBytes -= sizeOf(old);
    }
  }

  async function files(http: TwilioHttp, messageSid: string): Promise<MediaFileInfo[]> {
    const cached = cache.get(messageSid);
    if (cached) return cached;
    const items = await listMedia(http, messageSid);
    const result = await Promise.all(
      items.map(async (item): Promise<MediaFileInfo> => {
        try {
          const file = await fetchMediaFile(http, item, maxFileBytes);
          return { sid: item.sid, contentType: file.contentType, size: file.bytes.byteLength, base64: toBase64(file.bytes), ...(file.fileName && { fileName: file.fileName }) };
        } catch (error) {
          if (error instanceof TwilioError && error.kind === 'too-large') {
            return { sid: item.sid, contentType: item.contentType, problem: 'too-large', ...(error.size !== undefined && { size: error.size }) };
          }
          // A redirect to a CDN host the browser will not let us read (see SECURITY.md, media hosts).
          const problem = error instanceof TwilioError && error.kind === 'network' ? 'needs-permission' : 'unavailable';
          return { sid: item.sid, contentType: item.contentType, problem };
        }
      }),
    );
    // Failed files are asked for again next time; good ones are kept.
    if (result.every((file) => !file.problem || file.problem === 'too-large')) remember(messageSid, result);
    return result;
  }

  return { files };
}
