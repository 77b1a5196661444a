import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ConversationNumbers, MediaFileInfo, ThreadInfo, ThreadMessage } from '@/lib/conversations/model';
import { THREAD_PAGE } from '@/lib/conversations/model';
import type { PhoneCandidate, ReplyRequest, Result, SendInfo, WindowInfo } from '@/lib/messaging/protocol';
import type { ContactValues } from '@/lib/templates/prefill';
import type { ConversationSave } from '@/lib/notes/model';
import { t } from '@/lib/i18n';
import { nextChangeAt } from '@/lib/window/rule';
import { SessionBadge, viewOf } from '../badge/SessionBadge';
import { useNow } from '../hooks/useNow';
import { TemplatePicker, type PickerApi } from '../picker/TemplatePicker';
import { ReplyBox } from '../thread/ReplyBox';
import { Thread } from '../thread/Thread';
import { ManualNumber } from './ManualNumber';
import { SaveConversation, type SaveConversationProps } from './SaveConversation';
import { UnknownNumber, type UnknownNumberApi, type UnknownNumberProps } from '../inbox/UnknownNumber';
import { openConversation, type Opening } from './opening';

/** The Pipedrive person behind the page (a person, or a deal's or lead's person). */
export interface PanelContact {
  name?: string;
  phones: PhoneCandidate[];
  values: ContactValues;
  /** Pipedrive's id of the person, when the page has one: notes go on it. */
  personId?: string;
}

/** What the panel needs from the extension; the content script passes the real calls, tests pass fakes. */
export interface PanelApi extends PickerApi {
  loadContact: () => Promise<PanelContact>;
  /** The numbers, the chosen one, and (with `limit`) its thread as far as known without asking Twilio again. */
  getConversation: (phones: PhoneCandidate[], remembered?: string, limit?: number) => Promise<Result<ConversationNumbers>>;
  getThread: (contact: string, limit: number, refresh: boolean) => Promise<Result<ThreadInfo>>;
  getMedia: (contact: string, messageSid: string) => Promise<Result<{ files: MediaFileInfo[] }>>;
  openMediaAccess: () => void;
  sendReply: (request: ReplyRequest) => Promise<Result<SendInfo>>;
  getWindow: (phone: string) => Promise<Result<WindowInfo>>;
  /** Calls back when windows or templates changed in the background; returns the unsubscribe. */
  subscribe: (onChange: () => void) => () => void;
  loadChoice: () => Promise<string | undefined>;
  saveChoice: (e164: string) => Promise<void>;
  loadManualNumber: () => Promise<string | undefined>;
  saveManualNumber: (number: string) => Promise<void>;
  loadDraft: () => Promise<string>;
  saveDraft: (text: string) => Promise<void>;
  /** Whether the tab is visible now, and a subscription to changes: a hidden tab polls nothing. */
  isVisible: () => boolean;
  onVisibility: (onChange: () => void) => () => void;
  /** The inbox's read marks: what the rep has open is read; "Mark as unread" undoes it. */
  markRead?: (e164: string) => void;
  markUnread?: (e164: string) => Promise<unknown>;
  /** "Save conversation to Pipedrive" for this number, on the page's person (and its deal or lead). */
  saveConversation: (contact: string) => Promise<Result<ConversationSave>>;
  getNote: SaveConversationProps['getNote'];
  retryNote: SaveConversationProps['retryNote'];
  /**
   * A page whose record has no person (a deal or a lead): "Add to Pipedrive" / "Link to a person" for the number, then
   * `onSaved` links the record to that person and answers the page's contact anew (notes go on it from then on).
   */
  unknownNumber?: { api: (number: string) => UnknownNumberApi; onSaved: (personId: number) => Promise<PanelContact> };
}

export interface ConversationPanelProps {
  api: PanelApi;
  onClose: () => void;
  /** The panel's keyboard shortcut, for the close button's tooltip. */
  shortcut: string;
  templatesShortcut: string;
  /** Lets the page-level templates shortcut open the picker. */
  registerOpenPicker?: (open: () => void) => void;
  /** Goes to the inbox ("All conversations"). */
  onAllConversations?: () => void;
  /** The person's record in Pipedrive, for a conversation opened from the inbox ("Open in Pipedrive"). */
  personUrl?: string;
  /** Shown under the header: "Add to Pipedrive" / "Link to a person" for a number no Pipedrive person has. */
  unknownNumber?: UnknownNumberProps;
  /** The first questions, already asked by the launcher for this `api` (else the panel asks them as it is drawn). */
  started?: { api: PanelApi; opening: Opening };
}

