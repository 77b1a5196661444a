import { useMemo, useState } from 'preact/hooks';
import type { WorkshopTemplate } from '@/lib/messaging/protocol';
import { formatDateTime, formatNumber } from '@/lib/format';
import { t, type MessageKey } from '@/lib/i18n';
import { STATUS_TEXT } from '../picker/TemplateList';

export interface WorkshopTemplatesProps {
  templates: WorkshopTemplate[];
  locale: string;
  onDuplicate: (sid: string) => void;
  onFix: (sid: string) => void;
  onDelete: (sid: string) => Promise<boolean>;
  isBusy: boolean;
}


/** Twilio's content type as a rep names it. */
const TYPE_TEXT: Record<string, MessageKey> = {
  'twilio/text': 'workshop_kind_text',
  'twilio/media': 'workshop_kind_media',
  'twilio/quick-reply': 'workshop_kind_quick_reply',
  'twilio/call-to-action': 'workshop_kind_call_to_action',
  'whatsapp/card': 'workshop_kind_card',
  'whatsapp/authentication': 'workshop_kind_authentication',
};

const when = (at: number, locale: string) => (at > 0 ? <time dateTime={new Date(at).toISOString()}>{formatDateTime(at, locale)}</time> : '—');

/** Templates drawn at first, and more each time the rep asks: an account may have thousands. */
export const TEMPLATES_SHOWN = 60;

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The list named "Templates": every template of the account as last synced (filtered by name, 60 at a time), with its name, language, category, type,
 * WhatsApp status (a rejection's reason in full), when it was created and changed, and "Duplicate", "Delete" (after a
 * confirmation) and, for a rejected one, "Duplicate and fix". Text from Twilio is shown as text.
 */
export function WorkshopTemplates({ templates, locale, onDuplicate, onFix, onDelete, isBusy }: WorkshopTemplatesProps) {
  const [confirming, setConfirming] = useState<string | undefined>();
  const [filter, setFilter] = useState('');
  const [limit, setLimit] = useState(TEMPLATES_SHOWN);
  const sorted = useMemo(() => {
    const collator = new Intl.Collator(locale);
    return [...templates].sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.language, b.language));
  }, [templates, locale]);
  const matching = useMemo(() => {
    const words = fold(filter).split(/\s+/).filter(Boolean);
    return words.length === 0 ? sorted : sorted.filter((template) => words.every((word) => fold(`${template.name} ${template.language} ${template.category}`).includes(word)));
  }, [sorted, filter]);
  const shown = matching.slice(0, limit);
  return (
    <section class="templates" aria-labelledby="wat-templates-heading">
      <h2 id="wat-templates-heading">{t('workshop_templates')}</h2>
      {sorted.length === 0 ? <p class="muted">{t('workshop_templates_empty')}</p> : (
        <div class="row">
          <input type="search" aria-label={t('workshop_filter')} placeholder={t('workshop_filter')} value={filter}
            onInput={(e) => { setFilter(e.currentTarget.value); setLimit(TEMPLATES_SHOWN); }} />
          <span class="muted" aria-live="polite">{t('workshop_shown', formatNumber(shown.length, locale), formatNumber(matching.length, locale))}</span>
        </div>
      )}
      <ul aria-labelledby="wat-templates-heading" class="template-list">
        {shown.map((template) => {
          const type = TYPE_TEXT[template.contentType];
          return (
            <li key={template.sid} data-status={template.status} aria-label={`${template.name} (${template.language})`}>
              <div class="title">
                <strong>{template.name}</strong>
                <span class={`status status-${template.status}`}>{t(STATUS_TEXT[template.status])}</span>
              </div>
              <dl class="facts">
                <div><dt>{t('workshop_language')}</dt><dd>{template.language || '—'}</dd></div>
                <div><dt>{t('workshop_category')}</dt><dd>{template.category || '—'}</dd></div>
                <div><dt>{t('workshop_type')}</dt><dd>{type ? t(type) : template.contentType || '—'}</dd></div>
                <div><dt>{t('workshop_created')}</dt><dd>{when(template.createdAt, locale)}</dd></div>
                <div><dt>{t('workshop_updated')}</dt><dd>{when(template.updatedAt, locale)}</dd></div>
              </dl>
              {template.status === 'rejected' && (
                <p class="reason">{t('workshop_rejected_reason', template.rejectionReason || t('workshop_fixes_no_reason'))}</p>
              )}
              {confirming === template.sid ? (
                <div class="confirm" role="group" aria-label={t('workshop_delete_confirm', template.name)}>
                  <p>{t('workshop_delete_confirm', template.name)}</p>
                  <button type="button" class="danger" disabled={isBusy} onClick={async () => {
                    if (await onDelete(template.sid)) setConfirming(undefined);
                  }}>{t('workshop_delete_yes')}</button>
                  <button type="button" onClick={() => setConfirming(undefined)}>{t('cancel_button')}</button>
                </div>
              ) : (
                <div class="row">
                  {template.status === 'rejected' && <button type="button" onClick={() => onFix(template.sid)}>{t('workshop_fix')}</button>}
                  <button type="button" onClick={() => onDuplicate(template.sid)}>{t('workshop_duplicate')}</button>
                  <button type="button" class="danger" onClick={() => setConfirming(template.sid)}>{t('workshop_delete')}</button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {shown.length < matching.length && (
        <button type="button" onClick={() => setLimit(limit + TEMPLATES_SHOWN)}>{t('workshop_show_more', formatNumber(Math.min(TEMPLATES_SHOWN, matching.length - shown.length), locale))}</button>
      )}
    </section>
  );
}
