import { useRef, useState } from 'preact/hooks';
import type { ConnectionInfo, Result } from '@/lib/messaging/protocol';
import { t } from '@/lib/i18n';
import { connectedText, errorText } from './ConnectForm';

export interface ConnectionSummaryProps {
  connection: ConnectionInfo;
  onTest: () => Promise<Result<ConnectionInfo>>;
  onChange: () => void;
  onDisconnect: () => Promise<void>;
}

/**
 * The connected account, the credential in use (never the secret), and what can be done with it: test it again,
 * replace it, or disconnect after a confirmation.
 */
export function ConnectionSummary({ connection, onTest, onChange, onDisconnect }: ConnectionSummaryProps) {
  // The result of "Test connection" replaces the summary line until the connection itself changes.
  const [testResult, setTestResult] = useState<{ text: string; isError: boolean } | undefined>();
  const message = testResult ?? { text: connectedText(connection), isError: false };
  const [isConfirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);

  async function test() {
    const result = await onTest();
    setTestResult(result.ok ? { text: t('connection_test_ok'), isError: false } : { text: errorText(result.error, connection.usesApiKey ? 'key' : 'token'), isError: true });
  }

  function askToDisconnect() {
    setConfirming(true);
    queueMicrotask(() => confirmRef.current?.focus());
  }

  return (
    <section aria-labelledby="connection-heading">
      <h2 id="connection-heading">{t('connection_heading')}</h2>
      <p role="status" class={message.isError ? 'status error' : 'status'}>{message.text}</p>
      {connection.credentialLabel && <p class="muted">{t('connect_saved_credential', connection.credentialLabel)}</p>}
      {connection.isRefused && <p role="alert" class="status error">{t('connection_refused')}</p>}
      <div class="row">
        <button type="button" onClick={test}>{t('connection_test')}</button>
        <button type="button" onClick={onChange}>{t('connection_change')}</button>
        <button type="button" class="danger" onClick={askToDisconnect}>{t('disconnect_button')}</button>
      </div>
      {isConfirming && (
        <div role="alertdialog" aria-labelledby="disconnect-question" class="confirm">
          <p id="disconnect-question">{t('disconnect_confirm')}</p>
          <div class="row">
            <button type="button" ref={confirmRef} class="danger" onClick={() => void onDisconnect()}>{t('disconnect_confirm_button')}</button>
            <button type="button" onClick={() => setConfirming(false)}>{t('cancel_button')}</button>
          </div>
        </div>
      )}
    </section>
  );
}
