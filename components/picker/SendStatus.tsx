import type { SendInfo } from '@/lib/messaging/protocol';
import { t, type MessageKey } from '@/lib/i18n';

export interface SendStatusProps {
  send: SendInfo;
}

const STATUS: Record<string, MessageKey> = {
  sending: 'send_status_sending',
  queued: 'send_status_queued',
  accepted: 'send_status_queued',
  scheduled: 'send_status_queued',
  sent: 'send_status_sent',
  delivered: 'send_status_delivered',
  read: 'send_status_read',
  failed: 'send_status_failed',
  undelivered: 'send_status_failed',
  canceled: 'send_status_failed',
  checking: 'send_status_checking',
  unconfirmed: 'send_status_unconfirmed',
  'not-sent': 'send_status_not_sent',
};

const EXPLAINED: Record<number, MessageKey> = {
  63016: 'send_error_63016',
  63032: 'send_error_63032',
  63049: 'send_error_63049',
  63024: 'send_error_63024',
  63021: 'send_error_63021',
  21211: 'send_error_21211',
  21408: 'send_error_21408',
  21656: 'send_error_21656',
  20003: 'send_error_20003',
  20429: 'send_error_20429',
};

/** Twilio's error code in words a rep can act on. */
export function explainError(code: number | undefined, message: string | undefined): string | undefined {
  if (code === undefined) return message ? t('send_error_request', message) : undefined;
  const key = EXPLAINED[code];
  return key ? t(key) : t('send_error_other', String(code), message ?? '');
}

const FAILURES = ['failed', 'undelivered', 'canceled', 'unconfirmed', 'not-sent'];

/**
 * The sent template's journey: queued, sent, delivered, read, or why it was not delivered. A send whose POST got no
 * answer shows `checking` while the background looks it up at Twilio, then Twilio's status, `not-sent` (Twilio has
 * no such message) or `unconfirmed` (several messages fit).
 */
export function SendStatus({ send }: SendStatusProps) {
  const isFailure = FAILURES.includes(send.status);
  const explanation =
    send.status === 'unconfirmed' ? t('send_unconfirmed_ambiguous') : isFailure ? explainError(send.errorCode, send.errorMessage) : undefined;
  return (
    <div class={isFailure ? 'send-status failure' : 'send-status'} role="status" data-status={send.status}>
      <strong>{t(STATUS[send.status] ?? 'send_status_queued')}</strong>
      {explanation && <span class="explanation">{explanation}</span>}
    </div>
  );
}
