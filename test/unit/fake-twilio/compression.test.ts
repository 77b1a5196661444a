import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';

let fake: FakeTwilio;
beforeEach(async () => {
  fake = await startFakeTwilio({ seed: 'demo' });
});
afterEach(() => fake.close());

function get(path: string, acceptEncoding?: string): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  const auth = Buffer.from(`${fake.credentials.accountSid}:${fake.credentials.authToken}`).toString('base64');
  return new Promise((resolve, reject) => {
    const req = request(`${fake.url}${path}`, { headers: { authorization: `Basic ${auth}`, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the fake compresses like Twilio', () => {
  it('answers gzip to a client that accepts it, and plain JSON otherwise, with the same content', async () => {
    const zipped = await get('/v1/ContentAndApprovals?PageSize=50', 'gzip, deflate, br');
    const plain = await get('/v1/ContentAndApprovals?PageSize=50');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 3);
    expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
  });
});
