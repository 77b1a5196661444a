import { browser } from 'wxt/browser';
import type { InboxApi } from '@/components/inbox/InboxPanel';
import type { InboxEntry } from '@/lib/conversations/inbox';
import { callBackground } from '@/lib/messaging/client';
import { searchPersonsByPhone } from '@/lib/pipedrive/person-search';
import { revisions } from '@/lib/settings';
import { readWithSessionOrToken } from './conversation-api';

/** A number looked up within this long is not looked up again (a person added meanwhile: "Add to Pipedrive" says so). */
export const NAME_LOOKUP_TTL_MS = 24 * 60 * 60_000;
/** Pipedrive rate-limits its API: at most this many lookups at once, each number once per page. */
const LOOKUPS_AT_ONCE = 2;

/**
 * The names of the inbox's numbers, looked up lazily as rows come into view: the Pipedrive person with the number
 * (`GET /api/v2/persons/search`, the page's session first), kept by the background per number so every tab and the
 * notifications have it.
 */
function createNameLookup(isAlive: () => boolean) {
  const asked = new Set<string>();
  const queue: InboxEntry[] = [];
  let running = 0;

  async function lookUp(entry: InboxEntry): Promise<void> {
    // Pipedrive could not be asked: another view tries again.
    if ((await resolveEntry(entry)).lookedUpAt === undefined) asked.delete(entry.contact);
  }

  function work(): void {
    while (running < LOOKUPS_AT_ONCE && isAlive()) {
      const entry = queue.shift();
      if (!entry) return;
      running++;
      void lookUp(entry).finally(() => {
        running--;
        work();
      });
    }
  }

  return (entries: readonly InboxEntry[]) => {
    const now = Date.now();
    for (const entry of entries) {
      const isKnown = entry.lookedUpAt !== undefined && now - entry.lookedUpAt < NAME_LOOKUP_TTL_MS;
      if (isKnown || asked.has(entry.contact)) continue;
      asked.add(entry.contact);
      queue.push(entry);
    }
    work();
  };
}

/**
 * The entry with its person, looked up now when the inbox has not yet (kept by the background like a row's lookup);
 * Pipedrive unreachable: the entry as it was.
 */
export async function resolveEntry(entry: InboxEntry): Promise<InboxEntry> {
  if (entry.lookedUpAt !== undefined) return entry;
  const terms = entry.searchTerms ?? [entry.number.slice(1)];
  const found = await searchPersonsByPhone(terms, readWithSessionOrToken).catch(() => undefined);
  if (found === undefined) return entry;
  const answer = await callBackground('rememberNames', { names: [{ contact: entry.number, found: found.map(({ id, name, phones }) => ({ id, name: name.slice(0, 200), phones: phones.map((phone) => phone.slice(0, 64)) })) }] });
  const person = answer.ok ? answer.value.names[0] : undefined;
  if (!person) return entry;
  return { ...entry, lookedUpAt: Date.now(), ...(person.personId !== null && person.name && { personId: person.personId, name: person.name }) };
}

/** The inbox's calls to the background, for one page. */
export function createInboxApi(isAlive: () => boolean): InboxApi {
  return {
    getInbox: (refresh) => callBackground('getInbox', { refresh }),
    getSummary: () => callBackground('getInboxSummary', {}),
    markConversation: (contact, read) => callBackground('markConversation', { contact, read }),
    lookUpNames: createNameLookup(isAlive),
    subscribe: (onChange) =>
      revisions.watch((next, previous) => {
        if ((next.inbox !== previous?.inbox || next.sync !== previous?.sync) && isAlive()) onChange();
      }),
    isVisible: () => document.visibilityState === 'visible',
  };
}

/**
 * The background asks this tab to show a conversation (the rep clicked its notification). Only the extension can
 * send to a content script; the number is checked all the same before anything opens.
 */
export function onOpenConversationCommand(open: (number: string) => void, signal: AbortSignal): void {
  const listener = (message: unknown) => {
    if (!message || typeof message !== 'object') return;
    const { type, number } = message as { type?: unknown; number?: unknown };
    if (type === 'openInboxConversation' && typeof number === 'string' && /^\+[1-9]\d{6,14}$/.test(number)) open(number);
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
}
