import { CDN_PREFIX, type CdnLinks } from '../cdn';
import { contentDisposition, mediaBytes, mediaSize } from '../media';
import type { FakeStore } from '../store';
import type { RawAnswer } from './context';

/**
 * The CDN behind `Location` (see cdn.ts): `GET`/`HEAD /__cdn/{AC}/{token}`, no auth. A live link gets
 * the bytes with their type, length, filename (when known) and `Access-Control-Allow-Origin: *`; an
 * expired, unknown or malformed one gets 403, as a CDN refusing a signed URL does.
 */
export function answerCdn(store: FakeStore, cdn: CdnLinks, method: string, path: string, now: number): RawAnswer {
  if (method !== 'GET' && method !== 'HEAD') {
    return { status: 405, raw: Buffer.alloc(0), headers: { Allow: 'GET, HEAD', ...CORS, 'Content-Length': '0' } };
  }
  const match = /^(?<accountSid>[^/]+)\/(?<token>[0-9a-f]{32})$/.exec(path.slice(CDN_PREFIX.length));
  const link = match?.groups && cdn.find(match.groups.accountSid ?? '', match.groups.token ?? '');
  if (!link || now >= link.expiresAt) return accessDenied();
  const found = store.media(link.messageSid, link.mediaSid);
  if (!found) return accessDenied();

  const { media } = found;
  const headers: Record<string, string> = {
    'Content-Type': media.contentType,
    'Content-Length': String(mediaSize(media)),
    ...CORS,
  };
  if (media.filename !== null) headers['Content-Disposition'] = contentDisposition(media.filename);
  return { status: 200, raw: method === 'HEAD' ? Buffer.alloc(0) : mediaBytes(media), headers };
}

const CORS = { 'Access-Control-Allow-Origin': '*' };

function accessDenied(): RawAnswer {
  const raw = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access denied</Message></Error>',
  );
  return {
    status: 403,
    raw,
    headers: { 'Content-Type': 'text/xml', 'Content-Length': String(raw.length), ...CORS },
  };
}
