import { createHash } from 'node:crypto';
import { ControlError } from './control-error';
import type { FakeStore } from './store';
import type { MediaContent, MediaRecord } from './types';

/**
 * Media files on messages: what a customer's WhatsApp attachment (control API) or a reply's `MediaUrl`
 * becomes, and the bytes the CDN serves for one.
 */

/** A customer's attachment as a test describes it (`addInbound({…, media: [...]})`). */
export interface InboundMediaInput {
  /** MIME type, e.g. `image/jpeg`, `audio/ogg`, `application/pdf`. */
  contentType: string;
  /** Sent only as the CDN's `Content-Disposition` (Twilio's Media resource has no filename). */
  filename?: string;
  /** The file's bytes. */
  base64?: string;
  /** Without `base64`: this many deterministic bytes (for "too big" tests). Neither: 1 KiB of them. */
  size?: number;
}

/** Twilio takes up to ten media per message (WhatsApp itself delivers one per message). */
export const MAX_MEDIA_PER_MESSAGE = 10;
/** No Twilio limit is modelled for inbound media; this only keeps a typo from allocating gigabytes. */
export const MAX_GENERATED_MEDIA_BYTES = 100 * 1024 * 1024;
const DEFAULT_GENERATED_BYTES = 1_024;
/** What the fake serves for a reply's MediaUrl: it never fetches the URL (see README). */
export const OUTBOUND_MEDIA_BYTES = 1_024;

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function buildInboundMedia(store: FakeStore, inputs: readonly InboundMediaInput[]): MediaRecord[] {
  if (inputs.length > MAX_MEDIA_PER_MESSAGE) {
    throw new ControlError(`media: at most ${MAX_MEDIA_PER_MESSAGE} per message (got ${inputs.length})`);
  }
  // Everything is checked before any SID is taken, so a refused request leaves later SIDs as they were.
  const checked = inputs.map((input, i) => {
    const field = `media[${i}]`;
    if (!MIME_TYPE.test(input.contentType)) throw new ControlError(`${field}.contentType: not a MIME type: ${input.contentType}`);
    if (input.filename !== undefined && (input.filename.trim() === '' || /[\r\n/\\]/.test(input.filename))) {
      throw new ControlError(`${field}.filename: a non-blank name without slashes or line breaks`);
    }
    return { contentType: input.contentType, filename: input.filename ?? null, content: mediaContent(input, field) };
  });
  return checked.map((media) => ({ sid: store.nextSid('ME'), ...media }));
}

function mediaContent(input: InboundMediaInput, field: string): MediaContent {
  if (input.base64 !== undefined && input.size !== undefined) {
    throw new ControlError(`${field}: give base64 or size, not both`);
  }
  if (input.base64 !== undefined) {
    const compact = input.base64.replace(/\s+/g, '');
    if (!BASE64.test(compact) || compact.length % 4 === 1) throw new ControlError(`${field}.base64: not base64`);
    return { kind: 'bytes', bytes: Buffer.from(compact, 'base64') };
  }
  const size = input.size ?? DEFAULT_GENERATED_BYTES;
  if (!Number.isInteger(size) || size < 0 || size > MAX_GENERATED_MEDIA_BYTES) {
    throw new ControlError(`${field}.size: a whole number of bytes from 0 to ${MAX_GENERATED_MEDIA_BYTES}`);
  }
  return { kind: 'generated', size };
}

/** Media Twilio stores for a reply's MediaUrl: typed by the URL's extension, named by its last path segment. */
export function outboundMedia(store: FakeStore, urls: readonly string[]): MediaRecord[] {
  return urls.map((url) => {
    const name = lastPathSegment(url);
    return {
      sid: store.nextSid('ME'),
      contentType: contentTypeForName(name ?? ''),
      filename: name,
      content: { kind: 'generated', size: OUTBOUND_MEDIA_BYTES },
    };
  });
}

export function mediaSize(media: MediaRecord): number {
  return media.content.kind === 'bytes' ? media.content.bytes.length : media.content.size;
}

/** The file's bytes; generated ones depend only on the media SID and size, so every download is identical. */
export function mediaBytes(media: MediaRecord): Buffer {
  if (media.content.kind === 'bytes') return media.content.bytes;
  const { size } = media.content;
  const block = Buffer.concat(
    Array.from({ length: 128 }, (_, i) => createHash('sha256').update(`${media.sid}:${i}`).digest()),
  );
  return Buffer.alloc(size, block);
}

const TYPES_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  '3gp': 'video/3gpp',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  amr: 'audio/amr',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  vcf: 'text/vcard',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** By extension, case-insensitive; `application/octet-stream` when there is none or it is unknown. */
export function contentTypeForName(name: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return (extension && TYPES_BY_EXTENSION[extension]) || 'application/octet-stream';
}

function lastPathSegment(url: string): string | null {
  const segment = new URL(url).pathname.split('/').at(-1) ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    decoded = segment;
  }
  return decoded === '' || /[\r\n/\\]/.test(decoded) ? null : decoded;
}

/**
 * `attachment; filename="…"`, with an RFC 5987 `filename*` beside an ASCII fallback when the name is not
 * plain ASCII (an HTTP header cannot carry it raw).
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  if (ascii === filename) return `attachment; filename="${ascii}"`;
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