/** While the panel is open and the tab visible, Twilio is asked this often (a message shows within 10 s). */
export const POLL_MS = 5_000;
/** While one of our messages is on its way, a little more often: the rep watches it turn delivered and read. */
export const FOLLOW_MS = 2_000;
const FINAL = new Set(['read', 'failed', 'undelivered', 'canceled', 'not-sent', 'unconfirmed']);
const isOnItsWay = (message: ThreadMessage, now: number) =>
  message.direction === 'outbound' && message.sendId !== undefined && !FINAL.has(message.status) && now - message.at < 2 * 60_000;

const numberLabel = (e164: string, label?: string) => (label ? `${e164} (${label})` : e164);

/**
 * The WhatsApp conversation with the person on this Pipedrive page: which number, the session badge, the thread
 * (live while the panel is open and the tab visible), the reply box while the window is open, and the templates.
 */
export function ConversationPanel({ api, onClose, shortcut, templatesShortcut, registerOpenPicker, onAllConversations, personUrl, unknownNumber, started }: ConversationPanelProps) {
  const [contact, setContact] = useState<PanelContact | undefined>();
  const [numbers, setNumbers] = useState<ConversationNumbers | undefined>();
  const [manual, setManual] = useState<string | null | undefined>();
  const [chosen, setChosen] = useState<string | undefined>();
  const [thread, setThread] = useState<ThreadInfo | undefined>();
  const [threadError, setThreadError] = useState('');
  const [limit, setLimit] = useState(THREAD_PAGE);
  const [isLoadingEarlier, setLoadingEarlier] = useState(false);
  const [window, setWindow] = useState<WindowInfo | undefined>();
  const [draft, setDraft] = useState('');
  const [picker, setPicker] = useState(false);
  const [inserted, setInserted] = useState<{ text: string; seq: number } | undefined>();
  const [isVisible, setVisible] = useState(api.isVisible());
  const seq = useRef(0);
  /** The chosen number's thread as the first answer brought it (shown at once; Twilio is asked right after). */
  const firstThread = useRef<ThreadInfo | undefined>(undefined);
  const closeRef = useRef<HTMLButtonElement>(null);
  const sectionRef = useRef<HTMLElement>(null);

  useLayoutEffect(() => closeRef.current?.focus(), []);
  // Escape closes the panel from anywhere in it, and also when the focus fell back to the page's body (a button that
  // had it went away, e.g. "Show earlier messages" once everything is shown). The picker and the full-size image
  // handle their own Escape first.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || picker) return;
      const active = document.activeElement;
      const host = sectionRef.current?.getRootNode();
      const isOurs = host instanceof ShadowRoot && active === host.host;
      if (active === document.body || active === null || isOurs) {
        event.preventDefault();
        onClose();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [picker, onClose]);
  useEffect(() => api.onVisibility(() => setVisible(api.isVisible())), [api]);
  useEffect(() => registerOpenPicker?.(() => setPicker(true)), [registerOpenPicker]);

  // Who: the record's person and the rep's earlier choices, then the numbers with the chosen one's thread. Asked for
  // while the panel is first drawn (not after it, as an effect would): the rep is waiting for the thread.
  const opening = useMemo(() => (started?.api === api ? started.opening : openConversation(api)), [api]);
  useLayoutEffect(() => {
    let live = true;
    void api.loadDraft().then((text) => live && setDraft((current) => current || text));
    void opening.who.then(({ contact: loaded, typed }) => {
      if (!live) return;
      setContact(loaded);
      setManual(typed ?? null);
      if (loaded.phones.length === 0) {
        setNumbers({ numbers: [] });
        setChosen(typed);
      }
    });
    void opening.numbers.then(async (answer) => {
      const { typed } = await opening.who;
      if (!live || !answer) return;
      const known = answer.ok ? answer.value : { numbers: [] };
      if (known.thread) firstThread.current = known.thread;
      setNumbers(known);
      setChosen(known.chosen ?? typed);
      if (!answer.ok) setThreadError(answer.error.message);
    });
    return () => {
      live = false;
    };
  }, [api, opening]);

  // The thread of the chosen number: the cache at once, then Twilio; a stale answer (another number) is dropped.
  const load = useCallback(
    async (refresh: boolean, wanted = limit) => {
      if (!chosen) return;
      const mine = seq.current;
      const answer = await api.getThread(chosen, wanted, refresh);
      if (mine !== seq.current) return;
      if (answer.ok) {
        setThread(answer.value);
        setThreadError('');
      } else if (refresh) setThreadError(answer.error.message);
    },
    [api, chosen, limit],
  );

  useLayoutEffect(() => {
    seq.current++;
    const first = firstThread.current?.contact === chosen ? firstThread.current : undefined;
    firstThread.current = undefined;
    setThread(first);
    setThreadError('');
    setLimit(THREAD_PAGE);
    if (!chosen) return;
    void (first ? Promise.resolve() : load(false, THREAD_PAGE)).then(() => load(true, THREAD_PAGE));
  }, [chosen]);

  // Live: while visible, ask Twilio every few seconds (more often while our message is on its way).
  const now = Date.now();
  const isFollowing = thread?.messages.some((m) => isOnItsWay(m, now)) ?? false;
  useEffect(() => {
    if (!chosen || !isVisible) return;
    const timer = setInterval(() => void load(true), isFollowing ? FOLLOW_MS : POLL_MS);
    return () => clearInterval(timer);
  }, [chosen, isVisible, isFollowing, load]);

  // The badge: asked for the chosen number, again whenever the background's windows change.
  useEffect(() => {
    if (!chosen) {
      setWindow(undefined);
      return;
    }
    let live = true;
    const ask = () => void api.getWindow(chosen).then((answer) => live && answer.ok && setWindow(answer.value));
    ask();
    const stop = api.subscribe(() => {
      ask();
      void load(false);
    });
    return () => {
      live = false;
      stop();
    };
  }, [api, chosen, load]);

  // What the rep has open on a visible tab is read: marked when it opens and when the customer writes again.
  const newestInbound = thread?.messages.findLast((m) => m.direction === 'inbound')?.sid;
  const [isMarkedUnread, setMarkedUnread] = useState(false);
  useEffect(() => {
    if (chosen && isVisible && thread && !isMarkedUnread) api.markRead?.(chosen);
  }, [api, chosen, isVisible, newestInbound, thread === undefined, isMarkedUnread]);

  const tick = useNow((at) => nextChangeAt(viewOf(window, at), at, window?.expiringThresholdMs));
  const state = viewOf(window, tick).state;
  const isOpen = state === 'open' || state === 'expiring';

  function onDraft(text: string) {
    setDraft(text);
    void api.saveDraft(text);
  }

  const replyTo = thread?.replyTo.replace(/^whatsapp:/, '') ?? chosen;

  async function sendReply(body: string, mediaUrl: string | undefined): Promise<string | undefined> {
    if (!replyTo) return t('reply_no_number');
    const answer = await api.sendReply({ id: api.newId(), contact: replyTo, body, ...(mediaUrl && { mediaUrl }) });
    if (!answer.ok) return answer.error.message;
    onDraft('');
    void load(true);
    return undefined;
  }

  const onRetry = useCallback(
    (message: ThreadMessage) => {
      if (!isOpen || !message.body) return;
      void sendReply(message.body, undefined);
    },
    [isOpen, replyTo],
  );

  const loadMedia = useCallback((sid: string) => () => api.getMedia(chosen ?? '', sid), [api, chosen]);
  const onRetryNote = useCallback((sid: string) => void api.retryNote(sid).then(() => load(false)), [api, load]);

  // The picker sends through the same API; what it sent shows in the thread at once.
  const pickerApi = useMemo<PickerApi>(
    () => ({
      ...api,
      send: async (request) => {
        const answer = await api.send(request);
        void load(true);
        return answer;
      },
    }),
    [api, load],
  );

  const choices = numbers?.numbers ?? [];
  const isLoadingWho = contact === undefined || numbers === undefined;
  // The rep types a number only when the person has none; a failure to ask about the numbers is said as it is.
  const needsNumber = !isLoadingWho && !chosen && !threadError;
  const closedReason = !chosen ? t('reply_no_number') : state === 'closed' ? t('reply_closed') : state === 'unknown' ? t('reply_unknown') : undefined;
  const lastFailed = [...(thread?.messages ?? [])].reverse().find((m) => m.direction === 'outbound');
  const closedMeanwhile = lastFailed?.errorCode === 63016 && (lastFailed.status === 'failed' || lastFailed.status === 'undelivered');

  return (
    <section ref={sectionRef} class="panel" role="region" aria-label={t('panel_label')}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented && !picker) {
          e.preventDefault();
          onClose();
        }
      }}>
      <header class="panel-header">
        {(onAllConversations || personUrl || (api.markUnread && chosen)) && (
          <div class="panel-nav">
            {onAllConversations && <button type="button" class="link-button" onClick={onAllConversations}>{t('panel_all_conversations')}</button>}
            {personUrl && <a class="link-button" href={personUrl}>{t('panel_open_in_pipedrive')}</a>}
            {api.markUnread && chosen && (
              <button type="button" class="link-button" disabled={isMarkedUnread} onClick={() => {
                setMarkedUnread(true);
                void api.markUnread?.(chosen);
              }}>{isMarkedUnread ? t('panel_marked_unread') : t('panel_mark_unread')}</button>
            )}
          </div>
        )}
        <div class="panel-title">
          <h2>{contact?.name ?? t('panel_title')}</h2>
          <button ref={closeRef} type="button" class="close" aria-label={t('panel_close')} title={t('panel_close_tooltip', shortcut)} onClick={onClose}>×</button>
        </div>
        <div class="panel-who">
          {choices.length > 1 && (
            <label class="number-choice">
              {t('panel_number')}
              <select value={chosen} onChange={(e) => {
                const next = e.currentTarget.value;
                setChosen(next);
                void api.saveChoice(next);
              }}>
                {choices.map((option) => <option key={option.e164} value={option.e164}>{numberLabel(option.e164, option.label)}</option>)}
              </select>
            </label>
          )}
          {choices.length === 1 && chosen && <span class="number">{numberLabel(chosen, choices[0]?.label)}</span>}
          {chosen && <SessionBadge info={window} />}
        </div>
        {unknownNumber && <UnknownNumber {...unknownNumber} />}
        {needsNumber && (
          <ManualNumber initial={manual ?? ''} check={api.getWindow} onSave={async (number) => {
            await api.saveManualNumber(number);
            setManual(number);
            setChosen(number);
          }} />
        )}
      </header>
      <Thread messages={thread?.messages ?? []} hasEarlier={thread?.hasEarlier ?? false} isLoadingEarlier={isLoadingEarlier} now={tick}
        loadMedia={loadMedia} onAllowMedia={api.openMediaAccess} onRetry={isOpen ? onRetry : undefined} onRetryNote={onRetryNote}
        emptyText={threadError ? t('thread_error', threadError) : isLoadingWho || (chosen && !thread) ? t('thread_loading') : chosen ? t('thread_empty') : undefined}
        onEarlier={() => {
          const wanted = limit + THREAD_PAGE;
          setLimit(wanted);
          setLoadingEarlier(true);
          void load(false, wanted).finally(() => setLoadingEarlier(false));
        }} />
      {chosen && contact?.personId && thread && thread.messages.length > 0 && (
        <SaveConversation key={chosen} save={() => api.saveConversation(chosen)} getNote={api.getNote} retryNote={api.retryNote} />
      )}
      {chosen && contact && !contact.personId && !unknownNumber && api.unknownNumber && (
        <UnknownNumber number={chosen} api={api.unknownNumber.api(chosen)} onSaved={(person) => void api.unknownNumber?.onSaved(person.id).then(setContact)} />
      )}
      {closedMeanwhile && isOpen === false && <p class="closed-meanwhile" role="note">{t('reply_closed_meanwhile')}</p>}
      <ReplyBox isOpen={isOpen && Boolean(chosen)} disabledReason={closedReason} draft={draft} onDraft={onDraft} onSend={sendReply}
        onTemplates={() => setPicker(true)} inserted={inserted} templatesShortcut={templatesShortcut} />
      {picker && (
        <TemplatePicker api={pickerApi} contact={replyTo} contactValues={contact?.values ?? {}} windowState={state} query=""
          canInsert
          onInsert={(text) => {
            setInserted({ text, seq: (inserted?.seq ?? 0) + 1 });
            setPicker(false);
          }}
          onClose={() => setPicker(false)} />
      )}
    </section>
  );
}
