// The customer service window's vocabulary (DESIGN §1). Content-safe: types only, shared by the rule
// (rule.ts), the background that works it out and the pages that show it.
//
// One name per shape of the window, each where it belongs:
//   StoredWindow               lib/db/schema.ts          what IndexedDB keeps of a contact's window (in a bucket)
//   StoredWindowRow            lib/db/schema.ts          a StoredWindow with its sender and contact, as the repo reads it out
//   WindowBucketRecord         lib/db/schema.ts          the `windowBuckets` store's record: a sender's StoredWindows by contact
//   WindowFacts                lib/window/rule.ts        what the rule reads (last inbound message, how fresh that is)
//   WindowView                 lib/window/rule.ts        what the rule works out at a given time (state, ends at, time left)
//   WindowInfo                 lib/messaging/protocol.ts what crosses the message boundary: the state and the facts to recompute it
//   WindowState, UnknownReason here                      the state's words, shared by all of them

export type WindowState = 'open' | 'expiring' | 'closed' | 'unknown';

/** Why we cannot tell, in the order a rep would fix them. */
export type UnknownReason = 'not-connected' | 'no-sender' | 'no-number' | 'not-synced' | 'sync-failing';
