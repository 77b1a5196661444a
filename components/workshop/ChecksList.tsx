import type { Check } from '@/lib/templates/authoring/checks';
import { t } from '@/lib/i18n';
import { checkMessage } from './check-messages';

export interface ChecksListProps {
  checks: Check[];
  locale: string;
}

/**
 * The list named "Checks": one line per broken rule, errors first, each with `data-severity` (`error` blocks
 * submitting, `warning` does not) and the rule with how to fix it in words; with nothing broken, it says so. Polite
 * live region: a rep typing hears a rule break or pass without losing their place.
 */
export function ChecksList({ checks, locale }: ChecksListProps) {
  return (
    <section class="checks" aria-labelledby="wat-checks-heading">
      <h2 id="wat-checks-heading">{t('workshop_checks')}</h2>
      <ul aria-labelledby="wat-checks-heading" aria-live="polite">
        {checks.length === 0 ? (
          <li class="ok">{t('check_none')}</li>
        ) : (
          checks.map((check, i) => (
            <li key={`${check.id}-${i}`} data-severity={check.severity} data-check={check.id}>
              <span class="severity">{check.severity === 'error' ? t('workshop_check_error') : t('workshop_check_warning')}</span>{' '}
              {checkMessage(check, locale)}
            </li>
          ))
        )}
      </ul>
    </section>
  );
}
