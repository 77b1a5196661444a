import type { ExpiringContact } from '@/lib/messaging/protocol';
import { formatDateTime, formatDuration } from '@/lib/format';
import { t } from '@/lib/i18n';

export interface ExpiringListProps {
  items: ExpiringContact[];
  now: number;
  thresholdMinutes: number;
  /** Opens the conversation in Pipedrive's tab (the inbox), or a Pipedrive tab when none is open. */
  onOpen?: (contact: string) => void;
}

/** Customers whose window closes within the threshold, soonest first: the last chance for a free reply. */
export function ExpiringList({ items, now, thresholdMinutes, onOpen }: ExpiringListProps) {
  const live = items.filter((item) => item.endsAt > now);
  return (
    <section aria-labelledby="expiring-heading">
      <h2 id="expiring-heading">{t('expiring_heading')}</h2>
      {live.length === 0 ? (
        <p class="muted">{t('expiring_none', formatDuration(thresholdMinutes * 60_000))}</p>
      ) : (
        <ol class="plain" aria-labelledby="expiring-heading">
          {live.map((item) => (
            <li key={item.contact} title={formatDateTime(item.endsAt)}>
              {t('expiring_item', item.contact, formatDuration(item.endsAt - now))}
              {onOpen && (
                <>
                  {' '}
                  <button type="button" class="link" aria-label={t('expiring_open_label', item.contact)} onClick={() => onOpen(item.contact)}>
                    {t('expiring_open')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
