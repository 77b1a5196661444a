import type { Result } from '@/lib/messaging/protocol';
import type { TemplateStatusChange } from '@/lib/templates/status-changes';
import { t, type MessageKey } from '@/lib/i18n';
import { formatRelative } from '@/lib/format';

export interface TemplateChangesProps {
  changes: TemplateStatusChange[];
  now: number;
  onOpenWorkshop: () => void;
  onDismiss: (ids: string[]) => Promise<Result<{ dismissed: number }>>;
}

const TO_TEXT: Partial<Record<TemplateStatusChange['to'], MessageKey>> = {
  approved: 'changes_approved',
  rejected: 'changes_rejected',
  pending: 'changes_pending',
  received: 'changes_received',
  paused: 'changes_paused',
  disabled: 'changes_disabled',
};

/** One change in words: the new status (a rejection with its reason), and a category WhatsApp changed. */
export function changeText(change: TemplateStatusChange): string {
  const who = `${change.name} (${change.language})`;
  const parts: string[] = [];
  if (change.from !== change.to) {
    const key = TO_TEXT[change.to];
    parts.push(key ? t(key, who) : t('changes_other', who, change.to));
    if (change.to === 'rejected' && change.rejectionReason) parts.push(t('changes_reason', change.rejectionReason));
  }
  if (change.fromCategory !== change.toCategory) parts.push(t('changes_category', who, change.fromCategory, change.toCategory));
  return parts.join(' ');
}

/**
 * What WhatsApp decided about templates since the rep last looked (the templates sync records it), with the way to
 * the workshop: "Manage templates". "Got it" dismisses the lines shown.
 */
export function TemplateChanges({ changes, now, onOpenWorkshop, onDismiss }: TemplateChangesProps) {
  return (
    <section aria-labelledby="changes-heading">
      <h2 id="changes-heading">{t('changes_heading')}</h2>
      {changes.length > 0 && (
        <>
          <ul class="plain" role="status">
            {changes.map((change) => (
              <li key={change.id} data-to={change.to}>
                {changeText(change)} <span class="muted">{formatRelative(change.at, now)}</span>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => void onDismiss(changes.map((c) => c.id))}>{t('changes_dismiss')}</button>{' '}
        </>
      )}
      <button type="button" onClick={onOpenWorkshop}>{t('changes_manage')}</button>
    </section>
  );
}
