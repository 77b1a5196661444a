import { useEffect, useState } from 'preact/hooks';
import type { ConnectRequest, ConnectionInfo, Result } from '@/lib/messaging/protocol';
import { t } from '@/lib/i18n';
import { ConnectForm } from './ConnectForm';

/** What the popup needs from the background; the entrypoint passes the real calls, tests pass fakes. */
export interface PopupApi {
  getConnection: () => Promise<Result<ConnectionInfo>>;
  connect: (request: ConnectRequest) => Promise<Result<ConnectionInfo>>;
}

export interface PopupAppProps {
  api: PopupApi;
}

/** The popup: set the extension up once, come back to see whether it is healthy. */
export function PopupApp({ api }: PopupAppProps) {
  const [connection, setConnection] = useState<ConnectionInfo | undefined>();
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let live = true;
    void api.getConnection().then((result) => {
      if (!live) return;
      if (result.ok) setConnection(result.value);
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [api]);

  async function connect(request: ConnectRequest) {
    const result = await api.connect(request);
    if (result.ok) setConnection(result.value);
    return result;
  }

  return (
    <main>
      <h1>{t('popup_title')}</h1>
      {loaded && <ConnectForm connection={connection} onConnect={connect} />}
    </main>
  );
}
