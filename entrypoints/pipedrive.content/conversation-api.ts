import type { ContactInfo, ConversationApi } from '@/components/conversation/ConversationBar';
import type { Result, WindowInfo } from '@/lib/messaging/protocol';
import { confirmedConversations, manualNumbers, variableSources } from '@/lib/content-state';
import { callBackground } from '@/lib/messaging/client';
import { apiPath, parseDeal, parsePerson, type PipedriveRecordKind } from '@/lib/pipedrive/api';
import { readContactName, readDealId, readPersonId, readPhoneCandidates } from '@/lib/pipedrive/adapter';
import type { SelectorOverrides } from '@/lib/pipedrive/selectors';
import { revisions } from '@/lib/settings';
import { searchCatalogue } from './catalogue';
import { keptValue } from './kept';

/** The numbers the rep typed for conversations: a conversation's badge waits for them (a typed number comes first). */
export const typedNumbersNow = keptValue(manualNumbers);

/** A person or deal: with the page's own session first, then through the background's personal token. */
async function readRecord(kind: PipedriveRecordKind, id: string): Promise<unknown> {
  try {
    const response = await fetch(apiPath(kind, id), { credentials: 'include', headers: { Accept: 'application/json' } });
    if (response.ok) return (await response.json()) as unknown;
  } catch {
    // Not reachable with the session: try the token below.
  }
  const answer = await callBackground('getPipedriveRecord', { kind, id });
  return answer.ok ? answer.value.body : undefined;
}

/** What the page shows: the contact's name and phone numbers, read at once. */
export function readPageContact(root: Element, overrides: SelectorOverrides): ContactInfo {
  return { phones: readPhoneCandidates(root, overrides), values: { fullName: readContactName(root, overrides) } };
}

/** The page's facts, completed from Pipedrive's API when the page links a person or a deal. */
export async function readContact(root: Element, overrides: SelectorOverrides): Promise<ContactInfo> {
  const page = readPageContact(root, overrides);
  const fullName = page.values.fullName;
  const phones = [...page.phones];
  // A person's own page has the id in its URL rather than in a link.
  const personId = readPersonId(root) ?? /\/person\/(\d+)/.exec(location.pathname)?.[1];
  const dealId = readDealId(root);
  const [person, deal] = await Promise.all([
    personId ? readRecord('person', personId).then(parsePerson) : undefined,
    dealId ? readRecord('deal', dealId).then(parseDeal) : undefined,
  ]);
  for (const phone of person?.phones ?? []) if (!phones.includes(phone)) phones.push(phone);
  return {
    phones,
    values: {
      firstName: person?.firstName,
      fullName: person?.name ?? fullName,
      organisation: person?.organisation,
      deal: deal?.title,
      owner: deal?.owner ?? person?.owner,
    },
  };
}

export interface EarlyConversationApi extends ConversationApi {
  /**
   * Asks the background about the number the badge will ask about first (the typed one, else the first on the
   * page) while our UI is still being mounted; the badge's own first question for that number takes this answer.
   */
  askEarly: (signal: AbortSignal) => void;
}

/** The calls one conversation's UI makes: messages to the background, and the rep's per-page choices. */
export function createConversationApi(root: Element, key: string, overrides: SelectorOverrides, isAlive: () => boolean): EarlyConversationApi {
  // Read once per conversation view, and started as soon as the view appears (before our UI is even mounted).
  let contact: Promise<ContactInfo> | undefined;
  const askWindow = (phone: string) => callBackground('getWindow', { phone: phone.slice(0, 64), refresh: true });
  // The early answer is taken once, and dropped if anything changes in the background before it is.
  let early: { phone: string; answer: Promise<Result<WindowInfo>> } | undefined;
  let stopWatching: (() => void) | undefined;
  const forgetEarly = () => {
    early = undefined;
    stopWatching?.();
    stopWatching = undefined;
  };
  return {
    askEarly(signal) {
      if (stopWatching || signal.aborted) return;
      stopWatching = revisions.watch(forgetEarly);
      signal.addEventListener('abort', forgetEarly, { once: true }); // the view left before our UI took the answer
      void typedNumbersNow().then((typed) => {
        const phone = typed[key] ?? readPhoneCandidates(root, overrides)[0];
        if (phone && stopWatching) early = { phone, answer: askWindow(phone) };
        else forgetEarly();
      });
    },
    getWindow: (phone) => {
      if (early?.phone !== phone) return askWindow(phone);
      const { answer } = early;
      forgetEarly();
      return answer;
    },
    search: searchCatalogue,
    getTemplate: (sid) => callBackground('getTemplate', { sid }),
    send: (request) => callBackground('sendTemplate', request),
    getSend: (id) => callBackground('getSend', { id }),
    loadSources: async (sid) => (await variableSources.getValue())[sid] ?? {},
    saveSource: async (sid, placeholder, source) => {
      const all = await variableSources.getValue();
      await variableSources.setValue({ ...all, [sid]: { ...all[sid], [placeholder]: source } });
    },
    newId: () => crypto.randomUUID(),
    pageContact: () => readPageContact(root, overrides),
    loadContact: () => (contact ??= readContact(root, overrides)),
    loadManualNumber: async () => (await typedNumbersNow())[key],
    saveManualNumber: async (number) => {
      await manualNumbers.setValue({ ...(await manualNumbers.getValue()), [key]: number });
    },
    subscribe: (onChange) =>
      revisions.watch((next, previous) => {
        const isRelevant = next.windows !== previous?.windows || next.templates !== previous?.templates || next.sync !== previous?.sync;
        if (isRelevant && isAlive()) onChange();
      }),
  };
}

export async function isConfirmedWhatsApp(key: string): Promise<boolean> {
  return (await confirmedConversations.getValue())[key] === true;
}

export async function confirmWhatsApp(key: string): Promise<void> {
  await confirmedConversations.setValue({ ...(await confirmedConversations.getValue()), [key]: true });
}
