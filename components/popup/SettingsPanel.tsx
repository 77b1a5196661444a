import { useState } from 'preact/hooks';
import type { Result } from '@/lib/messaging/protocol';
import { t } from '@/lib/i18n';
import { INBOX_DAY_CHOICES } from '@/lib/conversations/inbox';
import { EXPIRING_THRESHOLD_MINUTES, SELECTOR_MAX_LENGTH, SYNC_INTERVAL_MINUTES, type SelectorOverrides } from '@/lib/settings';

export interface PopupSettings {
  syncIntervalMinutes: number;
  expiringThresholdMinutes: number;
  /** ISO 3166 alpha-2, or '' for "from the browser's language". */
  defaultCountry: string;
  selectorOverrides: SelectorOverrides;
  /** How many days back the inbox reaches. */
  inboxDays: number;
  /** "Save sent WhatsApp messages to Pipedrive as notes". */
  notesEnabled: boolean;
}

export interface SettingsPanelProps {
  settings: PopupSettings;
  hasPipedriveToken: boolean;
  onSave: (settings: PopupSettings) => Promise<void>;
  onSetToken: (token: string | null) => Promise<Result<{ hasToken: boolean }>>;
  onSaved: () => void | Promise<void>;
}

// Offered first; a country saved earlier that is not in the list is shown too.
const COUNTRIES = ['EE', 'LV', 'LT', 'FI', 'SE', 'DE', 'GB', 'IE', 'FR', 'ES', 'PT', 'IT', 'NL', 'PL', 'US', 'CA', 'BR', 'MX', 'IN', 'AU'];

const SELECTOR_FIELDS: Array<{ key: keyof SelectorOverrides; label: Parameters<typeof t>[0] }> = [
  { key: 'composer', label: 'settings_selector_composer' },
  { key: 'conversationHeader', label: 'settings_selector_header' },
  { key: 'contactName', label: 'settings_selector_contact_name' },
  { key: 'contactPhone', label: 'settings_selector_contact_phone' },
];

