import { Fragment } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { ThreadMessage } from '@/lib/conversations/model';
import { formatDay } from '@/lib/format';
import { t } from '@/lib/i18n';
import { MessageItem, type MessageItemProps } from './MessageItem';

export interface ThreadProps {
  messages: ThreadMessage[];
  hasEarlier: boolean;
  isLoadingEarlier: boolean;
  onEarlier: () => void;
  loadMedia: MessageItemProps['loadMedia'];
  onAllowMedia: () => void;
  onRetry?: MessageItemProps['onRetry'];
  onRetryNote?: MessageItemProps['onRetryNote'];
  /** Shown inside the log when there is nothing to show yet (loading, no messages, an error). */
  emptyText?: string;
  now: number;
}

/**
 * The conversation, oldest at the top and the newest at the bottom (scrolled into view when it arrives), with a day
 * separator wherever the day changes, in the rep's time zone. "Show earlier messages" pages back; the scroll position
 * stays on the message the rep was reading.
 */
export function Thread({ messages, hasEarlier, isLoadingEarlier, onEarlier, loadMedia, onAllowMedia, onRetry, onRetryNote, emptyText, now }: ThreadProps) {
  const logRef = useRef<HTMLDivElement>(null);
  const newest = messages.at(-1)?.sid;
  const oldest = messages[0]?.sid;
  const previous = useRef<{ newest?: string; oldest?: string; height: number }>({ height: 0 });

  // Media arrives after the text and grows the messages: a rep reading the newest stays at the newest.
  const isAtBottom = useRef(true);
  useEffect(() => {
    const log = logRef.current;
    if (!log) return;
    const onScroll = () => {
      isAtBottom.current = log.scrollTop + log.clientHeight >= log.scrollHeight - 24;
    };
    const onGrown = () => {
      if (isAtBottom.current) log.scrollTop = log.scrollHeight;
    };
    log.addEventListener('scroll', onScroll, { passive: true });
    // `load` (images) and `loadedmetadata` (audio, video) do not bubble: listened to on the way down.
    log.addEventListener('load', onGrown, true);
    log.addEventListener('loadedmetadata', onGrown, true);
    const observer = new MutationObserver(onGrown);
    observer.observe(log, { childList: true, subtree: true });
    return () => {
      log.removeEventListener('scroll', onScroll);
      log.removeEventListener('load', onGrown, true);
      log.removeEventListener('loadedmetadata', onGrown, true);
      observer.disconnect();
    };
  }, []);

  useLayoutEffect(() => {
    const log = logRef.current;
    if (!log) return;
    const before = previous.current;
    if (newest !== before.newest) log.scrollTop = log.scrollHeight; // a new message: show it
    else if (oldest !== before.oldest) log.scrollTop += log.scrollHeight - before.height; // earlier ones above: stay put
    previous.current = { newest, oldest, height: log.scrollHeight };
  }, [newest, oldest, messages.length]);

  let lastDay = '';
  return (
    <div ref={logRef} class="thread" role="log" aria-label={t('thread_label')} aria-live="polite" tabIndex={0}>
      {hasEarlier && (
        <button type="button" class="earlier" disabled={isLoadingEarlier} onClick={onEarlier}>
          {isLoadingEarlier ? t('thread_loading_earlier') : t('thread_earlier')}
        </button>
      )}
      {messages.length === 0 && emptyText && <p class="thread-empty">{emptyText}</p>}
      {messages.map((message) => {
        const day = formatDay(message.at, now);
        const isNewDay = day !== lastDay;
        lastDay = day;
        return (
          <Fragment key={message.sid}>
            {isNewDay && <div class="day" role="separator" aria-label={day}>{day}</div>}
            <MessageItem message={message} loadMedia={loadMedia} onAllowMedia={onAllowMedia} onRetry={onRetry} onRetryNote={onRetryNote} />
          </Fragment>
        );
      })}
    </div>
  );
}
