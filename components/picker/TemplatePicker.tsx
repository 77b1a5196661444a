import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Result, SearchRequest, SearchResult, SendInfo, SendRequest, TemplateDetail } from '@/lib/messaging/protocol';
import type { WindowState } from '@/lib/window/model';
import { formatNumber } from '@/lib/format';
import { t, type MessageKey } from '@/lib/i18n';
import { guessSource, valueFor, type ContactValues, type VariableSource } from '@/lib/templates/prefill';
import { sendability } from '@/lib/templates/sendability';
import { RENDERED_MAX_LENGTH, checkVariables } from '@/lib/templates/validate';
import { SendStatus } from './SendStatus';
import { TemplateList } from './TemplateList';
import { TemplatePreview } from './TemplatePreview';
import { VariableFields } from './VariableFields';

/** What the picker needs from the extension; the content script passes the real calls, tests pass fakes. */
export interface PickerApi {
  search: (request: SearchRequest) => Promise<Result<SearchResult>>;
  getTemplate: (sid: string) => Promise<Result<TemplateDetail>>;
  send: (request: SendRequest) => Promise<Result<SendInfo>>;
  getSend: (id: string) => Promise<Result<SendInfo>>;
  loadSources: (sid: string) => Promise<Record<string, VariableSource>>;
  saveSource: (sid: string, placeholder: string, source: VariableSource) => Promise<void>;
  newId: () => string;
  /** Opens the template workshop on a new template (a tab of the extension's own page). */
  openWorkshop: () => void;
}

export interface TemplatePickerProps {
  api: PickerApi;
  /** The customer's number (E.164), when known: sending needs it. */
  contact: string | undefined;
  contactValues: ContactValues;
  windowState: WindowState;
  /** The search to start with; a new value (more keys typed after `/` in the reply) replaces the search. */
  query: string;
  /** There is a composer to insert into (not on the floating dock). */
  canInsert: boolean;
  onInsert: (text: string) => void;
  onClose: () => void;
}

/**
 * Following a sent message: the first question after 1.5 s, each next one twice as late (at most every 30 s), back
 * to 1.5 s when the status moves on, and none once 15 minutes have passed. A message may stay `sent` or `delivered`
 * for good (a customer with read receipts off never reaches `read`), and after 15 minutes the background has stopped
 * following it (MAX_POLL_MS in lib/sends/handlers.ts), so every question would be a request to Twilio. Bound:
 * 15 minutes from the send, about 35 questions when the status stays put (a few more for each change of status);
 * the status shown then stays as it was.
 */
const SEND_POLL_FIRST_MS = 1_500;
const SEND_POLL_MAX_MS = 30_000;
const SEND_POLL_FOR_MS = 15 * 60_000;
const NOT_SENDABLE: Record<'stopped' | 'not-approved' | 'window-closed', MessageKey> = {
  stopped: 'picker_not_sendable_stopped',
  'not-approved': 'picker_not_sendable_not_approved',
  'window-closed': 'picker_not_sendable_window_closed',
};

/**
 * Our UI sits in an open shadow root inside Pipedrive's page, whose scripts can reach it and call `.click()`. Only
 * the rep's own clicks and key presses (trusted events) may send or insert anything.
 */
export const byUser = (action: () => void) => (event: Event) => {
  if (event.isTrusted) action();
};

type Step = { kind: 'edit' } | { kind: 'confirm'; id: string } | { kind: 'sending'; id: string } | { kind: 'sent'; send: SendInfo };

/**
 * The "WhatsApp templates" dialog: search (in the page, over the synced catalogue, the best 50), filter, preview with WhatsApp's
 * formatting, fill the variables (pre-filled from the contact, checked as the rep types), then insert the text into
 * the reply (window open) or send the template through Twilio after a confirmation, and follow its delivery.
 *
 * A native `<dialog>` opened with `showModal()`: the browser puts it in the top layer above Pipedrive's page, makes
 * everything behind it inert (so Tab stays inside), turns Escape into `cancel` and closes it, and on closing gives
 * the focus back to what had it when the dialog opened. The picker closes through the dialog (Escape, ×, a click
 * on the backdrop) so that the focus goes back; "Insert into reply" leaves the focus in the reply it filled.
 */
