import { createHash } from 'node:crypto';

/** Twilio SIDs: a two-letter type prefix and 32 hex digits (we always emit lower case, as Twilio does). */
export type SidPrefix = 'AC' | 'SK' | 'HX' | 'SM' | 'MM' | 'ME' | 'MG' | 'XE';

const SID_BODY = /^[0-9a-fA-F]{32}$/;

export function isSid(value: string, prefix: SidPrefix): boolean {
  return value.length === 34 && value.startsWith(prefix) && SID_BODY.test(value.slice(2));
}

/**
 * The same name always gives the same SID, so seeds (and SIDs created at runtime, which are named by a
 * counter) are identical on every run: tests and screenshots can rely on them.
 */
export function deterministicSid(prefix: SidPrefix, name: string): string {
  return prefix + createHash('sha256').update(name).digest('hex').slice(0, 32);
}
