import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { InboxEntry } from '@/lib/conversations/inbox';
import { formatListTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import type { WindowInfo } from '@/lib/messaging/protocol';
import { BadgeChip } from '../badge/BadgeChip';

export interface InboxListProps {
  /** Already filtered and in order (newest first). */
  entries: readonly InboxEntry[];
  /** The contact's name where one is known (a Pipedrive person matched by phone). */
  nameOf: (entry: InboxEntry) => string | undefined;
  windowOf: (entry: InboxEntry) => WindowInfo;
  onOpen: (entry: InboxEntry) => void;
  /** The rows now drawn, so their names can be looked up lazily. */
  onRowsShown?: (entries: readonly InboxEntry[]) => void;
  now: number;
}

/** Every row is this tall (px): the list draws only the rows in view, placed by index. */
export const ROW_HEIGHT = 64;
/** Rows drawn above and below the view, so a fast scroll or a keypress finds them ready. */
const OVERSCAN = 6;

const unreadText = (count: number) => (count > 99 ? '99+' : String(count));

/**
 * The conversations, newest first, drawn as a virtual list: whatever their number, only the rows in view (and a
 * few around) are in the page, each with its place in the whole (`aria-posinset` of `aria-setsize`). Up and down
 * arrows, Home and End move between conversations; Enter opens one.
 */
export function InboxList({ entries, nameOf, windowOf, onOpen, onRowsShown, now }: InboxListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(ROW_HEIGHT * 8);
  const focusIndex = useRef<number | undefined>(undefined);

  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    setViewHeight(scroller.clientHeight || ROW_HEIGHT * 8);
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setScrollTop(scroller.scrollTop));
    };
    const resize = new ResizeObserver(() => setViewHeight(scroller.clientHeight || ROW_HEIGHT * 8));
    scroller.addEventListener('scroll', onScroll, { passive: true });
    resize.observe(scroller);
    return () => {
      cancelAnimationFrame(frame);
      scroller.removeEventListener('scroll', onScroll);
      resize.disconnect();
    };
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(entries.length, Math.ceil((scrollTop + viewHeight) / ROW_HEIGHT) + OVERSCAN);
  const shown = entries.slice(first, last);

  const shownKey = shown.map((entry) => entry.contact).join();
  useEffect(() => onRowsShown?.(shown), [shownKey]);

  // A row the keyboard moved to is focused once it is drawn.
  useLayoutEffect(() => {
    const index = focusIndex.current;
    if (index === undefined) return;
    const button = scrollRef.current?.querySelector<HTMLButtonElement>(`[data-index="${index}"] .inbox-open`);
    if (button) {
      focusIndex.current = undefined;
      button.focus();
    }
  });

  function moveTo(index: number) {
    const scroller = scrollRef.current;
    if (!scroller || entries.length === 0) return;
    const target = Math.max(0, Math.min(entries.length - 1, index));
    const top = target * ROW_HEIGHT;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + ROW_HEIGHT - scroller.clientHeight;
    focusIndex.current = target;
    setScrollTop(scroller.scrollTop);
  }

  function onKeyDown(event: KeyboardEvent) {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row) return;
    const index = Number(row.dataset.index);
    const page = Math.max(1, Math.floor(viewHeight / ROW_HEIGHT) - 1);
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: entries.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    moveTo(next);
  }

  return (
    <div ref={scrollRef} class="inbox-scroll" onKeyDown={onKeyDown}>
      <div role="list" aria-label={t('inbox_list_label')} class="inbox-list" style={{ height: `${entries.length * ROW_HEIGHT}px` }}>
        {shown.map((entry, offset) => {
          const index = first + offset;
          const name = nameOf(entry);
          const unread = entry.unreadSids.length;
          const display = name ?? entry.number;
          return (
            <div key={entry.contact} role="listitem" class="inbox-row" aria-label={display} aria-setsize={entries.length} aria-posinset={index + 1}
              data-index={index} data-contact={entry.number} data-unread={unread} style={{ top: `${index * ROW_HEIGHT}px`, height: `${ROW_HEIGHT}px` }}>
              <button type="button" class="inbox-open" onClick={() => onOpen(entry)}>
                <span class="inbox-top">
                  <span class={name ? 'inbox-name' : 'inbox-name is-number'}>{display}</span>
                  {unread > 0 && (
                    <span class="inbox-unread" title={t('inbox_unread_count', String(unread))}>
                      <span aria-hidden="true">{unreadText(unread)}</span>
                      <span class="visually-hidden">{t('inbox_unread_count', String(unread))}</span>
                    </span>
                  )}
                  <time class="inbox-time" dateTime={new Date(entry.lastAt).toISOString()}>
                    {formatListTime(entry.lastAt, now)}
                  </time>
                </span>
                <span class="inbox-line">
                  {entry.lastDirection === 'outbound' && <span class="inbox-you">{t('inbox_you')} </span>}
                  {entry.lastText || (entry.lastNumMedia > 0 ? t('inbox_media_only') : '')}
                </span>
              </button>
              <BadgeChip info={windowOf(entry)} now={now} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
