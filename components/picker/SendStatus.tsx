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
  unconfirmed: 'send_status_unconfirmed',
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

/** The sent template's journey: queued, sent, delivered, read, or why it was not delivered. */
export function SendStatus({ send }: SendStatusProps) {
  const isFailure = ['failed', 'undelivered', 'canceled', 'unconfirmed'].includes(send.status);
  const explanation = isFailure ? explainError(send.errorCode, send.errorMessage) : undefined;
  return (
    <div class={isFailure ? 'send-status failure' : 'send-status'} role="status" data-status={send.status}>
      <strong>{t(STATUS[send.status] ?? 'send_status_queued')}</strong>
      {explanation && <span class="explanation">{explanation}</span>}
    </div>
  );
}
