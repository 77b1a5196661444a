import type { FakeControl } from '../control';
import { ControlError } from '../control-error';
import type { RouteAnswer } from './context';
import {
  readClock,
  readFailureCode,
  readFault,
  readInbound,
  readLatency,
  readStatusDelays,
  readTemplate,
  readTemplatePatch,
} from './control-input';

/**
 * The control API under `/__fake/` (not Twilio): JSON in, JSON out, no auth. Each entry maps one
 * method + path to one FakeControl operation; README.md lists them with examples.
 */
interface ControlRoute {
  method: string;
  pattern: RegExp;
  handle(control: FakeControl, body: unknown, params: Record<string, string>): RouteAnswer;
}

const ok = (body: unknown, status = 200): RouteAnswer => ({ status, body });

const CONTROL_ROUTES: readonly ControlRoute[] = [
  { method: 'GET', pattern: /^credentials$/, handle: (c) => ok(c.credentials()) },
  { method: 'POST', pattern: /^inbound$/, handle: (c, body) => ok(c.addInbound(readInbound(body)), 201) },
  { method: 'GET', pattern: /^messages$/, handle: (c) => ok({ messages: c.messages() }) },
  { method: 'POST', pattern: /^templates$/, handle: (c, body) => ok(c.upsertTemplate(readTemplate(body, undefined))) },
  {
    method: 'PUT',
    pattern: /^templates\/(?<sid>[^/]+)$/,
    handle: (c, body, p) => ok(c.upsertTemplate(readTemplate(body, p.sid))),
  },
  {
    method: 'PATCH',
    pattern: /^templates\/(?<sid>[^/]+)$/,
    handle: (c, body, p) => ok(c.patchTemplate(p.sid ?? '', readTemplatePatch(body))),
  },
  {
    method: 'DELETE',
    pattern: /^templates\/(?<sid>[^/]+)$/,
    handle(c, _body, p) {
      if (!c.deleteTemplate(p.sid ?? '')) throw new ControlError(`No template ${p.sid}`, 404);
      return ok({ deleted: p.sid });
    },
  },
  {
    method: 'PUT',
    pattern: /^contacts\/(?<contact>[^/]+)\/failure$/,
    handle(c, body, p) {
      c.setContactFailure(decodeURIComponent(p.contact ?? ''), readFailureCode(body));
      return ok({ contact: decodeURIComponent(p.contact ?? '') });
    },
  },
  {
    method: 'DELETE',
    pattern: /^contacts\/(?<contact>[^/]+)\/failure$/,
    handle(c, _body, p) {
      c.setContactFailure(decodeURIComponent(p.contact ?? ''), null);
      return ok({ contact: decodeURIComponent(p.contact ?? '') });
    },
  },
  { method: 'GET', pattern: /^faults$/, handle: (c) => ok({ faults: c.listFaults() }) },
  { method: 'POST', pattern: /^faults$/, handle: (c, body) => ok(c.setFault(readFault(body)), 201) },
  {
    method: 'DELETE',
    pattern: /^faults$/,
    handle(c) {
      c.clearFaults();
      return ok({ faults: [] });
    },
  },
  {
    method: 'DELETE',
    pattern: /^faults\/(?<id>\d+)$/,
    handle(c, _body, p) {
      if (!c.removeFault(Number(p.id))) throw new ControlError(`No fault ${p.id}`, 404);
      return ok({ deleted: Number(p.id) });
    },
  },
  {
    method: 'PUT',
    pattern: /^latency$/,
    handle(c, body) {
      const ms = readLatency(body);
      c.setLatency(ms);
      return ok({ ms });
    },
  },
  { method: 'PUT', pattern: /^status-delays$/, handle: (c, body) => ok(c.setStatusDelays(readStatusDelays(body))) },
  { method: 'GET', pattern: /^requests$/, handle: (c) => ok({ requests: c.requests() }) },
  {
    method: 'DELETE',
    pattern: /^requests$/,
    handle(c) {
      c.clearRequests();
      return ok({ requests: [] });
    },
  },
  { method: 'GET', pattern: /^clock$/, handle: (c) => ok(c.clock()) },
  { method: 'PUT', pattern: /^clock$/, handle: (c, body) => ok(c.setClock(readClock(body))) },
  {
    method: 'POST',
    pattern: /^reset$/,
    handle(c) {
      c.reset();
      return ok({ reset: true });
    },
  },
];

/** `path` is relative to `/__fake/`. */
export function handleControlRequest(control: FakeControl, method: string, path: string, body: unknown): RouteAnswer {
  try {
    for (const route of CONTROL_ROUTES) {
      const match = route.pattern.exec(path);
      if (match && route.method === method) return route.handle(control, body, { ...match.groups });
    }
    return { status: 404, body: { error: `No control operation ${method} /__fake/${path}` } };
  } catch (error) {
    if (error instanceof ControlError) return { status: error.status, body: { error: error.message } };
    throw error;
  }
}
