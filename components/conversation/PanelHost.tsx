import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { ConversationPanel, type PanelApi } from './ConversationPanel';

export interface PanelHostProps {
  api: PanelApi;
  /** Whether the panel was open (remembered across pages), and where to remember it. */
  initiallyOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  /** Lets the page-level shortcut toggle the panel. */
  registerToggle: (toggle: () => void) => void;
  shortcut: string;
  templatesShortcut: string;
}

/**
 * The launcher at the bottom right ("Open WhatsApp conversation") and the panel docked to the right edge. Escape or
 * the close button closes the panel and gives the focus back to the launcher.
 */
export function PanelHost({ api, initiallyOpen, onOpenChange, registerToggle, shortcut, templatesShortcut }: PanelHostProps) {
  const [isOpen, setOpen] = useState(initiallyOpen);
  const launcherRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(initiallyOpen);

  function change(next: boolean) {
    setOpen(next);
    onOpenChange(next);
  }

  useEffect(() => registerToggle(() => setOpen((open) => {
    onOpenChange(!open);
    return !open;
  })), [registerToggle]);

  useEffect(() => {
    if (wasOpen.current && !isOpen) launcherRef.current?.focus();
    wasOpen.current = isOpen;
  }, [isOpen]);

  return (
    <div class="panel-host">
      {isOpen ? (
        <ConversationPanel api={api} onClose={() => change(false)} shortcut={shortcut} templatesShortcut={templatesShortcut} />
      ) : (
        <button ref={launcherRef} type="button" class="launcher" aria-label={t('launcher_open')} title={t('launcher_tooltip', shortcut)}
          aria-keyshortcuts={shortcut} aria-expanded={false} onClick={() => change(true)}>
          <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
            <path fill="currentColor" d="M12 2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2zm0 18.2a8.2 8.2 0 0 1-4.2-1.2l-.3-.2-3 .8.8-2.9-.2-.3A8.2 8.2 0 1 1 12 20.2zm4.5-6.1c-.2-.1-1.5-.7-1.7-.8s-.4-.1-.6.1-.7.8-.8 1-.3.2-.5.1a6.7 6.7 0 0 1-3.3-2.9c-.2-.4.2-.4.7-1.3.1-.2 0-.3 0-.4l-.8-1.8c-.2-.5-.4-.4-.6-.4h-.5a1 1 0 0 0-.7.3 3 3 0 0 0-.9 2.2 5.2 5.2 0 0 0 1.1 2.8 11.9 11.9 0 0 0 4.6 4c1.7.7 2.4.8 3.2.7a2.8 2.8 0 0 0 1.8-1.3 2.3 2.3 0 0 0 .2-1.3c-.1-.1-.3-.2-.5-.3z" />
          </svg>
        </button>
      )}
    </div>
  );
}
