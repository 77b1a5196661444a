import { useMemo } from 'preact/hooks';
import { checkDraft, type Check, type LanguageRanking } from '@/lib/templates/authoring/checks';
import { CONTENT_TYPE_OF_KIND, contentRequest, variableTexts } from '@/lib/templates/authoring/content-types';
import {
  BUTTONS_OF_KIND, FIELDS_OF_KIND, TEMPLATE_CATEGORIES, TEMPLATE_KINDS, WHATSAPP_LANGUAGES,
  type ButtonType, type DraftButton, type TemplateDraft, type TemplateKind,
} from '@/lib/templates/authoring/draft';
import { placeholdersIn } from '@/lib/templates/placeholders';
import { t, type MessageKey } from '@/lib/i18n';
import { TemplatePreview } from '../picker/TemplatePreview';
import { ChecksList } from './ChecksList';
import { languageName } from './check-messages';

export interface TemplateEditorProps {
  draft: TemplateDraft;
  locale: string;
  /** The body's language, told on this page only (the detector is not for the content script). */
  detectLanguage?: (text: string) => LanguageRanking;
  onChange: (draft: TemplateDraft) => void;
  onSaveToTwilio: () => void;
  onSubmit: () => void;
  onDiscard: () => void;
  /** A request to Twilio is under way: the actions wait. */
  isBusy: boolean;
}

const KIND_TEXT: Record<TemplateKind, MessageKey> = {
  text: 'workshop_kind_text',
  media: 'workshop_kind_media',
  'quick-reply': 'workshop_kind_quick_reply',
  'call-to-action': 'workshop_kind_call_to_action',
  card: 'workshop_kind_card',
  authentication: 'workshop_kind_authentication',
};

const CATEGORY_TEXT: Record<(typeof TEMPLATE_CATEGORIES)[number], MessageKey> = {
  UTILITY: 'workshop_category_utility',
  MARKETING: 'workshop_category_marketing',
  AUTHENTICATION: 'workshop_category_authentication',
};

const BUTTON_TYPE_TEXT: Record<ButtonType, MessageKey> = {
  QUICK_REPLY: 'workshop_button_quick_reply',
  URL: 'workshop_button_url',
  PHONE_NUMBER: 'workshop_button_phone',
  COPY_CODE: 'workshop_button_copy_code',
};

const VALUE_LABEL: Partial<Record<ButtonType, MessageKey>> = {
  URL: 'workshop_button_value_url',
  PHONE_NUMBER: 'workshop_button_value_phone',
  COPY_CODE: 'workshop_button_value_code',
};

/**
 * All checks on the draft, timed: each run is a `template-checks` User Timing measure (the benchmark reads them; a
 * measure costs microseconds).
 */
function runChecks(draft: TemplateDraft, detectLanguage: TemplateEditorProps['detectLanguage']): Check[] {
  const start = performance.now();
  const checks = checkDraft(draft, { detectLanguage });
  performance.measure('template-checks', { start, end: performance.now() });
  return checks;
}

/** A labelled one-line field of the draft. */
function TextField({ id, label, value, onValue, placeholder, spellcheck, autocomplete, inputMode }: {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  placeholder?: string;
  spellcheck?: boolean;
  autocomplete?: string;
  inputMode?: 'numeric';
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} value={value} placeholder={placeholder} spellcheck={spellcheck} autocomplete={autocomplete} inputMode={inputMode}
        onInput={(e) => onValue(e.currentTarget.value)} />
    </div>
  );
}

/**
 * The template editor: the fields of the chosen type, a sample per variable, the preview as WhatsApp draws it, and
 * the checks as the rep types. "Submit for WhatsApp approval" waits while any check is an error.
 */
