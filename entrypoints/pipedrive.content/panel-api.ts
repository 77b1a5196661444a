import type { PanelApi, PanelContact } from '@/components/conversation/ConversationPanel';
import { CONTENT_KEPT, DRAFTS_KEPT, keepNewest, manualNumbers, numberChoices, replyDrafts } from '@/lib/content-state';
import { callBackground } from '@/lib/messaging/client';
import type { NoteTarget } from '@/lib/notes/model';
import { readRecordContext, type RecordRef } from '@/lib/pipedrive/api';
import { askWindow, watchBackground } from './background-calls';
import { pickerApi } from './picker-api';
import { readWithSessionOrToken, typedNumbersNow } from './conversation-api';
import { requestWithSession } from './page-fetch';
import { addPersonFor } from '@/lib/pipedrive/add-person';
import { t } from '@/lib/i18n';
import { keptValue } from './kept';

/** The rep's number choices per person: opening a panel then asks the background at once, with no storage read first. */
const numberChoicesNow = keptValue(numberChoices);

/** Where the rep's per-page things (a draft, a typed number) are kept: the company and the record. */
export const recordKey = (ref: RecordRef): string => `${location.host}/${ref.kind}/${ref.id}`;

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
function noteTargetOf(ref: RecordRef, personId: string | undefined): NoteTarget | undefined {
  if (!personId) return undefined;
  return { personId, ...(ref.kind === 'deal' && { dealId: ref.id }), ...(ref.kind === 'lead' && { leadId: ref.id }) };
}

/** The calls the conversation panel makes for one record: messages to the background, and the rep's choices. */
export function createPanelApi(ref: RecordRef, isAlive: () => boolean): PanelApi {
  const key = recordKey(ref);
  let contact: ReturnType<typeof readPanelContact> | undefined;
  let addedPerson: string | undefined;
  const loadContact = () => (contact ??= readPanelContact(addedPerson ? { kind: 'person', id: addedPerson } : ref));
  // The choice of number belongs to the person (the same person's deal and lead share it).
  const choiceKey = async () => (await loadContact().catch(() => undefined))?.personKey ?? key;
  // Sent with every send: the background queues its note once Twilio gave the message a SID (no person, no note).
  const pipedrive = async () => {
    const target = noteTargetOf(ref, (await loadContact().catch(() => undefined))?.personId);
    return target && { pipedrive: target };
  };
  return {
    loadContact,
    getConversation: (phones, remembered, limit) => { document.documentElement.dataset.tSend = String(performance.now()); document.documentElement.dataset.tAbs = String(performance.timeOrigin + performance.now()); return callBackground('getConversation', {
        phones: phones.slice(0, 20).map((p) => ({ ...p, value: p.value.slice(0, 64), label: p.label?.slice(0, 40) })),
        ...(remembered && { remembered }),
        ...(limit !== undefined && { limit }),
      }).then((a) => { document.documentElement.dataset.tAnswer = String(performance.now()); return a; }); },
    getThread: (contact, limit, refresh) => callBackground('getThread', { contact, limit, refresh }),
    getMedia: (contact, messageSid) => callBackground('getMedia', { contact, messageSid }),
    openMediaAccess: () => void callBackground('openMediaAccess', {}),
    sendReply: async (request) => callBackground('sendReply', { ...request, ...(await pipedrive()) }),
    saveConversation: async (contact) => {
      const target = await pipedrive();
      if (!target) return { ok: false, error: { code: 'not-found', message: 'This page has no Pipedrive person' } };
      return callBackground('saveConversation', { contact, ...target });
    },
    addToPipedrive: async (number, name) => {
      const added = await addPersonFor(ref, { name, phone: number }, (method, path, body) => requestWithSession(method, path, JSON.stringify(body))).catch(() => ({ ok: false as const, status: 0 }));
      if (!added.ok) return { ok: false, error: { code: 'unreachable', message: t('add_to_pipedrive_failed', String(added.status)) } };
      // The page's record now names the person (or, when linking it failed, the person alone is read).
      if (!added.isLinked) addedPerson = added.personId;
      contact = undefined;
      const fresh = await loadContact();
      return { ok: true, value: fresh };
    },
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
    isVisible: () => document.visibilityState === 'visible',
    onVisibility: (onChange) => {
      document.addEventListener('visibilitychange', onChange);
      return () => document.removeEventListener('visibilitychange', onChange);
    },
    ...pickerApi, // the picker's calls, as in a Messaging conversation
    send: async (request) => pickerApi.send({ ...request, ...(await pipedrive()) }),
  };
}
