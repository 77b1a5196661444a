import { useMemo, useState } from 'preact/hooks';
import { INBOX_FILTERS, byNewest, entryWindow, foldText, matchesFilter, matchesQuery, type InboxEntry, type InboxFilter } from '@/lib/conversations/inbox';
import type { InboxInfo } from '@/lib/conversations/model';
import { t, type MessageKey } from '@/lib/i18n';
import type { WindowInfo } from '@/lib/messaging/protocol';
import { InboxList } from './InboxList';

export interface InboxViewProps {
  /** Undefined while the background is asked. */
  inbox: InboxInfo | undefined;
  onOpen: (entry: InboxEntry) => void;
  onRowsShown?: (entries: readonly InboxEntry[]) => void;
  /** The inbox could not be read (not connected, no sender…), in words. */
  error?: string;
  now: number;
}

const FILTER_LABEL: Record<InboxFilter, MessageKey> = {
  unread: 'inbox_filter_unread',
  awaiting: 'inbox_filter_awaiting',
  expiring: 'inbox_filter_expiring',
  all: 'inbox_filter_all',
};

/** A row's window, from what the inbox knows (the customer's last message and the sync's coverage). */
export function rowWindow(inbox: InboxInfo, entry: InboxEntry, now: number): WindowInfo {
  return {
    state: entryWindow(entry, { knownUntil: inbox.knownUntil, isSyncFailing: inbox.isSyncFailing, staleAfterMs: inbox.staleAfterMs }, now + (inbox.clockOffsetMs ?? 0), inbox.expiringThresholdMs),
    ...(inbox.isSyncFailing && { reason: 'sync-failing' as const }),
    contact: entry.number,
    ...(entry.lastInboundAt !== undefined && { lastInboundAt: entry.lastInboundAt }),
    ...(inbox.knownUntil !== undefined && { knownUntil: inbox.knownUntil }),
    expiringThresholdMs: inbox.expiringThresholdMs,
    ...(inbox.clockOffsetMs !== undefined && { clockOffsetMs: inbox.clockOffsetMs }),
    ...(inbox.staleAfterMs !== undefined && { staleAfterMs: inbox.staleAfterMs }),
  };
}

/**
 * Every WhatsApp conversation of the period, newest first: filters ("Unread", "Awaiting reply", "Expiring soon",
 * "All") and a search over the numbers and the names known so far.
 */
export function InboxView({ inbox, onOpen, onRowsShown, error, now }: InboxViewProps) {
  const [filter, setFilter] = useState<InboxFilter>('all');
  const [query, setQuery] = useState('');

  const sorted = useMemo(() => [...(inbox?.entries ?? [])].sort(byNewest), [inbox]);
  // Names folded once per answer, not on every keystroke.
  const folded = useMemo(() => new Map(sorted.flatMap((entry) => (entry.name ? [[entry.contact, foldText(entry.name)] as const] : []))), [sorted]);
  // The states move on the minute at most (a list's badge says minutes): recomputed then, not on every draw.
  const minute = Math.floor(now / 60_000);
  const windows = useMemo(() => new Map(inbox ? sorted.map((entry) => [entry.contact, rowWindow(inbox, entry, minute * 60_000)]) : []), [inbox, sorted, minute]);
  const shown = useMemo(
    () => sorted.filter((entry) => matchesFilter(entry, filter, windows.get(entry.contact)?.state ?? 'unknown') && matchesQuery(entry, folded.get(entry.contact), query)),
    [sorted, filter, query, folded, windows],
  );

  const counts = inbox ? `${shown.length}` : '';
  return (
    <div class="inbox">
      <div class="inbox-tools">
        <input type="search" class="inbox-search" aria-label={t('inbox_search_label')} placeholder={t('inbox_search_placeholder')} value={query}
          onInput={(event) => setQuery((event.target as HTMLInputElement).value)} />
        <div class="inbox-filters" role="group" aria-label={t('inbox_filters_label')}>
          {INBOX_FILTERS.map((name) => (
            <button key={name} type="button" class="inbox-filter" aria-pressed={filter === name} onClick={() => setFilter(name)}>
              {t(FILTER_LABEL[name])}
            </button>
          ))}
        </div>
      </div>
      {error ? (
        <p class="inbox-empty" role="alert">{error}</p>
      ) : !inbox ? (
        <p class="inbox-empty" role="status">{t('inbox_loading')}</p>
      ) : (
        <>
          <p class="visually-hidden" role="status">{t('inbox_shown_count', counts)}</p>
          {inbox.syncError && <p class="inbox-warning" role="alert">{inbox.syncError}</p>}
          {shown.length === 0 && (
            <p class="inbox-empty">{sorted.length === 0 ? t('inbox_empty', String(inbox.days)) : t('inbox_no_match')}</p>
          )}
          <InboxList entries={shown} nameOf={(entry) => entry.name} windowOf={(entry) => windows.get(entry.contact) ?? rowWindow(inbox, entry, now)}
            onOpen={onOpen} onRowsShown={onRowsShown} now={now} />
        </>
      )}
    </div>
  );
}
