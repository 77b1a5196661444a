import { useState } from 'preact/hooks';
import type { Result, StatusInfo, SyncKind, SyncKindStatus } from '@/lib/messaging/protocol';
import type { ApprovalStatus } from '@/lib/templates/model';
import { formatDateTime, formatNumber, formatRelative } from '@/lib/format';
import { t, type MessageKey } from '@/lib/i18n';

export interface SyncPanelProps {
  status: StatusInfo;
  now: number;
  onSyncNow: () => Promise<Result<StatusInfo>>;
}

const KIND_LABEL: Record<SyncKind, MessageKey> = { templates: 'sync_kind_templates', windows: 'sync_kind_windows' };

const ERROR_TEXT: Record<string, MessageKey> = {
  'bad-secret': 'sync_error_bad_secret',
  'no-access': 'sync_error_no_access',
  unreachable: 'sync_error_unreachable',
  timeout: 'sync_error_timeout',
  'rate-limited': 'sync_error_rate_limited',
  'twilio-down': 'sync_error_twilio_down',
  'no-sender': 'sync_error_no_sender',
  'not-connected': 'sync_error_not_connected',
  interrupted: 'sync_error_interrupted',
  malformed: 'sync_error_malformed',
};

/** A sync error in words; the English message from the background only for the unexpected. */
export function syncErrorText(error: { code: string; message: string }): string {
  const key = ERROR_TEXT[error.code];
  return key ? t(key) : t('sync_error_other', error.message);
}

/** The five groups the popup counts, as a rep thinks of them. */
const COUNT_GROUPS: Array<{ label: MessageKey; statuses: ApprovalStatus[] }> = [
  { label: 'status_approved', statuses: ['approved'] },
  { label: 'status_pending', statuses: ['pending', 'received'] },
  { label: 'status_rejected', statuses: ['rejected'] },
  { label: 'status_paused', statuses: ['paused', 'disabled'] },
  { label: 'status_unsubmitted', statuses: ['unsubmitted'] },
];

const STATUS_TEXT: Record<ApprovalStatus, MessageKey> = {
  approved: 'status_approved',
  pending: 'status_pending',
  received: 'status_received',
  rejected: 'status_rejected',
  paused: 'status_paused',
  disabled: 'status_disabled',
  unsubmitted: 'status_unsubmitted',
};

const hasCurrentError = (kind: SyncKindStatus) => kind.lastError !== undefined && (kind.lastSuccessAt ?? 0) < kind.lastError.at;

/**
 * "Sync now", progress while a sync runs (pages and items), when each kind last synced, template counts by
 * status, the templates that cannot be sent (with WhatsApp's reason), and the last error with "Try again".
 */
export function SyncPanel({ status, now, onSyncNow }: SyncPanelProps) {
  const [isStarting, setStarting] = useState(false);
  const kinds: SyncKind[] = ['templates', 'windows'];
  const running = kinds.flatMap((kind) => {
    const run = status[kind].running;
    return run ? [{ kind, ...run }] : [];
  });
  const errors = kinds.flatMap((kind) => {
    const error = status[kind].lastError;
    return error && hasCurrentError(status[kind]) ? [{ kind, error }] : [];
  });

  async function syncNow() {
    setStarting(true);
    await onSyncNow();
    setStarting(false);
  }

  const { counts, notSendable } = status.templates;
  return (
    <section aria-labelledby="sync-heading">
      <h2 id="sync-heading">{t('sync_heading')}</h2>
      <button type="button" onClick={syncNow} aria-busy={isStarting || running.length > 0}>
        {running.length > 0 ? t('sync_running') : t('sync_now')}
      </button>
      {running.map((run) => {
        const text = t('sync_progress_text', t(KIND_LABEL[run.kind]), formatNumber(run.pages), formatNumber(run.items));
        return (
          <div key={run.kind} class="progress">
            <progress aria-label={t('sync_progress_label')} aria-valuetext={text} />
            <span>{text}</span>
          </div>
        );
      })}
      <ul class="plain">
        {kinds.map((kind) => {
          const at = status[kind].lastSuccessAt;
          return (
            <li key={kind}>
              {at === undefined ? t('sync_never', t(KIND_LABEL[kind])) : (
                <time dateTime={new Date(at).toISOString()} title={formatDateTime(at)}>
                  {t('sync_last', t(KIND_LABEL[kind]), formatRelative(at, now))}
                </time>
              )}
            </li>
          );
        })}
      </ul>
      {errors.map(({ kind, error }) => (
        <div key={kind} role="alert" class="status error">
          {t('sync_error', t(KIND_LABEL[kind]), syncErrorText(error))}{' '}
          <button type="button" onClick={syncNow}>{t('sync_try_again')}</button>
        </div>
      ))}
      <h3>{t('sync_counts_heading')}</h3>
      <dl class="counts">
        {COUNT_GROUPS.map((group) => (
          <div key={group.label}>
            <dt>{t(group.label)}</dt>
            <dd>{formatNumber(group.statuses.reduce((sum, s) => sum + (counts[s] ?? 0), 0))}</dd>
          </div>
        ))}
      </dl>
      {notSendable.length > 0 && (
        <details>
          <summary>{t('not_sendable_heading', formatNumber(notSendable.length))}</summary>
          <ul class="not-sendable">
            {notSendable.map((item) => (
              <li key={item.sid}>
                {t('not_sendable_item', item.name, item.language, t(STATUS_TEXT[item.status]))}
                {item.rejectionReason && <span class="reason"> {item.rejectionReason}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
