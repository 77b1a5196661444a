import { useCallback, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { ConversationNumbers } from '@/lib/conversations/model';
import type { Result, WindowInfo } from '@/lib/messaging/protocol';
import type { ContactValues } from '@/lib/templates/prefill';
import { t } from '@/lib/i18n';
import { nextChangeAt } from '@/lib/window/rule';
import { SessionBadge, viewOf } from '../badge/SessionBadge';
import { useNow } from '../hooks/useNow';
import type { PickerApi } from '../picker/TemplatePicker';
import { LazyView, preloadViews } from '../lazy/LazyView';
import type { ViewLoader } from '../lazy/views';
import { ManualNumber } from './ManualNumber';

export interface ContactInfo {
  /** Raw phone numbers from the page and from Pipedrive, best first. */
  phones: string[];
  values: ContactValues;
}

export interface ConversationApi extends PickerApi {
  /** The window for a raw phone number (the background makes it E.164 and refreshes it when stale). */
  getWindow: (phone: string) => Promise<Result<WindowInfo>>;
  /** What the page itself shows about the contact (no request: the badge must not wait for one). */
  pageContact: () => ContactInfo;
  /** The page's facts completed from Pipedrive's API (the linked person and deal), when there are any. */
  loadContact: () => Promise<ContactInfo>;
  loadManualNumber: () => Promise<string | undefined>;
  saveManualNumber: (number: string) => Promise<void>;
  /** Calls back when windows or templates changed in the background; returns the unsubscribe. */
  subscribe: (onChange: () => void) => () => void;
  /** Which of several numbers the conversation is with (the background asks Twilio about each). */
  chooseNumber: (phones: string[]) => Promise<Result<ConversationNumbers>>;
}

export interface ConversationBarProps {
  api: ConversationApi;
  /** Inserts text into Pipedrive's composer; absent on the floating dock. */
  insert?: (text: string, replace?: string) => void;
  /** Lets the page-level shortcuts (keyboard, `/` in the composer) open the picker. */
  registerOpen: (open: (query: string, replace?: string) => void) => void;
  shortcut: string;
  /** Where the closed-window notice goes: above the composer, or inside the dock. */
  layout: 'composer' | 'dock';
  /** The picker itself, loaded the first time it opens on the page (components/lazy). */
  views: ViewLoader;
}

/**
 * Everything of ours on one WhatsApp conversation: the session badge, the "WhatsApp templates" button, the notice
 * when the window is closed, the manual number field when the page shows none, and the picker.
 */
export function ConversationBar({ api, insert, registerOpen, shortcut, layout, views }: ConversationBarProps) {
  const [contact, setContact] = useState<ContactInfo>(() => api.pageContact());
  // undefined until read from storage; null when the rep never typed one.
  const [manual, setManual] = useState<string | null | undefined>();
  const [info, setInfo] = useState<WindowInfo | undefined>();
  const [picker, setPicker] = useState<{ query: string; replace?: string } | undefined>();
  const [isEditingNumber, setEditingNumber] = useState(false);
  // Whether Pipedrive's API has had its say on the contact's numbers (the page alone may show none).
  const [isContactLoaded, setContactLoaded] = useState(false);

  useLayoutEffect(() => {
    let live = true;
    void api.loadManualNumber().then((saved) => live && setManual(saved ?? null));
    void api
      .loadContact()
      .then((loaded) => {
        if (live && (loaded.phones.join() !== contact.phones.join() || JSON.stringify(loaded.values) !== JSON.stringify(contact.values))) setContact(loaded);
      })
      .catch(() => undefined)
      .finally(() => live && setContactLoaded(true));
    return () => {
      live = false;
    };
  }, [api]);

  // No number on the page or typed yet: the contact's record may bring one; asking before would only say "no number".
  const waitsForRecord = !manual && contact.phones.length === 0 && !isContactLoaded;

  /** Asks about each candidate number in turn; the first the background understands wins. */
  const ask = useCallback(async () => {
    if (manual === undefined || waitsForRecord) return; // a typed number, or else the record's, comes first: wait
    // Several numbers: the background chooses as the conversation panel does (newest inbound, any history, a mobile,
    // the primary); the one it chose is asked about first.
    const chosen = !manual && contact.phones.length > 1 ? await api.chooseNumber(contact.phones) : undefined;
    const first = chosen?.ok ? chosen.value.chosen : undefined;
    const candidates = [...(manual ? [manual] : []), ...(first ? [first] : []), ...contact.phones];
    let last: WindowInfo | undefined;
    for (const phone of candidates) {
      const answer = await api.getWindow(phone);
      if (!answer.ok) continue;
      last = answer.value;
      if (answer.value.reason !== 'no-number') break;
    }
    if (!last && candidates.length === 0) {
      const answer = await api.getWindow('');
      if (answer.ok) last = answer.value;
    }
    setInfo(last);
  }, [api, contact, manual, waitsForRecord]);

  // Asked right after the render (not a frame later): the badge's state is what a rep looks for first.
  useLayoutEffect(() => {
    void ask();
    return api.subscribe(() => void ask());
  }, [api, ask]);

  useEffect(() => registerOpen((query, replace) => setPicker({ query, replace })), [registerOpen]);

  // Re-render when the window changes state by itself (the notice must appear the moment it closes).
  const now = useNow((at) => nextChangeAt(viewOf(info, at), at, info?.expiringThresholdMs));
  const state = viewOf(info, now).state;
  const needsNumber = info?.reason === 'no-number' || isEditingNumber;
  return (
    <div class={`bar ${layout}`}>
      {state === 'closed' && (
        <div class="closed-notice" role="note">
          <span>{t('closed_notice')}</span>
          <button type="button" onClick={() => setPicker({ query: '' })}>{t('closed_notice_button')}</button>
        </div>
      )}
      <div class="row">
        <SessionBadge info={info} />
        {contact.phones.length > 1 && info?.contact && <span class="number" title={t('panel_number')}>{info.contact}</span>}
        <button type="button" class="templates-button" title={t('templates_button_tooltip', shortcut)} aria-keyshortcuts={shortcut}
          aria-haspopup="dialog" onPointerEnter={preloadViews(views)} onClick={() => setPicker({ query: '' })}>
          {t('templates_button')}
        </button>
        {manual && !isEditingNumber && (
          <button type="button" class="link" onClick={() => setEditingNumber(true)}>{t('manual_number_change')}</button>
        )}
      </div>
      {needsNumber && (
        <ManualNumber initial={manual ?? ''} check={api.getWindow} onSave={async (number) => {
          await api.saveManualNumber(number);
          setManual(number);
          setEditingNumber(false);
        }} />
      )}
      {picker && (
        <LazyView views={views} name="TemplatePicker" props={{
          api, contact: info?.contact, contactValues: contact.values, windowState: state, query: picker.query, canInsert: insert !== undefined,
          onInsert: (text) => {
            insert?.(text, picker.replace);
            setPicker(undefined);
          },
          onClose: () => setPicker(undefined),
        }} />
      )}
    </div>
  );
}
