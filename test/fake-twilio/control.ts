import type { ClockInput, ClockState } from './clock';
import { ControlError } from './control-error';
import type { Fault, FaultInput } from './faults';
import type { FakeRuntime } from './runtime';
import { recordInbound, type InboundInput } from './messaging';
import { renderContentAndApprovals, type ContentAndApprovalsJson } from './render/content';
import { renderMessage, type MessageJson } from './render/message';
import type { RequestLogEntry } from './request-log';
import { patchTemplate, upsertTemplate, type TemplateInput, type TemplatePatch } from './templates';
import {
  CONFIGURABLE_FAILURE_CODES,
  type AsyncFailureCode,
  type MessageRecord,
  type SeedCredentials,
  type SeedData,
  type StatusDelays,
} from './types';

/**
 * Test-side levers on a running fake: what a customer, WhatsApp or the network would do. The HTTP
 * control API (`/__fake/…`, routes/control.ts) exposes exactly these operations.
 */
export interface FakeControl {
  /** The seed's fixed credentials (Account SID, Auth Token, Main and Standard keys). */
  credentials(): SeedCredentials;
  /** A customer replies (opening their 24-hour window), optionally with attachments (`MM…` then). */
  addInbound(input: InboundInput): MessageJson;
  /** Creates the template, or replaces the one with `input.sid`. */
  upsertTemplate(input: TemplateInput): ContentAndApprovalsJson;
  /** WhatsApp reviewed a template: new status, rejection reason or category. */
  patchTemplate(sid: string, patch: TemplatePatch): ContentAndApprovalsJson;
  deleteTemplate(sid: string): boolean;
  /** Every later message to this contact fails asynchronously with `code`; null clears it. */
  setContactFailure(contact: string, code: AsyncFailureCode | null): void;
  setFault(input: FaultInput): Fault;
  listFaults(): Fault[];
  removeFault(id: number): boolean;
  clearFaults(): void;
  /** Extra delay before every Twilio answer (ms). */
  setLatency(ms: number): void;
  setStatusDelays(delays: Partial<StatusDelays>): StatusDelays;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  clock(): ClockState;
  /** `{now}` freezes the clock there, `{advanceMs}` moves it, `{real: true}` returns to real time. */
  setClock(input: ClockInput): ClockState;
  /** Every message, newest first, as the Twilio API would show it now. */
  messages(): MessageJson[];
  /** Back to the seed (re-based on the current clock), with no faults, latency, log or CDN links. */
  reset(): void;
}

export interface ControlOptions {
  /** Builds the seed's data for a given "now" (used again on reset). */
  seed: (now: number) => SeedData;
  initialLatencyMs: number;
  initialDelays: StatusDelays;
}

export function createControl(runtime: FakeRuntime, options: ControlOptions): FakeControl {
  const { store, clock, faults, log, cdn, settings } = runtime;
  const accountSid = (): string => store.credentials.accountSid;
  const asJson = (message: MessageRecord): MessageJson =>
    renderMessage(message, accountSid(), clock.now(), settings.delays);

  return {
    credentials: () => store.credentials,
    addInbound: (input) => asJson(recordInbound(store, input, clock.now())),
    upsertTemplate: (input) => renderContentAndApprovals(upsertTemplate(store, input, clock.now()), accountSid()),
    patchTemplate: (sid, patch) =>
      renderContentAndApprovals(patchTemplate(store, sid, patch, clock.now()), accountSid()),
    deleteTemplate: (sid) => store.deleteTemplate(sid),
    setContactFailure(contact, code) {
      if (code !== null && !CONFIGURABLE_FAILURE_CODES.includes(code)) {
        throw new ControlError(`Failure code must be one of ${CONFIGURABLE_FAILURE_CODES.join(', ')}`);
      }
      store.setContactFailure(contact, code);
    },
    setFault: (input) => faults.add(input),
    listFaults: () => faults.list(),
    removeFault: (id) => faults.remove(id),
    clearFaults: () => faults.clear(),
    setLatency(ms) {
      if (!(ms >= 0)) throw new ControlError('Latency must be a number of ms ≥ 0');
      settings.latencyMs = ms;
    },
    setStatusDelays(delays) {
      const given = Object.entries(delays).filter(([, ms]) => typeof ms === 'number');
      settings.delays = { ...settings.delays, ...Object.fromEntries(given) };
      return settings.delays;
    },
    requests: () => log.entries(),
    clearRequests: () => log.clear(),
    clock: () => clock.state(),
    setClock: (input) => clock.set(input),
    messages: () => store.messagesNewestFirst().map(asJson),
    reset() {
      store.load(options.seed(clock.now()));
      cdn.clear();
      faults.clear();
      log.clear();
      settings.latencyMs = options.initialLatencyMs;
      settings.delays = options.initialDelays;
    },
  };
}
