import type { ContactInfo, ConversationApi } from '@/components/conversation/ConversationBar';
import type { ConversationNumbers } from '@/lib/conversations/model';
import type { Result, WindowInfo } from '@/lib/messaging/protocol';
import type { NoteTarget } from '@/lib/notes/model';
import { CONTENT_KEPT, confirmedConversations, keepNewest, manualNumbers } from '@/lib/content-state';
import { callBackground } from '@/lib/messaging/client';
import { readRecordContext, recordRefFromUrl, type FetchJson, type PipedriveContext, type RecordRef } from '@/lib/pipedrive/api';
import { readContactName, readDealId, readPersonId, readPhoneCandidates } from '@/lib/pipedrive/adapter';
import type { SelectorOverrides } from '@/lib/pipedrive/selectors';
import { keptValue, revisions } from '@/lib/settings';
import { askWindow, watchBackground } from './background-calls';
import { pickerApi } from './picker-api';
import { requestWithSession } from './page-fetch';

/** The numbers the rep typed for conversations: a conversation's badge waits for them (a typed number comes first). */
export const typedNumbersNow = keptValue(manualNumbers);

/**
 * An API path of this company: with the page's own session first, then, when Pipedrive refuses the session (or it
 * cannot be asked), through the background with the rep's personal token (which never enters the page).
 */
export const readWithSessionOrToken: FetchJson = async (path) => {
  try {
    const { status, body } = await requestWithSession('GET', path);
    if (status >= 200 && status < 300) return body;
    if (status !== 401 && status !== 403) return undefined; // gone, or failing: the token reads no better
  } catch {
    // Not reachable with the session (or not JSON: a login page): try the token below.
  }
  const answer = await callBackground('getPipedriveRecord', { path });
  return answer.ok ? answer.value.body : undefined;
};

/** The records this view is about: the conversation's linked person and deal, else the page's own record. */
function recordRefs(root: Element): RecordRef[] {
  const refs: RecordRef[] = [];
  const personId = readPersonId(root);
  const dealId = readDealId(root);
  if (personId) refs.push({ kind: 'person', id: personId });
  if (dealId) refs.push({ kind: 'deal', id: dealId });
  const page = recordRefFromUrl(new URL(location.href));
  if (page && !refs.some((ref) => ref.kind === page.kind && ref.id === page.id)) refs.push(page);
  return refs;
}

/** Each record's context, merged: what a record names itself wins over what another one links to. */
async function readContexts(refs: RecordRef[]): Promise<PipedriveContext> {
  // One request per path across the records (a conversation's person is often its deal's person too).
  const asked = new Map<string, Promise<unknown>>();
  const fetchJson: FetchJson = (path) => {
    let answer = asked.get(path);
    if (!answer) asked.set(path, (answer = readWithSessionOrToken(path)));
    return answer;
  };
  const contexts = await Promise.all(
    refs.map((ref) =>
      readRecordContext(ref, fetchJson).catch((error: unknown): PipedriveContext => {
        // Pipedrive changed an answer's shape: the page's own facts still fill the picker.
        console.warn('[whatsapp-templates]', error instanceof Error ? error.message : 'Pipedrive record not read');
        return {};
      }),
    ),
  );
  return contexts.reduce<PipedriveContext>((merged, context) => ({
    person: merged.person ?? context.person,
    deal: merged.deal ?? context.deal,
    lead: merged.lead ?? context.lead,
  }), {});
}

/** What the page shows: the contact's name and phone numbers, read at once. */
export function readPageContact(root: Element, overrides: SelectorOverrides): ContactInfo {
  return { phones: readPhoneCandidates(root, overrides), values: { fullName: readContactName(root, overrides) } };
}

/**
 * What Pipedrive's API said of each conversation opened on this page (its numbers and values) and which of its
 * numbers the background chose, by conversation key, newest last: reopening one asks about that number at once and
 * draws the badge without waiting for the API again (which is still asked; its answer replaces this one). Kept in
 * memory for the page's life, at most KNOWN_CONTACTS conversations.
 */
type KnownContact = ContactInfo & { chosen?: string };
let knownContacts: Record<string, KnownContact> = {};
const KNOWN_CONTACTS = 100;
function remember(key: string, known: KnownContact): void {
  knownContacts = keepNewest(knownContacts, key, known, KNOWN_CONTACTS);
}

/** The page's facts, with what Pipedrive's API said of this conversation earlier on the page (no request). */
function pageOrKnownContact(root: Element, key: string, overrides: SelectorOverrides): ContactInfo {
  const page = readPageContact(root, overrides);
  const known = knownContacts[key];
  if (!known) return page;
  return {
    phones: [...page.phones, ...known.phones.filter((phone) => !page.phones.includes(phone))],
    values: { ...known.values, fullName: known.values.fullName ?? page.values.fullName },
  };
}

