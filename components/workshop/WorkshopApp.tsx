import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiError, Result, StatusInfo, SubmittedTemplate, TemplateDetail, WorkshopList } from '@/lib/messaging/protocol';
import type { LanguageRanking } from '@/lib/templates/authoring/checks';
import { draftFromTemplate } from '@/lib/templates/authoring/content-types';
import { emptyDraft, type TemplateDraft } from '@/lib/templates/authoring/draft';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { TemplateEditor } from './TemplateEditor';
import { WorkshopTemplates } from './WorkshopTemplates';
import { workshopErrorText } from './workshop-errors';

/** What the workshop needs from the extension; the options page passes the real calls, tests pass fakes. */
export interface WorkshopApi {
  list: () => Promise<Result<WorkshopList>>;
  /** A templates sync now (the page shows the catalogue meanwhile). */
  sync: () => Promise<Result<StatusInfo>>;
  getTemplate: (sid: string) => Promise<Result<TemplateDetail>>;
  saveDraft: (draft: TemplateDraft) => Promise<Result<{ draft: TemplateDraft }>>;
  discardDraft: (id: string) => Promise<Result<{ discarded: boolean }>>;
  saveToTwilio: (draft: TemplateDraft) => Promise<Result<{ draft: TemplateDraft }>>;
  submit: (draft: TemplateDraft) => Promise<Result<SubmittedTemplate>>;
  deleteTemplate: (sid: string) => Promise<Result<{ deleted: boolean }>>;
  /** Calls back whenever the synced templates changed; returns the unsubscribe. */
  subscribe: (onChange: () => void) => () => void;
  newId: () => string;
  now: () => number;
  /** The page was opened to start a template ("New template" in the picker). */
  isNew: boolean;
  locale: string;
  /** The body's language (this page only: the detector's models are not for the content script). */
  detectLanguage?: (text: string) => LanguageRanking;
}

export interface WorkshopAppProps {
  api: WorkshopApi;
}

/** A draft is kept this long after the last keystroke (and at once when the page is hidden). */
const DRAFT_SAVE_MS = 300;

type Notice = { kind: 'ok' | 'error'; text: string };

/**
 * The "WhatsApp templates" page: the account's templates, and the editor. What the rep writes is kept as a draft in
 * the extension's storage while they type, so a closed page, a refusal or a crash loses nothing; reopening the page
 * brings the last draft back.
 */