/** A selector the page could use: valid CSS, one line, not absurdly long. */
export function isValidSelector(selector: string): boolean {
  if (selector.length > SELECTOR_MAX_LENGTH || /[\n\r]/.test(selector)) return false;
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

const inRange = (value: number, range: { min: number; max: number }) => Number.isInteger(value) && value >= range.min && value <= range.max;

/** Sync interval, expiring threshold, default country, notes in Pipedrive, the optional Pipedrive token, and selector overrides. */
export function SettingsPanel({ settings, hasPipedriveToken, onSave, onSetToken, onSaved }: SettingsPanelProps) {
  const [interval, setIntervalValue] = useState(String(settings.syncIntervalMinutes));
  const [threshold, setThreshold] = useState(String(settings.expiringThresholdMinutes));
  const [country, setCountry] = useState(settings.defaultCountry);
  const [inboxDays, setInboxDays] = useState(settings.inboxDays);
  const [selectors, setSelectors] = useState<SelectorOverrides>(settings.selectorOverrides);
  const [notesEnabled, setNotesEnabled] = useState(settings.notesEnabled);
  const [token, setToken] = useState('');
  const [message, setMessage] = useState('');

  const intervalError = inRange(Number(interval), SYNC_INTERVAL_MINUTES) ? '' : t('settings_invalid_interval');
  const thresholdError = inRange(Number(threshold), EXPIRING_THRESHOLD_MINUTES) ? '' : t('settings_invalid_threshold');
  const tokenError = token === '' || /^[0-9a-f]{40}$/i.test(token) ? '' : t('settings_invalid_token');
  const selectorErrors = Object.fromEntries(
    SELECTOR_FIELDS.map(({ key }) => {
      const value = selectors[key];
      return [key, value && !isValidSelector(value) ? t('settings_invalid_selector') : ''];
    }),
  );
  const isValid = !intervalError && !thresholdError && !tokenError && Object.values(selectorErrors).every((e) => !e);

  async function save(event: Event) {
    event.preventDefault();
    if (!isValid) return;
    const cleaned = Object.fromEntries(Object.entries(selectors).map(([k, v]) => [k, v?.trim()]).filter(([, v]) => v)) as SelectorOverrides;
    await onSave({ syncIntervalMinutes: Number(interval), expiringThresholdMinutes: Number(threshold), defaultCountry: country, selectorOverrides: cleaned, inboxDays, notesEnabled });
    if (token) {
      const answer = await onSetToken(token);
      if (!answer.ok) {
        // The other settings were saved; the token was not, and the rep must know why.
        setMessage(t(answer.error.code === 'bad-secret' ? 'settings_token_refused' : 'settings_token_unreachable'));
        await onSaved();
        return;
      }
      setToken('');
    }
    setMessage(t('settings_saved'));
    await onSaved();
  }

  const countries = country && !COUNTRIES.includes(country) ? [country, ...COUNTRIES] : COUNTRIES;
  const regionName = new Intl.DisplayNames([navigator.language], { type: 'region' });

  return (
    <details class="settings">
      <summary>{t('settings_heading')}</summary>
      <form onSubmit={save} noValidate>
        <NumberField id="interval" label={t('settings_interval')} value={interval} error={intervalError} onInput={setIntervalValue} />
        <NumberField id="threshold" label={t('settings_threshold')} value={threshold} error={thresholdError} onInput={setThreshold} />
        <div class="field">
          <label for="country">{t('settings_country')}</label>
          <select id="country" value={country} onChange={(e) => setCountry(e.currentTarget.value)}>
            <option value="">{t('settings_country_auto')}</option>
            {countries.map((code) => <option key={code} value={code}>{`${regionName.of(code) ?? code} (${code})`}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="inbox-days">{t('settings_inbox_days')}</label>
          <select id="inbox-days" value={String(inboxDays)} onChange={(e) => setInboxDays(Number(e.currentTarget.value))}>
            {[...new Set([...INBOX_DAY_CHOICES, inboxDays])].sort((a, b) => a - b).map((days) => (
              <option key={days} value={String(days)}>{t('settings_inbox_days_option', String(days))}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="check">
            <input type="checkbox" checked={notesEnabled} aria-describedby="notes-hint" onChange={(e) => setNotesEnabled(e.currentTarget.checked)} />
            {t('settings_notes')}
          </label>
          <p id="notes-hint" class="muted">{t('settings_notes_hint')}</p>
        </div>
        <div class="field">
          <label for="pipedrive-token">{t('settings_pipedrive_token')}</label>
          <input id="pipedrive-token" type="password" value={token} autoComplete="off" spellcheck={false}
            aria-invalid={tokenError ? true : undefined} aria-describedby="pipedrive-token-hint"
            onInput={(e) => setToken(e.currentTarget.value.trim())} />
          <p id="pipedrive-token-hint" class={tokenError ? 'field-error' : 'muted'}>{tokenError || t('settings_pipedrive_token_hint')}</p>
          {hasPipedriveToken && (
            <p class="muted">
              {t('settings_pipedrive_token_saved')}{' '}
              <button type="button" class="link" onClick={async () => {
                await onSetToken(null);
                await onSaved();
              }}>{t('settings_pipedrive_token_remove')}</button>
            </p>
          )}
        </div>
        <details>
          <summary>{t('settings_advanced')}</summary>
          <p class="muted">{t('settings_selector_hint')}</p>
          {SELECTOR_FIELDS.map(({ key, label }) => (
            <div class="field" key={key}>
              <label for={`selector-${key}`}>{t(label)}</label>
              <input id={`selector-${key}`} value={selectors[key] ?? ''} spellcheck={false}
                aria-invalid={selectorErrors[key] ? true : undefined}
                aria-describedby={selectorErrors[key] ? `selector-${key}-error` : undefined}
                onInput={(e) => setSelectors({ ...selectors, [key]: e.currentTarget.value })} />
              {selectorErrors[key] && <p id={`selector-${key}-error`} class="field-error">{selectorErrors[key]}</p>}
            </div>
          ))}
        </details>
        <button type="submit" disabled={!isValid}>{t('settings_save')}</button>
        {message && <p role="status" class="muted">{message}</p>}
      </form>
    </details>
  );
}

function NumberField({ id, label, value, error, onInput }: { id: string; label: string; value: string; error: string; onInput: (v: string) => void }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="number" inputMode="numeric" value={value} aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined} onInput={(e) => onInput(e.currentTarget.value)} />
      {error && <p id={`${id}-error`} class="field-error">{error}</p>}
    </div>
  );
}