/** The page's facts, completed from Pipedrive's API when the page links a person, a deal or a lead (and where its notes go). */
export async function readContact(root: Element, overrides: SelectorOverrides): Promise<ContactInfo & { noteTarget?: NoteTarget }> {
  const page = readPageContact(root, overrides);
  const phones = [...page.phones];
  const { person, deal, lead } = await readContexts(recordRefs(root));
  // Primary first: it is the number the team marked as the one to use.
  const personPhones = [...(person?.phones ?? [])].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  for (const { value } of personPhones.slice(0, 10)) if (!phones.includes(value)) phones.push(value);
  return {
    phones,
    values: {
      firstName: person?.firstName,
      fullName: person?.name ?? page.values.fullName,
      organisation: person?.organisation,
      // A lead is a deal not yet made: its title is what a "deal" variable means there.
      deal: deal?.title ?? lead?.title,
      owner: deal?.owner ?? lead?.owner ?? person?.owner,
    },
    // A sent template's note goes on the conversation's person, and its deal (else its lead).
    ...(person && { noteTarget: { personId: person.id, ...(deal ? { dealId: deal.id } : lead && { leadId: lead.id }) } }),
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
  let contact: ReturnType<typeof readContact> | undefined;
  let choice: { asked: string; answer: Promise<Result<ConversationNumbers>> } | undefined;
  // The early answer is taken once, and dropped if anything changes in the background before it is.
  let early: { phone: string; answer: Promise<Result<WindowInfo>> } | undefined;
  let stopWatching: (() => void) | undefined;
  const forgetEarly = () => {
    early = undefined;
    stopWatching?.();
    stopWatching = undefined;
  };
  // Asked once per view and set of numbers (the bar asks again on every change in the background), again after a failure.
  const chooseNumber = (phones: string[]): Promise<Result<ConversationNumbers>> => {
    const asked = phones.join('\n');
    if (choice?.asked !== asked) {
      const answer = callBackground('getConversation', { phones: phones.slice(0, 20).map((value) => ({ value: value.slice(0, 64) })) });
      choice = { asked, answer };
      void answer.then((result) => {
        if (!result.ok && choice?.answer === answer) choice = undefined;
        const known = knownContacts[key];
        if (result.ok && result.value.chosen && known) remember(key, { ...known, chosen: result.value.chosen });
      });
    }
    return choice.answer;
  };
  /** Read once per view; what it says is remembered for the next time this conversation opens on the page. */
  const loadContact = () =>
    (contact ??= readContact(root, overrides).then((loaded) => {
      const chosen = knownContacts[key]?.chosen;
      remember(key, { phones: loaded.phones, values: loaded.values, ...(chosen && { chosen }) });
      return loaded;
    }));
  return {
    askEarly(signal) {
      if (stopWatching || signal.aborted) return;
      stopWatching = revisions.watch(forgetEarly);
      signal.addEventListener('abort', forgetEarly, { once: true }); // the view left before our UI took the answer
      void typedNumbersNow().then((typed) => {
        const { phones } = pageOrKnownContact(root, key, overrides);
        // Several numbers: the background's choice is asked for now too (the badge's own question joins it), and the
        // number it chose the last time is the one asked about.
        if (!typed[key] && phones.length > 1 && stopWatching) void chooseNumber(phones);
        const phone = typed[key] ?? knownContacts[key]?.chosen ?? phones[0];
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
    chooseNumber,
    ...pickerApi,
    send: async (request) => {
      const noteTarget = (await loadContact().catch(() => undefined))?.noteTarget;
      return pickerApi.send({ ...request, ...(noteTarget && { pipedrive: noteTarget }) });
    },
    pageContact: () => pageOrKnownContact(root, key, overrides),
    loadContact,
    loadManualNumber: async () => (await typedNumbersNow())[key],
    saveManualNumber: async (number) => {
      await manualNumbers.setValue(keepNewest(await manualNumbers.getValue(), key, number, CONTENT_KEPT.manualNumbers));
    },
    subscribe: (onChange) => watchBackground(isAlive, onChange),
  };
}

export async function isConfirmedWhatsApp(key: string): Promise<boolean> {
  return (await confirmedConversations.getValue())[key] === true;
}

export async function confirmWhatsApp(key: string): Promise<void> {
  await confirmedConversations.setValue(keepNewest(await confirmedConversations.getValue(), key, true, CONTENT_KEPT.confirmedConversations));
}
