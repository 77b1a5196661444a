import { useEffect, useState } from 'preact/hooks';
import type { ErrorCode, Result, SendersInfo } from '@/lib/messaging/protocol';
import { t } from '@/lib/i18n';
import { toE164 } from '@/lib/phone';

export interface SenderPickerProps {
  current: string | null;
  loadSenders: () => Promise<Result<SendersInfo>>;
  onChoose: (sender: string) => Promise<Result<{ sender: string }>>;
}

/** Why the background did not take the number: it checks it against the senders Twilio lists for the account. */
function failureText(code: ErrorCode): string {
  if (code === 'invalid-number') return t('sender_invalid');
  if (code === 'not-found') return t('sender_not_listed');
  if (code === 'bad-secret') return t('sync_error_bad_secret');
  if (code === 'unreachable') return t('error_unreachable');
  return t('error_internal');
}

/**
 * "WhatsApp sender": a select of the account's online WhatsApp senders, or, when Twilio lists none (or the key
 * may not list them), a field for the number. Choosing one starts a sync in the background.
 */
export function SenderPicker({ current, loadSenders, onChoose }: SenderPickerProps) {
  const [info, setInfo] = useState<SendersInfo | undefined>();
  const [typed, setTyped] = useState(current ?? '');
  const [message, setMessage] = useState('');

  useEffect(() => {
    let live = true;
    void loadSenders().then((result) => {
      if (live) setInfo(result.ok ? result.value : { senders: [], isListAllowed: false });
    });
    return () => {
      live = false;
    };
  }, [loadSenders]);

  async function choose(sender: string) {
    const result = await onChoose(sender);
    setMessage(result.ok ? t('sender_saved', sender) : failureText(result.error.code));
  }

  if (!info) return <section aria-busy="true" />;
  const typedE164 = toE164(typed);
  const typedError = typed !== '' && !typedE164 ? t('sender_invalid') : '';
  const options = info.senders.map((s) => ({ number: s.number, label: t('sender_option', s.profileName || s.number, s.number) }));
  if (current && !options.some((o) => o.number === current)) options.push({ number: current, label: current });

  return (
    <section aria-labelledby="sender-heading">
      <h2 id="sender-heading">{t('sender_heading')}</h2>
      {info.senders.length > 0 ? (
        <div class="field">
          <label for="sender">{t('sender_label')}</label>
          <select id="sender" value={current ?? ''} onChange={(e) => void choose(e.currentTarget.value)}>
            {!current && <option value="" disabled>{t('sender_choose')}</option>}
            {options.map((o) => <option key={o.number} value={o.number}>{o.label}</option>)}
          </select>
        </div>
      ) : (
        <form class="field" noValidate onSubmit={(e) => {
          e.preventDefault();
          if (typedE164) void choose(typedE164);
        }}>
          <p class="muted">{t('sender_none_listed')}</p>
          <label for="sender">{t('sender_label')}</label>
          <input id="sender" type="tel" value={typed} placeholder="+14155238886" autoComplete="off"
            aria-invalid={typedError ? true : undefined} aria-describedby="sender-hint"
            onInput={(e) => setTyped(e.currentTarget.value.trim())} />
          <p id="sender-hint" class={typedError ? 'field-error' : 'muted'}>{typedError || t('sender_number_hint')}</p>
          <button type="submit" disabled={!typedE164}>{t('sender_save')}</button>
        </form>
      )}
      {message && <p role="status" class="muted">{message}</p>}
    </section>
  );
}