export function TemplateEditor({ draft, locale, detectLanguage, onChange, onSaveToTwilio, onSubmit, onDiscard, isBusy }: TemplateEditorProps) {
  const checks = useMemo(() => runChecks(draft, detectLanguage), [draft, detectLanguage]);
  const hasErrors = checks.some((check) => check.severity === 'error');
  const fields = FIELDS_OF_KIND[draft.kind];
  const allowedButtons = BUTTONS_OF_KIND[draft.kind];
  const variables = useMemo(() => placeholdersIn(variableTexts(draft).join('\n')), [draft]);
  const preview = useMemo(() => {
    const { types } = contentRequest(draft);
    const contentType = CONTENT_TYPE_OF_KIND[draft.kind];
    return { types, contentType, body: draft.body };
  }, [draft]);
  const languages = useMemo(
    () => WHATSAPP_LANGUAGES.map(([code]) => ({ code, label: `${languageName(code, locale)} (${code})` })).sort((a, b) => a.label.localeCompare(b.label, locale)),
    [locale],
  );

  const set = (change: Partial<TemplateDraft>) => onChange({ ...draft, ...change });
  const setButton = (index: number, change: Partial<DraftButton>) => set({ buttons: draft.buttons.map((b, i) => (i === index ? { ...b, ...change } : b)) });
  const addButton = () => set({ buttons: [...draft.buttons, { type: allowedButtons[0] ?? 'QUICK_REPLY', text: '', value: '' }] });
  const removeButton = (index: number) => set({ buttons: draft.buttons.filter((_, i) => i !== index) });
  function setKind(kind: TemplateKind) {
    // Buttons the new type does not carry are kept in the draft (switching back brings them back) but not sent.
    const change: Partial<TemplateDraft> = { kind };
    if (kind === 'authentication') {
      change.category = 'AUTHENTICATION';
      if (!draft.buttons.some((b) => b.type === 'COPY_CODE')) change.buttons = [...draft.buttons, { type: 'COPY_CODE', text: t('workshop_copy_code_default'), value: '' }];
    }
    set(change);
  }
  const shown = draft.buttons.map((button, index) => ({ button, index })).filter(({ button }) => allowedButtons.includes(button.type));

  return (
    <div class="editor">
      {draft.fixes && (
        <aside class="fixes" aria-labelledby="wat-fixes-heading">
          <h2 id="wat-fixes-heading">{t('workshop_fixes_heading', draft.fixes.name)}</h2>
          <p class="reason">{draft.fixes.reason || t('workshop_fixes_no_reason')}</p>
        </aside>
      )}
      <form class="fields" onSubmit={(e) => e.preventDefault()} aria-labelledby="wat-editor-heading">
        <h2 id="wat-editor-heading">{draft.contentSid ? t('workshop_editor_saved') : t('workshop_editor_new')}</h2>
        <TextField id="wat-name" label={t('workshop_name')} value={draft.name} onValue={(name) => set({ name })} spellcheck={false} autocomplete="off" />
        <div class="row">
          <div class="field">
            <label for="wat-language">{t('workshop_language')}</label>
            <select id="wat-language" value={draft.language} onChange={(e) => set({ language: e.currentTarget.value })}>
              <option value="">{t('workshop_choose')}</option>
              {languages.map(({ code, label }) => <option key={code} value={code}>{label}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="wat-category">{t('workshop_category')}</label>
            <select id="wat-category" value={draft.category} onChange={(e) => set({ category: e.currentTarget.value })}>
              <option value="">{t('workshop_choose')}</option>
              {TEMPLATE_CATEGORIES.map((category) => <option key={category} value={category}>{t(CATEGORY_TEXT[category])}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="wat-type">{t('workshop_type')}</label>
            <select id="wat-type" value={draft.kind} onChange={(e) => setKind(e.currentTarget.value as TemplateKind)}>
              {TEMPLATE_KINDS.map((kind) => <option key={kind} value={kind}>{t(KIND_TEXT[kind])}</option>)}
            </select>
          </div>
        </div>
        {fields.header && (
          <TextField id="wat-header" label={t('workshop_header')} value={draft.header} onValue={(header) => set({ header })} />
        )}
        {fields.mediaUrl && (
          <TextField id="wat-media-url" label={t('workshop_media_url')} value={draft.mediaUrl} onValue={(mediaUrl) => set({ mediaUrl })} placeholder="https://" spellcheck={false} />
        )}
        {fields.body ? (
          <div class="field">
            <label for="wat-body">{t('workshop_body')}</label>
            <textarea id="wat-body" rows={6} value={draft.body} onInput={(e) => set({ body: e.currentTarget.value })} />
            <span class="hint">{t('workshop_body_hint')}</span>
          </div>
        ) : (
          <p class="hint">{t('workshop_authentication_hint')}</p>
        )}
        {fields.footer && (
          <TextField id="wat-footer" label={t('workshop_footer')} value={draft.footer} onValue={(footer) => set({ footer })} />
        )}
        {draft.kind === 'authentication' && (
          <div class="row">
            <TextField id="wat-code-expiry" label={t('workshop_code_expiry')} value={draft.codeExpirationMinutes} onValue={(codeExpirationMinutes) => set({ codeExpirationMinutes })} inputMode="numeric" />
            <label class="check">
              <input type="checkbox" checked={draft.addSecurityRecommendation} onChange={(e) => set({ addSecurityRecommendation: e.currentTarget.checked })} />
              {t('workshop_security_line')}
            </label>
          </div>
        )}
        {allowedButtons.length > 0 && (
          <fieldset class="buttons-edit">
            <legend>{t('workshop_buttons')}</legend>
            {shown.map(({ button, index }, position) => {
              const n = String(position + 1);
              const valueLabel = draft.kind === 'authentication' ? undefined : VALUE_LABEL[button.type];
              return (
                <div key={index} class="button-row" role="group" aria-label={t('workshop_button_n', n)}>
                  {allowedButtons.length > 1 && (
                    <div>
                      <label for={`wat-button-${index}-type`}>{t('workshop_button_type', n)}</label>
                      <select id={`wat-button-${index}-type`} value={button.type} onChange={(e) => setButton(index, { type: e.currentTarget.value as ButtonType })}>
                        {allowedButtons.map((type) => <option key={type} value={type}>{t(BUTTON_TYPE_TEXT[type])}</option>)}
                      </select>
                    </div>
                  )}
                  <div>
                    <label for={`wat-button-${index}-text`}>{t('workshop_button_text', n)}</label>
                    <input id={`wat-button-${index}-text`} value={button.text} onInput={(e) => setButton(index, { text: e.currentTarget.value })} />
                  </div>
                  {valueLabel && (
                    <div>
                      <label for={`wat-button-${index}-value`}>{t(valueLabel, n)}</label>
                      <input id={`wat-button-${index}-value`} value={button.value} spellcheck={false} onInput={(e) => setButton(index, { value: e.currentTarget.value })} />
                    </div>
                  )}
                  <button type="button" class="link" onClick={() => removeButton(index)}>{t('workshop_button_remove', n)}</button>
                </div>
              );
            })}
            <button type="button" onClick={addButton}>{t('workshop_button_add')}</button>
          </fieldset>
        )}
        {variables.length > 0 && (
          <fieldset class="samples">
            <legend>{t('workshop_samples')}</legend>
            {variables.map((key) => (
              <div key={key} class="field">
                <label for={`wat-sample-${key}`}>{t('workshop_sample_for', `{{${key}}}`)}</label>
                <input id={`wat-sample-${key}`} value={draft.samples[key] ?? ''} onInput={(e) => set({ samples: { ...draft.samples, [key]: e.currentTarget.value } })} />
              </div>
            ))}
          </fieldset>
        )}
        <div class="actions">
          <button type="button" disabled={isBusy} onClick={onSaveToTwilio}>{t('workshop_save_draft')}</button>
          <button type="button" class="primary" disabled={isBusy || hasErrors} aria-describedby={hasErrors ? 'wat-submit-why' : undefined} onClick={onSubmit}>
            {t('workshop_submit')}
          </button>
          <button type="button" class="link danger" disabled={isBusy} onClick={onDiscard}>{t('workshop_discard')}</button>
        </div>
        {hasErrors && <p id="wat-submit-why" class="hint">{t('workshop_submit_blocked')}</p>}
      </form>
      <div class="side">
        <TemplatePreview template={preview} values={draft.samples} />
        <ChecksList checks={checks} locale={locale} />
      </div>
    </div>
  );
}
