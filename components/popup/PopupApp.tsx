import { useCallback, useEffect, useState } from 'preact/hooks';
import type {
  ConnectRequest, ConnectionInfo, ExpiringContact, Result, SendersInfo, StatusInfo,
} from '@/lib/messaging/protocol';
import { t } from '@/lib/i18n';
import { ConnectForm } from './ConnectForm';
import { ConnectionSummary } from './ConnectionSummary';
import { ExpiringList } from './ExpiringList';
import { NotificationSettings, type NotificationsApi } from './NotificationSettings';
import { MediaAccess } from './MediaAccess';
import { SenderPicker } from './SenderPicker';
import { SettingsPanel, type PopupSettings } from './SettingsPanel';
import { SyncPanel } from './SyncPanel';
import { TemplateChanges } from './TemplateChanges';

/** What the popup needs from the extension; the entrypoint passes the real calls, tests pass fakes. */
export interface PopupApi {
  getStatus: () => Promise<Result<StatusInfo>>;
  connect: (request: ConnectRequest) => Promise<Result<ConnectionInfo>>;
  testCredentials: () => Promise<Result<ConnectionInfo>>;
  disconnect: () => Promise<Result<ConnectionInfo>>;
  listSenders: () => Promise<Result<SendersInfo>>;
  setSender: (sender: string) => Promise<Result<{ sender: string }>>;
  syncNow: () => Promise<Result<StatusInfo>>;
  listExpiring: () => Promise<Result<ExpiringContact[]>>;
  getSettings: () => Promise<PopupSettings>;
  saveSettings: (settings: PopupSettings) => Promise<void>;
  setPipedriveToken: (token: string | null) => Promise<Result<{ hasToken: boolean }>>;
  /** Opens the template workshop (the extension's options page). */
  openWorkshop: () => void;
  dismissTemplateChanges: (ids: string[]) => Promise<Result<{ dismissed: number }>>;
  /** Calls back whenever synced data or sync progress changed; returns the unsubscribe. */
  subscribe: (onChange: () => void) => () => void;
  /** The optional permission to read media from Twilio's media servers. */
  mediaAccess: { has: () => Promise<boolean>; request: () => Promise<boolean>; isAsked: boolean };
  notifications: NotificationsApi;
  /** Shows the conversation in a Pipedrive tab (the inbox in the panel). */
  openConversation: (contact: string) => void;
  now: () => number;
}

export interface PopupAppProps {
  api: PopupApi;
}

/** The popup: set the extension up once, then come back to see whether it is healthy. */
export function PopupApp({ api }: PopupAppProps) {
  const [status, setStatus] = useState<StatusInfo | undefined>();
  const [expiring, setExpiring] = useState<ExpiringContact[]>([]);
  const [settings, setSettings] = useState<PopupSettings | undefined>();
  const [now, setNow] = useState(api.now());
  const [isChangingCredentials, setChangingCredentials] = useState(false);
  const [notice, setNotice] = useState('');

  const refresh = useCallback(async () => {
    const [nextStatus, nextExpiring, nextSettings] = await Promise.all([api.getStatus(), api.listExpiring(), api.getSettings()]);
    if (nextStatus.ok) setStatus(nextStatus.value);
    if (nextExpiring.ok) setExpiring(nextExpiring.value);
    setSettings(nextSettings);
    setNow(api.now());
  }, [api]);

  useEffect(() => {
    void refresh();
    const unsubscribe = api.subscribe(() => void refresh());
    // Relative times ("2 minutes ago") and time left move on while the popup stays open.
    const tick = setInterval(() => setNow(api.now()), 15_000);
    return () => {
      unsubscribe();
      clearInterval(tick);
    };
  }, [api, refresh]);

  async function connect(request: ConnectRequest) {
    const result = await api.connect(request);
    if (result.ok) {
      setChangingCredentials(false);
      setNotice('');
      await refresh();
    }
    return result;
  }

  async function disconnect() {
    const result = await api.disconnect();
    if (result.ok) setNotice(t('disconnected'));
    await refresh();
  }

  if (!status || !settings) return <main aria-busy="true" />;
  const { connection } = status;
  const showForm = !connection.connected || isChangingCredentials;

  return (
    <main>
      <h1>{t('popup_title')}</h1>
      {notice && <p role="status" class="notice">{notice}</p>}
      {showForm ? (
        <ConnectForm connection={connection} onConnect={connect} />
      ) : (
        <ConnectionSummary
          key={connection.credentialLabel}
          connection={connection}
          onTest={api.testCredentials}
          onChange={() => setChangingCredentials(true)}
          onDisconnect={disconnect}
        />
      )}
      {connection.connected && (
        <>
          <SenderPicker current={status.sender} loadSenders={api.listSenders} onChoose={api.setSender} />
          <TemplateChanges changes={status.templates.changes} now={now} onOpenWorkshop={api.openWorkshop}
            onDismiss={async (ids) => {
              const answer = await api.dismissTemplateChanges(ids);
              await refresh();
              return answer;
            }} />
          <SyncPanel status={status} now={now} onSyncNow={api.syncNow} />
          <ExpiringList items={expiring} now={now} thresholdMinutes={settings.expiringThresholdMinutes} onOpen={api.openConversation} />
          <MediaAccess {...api.mediaAccess} />
          <NotificationSettings api={api.notifications} />
        </>
      )}
      <SettingsPanel settings={settings} hasPipedriveToken={status.hasPipedriveToken} onSave={api.saveSettings}
        onSetToken={api.setPipedriveToken} onSaved={refresh} />
    </main>
  );
}
