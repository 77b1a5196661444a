import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  SAMPLE_OGG,
  SAMPLE_PDF,
  SAMPLE_PNG,
  crc32,
  generatedMedia,
  oggCrc,
  sampleMedia,
} from '../../fake-twilio/seeds/media-samples';

/** The sample files are what they claim to be: checked with independent decoders and published check values. */

describe('checksums', () => {
  it('CRC-32 and Ogg’s CRC give the published check values for "123456789"', () => {
    const check = Buffer.from('123456789');
    expect(crc32(check)).toBe(0xcbf43926);
    expect(oggCrc(check)).toBe(0x89a1897f);
  });
});

describe('SAMPLE_PNG', () => {
  const chunks = (png: Buffer): Array<{ type: string; data: Buffer; crc: number }> => {
    const found: Array<{ type: string; data: Buffer; crc: number }> = [];
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      const type = png.subarray(at + 4, at + 8).toString('latin1');
      found.push({ type, data: png.subarray(at + 8, at + 8 + length), crc: png.readUInt32BE(at + 8 + length) });
      at += 12 + length;
    }
    return found;
  };

  it('has the PNG signature, IHDR 8×8 RGB, an IDAT that inflates to 8 filtered rows, and IEND', () => {
    const png = SAMPLE_PNG.bytes;
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const list = chunks(png);
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const [ihdr, idat] = list;
    expect(ihdr!.data.readUInt32BE(0)).toBe(8);
    expect(ihdr!.data.readUInt32BE(4)).toBe(8);
    expect([...ihdr!.data.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
    const pixels = inflateSync(idat!.data); // Node's zlib: an independent decoder
    expect(pixels.length).toBe(8 * (1 + 8 * 3));
    expect([...pixels.subarray(0, 4)]).toEqual([0, 0x25, 0xd3, 0x66]);
  });

  it('every chunk’s CRC is right', () => {
    for (const chunk of chunks(SAMPLE_PNG.bytes)) {
      expect(chunk.crc, chunk.type).toBe(crc32(Buffer.concat([Buffer.from(chunk.type, 'latin1'), chunk.data])));
    }
  });
});

describe('SAMPLE_PDF', () => {
  const text = SAMPLE_PDF.bytes.toString('latin1');

  it('starts with a PDF header and ends with %%EOF', () => {
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
  });

  it('startxref points at the xref table, and every xref offset at its object', () => {
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
    const entries = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(entries).toHaveLength(5);
    entries.forEach((offset, i) => expect(text.slice(offset, offset + 8)).toBe(`${i + 1} 0 obj\n`));
  });

  it('the content stream is as long as its /Length says', () => {
    const match = /<< \/Length (\d+) >>\nstream\n([\s\S]*?)\nendstream/.exec(text);
    expect(match?.[2]?.length).toBe(Number(match?.[1]));
    expect(match?.[2]).toContain('(Invoice 10482) Tj');
  });
});

describe('SAMPLE_OGG', () => {
  const pages = (ogg: Buffer): Buffer[] => {
    const found: Buffer[] = [];
    for (let at = 0; at < ogg.length; ) {
      const segments = ogg[at + 26]!;
      const body = [...ogg.subarray(at + 27, at + 27 + segments)].reduce((a, b) => a + b, 0);
      const length = 27 + segments + body;
      found.push(ogg.subarray(at, at + length));
      at += length;
    }
    return found;
  };

  it('is three Ogg pages (first and last flagged) with valid CRCs: OpusHead, OpusTags, one audio packet', () => {
    const list = pages(SAMPLE_OGG.bytes);
    expect(list).toHaveLength(3);
    for (const page of list) {
      expect(page.subarray(0, 4).toString('latin1')).toBe('OggS');
      const zeroed = Buffer.from(page);
      zeroed.writeUInt32LE(0, 22);
      expect(page.readUInt32LE(22)).toBe(oggCrc(zeroed));
    }
    expect(list.map((p) => p[5])).toEqual([0x02, 0x00, 0x04]);
    expect(list.map((p) => p.readUInt32LE(18))).toEqual([0, 1, 2]);
    const head = list[0]!.subarray(28);
    expect(head.subarray(0, 8).toString('latin1')).toBe('OpusHead');
    expect(head.readUInt32LE(12)).toBe(48_000);
    expect(list[1]!.subarray(28, 36).toString('latin1')).toBe('OpusTags');
  });
});

describe('helpers', () => {
  it('sampleMedia gives addInbound input with the bytes as base64 and the sample’s filename', () => {
    expect(sampleMedia(SAMPLE_PDF)).toEqual({ contentType: 'application/pdf', base64: SAMPLE_PDF.base64, filename: 'invoice-10482.pdf' });
    expect(sampleMedia(SAMPLE_PNG)).toEqual({ contentType: 'image/png', base64: SAMPLE_PNG.base64 });
    expect(sampleMedia(SAMPLE_PNG, { filename: 'shelf.png' })).toMatchObject({ filename: 'shelf.png' });
    expect(Buffer.from(SAMPLE_OGG.base64, 'base64')).toEqual(SAMPLE_OGG.bytes);
    expect(SAMPLE_OGG.contentType).toBe('audio/ogg');
  });

  it('generatedMedia asks for a size, not bytes', () => {
    expect(generatedMedia('video/mp4', 17_000_000)).toEqual({ contentType: 'video/mp4', size: 17_000_000 });
    expect(generatedMedia('application/pdf', 10, 'big.pdf')).toEqual({ contentType: 'application/pdf', size: 10, filename: 'big.pdf' });
  });
});