export function TemplatePicker(props: TemplatePickerProps) {
  const { api, contact, contactValues, windowState, canInsert, onInsert, onClose } = props;
  const [query, setQuery] = useState(props.query);
  // Layout effects run right after the render, before the next key event: a fast typist's keys after `/` go to
  // the search box, not to a reply box that no longer has the focus.
  useLayoutEffect(() => setQuery(props.query), [props.query]);
  const [language, setLanguage] = useState('');
  const [category, setCategory] = useState('');
  const [result, setResult] = useState<SearchResult | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const [detail, setDetail] = useState<TemplateDetail | undefined>();
  const [values, setValues] = useState<Record<string, string>>({});
  const [sources, setSources] = useState<Record<string, VariableSource>>({});
  const [step, setStep] = useState<Step>({ kind: 'edit' });
  const [error, setError] = useState('');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const searchSeq = useRef(0);
  // The record may arrive after the picker opened: a template loaded later fills from the values known by then.
  const contactRef = useRef(contactValues);
  contactRef.current = contactValues;
  const sendPoll = useRef({ id: '', status: '', delayMs: SEND_POLL_FIRST_MS, startedAt: 0 });

  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    // happy-dom (unit tests) has no top layer: there the dialog is merely open.
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    searchRef.current?.focus();
  }, []);

  // Search as the rep types; an answer to an older keystroke is dropped. A layout effect: the request leaves right
  // after the keystroke's render instead of waiting for the next frame.
  useLayoutEffect(() => {
    const seq = ++searchSeq.current;
    void api.search({ query, language: language || undefined, category: category || undefined, limit: 50 }).then((answer) => {
      if (seq !== searchSeq.current || !answer.ok) return;
      setResult(answer.value);
      setSelected((current) => (answer.value.results.some((r) => r.sid === current) ? current : answer.value.results[0]?.sid));
    });
  }, [api, query, language, category]);

  // A chosen template: its details, and each variable's value from where the rep last took it.
  useEffect(() => {
    setDetail(undefined);
    setStep({ kind: 'edit' });
    setError('');
    if (!selected) return;
    let live = true;
    void Promise.all([api.getTemplate(selected), api.loadSources(selected)]).then(([answer, remembered]) => {
      if (!live || !answer.ok) return;
      const template = answer.value;
      const nextSources: Record<string, VariableSource> = {};
      const nextValues: Record<string, string> = {};
      template.placeholders.forEach((key, i) => {
        nextSources[key] = remembered[key] ?? guessSource(key, i);
        nextValues[key] = valueFor(nextSources[key], contactRef.current) ?? '';
      });
      setSources(nextSources);
      setValues(nextValues);
      setDetail(template);
    });
    return () => {
      live = false;
    };
  }, [api, selected]);

  // The Pipedrive record changed (it arrived, or was read again): the fields that take their value from it follow;
  // what the rep typed (a `custom` source) stays.
  useEffect(() => {
    setValues((current) => {
      const next = { ...current };
      for (const [key, source] of Object.entries(sources)) {
        const value = valueFor(source, contactValues);
        if (value !== undefined) next[key] = value;
      }
      return next;
    });
    // Only a new record: a change of source fills its own field (setSource), so `sources` is not a dependency.
  }, [contactValues]);

  // The confirmation's buttons are gone once sent: keep the focus in the dialog (Escape, Tab still work).
  useEffect(() => {
    if (step.kind === 'sent') closeRef.current?.focus();
  }, [step.kind]);

  // Follow a sent message until Twilio reports a final status, less and less often, for a bounded time.
  useEffect(() => {
    if (step.kind !== 'sent' || step.send.isFinal || step.send.status === 'unconfirmed') return;
    const poll = sendPoll.current;
    const now = Date.now();
    if (poll.id !== step.send.id) Object.assign(poll, { id: step.send.id, status: step.send.status, delayMs: SEND_POLL_FIRST_MS, startedAt: now });
    else if (poll.status !== step.send.status) Object.assign(poll, { status: step.send.status, delayMs: SEND_POLL_FIRST_MS });
    const leftMs = poll.startedAt + SEND_POLL_FOR_MS - now;
    if (leftMs <= 0) return;
    const delayMs = Math.min(poll.delayMs, leftMs);
    const timer = setTimeout(async () => {
      poll.delayMs = Math.min(delayMs * 2, SEND_POLL_MAX_MS);
      const answer = await api.getSend(step.send.id);
      if (answer.ok) setStep({ kind: 'sent', send: answer.value });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [api, step]);

  const check = useMemo(() => (detail ? checkVariables(detail.body, detail.placeholders, values) : undefined), [detail, values]);
  const allowed = useMemo(() => (detail ? sendability(detail.status, Object.keys(detail.types), windowState) : undefined), [detail, windowState]);
  const isWindowOpen = windowState === 'open' || windowState === 'expiring';
  const canSend = Boolean(detail && check?.ok && allowed?.ok && contact && step.kind === 'edit');
  // A template with nothing to write (a card or media without text) cannot be inserted as a reply.
  const canInsertNow = Boolean(detail && check?.ok && check.rendered.trim() !== '' && canInsert && isWindowOpen && step.kind === 'edit');

  function onSearchKey(event: KeyboardEvent) {
    // In a search field the browser spends Escape on clearing it, and the dialog never hears it: close it here.
    if (event.key === 'Escape') {
      event.preventDefault();
      closeDialog();
      return;
    }
    const list = result?.results ?? [];
    const index = list.findIndex((r) => r.sid === selected);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = list[Math.min(list.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))];
      if (next) setSelected(next.sid);
    }
  }

  /** Closes the dialog itself (the browser then gives the focus back); its `close` event tells the owner. */
  function closeDialog() {
    const dialog = dialogRef.current;
    if (dialog?.open && typeof dialog.close === 'function') dialog.close();
    else onClose();
  }

  /** A click on the backdrop lands on the dialog element itself, outside its box. */
  function onDialogClick(event: MouseEvent) {
    const dialog = dialogRef.current;
    if (!dialog || event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const isOutside = event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
    if (isOutside) closeDialog();
  }

  // Sources are remembered for the template whose fields are shown (the selection may already have moved on).
  function setValue(key: string, value: string) {
    setValues({ ...values, [key]: value });
    if (sources[key] !== 'custom' && detail) {
      setSources({ ...sources, [key]: 'custom' });
      void api.saveSource(detail.sid, key, 'custom');
    }
  }

  function setSource(key: string, source: VariableSource) {
    setSources({ ...sources, [key]: source });
    const value = valueFor(source, contactValues);
    if (value !== undefined) setValues({ ...values, [key]: value });
    if (detail) void api.saveSource(detail.sid, key, source);
  }

  async function send(id: string) {
    if (!detail || !contact) return;
    setStep({ kind: 'sending', id });
    const answer = await api.send({ id, contact, contentSid: detail.sid, variables: Object.fromEntries(detail.placeholders.map((k) => [k, values[k] ?? ''])) });
    // No answer at all (the extension's worker was stopped mid-send): ask what became of this send id.
    const known = !answer.ok && answer.error.code === 'internal' ? await api.getSend(id) : undefined;
    if (answer.ok) setStep({ kind: 'sent', send: answer.value });
    else if (known?.ok) setStep({ kind: 'sent', send: known.value });
    else {
      setError(t('send_error_request', answer.error.message));
      setStep({ kind: 'edit' });
    }
  }

  const length = check ? [...check.rendered].length : 0;
  // The preview, fields and actions: drawn again when what they show changes, not on every keystroke in the search.
  const detailColumn = useMemo(() => (
    <div class="detail-column">
      {!detail ? <p class="empty">{t('picker_choose')}</p> : (
        <>
          <TemplatePreview template={detail} values={values} />
          <VariableFields placeholders={detail.placeholders} samples={detail.samples} values={values} sources={sources}
            problems={check?.problems ?? {}} onValue={setValue} onSource={setSource} />
          <p class={check?.isTooLong ? 'length problem' : 'length'}>
            {check?.isTooLong ? t('picker_too_long') : t('picker_length', formatNumber(length))}
            <span class="visually-hidden">{` (max ${RENDERED_MAX_LENGTH})`}</span>
          </p>
          {allowed && !allowed.ok && <p class="hint">{t(NOT_SENDABLE[allowed.reason])}</p>}
          {!canInsert && <p class="hint">{t('picker_no_composer')}</p>}
          {canInsert && !isWindowOpen && <p class="hint">{t('picker_insert_needs_open')}</p>}
          {error && <p role="alert" class="problem">{error}</p>}
          {step.kind === 'confirm' || step.kind === 'sending' ? (
            <div class="confirm" role="group" aria-labelledby="wat-confirm-text">
              <p id="wat-confirm-text">{t('picker_send_confirm', detail.name, contact ?? '')}</p>
              <button type="button" class="primary" disabled={step.kind === 'sending'} autoFocus
                onClick={byUser(() => void send(step.id))}>{t('picker_send_now')}</button>
              <button type="button" disabled={step.kind === 'sending'} onClick={() => setStep({ kind: 'edit' })}>{t('cancel_button')}</button>
            </div>
          ) : step.kind === 'sent' ? (
            <SendStatus send={step.send} />
          ) : (
            <div class="actions">
              {canInsert && (
                <button type="button" disabled={!canInsertNow} onClick={byUser(() => check && onInsert(check.rendered))}>{t('picker_insert')}</button>
              )}
              <button type="button" class="primary" disabled={!canSend}
                onClick={byUser(() => setStep({ kind: 'confirm', id: api.newId() }))}>{t('picker_send')}</button>
            </div>
          )}
        </>
      )}
    </div>
  ), [api, detail, values, sources, check, allowed, contact, contactValues, canInsert, isWindowOpen, canSend, canInsertNow, length, error, step, onInsert]);

  const results = result?.results ?? [];
  // A keystroke draws the picker once with the new query and once with its results: the list only the second time.
  const list = useMemo(() => <TemplateList id="wat-results" templates={results} selected={selected} onSelect={setSelected} />, [result, selected]);
  // Escape is the browser's: it fires `cancel`, closes the dialog and then `close`. Nothing else here may cancel the
  // Escape key press (that would keep the dialog open), and owners that close on Escape (the conversation panel)
  // ignore it while the picker is open.
  return (
    <dialog ref={dialogRef} class="picker" aria-labelledby="wat-picker-title" onClose={onClose} onClick={onDialogClick}>
      <header>
        <h2 id="wat-picker-title">{t('picker_title')}</h2>
        <button type="button" class="new-template" onClick={byUser(api.openWorkshop)}>{t('picker_new_template')}</button>
        <button ref={closeRef} type="button" class="close" aria-label={t('picker_close')} onClick={closeDialog}>×</button>
      </header>
      <div class="columns">
        <div class="search-column">
          <input ref={searchRef} type="search" aria-label={t('picker_search')} placeholder={t('picker_search')} value={query}
            aria-controls="wat-results" aria-activedescendant={selected ? `wat-option-${selected}` : undefined}
            onInput={(e) => setQuery(e.currentTarget.value)} onKeyDown={onSearchKey} />
          <div class="filters">
            <FilterSelect label={t('picker_language')} value={language} options={result?.languages ?? []} onChange={setLanguage} />
            <FilterSelect label={t('picker_category')} value={category} options={result?.categories ?? []} onChange={setCategory} />
          </div>
          {result && <p class="count" aria-live="polite">{t('picker_count', formatNumber(results.length), formatNumber(result.total))}</p>}
          {result && results.length === 0 && (
            <p class="empty">{result.catalogueSize > 0 ? t('picker_no_results') : t('picker_empty_catalogue')}</p>
          )}
          {list}
        </div>
        {detailColumn}
      </div>
    </dialog>
  );
}

/** A filter over the search: "All", or one of the values the catalogue has. */
function FilterSelect({ label, value, options, onChange }: { label: string; value: string; options: string[]; onChange: (value: string) => void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('picker_all')}</option>
        {options.map((option) => <option key={option} value={option}>{option}</option>)}
      </select>
    </label>
  );
}