export function WorkshopApp({ api }: WorkshopAppProps) {
  const [list, setList] = useState<WorkshopList | undefined>();
  const [draft, setDraft] = useState<TemplateDraft | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [isBusy, setBusy] = useState(false);
  const pendingSave = useRef<{ timer: ReturnType<typeof setTimeout>; draft: TemplateDraft } | undefined>(undefined);
  const started = useRef(false);

  const refresh = useCallback(async () => {
    const answer = await api.list();
    if (answer.ok) setList(answer.value);
    return answer.ok ? answer.value : undefined;
  }, [api]);

  const flush = useCallback(() => {
    const pending = pendingSave.current;
    if (!pending) return;
    clearTimeout(pending.timer);
    pendingSave.current = undefined;
    void api.saveDraft(pending.draft);
  }, [api]);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void refresh().then((first) => {
      // Opened from "New template": a new draft; otherwise the draft the rep left, as they left it.
      if (api.isNew) openDraft(emptyDraft(api.newId(), api.now()));
      else if (first?.drafts[0]) setDraft(first.drafts[0]);
    });
    void api.sync().then(() => refresh());
  }, [api, refresh]);

  useEffect(() => {
    const unsubscribe = api.subscribe(() => void refresh());
    const onHide = () => flush();
    addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      unsubscribe();
      removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      flush();
    };
  }, [api, refresh, flush]);

  function openDraft(next: TemplateDraft) {
    flush();
    setDraft(next);
    setNotice(undefined);
    void api.saveDraft(next).then(() => refresh());
  }

  function change(next: TemplateDraft) {
    const stamped = { ...next, updatedAt: api.now() };
    setDraft(stamped);
    if (pendingSave.current) clearTimeout(pendingSave.current.timer);
    pendingSave.current = { draft: stamped, timer: setTimeout(flush, DRAFT_SAVE_MS) };
  }

  async function fromTemplate(sid: string, isFix: boolean) {
    const answer = await api.getTemplate(sid);
    if (!answer.ok) return setNotice({ kind: 'error', text: workshopErrorText(answer.error) });
    const copy = draftFromTemplate(answer.value, api.newId(), api.now());
    openDraft(isFix ? { ...copy, fixes: { sid, name: answer.value.name, reason: answer.value.rejectionReason } } : copy);
  }

  /** Runs a request to Twilio with the actions waiting; a refusal is explained and the draft stays as it is. */
  async function withTwilio<T>(request: () => Promise<Result<T>>): Promise<T | undefined> {
    flush();
    setBusy(true);
    setNotice(undefined);
    try {
      const answer = await request();
      if (!answer.ok) {
        setNotice({ kind: 'error', text: workshopErrorText(answer.error as ApiError) });
        return undefined;
      }
      return answer.value;
    } finally {
      setBusy(false);
    }
  }

  async function saveToTwilio() {
    if (!draft) return;
    const saved = await withTwilio(() => api.saveToTwilio(draft));
    if (!saved) return;
    setDraft(saved.draft);
    setNotice({ kind: 'ok', text: t('workshop_saved', saved.draft.name) });
    void refresh();
  }

  async function submit() {
    if (!draft) return;
    const submitted = await withTwilio(() => api.submit(draft));
    if (!submitted) return void refresh(); // a Content may have been made on the way: the draft now knows it
    setDraft(undefined);
    setNotice({ kind: 'ok', text: t('workshop_submitted', draft.name) });
    await refresh();
  }

  async function discard() {
    if (!draft) return;
    if (pendingSave.current) clearTimeout(pendingSave.current.timer);
    pendingSave.current = undefined;
    await api.discardDraft(draft.id);
    setDraft(undefined);
    await refresh();
  }

  async function remove(sid: string): Promise<boolean> {
    const deleted = await withTwilio(() => api.deleteTemplate(sid));
    if (deleted) {
      setNotice({ kind: 'ok', text: t('workshop_deleted') });
      await refresh();
    }
    return Boolean(deleted);
  }

  const otherDrafts = (list?.drafts ?? []).filter((d) => d.id !== draft?.id);
  // The list is drawn again when it changes, not on every keystroke in the editor. Its callbacks only use the api and
  // state setters, which stay the same.
  const templates = useMemo(() => list && (
    <WorkshopTemplates templates={list.templates} locale={api.locale} isBusy={isBusy} onDelete={remove}
      onDuplicate={(sid) => void fromTemplate(sid, false)} onFix={(sid) => void fromTemplate(sid, true)} />
  ), [list, isBusy, api]);
  return (
    <main class="workshop">
      <header class="top">
        <h1>{t('workshop_title')}</h1>
        <button type="button" class="primary" onClick={() => openDraft(emptyDraft(api.newId(), api.now()))}>{t('workshop_new')}</button>
      </header>
      {notice && (
        <p role={notice.kind === 'error' ? 'alert' : 'status'} class={`notice ${notice.kind}`}>{notice.text}</p>
      )}
      {draft && (
        <TemplateEditor draft={draft} locale={api.locale} detectLanguage={api.detectLanguage} onChange={change}
          onSaveToTwilio={() => void saveToTwilio()} onSubmit={() => void submit()} onDiscard={() => void discard()} isBusy={isBusy} />
      )}
      {otherDrafts.length > 0 && (
        <section aria-labelledby="wat-drafts-heading">
          <h2 id="wat-drafts-heading">{t('workshop_drafts')}</h2>
          <ul class="plain" aria-labelledby="wat-drafts-heading">
            {otherDrafts.map((other) => (
              <li key={other.id}>
                <button type="button" class="link" onClick={() => openDraft(other)}>
                  {t('workshop_draft_item', other.name || t('workshop_untitled'), formatDateTime(other.updatedAt, api.locale))}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {templates ?? <p aria-busy="true">{t('workshop_loading')}</p>}
    </main>
  );
}
