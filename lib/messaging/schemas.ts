import * as v from 'valibot';
import type { MessageName } from './protocol';

/** SIDs are two letters and 32 hex digits (DESIGN §2). */
export const sid = (prefix: string) => v.pipe(v.string(), v.regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`)));

const empty = v.strictObject({});

/**
 * One schema per message: strict objects (unknown keys are refused), every string capped. Values arrive already
 * trimmed from our own pages, but a content script is untrusted, so the background checks again here.
 */
export const requestSchemas = {
  getSetupState: empty,
  getConnection: empty,
  connectTwilio: v.strictObject({
    accountSid: sid('AC'),
    keySid: v.optional(sid('SK')),
    secret: v.pipe(v.string(), v.minLength(1), v.maxLength(128), v.regex(/^\S+$/)),
    remember: v.boolean(),
  }),
} satisfies Record<MessageName, v.GenericSchema>;
