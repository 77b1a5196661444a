import { useState } from 'preact/hooks';
import type { Result, WindowInfo } from '@/lib/messaging/protocol';
import { t } from '@/lib/i18n';

export interface ManualNumberProps {
  initial: string;
  /** Asks the background whether it understands the number (it answers 'no-number' when it does not). */
  check: (phone: string) => Promise<Result<WindowInfo>>;
  onSave: (number: string) => Promise<void>;
}

/** When the page shows no usable number: the rep types it once, and it is remembered for this conversation. */
export function ManualNumber({ initial, check, onSave }: ManualNumberProps) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState('');

  async function save(event: Event) {
    event.preventDefault();
    const answer = await check(value);
    if (!answer.ok || answer.value.reason === 'no-number' || !answer.value.contact) {
      setError(t('manual_number_invalid'));
      return;
    }
    setError('');
    await onSave(answer.value.contact);
  }

  return (
    <form class="manual-number" onSubmit={save} noValidate>
      <label for="wat-manual-number">{t('manual_number_label')}</label>
      <input id="wat-manual-number" type="tel" value={value} autoComplete="off" placeholder="+372 5123 4567"
        aria-invalid={error ? true : undefined} aria-describedby={error ? 'wat-manual-number-error' : undefined}
        onInput={(e) => setValue(e.currentTarget.value)} />
      <button type="submit">{t('manual_number_save')}</button>
      {error && <p id="wat-manual-number-error" class="problem" role="alert">{error}</p>}
    </form>
  );
}
