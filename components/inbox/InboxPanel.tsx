import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { InboxEntry } from '@/lib/conversations/inbox';
import type { InboxInfo } from '@/lib/conversations/model';
import { t } from '@/lib/i18n';
import type { Result } from '@/lib/messaging/protocol';
import { useNow } from '../hooks/useNow';
import { InboxView } from './InboxView';

/** What the inbox needs from the extension; the content script passes the real calls, tests pass fakes. */
export interface InboxApi {
  getInbox: (refresh: boolean) => Promise<Result<InboxInfo>>;
  getSummary: () => Promise<Result<{ unread: number; conversations: number; open?: string }>>;
  markConversation: (contact: string, read: boolean) => Promise<Result<{ unread: number }>>;
  /** The rows in view: their names are looked up (lazily, once per number). */
  lookUpNames: (entries: readonly InboxEntry[]) => void;
  /** Calls back when the inbox changed in the background; returns the unsubscribe. */
  subscribe: (onChange: () => void) => () => void;
  isVisible: () => boolean;
}

export interface InboxPanelProps {
  api: InboxApi;
  onOpen: (entry: InboxEntry) => void;
  onClose: () => void;
  shortcut: string;
}

/** While the inbox is open on a visible tab, Twilio is asked this often (the background skips it when just asked). */
export const INBOX_POLL_MS = 30_000;

/**
 * The WhatsApp inbox in the docked panel: every conversation of the period, live while it is open, from where a
 * conversation opens in the same panel.
 */
export function InboxPanel({ api, onOpen, onClose, shortcut }: InboxPanelProps) {
  const [inbox, setInbox] = useState<InboxInfo | undefined>();
  const [error, setError] = useState('');
  const closeRef = useRef<HTMLButtonElement>(null);
  const now = useNow((at) => Math.floor(at / 60_000) * 60_000 + 60_000);

  useLayoutEffect(() => closeRef.current?.focus(), []);
  useEffect(() => {
    let live = true;
    const load = (refresh: boolean) =>
      void api.getInbox(refresh).then((answer) => {
        if (!live) return;
        if (answer.ok) {
          setInbox(answer.value);
          setError('');
        } else if (refresh || !inbox) setError(answer.error.message);
      });
    load(false);
    load(true);
    const stop = api.subscribe(() => load(false));
    const timer = setInterval(() => api.isVisible() && load(true), INBOX_POLL_MS);
    return () => {
      live = false;
      stop();
      clearInterval(timer);
    };
  }, [api]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <section class="panel" role="region" aria-label={t('inbox_region')}>
      <header class="panel-header">
        <div class="panel-title">
          <h2>{t('inbox_title')}</h2>
          <button ref={closeRef} type="button" class="close" aria-label={t('inbox_close')} title={t('inbox_close_tooltip', shortcut)} onClick={onClose}>
            ×
          </button>
        </div>
      </header>
      <InboxView inbox={inbox} error={error || undefined} onOpen={onOpen} onRowsShown={api.lookUpNames} now={now} />
    </section>
  );
}
