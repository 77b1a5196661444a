import type { ThreadMessage } from './model';

/**
 * A conversation is two of Twilio's lists per address form, each newest first: the customer's messages
 * (`From=customer&To=sender`) and ours (`From=sender&To=customer`); Twilio's `To` and `From` filters combine with
 * AND, so one list cannot hold both directions. Each list ("stream") is read from its newest page backwards.
 *
 * What the panel may show is what is complete: a message older than the oldest one read from a stream that has more
 * pages may have neighbours from that stream not read yet. So the visible part of the merged thread is everything
 * at or after the newest of those "oldest read" times, and paging back reads the stream that limits it.
 */
export interface StreamState {
  /** Twilio's URL of the next (older) page; undefined once the stream is read to its end. */
  next?: string;
  /** The oldest message read from this stream (ms), when any. */
  oldestAt?: number;
  /** The newest message of this stream's first page (ms), when any. */
  newestAt?: number;
  /** Whether the stream's first page was ever read. */
  isStarted: boolean;
}

export type StreamKey = `${'in' | 'out'}:${string}`;

export const streamKey = (direction: 'in' | 'out', e164: string): StreamKey => `${direction}:${e164}`;

/** Oldest first; same time: by SID, so the order is stable across reads. */
export function compareMessages(a: ThreadMessage, b: ThreadMessage): number {
  return a.at - b.at || (a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0);
}

/** Adds or updates messages (a status moves on), by SID; returns a new sorted list. */
export function mergeMessages(known: readonly ThreadMessage[], incoming: readonly ThreadMessage[]): ThreadMessage[] {
  const bySid = new Map(known.map((message) => [message.sid, message]));
  for (const message of incoming) bySid.set(message.sid, { ...bySid.get(message.sid), ...message });
  return [...bySid.values()].sort(compareMessages);
}

/** The time before which the merged thread may miss messages (−∞ when every stream was read to its end). */
export function completeSince(streams: Readonly<Record<string, StreamState>>): number {
  let since = -Infinity;
  for (const stream of Object.values(streams)) {
    if (!stream.isStarted) return Infinity; // nothing is known to be complete before a stream was read at all
    if (stream.next !== undefined && stream.oldestAt !== undefined) since = Math.max(since, stream.oldestAt);
  }
  return since;
}

/** The messages known to be complete, oldest first, and whether anything older exists or may exist. */
export function visibleMessages(messages: readonly ThreadMessage[], streams: Readonly<Record<string, StreamState>>, limit: number): { messages: ThreadMessage[]; hasEarlier: boolean; isShort: boolean } {
  const since = completeSince(streams);
  const complete = messages.filter((message) => message.at >= since);
  const hasMorePages = Object.values(streams).some((stream) => stream.next !== undefined);
  return {
    messages: complete.slice(-limit),
    hasEarlier: complete.length > limit || hasMorePages || complete.length < messages.length,
    // Fewer complete messages than asked for while a stream has more pages: read further back.
    isShort: complete.length < limit && hasMorePages,
  };
}

/** The streams to read one more page of, to show more: those whose oldest read message limits the visible part. */
export function streamsToPage(streams: Readonly<Record<string, StreamState>>): string[] {
  const since = completeSince(streams);
  return Object.entries(streams)
    .filter(([, stream]) => stream.next !== undefined && stream.oldestAt !== undefined && stream.oldestAt >= since)
    .map(([key]) => key);
}

/** Where a reply goes: the customer's address in their newest message, as Twilio wrote it; else the E.164. */
export function replyAddress(messages: readonly ThreadMessage[], fallbackE164: string): string {
  return lastInbound(messages)?.address || `whatsapp:${fallbackE164}`;
}

/** The customer's newest message, when any. */
export function lastInbound(messages: readonly ThreadMessage[]): ThreadMessage | undefined {
  return messages.findLast((message) => message.direction === 'inbound');
}
