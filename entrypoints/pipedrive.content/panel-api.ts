import type { PanelApi, PanelContact } from '@/components/conversation/ConversationPanel';
import { CONTENT_KEPT, DRAFTS_KEPT, keepNewest, manualNumbers, numberChoices, replyDrafts } from '@/lib/content-state';
import { callBackground } from '@/lib/messaging/client';
import type { NoteTarget } from '@/lib/notes/model';
import { readRecordContext, type RecordRef } from '@/lib/pipedrive/api';
import { askWindow, watchBackground } from './background-calls';
import { pickerApi } from './picker-api';
import { readWithSessionOrToken, typedNumbersNow } from './conversation-api';
import { requestWithSession } from './page-fetch';
import { createUnknownNumberApi } from './person-api';
import { dealPath, leadPath } from '@/lib/pipedrive/api-paths';
import { keptValue } from '@/lib/settings';

/** The rep's number choices per person: opening a panel then asks the background at once, with no storage read first. */
const numberChoicesNow = keptValue(numberChoices);

/** What a panel is about: a Pipedrive record, or (from the inbox) a customer's number no person has. */
export type PanelSubject = RecordRef | { kind: 'number'; id: string };

/** Where the rep's per-page things (a draft, a typed number) are kept: the company and the record. */
export const recordKey = (ref: PanelSubject): string => `${location.host}/${ref.kind}/${ref.id}`;

/** The person behind a person, deal or lead page, from Pipedrive's API (the page's session, else the rep's token). */
async function readPanelContact(ref: RecordRef): Promise<PanelContact & { personKey?: string }> {
  const context = await readRecordContext(ref, readWithSessionOrToken);
  const person = context.person;
  return {
    name: person?.name,
    phones: (person?.phones ?? []).map((phone) => ({ value: phone.value, ...(phone.label && { label: phone.label }), ...(phone.isPrimary && { isPrimary: true }) })),
    values: {
      firstName: person?.firstName,
      fullName: person?.name,
      organisation: person?.organisation,
      deal: context.deal?.title ?? context.lead?.title,
      owner: context.deal?.owner ?? context.lead?.owner ?? person?.owner,
    },
    ...(person && { personKey: `${location.host}/person/${person.id}`, personId: person.id }),
  };
}

/** The record a message sent from this page is noted on: the person, and the page's deal or lead. */
function noteTargetOf(ref: PanelSubject, personId: string | undefined): NoteTarget | undefined {
  if (!personId) return undefined;
  return { personId, ...(ref.kind === 'deal' && { dealId: ref.id }), ...(ref.kind === 'lead' && { leadId: ref.id }) };
}

/** The calls the conversation panel makes for one record: messages to the background, and the rep's choices. */
export function createPanelApi(ref: PanelSubject, isAlive: () => boolean): PanelApi {
  const key = recordKey(ref);
  let contact: Promise<PanelContact & { personKey?: string }> | undefined;
  let addedPerson: string | undefined;
  const loadContact = () =>
    (contact ??= ref.kind === 'number' && !addedPerson
      ? Promise.resolve<PanelContact & { personKey?: string }>({ phones: [{ value: ref.id }], values: {} })
      : readPanelContact(addedPerson ? { kind: 'person', id: addedPerson } : (ref as RecordRef)));
  // The choice of number belongs to the person (the same person's deal and lead share it).
  const choiceKey = async () => (await loadContact().catch(() => undefined))?.personKey ?? key;
  // Sent with every send: the background queues its note once Twilio gave the message a SID (no person, no note).
  const pipedrive = async () => {
    const target = noteTargetOf(ref, (await loadContact().catch(() => undefined))?.personId);
    return target && { pipedrive: target };
  };
  return {
    loadContact,
    getConversation: (phones, remembered, limit) =>
      callBackground('getConversation', {
        phones: phones.slice(0, 20).map((p) => ({ ...p, value: p.value.slice(0, 64), label: p.label?.slice(0, 40) })),
        ...(remembered && { remembered }),
        ...(limit !== undefined && { limit }),
      }),
    getThread: (contact, limit, refresh) => callBackground('getThread', { contact, limit, refresh }),
    getMedia: (contact, messageSid) => callBackground('getMedia', { contact, messageSid }),
    openMediaAccess: () => void callBackground('openMediaAccess', {}),
    sendReply: async (request) => callBackground('sendReply', { ...request, ...(await pipedrive()) }),
    saveConversation: async (contact) => {
      const target = await pipedrive();
      if (!target) return { ok: false, error: { code: 'not-found', message: 'This page has no Pipedrive person' } };
      return callBackground('saveConversation', { contact, ...target });
    },
    // A deal or a lead without a person: the inbox's "Add to Pipedrive" / "Link to a person", then the record is
    // linked to that person (its messages are noted from then on). A number from the inbox is the host's to offer.
    ...((ref.kind === 'deal' || ref.kind === 'lead') && {
      unknownNumber: {
        api: createUnknownNumberApi,
        onSaved: async (personId: number) => {
          const path = ref.kind === 'deal' ? dealPath(ref.id) : leadPath(ref.id);
          const linked = await requestWithSession('PATCH', path, JSON.stringify({ person_id: personId })).catch(() => undefined);
          // Linked: the record names its person now; else the person alone is read.
          if (!linked || linked.status < 200 || linked.status >= 300) addedPerson = String(personId);
          contact = undefined;
          return loadContact();
        },
      },
    }),
    getNote: (noteKey) => callBackground('getNote', { key: noteKey }),
    retryNote: (noteKey) => callBackground('retryNote', { key: noteKey }),
    getWindow: askWindow,
    subscribe: (onChange) => watchBackground(isAlive, onChange),
    loadChoice: async () => (await numberChoicesNow())[await choiceKey()],
    saveChoice: async (e164) => {
      const at = await choiceKey();
      await numberChoices.setValue(keepNewest(await numberChoices.getValue(), at, e164, CONTENT_KEPT.numberChoices));
    },
    loadManualNumber: async () => (await typedNumbersNow())[key],
    saveManualNumber: async (number) => {
      await manualNumbers.setValue(keepNewest(await manualNumbers.getValue(), key, number, CONTENT_KEPT.manualNumbers));
    },
    loadDraft: async () => (await replyDrafts.getValue())[key]?.text ?? '',
    saveDraft: async (text) => {
      const others = Object.entries(await replyDrafts.getValue()).filter(([at]) => at !== key);
      const mine = text.trim() ? [[key, { text: text.slice(0, 4_000), at: Date.now() }] as const] : [];
      const kept = [...mine, ...others].sort((a, b) => b[1].at - a[1].at).slice(0, DRAFTS_KEPT);
      await replyDrafts.setValue(Object.fromEntries(kept));
    },
    markRead: (e164) => void callBackground('markConversation', { contact: e164, read: true }),
    markUnread: (e164) => callBackground('markConversation', { contact: e164, read: false }),
    isVisible: () => document.visibilityState === 'visible',
    onVisibility: (onChange) => {
      document.addEventListener('visibilitychange', onChange);
      return () => document.removeEventListener('visibilitychange', onChange);
    },
    ...pickerApi, // the picker's calls, as in a Messaging conversation
    send: async (request) => pickerApi.send({ ...request, ...(await pipedrive()) }),
  };
}
