import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendRaw(response, status, JSON.stringify(body), headers);
}

/** Writes a body as-is with a JSON content type (also used to send deliberately broken JSON). */
export function sendRaw(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

/** A JSON body ready to send: gzip-compressed, as Twilio answers, when the client accepts it and it is worth it. */
export interface PreparedBody {
  bytes: Buffer;
  headers: Record<string, string>;
}

export function prepareJson(request: IncomingMessage, text: string): PreparedBody {
  const accepts = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  if (!accepts || text.length < 1_024) return { bytes: Buffer.from(text), headers: {} };
  return { bytes: gzipSync(text, { level: 1 }), headers: { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } };
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** Flat query/form parameters; for a repeated key the last value wins. */
export function toRecord(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries(params.entries());
}
