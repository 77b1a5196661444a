// The customer service window's vocabulary (DESIGN §1). Content-safe: types only, shared by the rule
// (rule.ts), the background that works it out and the pages that show it.

export type WindowState = 'open' | 'expiring' | 'closed' | 'unknown';

/** Why we cannot tell, in the order a rep would fix them. */
export type UnknownReason = 'not-connected' | 'no-sender' | 'no-number' | 'not-synced' | 'sync-failing';
