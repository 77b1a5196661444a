import type { ThreadMessage } from '@/lib/conversations/model';
import { formatDateTime, formatTime } from '@/lib/format';
import { t, type MessageKey } from '@/lib/i18n';
import { explainError } from '../picker/SendStatus';
import { MediaView, type MediaViewProps } from './MediaView';
import { MessageText } from './MessageText';
import { NoteStatus } from './NoteStatus';

export interface MessageItemProps {
  message: ThreadMessage;
  loadMedia: (sid: string) => MediaViewProps['load'];
  onAllowMedia: () => void;
  /** Present when this failed message is a reply the rep may send again (a new send, on purpose). */
  onRetry?: (message: ThreadMessage) => void;
  /** Writes the message's note in Pipedrive again (after "Not saved to Pipedrive"). */
  onRetryNote?: (sid: string) => void;
}

/** Twilio's words for an outbound message's journey, as the rep reads them. */
const STATUS: Record<string, MessageKey> = {
  sending: 'message_status_sending',
  accepted: 'message_status_queued',
  queued: 'message_status_queued',
  scheduled: 'message_status_queued',
  sent: 'message_status_sent',
  delivered: 'message_status_delivered',
  read: 'message_status_read',
  failed: 'message_status_failed',
  undelivered: 'message_status_undelivered',
  canceled: 'message_status_canceled',
  checking: 'message_status_checking',
  unconfirmed: 'message_status_unconfirmed',
  'not-sent': 'message_status_not_sent',
};

const FAILED = new Set(['failed', 'undelivered', 'canceled', 'not-sent']);

/** One message: the customer's on the left, ours on the right with Twilio's status, a failure explained in words. */
export function MessageItem({ message, loadMedia, onAllowMedia, onRetry, onRetryNote }: MessageItemProps) {
  const isOutbound = message.direction === 'outbound';
  const isFailed = isOutbound && FAILED.has(message.status);
  const statusText = isOutbound ? t(STATUS[message.status] ?? 'message_status_other', message.status) : undefined;
  return (
    <div class={`message ${message.direction}${isFailed ? ' failed' : ''}`} data-direction={message.direction}
      data-status={isOutbound ? message.status : undefined} data-sid={message.sid} data-note={message.note?.state}>
      <span class="visually-hidden">{isOutbound ? t('message_from_us') : t('message_from_customer')}</span>
      {message.templateName && <span class="template-name">{t('message_template', message.templateName)}</span>}
      {message.numMedia > 0 && !message.sid.startsWith('local:') && <MediaView load={loadMedia(message.sid)} onAllowMedia={onAllowMedia} />}
      {message.body && <p class="text"><MessageText text={message.body} /></p>}
      <span class="meta">
        <time dateTime={new Date(message.at).toISOString()} title={formatDateTime(message.at)}>{formatTime(message.at)}</time>
        {statusText && <span class="status">{statusText}</span>}
      </span>
      {isFailed && <span class="explanation">{explainError(message.errorCode, message.errorMessage) ?? t('message_failed_unknown')}</span>}
      {message.note && <NoteStatus mark={message.note} onRetry={onRetryNote && (() => onRetryNote(message.sid))} />}
      {isFailed && onRetry && message.sendId && !message.templateName && message.body && <button type="button" class="retry" onClick={() => onRetry(message)}>{t('reply_retry')}</button>}
    </div>
  );
}
