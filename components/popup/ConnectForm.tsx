import { useState } from 'preact/hooks';
import type { ApiError, ConnectRequest, ConnectionInfo, Result } from '@/lib/messaging/protocol';
import { t, type MessageKey } from '@/lib/i18n';
import { SID_PATTERN, cleanPasted, isPlausibleSecret } from '@/lib/sids';

export interface ConnectFormProps {
  /** The current connection, when the rep is replacing its credentials. */
  connection?: ConnectionInfo;
  onConnect: (request: ConnectRequest) => Promise<Result<ConnectionInfo>>;
}

type Mode = 'token' | 'key';

function accountTypeText(type: string | undefined): string {
  if (type === 'Trial') return t('account_type_trial');
  if (type === 'Full') return t('account_type_full');
  return type ?? '';
}

/** What the status line says about a live connection. */
export function connectedText(info: ConnectionInfo): string {
  if (info.friendlyName) return t('connect_connected', info.friendlyName, accountTypeText(info.accountType));
  return t('connect_connected_standard_key', info.credentialLabel ?? '');
}

/** Twilio's refusal, in the words a rep can act on. */
export function errorText(error: ApiError, mode: Mode): string {
  const key: Record<string, MessageKey> = {
    'bad-secret': mode === 'key' ? 'error_bad_secret_key' : 'error_bad_secret_token',
    'wrong-account': 'error_wrong_account',
    'no-access': 'error_no_access',
    unreachable: 'error_unreachable',
  };
  const known = key[error.code];
  if (known) return t(known);
  if (error.code === 'twilio-error') return t('error_twilio', error.message);
  return t('error_internal');
}

/**
 * Connect Twilio: Account SID + Auth Token, or an API Key (SID + secret) for the account. Formats are checked as the
 * rep types; "Connect" asks the background to check them against Twilio and shows the answer in a status line.
 */
export function ConnectForm({ onConnect }: ConnectFormProps) {
  const [mode, setMode] = useState<Mode>('token');
  const [accountSid, setAccountSid] = useState('');
  const [keySid, setKeySid] = useState('');
  const [secret, setSecret] = useState('');
  const [remember, setRemember] = useState(true);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; isError: boolean } | undefined>();

  const accountError = accountSid !== '' && !SID_PATTERN.account.test(accountSid) ? t('connect_format_account_sid') : undefined;
  const keyError = mode === 'key' && keySid !== '' && !SID_PATTERN.apiKey.test(keySid) ? t('connect_format_key_sid') : undefined;
  const secretError = secret !== '' && !isPlausibleSecret(secret) ? t('connect_format_secret') : undefined;
  const complete = accountSid !== '' && secret !== '' && (mode === 'token' || keySid !== '');
  const canSubmit = complete && !accountError && !keyError && !secretError && !busy;

  async function submit(event: Event) {
    event.preventDefault();
    if (!canSubmit) return;
    setBusy(true);
    setStatus({ text: t('connect_checking'), isError: false });
    const result = await onConnect({ accountSid, ...(mode === 'key' && { keySid }), secret, remember });
    setBusy(false);
    if (result.ok) {
      setSecret(''); // never kept in the page once the background has it
      setStatus({ text: connectedText(result.value), isError: false });
    } else {
      setStatus({ text: errorText(result.error, mode), isError: true });
    }
  }

  const secretLabel = mode === 'key' ? t('connect_key_secret') : t('connect_auth_token');
  return (
    <form class="connect" onSubmit={submit} noValidate>
      <h2>{t('connect_heading')}</h2>
      <Field id="account-sid" label={t('connect_account_sid')} value={accountSid} error={accountError}
        onInput={(value) => setAccountSid(cleanPasted(value))} placeholder="AC…" />
      {mode === 'key' && (
        <Field id="key-sid" label={t('connect_key_sid')} value={keySid} error={keyError}
          onInput={(value) => setKeySid(cleanPasted(value))} placeholder="SK…" />
      )}
      <Field id="secret" label={secretLabel} value={secret} error={secretError} type="password"
        onInput={(value) => setSecret(cleanPasted(value))} />
      <button type="button" class="link" aria-pressed={mode === 'key'}
        onClick={() => setMode(mode === 'key' ? 'token' : 'key')}>
        {mode === 'key' ? t('connect_use_token') : t('connect_use_key')}
      </button>
      {mode === 'key' && <p class="muted">{t('connect_key_why')}</p>}
      <label class="check">
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} />
        {t('connect_remember')}
      </label>
      {!remember && <p class="muted">{t('connect_remember_off_hint')}</p>}
      <button type="submit" disabled={!canSubmit} aria-busy={busy}>{t('connect_button')}</button>
      <p role="status" class={status?.isError ? 'status error' : 'status'}>{status?.text ?? ''}</p>
    </form>
  );
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
  type?: 'text' | 'password';
  placeholder?: string;
}

// Preact 11 types <input> per `type` value, so a union-typed `type` has to be chosen explicitly.
const typeAttribute = (type: 'text' | 'password') => (type === 'password' ? { type: 'password' as const } : { type: 'text' as const });

function Field({ id, label, value, error, onInput, type = 'text', placeholder }: FieldProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} value={value} placeholder={placeholder} spellcheck={false} autoComplete="off"
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
        onInput={(e) => onInput(e.currentTarget.value)} {...typeAttribute(type)} />
      {error && <p id={`${id}-error`} class="field-error">{error}</p>}
    </div>
  );
}
