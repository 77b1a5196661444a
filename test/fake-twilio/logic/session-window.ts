import { DAY_MS } from '../dates';

/**
 * WhatsApp's customer service window: open for 24 h after the customer's most recent inbound
 * message, counted per (business sender, customer) pair. Our own outbound messages never open or
 * extend it (DESIGN §1).
 */
export const WINDOW_MS = DAY_MS;

export function isWindowOpen(lastInboundAt: number | undefined, now: number): boolean {
  return lastInboundAt !== undefined && lastInboundAt <= now && now < lastInboundAt + WINDOW_MS;
}
