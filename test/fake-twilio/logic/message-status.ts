import type { DeliveryOutcome, StatusDelays } from '../types';

export type OutboundStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered';

export interface StatusView {
  status: OutboundStatus;
  errorCode: number | null;
  /** When the message last changed status (its `date_updated`). */
  updatedAt: number;
}

/**
 * An outbound message's status at `now`, computed on every read rather than by timers, so moving the
 * fake clock moves every message at once. WhatsApp failures arrive after Twilio has handed the
 * message to Meta: the message is `sent` first and fails at the moment it would have been delivered.
 */
export function outboundStatusAt(
  createdAt: number,
  outcome: DeliveryOutcome,
  now: number,
  delays: StatusDelays,
): StatusView {
  const age = now - createdAt;
  if (age < delays.sentMs) return { status: 'queued', errorCode: null, updatedAt: createdAt };
  if (age < delays.deliveredMs) return { status: 'sent', errorCode: null, updatedAt: createdAt + delays.sentMs };
  if (outcome.kind === 'failed') {
    return { status: outcome.finalStatus, errorCode: outcome.code, updatedAt: createdAt + delays.deliveredMs };
  }
  if (age < delays.readMs) return { status: 'delivered', errorCode: null, updatedAt: createdAt + delays.deliveredMs };
  return { status: 'read', errorCode: null, updatedAt: createdAt + delays.readMs };
}
