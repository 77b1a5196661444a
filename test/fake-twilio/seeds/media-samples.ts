import type { InboundMediaInput } from '../media';

/**
 * Tiny but valid files for media tests, built here byte by byte (no binary blobs in the repo), so they
 * are the same on every run and every Node version:
 *
 * - SAMPLE_PNG: an 8×8 WhatsApp-green PNG (`image/png`).
 * - SAMPLE_PDF: a one-page PDF saying "Invoice 10482" (`application/pdf`, `invoice-10482.pdf`).
 * - SAMPLE_OGG: an Ogg Opus voice note of 20 ms of silence (`audio/ogg`, the type WhatsApp voice notes have).
 *
 * `sampleMedia(SAMPLE_PDF)` turns one into `addInbound`'s media input; `generatedMedia('video/mp4', 20e6)`
 * asks for deterministic bytes of a given size instead (a "too big" file without a real one).
 */
export interface MediaSample {
  contentType: string;
  /** Only documents carry one by default; it reaches clients as the CDN's Content-Disposition. */
  filename: string | undefined;
  bytes: Buffer;
  base64: string;
}

export const SAMPLE_PNG: MediaSample = sample('image/png', undefined, solidPng(8, 8, [0x25, 0xd3, 0x66]));
export const SAMPLE_PDF: MediaSample = sample('application/pdf', 'invoice-10482.pdf', onePagePdf('Invoice 10482'));
/** A photo-sized image (140×140, one colour: one stored zlib block) for the screenshots, where 8×8 would not be seen. */
export const SAMPLE_PHOTO: MediaSample = sample('image/png', undefined, solidPng(140, 140, [0xc8, 0xa2, 0x7a]));
export const SAMPLE_OGG: MediaSample = sample('audio/ogg', undefined, silentOggOpus());

/** A sample as `addInbound` media; `overrides` can rename it or change its type. */
export function sampleMedia(media: MediaSample, overrides: Partial<Pick<InboundMediaInput, 'contentType' | 'filename'>> = {}): InboundMediaInput {
  const input: InboundMediaInput = { contentType: media.contentType, base64: media.base64, ...overrides };
  if (input.filename === undefined && media.filename !== undefined) input.filename = media.filename;
  return input;
}

/** `size` deterministic bytes of that type: for size limits, not for rendering. */
export function generatedMedia(contentType: string, size: number, filename?: string): InboundMediaInput {
  return filename === undefined ? { contentType, size } : { contentType, size, filename };
}

function sample(contentType: string, filename: string | undefined, bytes: Buffer): MediaSample {
  return { contentType, filename, bytes, base64: bytes.toString('base64') };
}

// --- PNG ------------------------------------------------------------------------------------------

function solidPng(width: number, height: number, rgb: readonly [number, number, number]): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from(rgb))]); // filter byte 0: None
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', storedZlib(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A zlib stream of one uncompressed ("stored") deflate block: valid, and independent of any zlib version. */
function storedZlib(data: Buffer): Buffer {
  if (data.length > 0xffff) throw new Error('storedZlib: one stored block holds at most 65535 bytes');
  const block = Buffer.alloc(5);
  block[0] = 1; // final block, stored
  block.writeUInt16LE(data.length, 1);
  block.writeUInt16LE(~data.length & 0xffff, 3);
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(adler32(data));
  return Buffer.concat([Buffer.from([0x78, 0x01]), block, data, adler]);
}

/** CRC-32 as PNG and zlib use it (reflected, polynomial 0xEDB88320). */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

// --- PDF ------------------------------------------------------------------------------------------

/** PDF 1.4 with one page of Helvetica text; the cross-reference table holds the real byte offsets. */
function onePagePdf(text: string): Buffer {
  const content = `BT /F1 18 Tf 20 45 Td (${text.replace(/[()\\]/g, (c) => `\\${c}`)}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 240 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

// --- Ogg Opus -------------------------------------------------------------------------------------

/** Three Ogg pages: OpusHead, OpusTags, and one 20 ms silent CELT frame (TOC 0xF8 + 0xFF 0xFE). */
function silentOggOpus(): Buffer {
  const serial = 0x5741_4e54;
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1; // version
  head[9] = 1; // mono
  head.writeUInt16LE(312, 10); // pre-skip
  head.writeUInt32LE(48_000, 12); // input sample rate
  head.writeInt16LE(0, 16); // output gain
  head[18] = 0; // channel mapping family
  const vendor = Buffer.from('fake-twilio', 'latin1');
  const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
  tags.write('OpusTags', 0, 'latin1');
  tags.writeUInt32LE(vendor.length, 8);
  vendor.copy(tags, 12);
  tags.writeUInt32LE(0, 12 + vendor.length); // no user comments
  return Buffer.concat([
    oggPage({ serial, sequence: 0, granule: 0, flags: 0x02, packet: head }),
    oggPage({ serial, sequence: 1, granule: 0, flags: 0x00, packet: tags }),
    oggPage({ serial, sequence: 2, granule: 960, flags: 0x04, packet: Buffer.from([0xf8, 0xff, 0xfe]) }),
  ]);
}

function oggPage(page: { serial: number; sequence: number; granule: number; flags: number; packet: Buffer }): Buffer {
  if (page.packet.length >= 255) throw new Error('oggPage: one segment per page here');
  const header = Buffer.alloc(27 + 1);
  header.write('OggS', 0, 'latin1');
  header[4] = 0; // stream structure version
  header[5] = page.flags; // 0x02 first page, 0x04 last page
  header.writeBigUInt64LE(BigInt(page.granule), 6);
  header.writeUInt32LE(page.serial, 14);
  header.writeUInt32LE(page.sequence, 18);
  header.writeUInt32LE(0, 22); // CRC, filled in below
  header[26] = 1; // one lacing value
  header[27] = page.packet.length;
  const bytes = Buffer.concat([header, page.packet]);
  bytes.writeUInt32LE(oggCrc(bytes), 22);
  return bytes;
}

/** Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0, over the page with its CRC field zeroed. */
export function oggCrc(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte << 24;
    for (let k = 0; k < 8; k++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}
