import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { authenticate, basicUsername } from '../auth';
import { CDN_PREFIX } from '../cdn';
import { toHttpDate } from '../dates';
import { TwilioApiError, defaultCodeForStatus, errorBody, notFound } from '../errors';
import type { Fault } from '../faults';
import { answerCdn } from '../routes/cdn';
import { isRawAnswer, type RawAnswer, type RouteAnswer, type TwilioAnswer } from '../routes/context';
import { handleControlRequest } from '../routes/control';
import { matchRoute } from '../routes/twilio-routes';
import type { FakeControl } from '../control';
import type { FakeRuntime } from '../runtime';
import { prepareJson, readBody, sendJson, sendRaw, sleep, toRecord } from './io';

export const CONTROL_PREFIX = '/__fake/';

/** Twilio's paths and the control API on one server; see README.md for both. */
export function createFakeServer(runtime: FakeRuntime, control: FakeControl): Server {
  return createServer((request, response) => {
    // Prefixing (rather than resolving against a base) keeps a path like `//x` a path, not a host.
    const url = new URL(`http://127.0.0.1${request.url ?? '/'}`);
    const handling = url.pathname.startsWith(CONTROL_PREFIX)
      ? serveControl(control, request, response, url)
      : serveTwilio(runtime, request, response, url);
    handling.catch((error: unknown) => {
      console.error('fake-twilio: unexpected error', error);
      if (response.headersSent) return;
      if (!url.pathname.startsWith(CONTROL_PREFIX)) response.setHeader('Date', toHttpDate(runtime.clock.now()));
      sendJson(response, 500, errorBody(20500));
    });
  });
}

async function serveControl(
  control: FakeControl,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const text = await readBody(request);
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    sendJson(response, 400, { error: 'The control API takes JSON bodies' });
    return;
  }
  const answer = handleControlRequest(control, request.method ?? 'GET', url.pathname.slice(CONTROL_PREFIX.length), body);
  sendJson(response, answer.status, answer.body);
}

/**
 * Latency, then any fault for this path, then the Twilio route (or the media CDN under `/__cdn/`); every
 * request lands in the log, and every answer carries the fake clock's `Date`.
 */
async function serveTwilio(
  runtime: FakeRuntime,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const method = request.method ?? 'GET';
  const path = url.pathname;
  const text = method === 'POST' || method === 'PUT' ? await readBody(request) : null;
  // The Content API takes JSON; the 2010 API forms. Twilio reads the body by its Content-Type.
  const isJson = /^application\/json\b/i.test(String(request.headers['content-type'] ?? ''));
  const body = text === null ? { json: null, formPairs: null } : isJson ? readJson(text) : { json: null, formPairs: [...new URLSearchParams(text).entries()] };
  const formPairs = body.formPairs;
  const form = formPairs && Object.fromEntries(formPairs);
  const arrivedAt = runtime.clock.now();
  const finish = (status: number | null): void =>
    runtime.log.record({
      method,
      path,
      query: toRecord(url.searchParams),
      form,
      formPairs,
      json: body.json === undefined ? null : body.json,
      authUser: basicUsername(request.headers.authorization),
      status,
      at: arrivedAt,
    });
  // Node would stamp the machine's time; Twilio's `Date` is what a client compares token expiry or
  // window ends with, so it follows the fake clock (frozen, moved or real) at the moment of answering.
  const stampDate = (): void => {
    response.setHeader('Date', toHttpDate(runtime.clock.now()));
  };

  // The latency is the time a request takes at Twilio, the server's own work included: the answer is prepared
  // first, then sent when `latencyMs` has passed since the request arrived (never sooner).
  const started = performance.now();
  const waitOutLatency = () => sleep(Math.max(0, runtime.settings.latencyMs - (performance.now() - started)));
  const fault = runtime.faults.take(method, path);
  if (fault) {
    await waitOutLatency();
    await sleep(fault.delayMs);
    stampDate();
    if (applyFault(fault, request, response)) {
      finish(fault.drop ? null : response.statusCode);
      return;
    }
  }

  const answer = path.startsWith(CDN_PREFIX)
    ? answerCdn(runtime.store, runtime.cdn, method, path, runtime.clock.now())
    : answerTwilio(runtime, method, url, formPairs ?? [], body.json, request.headers.authorization);
  const ready = isRawAnswer(answer) ? answer : preparedJson(request, answer);
  await waitOutLatency();
  stampDate();
  response.writeHead(ready.status, ready.headers);
  response.end(ready.raw);
  finish(ready.status);
}

/** A JSON body; `undefined` when it is not JSON (the route answers Twilio's 400 for that). */
function readJson(text: string): { json: unknown; formPairs: null } {
  try {
    return { json: JSON.parse(text) as unknown, formPairs: null };
  } catch {
    return { json: undefined, formPairs: null };
  }
}

/** A JSON answer as bytes with its headers (gzip-compressed when the client accepts it); a 204 has no body. */
function preparedJson(request: IncomingMessage, answer: RouteAnswer): RawAnswer {
  if (answer.status === 204) return { status: 204, raw: Buffer.alloc(0), headers: {} };
  const body = prepareJson(request, JSON.stringify(answer.body));
  return {
    status: answer.status,
    raw: body.bytes,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(body.bytes.length),
      ...body.headers,
    },
  };
}

/** Plays a fault; false when it only delays and the request should be answered normally. */
function applyFault(fault: Fault, request: IncomingMessage, response: ServerResponse): boolean {
  const headers: Record<string, string> = fault.retryAfter === null ? {} : { 'Retry-After': String(fault.retryAfter) };
  if (fault.drop) {
    request.socket.destroy();
    return true;
  }
  if (fault.malformed) {
    sendRaw(response, fault.status ?? 200, '{"messages": [{"sid": "SM', headers);
    return true;
  }
  if (fault.status !== null) {
    const code = fault.code ?? defaultCodeForStatus(fault.status);
    sendJson(response, fault.status, errorBody(code, fault.message ?? undefined, fault.status), headers);
    return true;
  }
  return false;
}

function answerTwilio(
  runtime: FakeRuntime,
  method: string,
  url: URL,
  formPairs: Array<[string, string]>,
  json: unknown,
  authorization: string | undefined,
): TwilioAnswer {
  const path = url.pathname;
  const match = matchRoute(method, path);
  if (match.kind === 'unknown') return errorAnswer(notFound(path));
  if (match.kind === 'wrong-method') return errorAnswer(new TwilioApiError(20004));

  const { store } = runtime;
  const principal = authenticate(authorization, store.credentials);
  if (!principal) return errorAnswer(new TwilioApiError(20003));
  // Valid credentials but another account in the path: Twilio answers 404, not 401, which lets a
  // client tell "wrong Account SID" from "wrong secret".
  if (match.params.accountSid !== undefined && match.params.accountSid !== store.credentials.accountSid) {
    return errorAnswer(notFound(path));
  }
  try {
    return match.route.handle({
      store,
      now: runtime.clock.now(),
      delays: runtime.settings.delays,
      principal,
      path,
      query: toRecord(url.searchParams),
      queryPairs: [...url.searchParams.entries()],
      form: Object.fromEntries(formPairs),
      formPairs,
      json,
      cdn: runtime.cdn,
      params: match.params,
    });
  } catch (error) {
    if (error instanceof TwilioApiError) return errorAnswer(error);
    throw error;
  }
}

function errorAnswer(error: TwilioApiError): RouteAnswer {
  return { status: error.body.status, body: error.body };
}
