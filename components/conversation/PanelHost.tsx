import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { InboxEntry } from '@/lib/conversations/inbox';
import { t } from '@/lib/i18n';
import type { InboxApi } from '../inbox/InboxPanel';
import type { UnknownNumberApi } from '../inbox/UnknownNumber';
import { LazyView, preloadViews } from '../lazy/LazyView';
import type { ViewLoader } from '../lazy/views';
import type { PanelApi } from './ConversationPanel';
import { openConversation, type Opening } from './opening';

/** The panel's calls for a conversation the inbox opened (by the customer's number), and for its person's link. */
export interface ContactApis {
  /** The entry with its Pipedrive person looked up, when the inbox has not yet (a row opened before its name came). */
  resolve: (entry: InboxEntry) => Promise<InboxEntry>;
  panelApi: (entry: InboxEntry) => PanelApi;
  personUrl: (personId: number) => string;
  /** The Pipedrive writes for a number no person has ("Add to Pipedrive", "Link to a person"). */
  unknownNumber?: (number: string) => UnknownNumberApi;
  /** The number now belongs to this person (the inbox and notifications learn the name). */
  onPersonSaved?: (entry: InboxEntry, person: { id: number; name: string }) => void;
}

export interface PanelHostProps {
  /** The page's record (a person, deal or lead), when there is one: its conversation is what the panel shows first. */
  api?: PanelApi;
  inbox: InboxApi;
  contacts: ContactApis;
  /** The panel and the inbox themselves, loaded on the first press (components/lazy). */
  views: ViewLoader;
  /** Whether the panel was open (remembered across pages), and where to remember it. */
  initiallyOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  /** Lets the page-level shortcut toggle the panel. */
  registerToggle: (toggle: () => void) => void;
  /** Lets a notification's click open a conversation here (by the customer's number). */
  registerOpenConversation?: (open: (number: string) => void) => void;
  shortcut: string;
  templatesShortcut: string;
}

type View = { kind: 'record' } | { kind: 'inbox' } | { kind: 'contact'; entry: InboxEntry };

/**
 * The launcher at the bottom right and the panel docked to the right edge. On a person, deal or lead the launcher
 * opens that record's conversation ("Open WhatsApp conversation"), elsewhere the inbox ("Open WhatsApp inbox"); from
 * either the rep goes to the other without a page load. The launcher carries the number of unread messages. Escape
 * or the close button closes the panel and gives the focus back to the launcher.
 */
export function PanelHost({ api, inbox, contacts, views, initiallyOpen, onOpenChange, registerToggle, registerOpenConversation, shortcut, templatesShortcut }: PanelHostProps) {
  const home: View = api ? { kind: 'record' } : { kind: 'inbox' };
  const [isOpen, setOpen] = useState(initiallyOpen);
  const [view, setView] = useState<View>(home);
  const [unread, setUnread] = useState(0);
  const launcherRef = useRef<HTMLButtonElement>(null);
  // The record's first questions, asked as the launcher is pressed: the panel is drawn while they are under way.
  const started = useRef<{ api: PanelApi; opening: Opening } | undefined>(undefined);
  const wasOpen = useRef(initiallyOpen);

  function change(next: boolean) {
    setOpen(next);
    onOpenChange(next);
  }

  useEffect(() => registerToggle(() => setOpen((open) => {
    onOpenChange(!open);
    return !open;
  })), [registerToggle]);

  // What the launcher asked is for the record's panel it opened, until that closes or the rep goes elsewhere (a panel
  // drawn later asks afresh). It is kept while the views load: the panel takes it when it is first drawn.
  useEffect(() => {
    if (!isOpen || view.kind !== 'record') started.current = undefined;
  }, [isOpen, view]);

  useEffect(() => {
    if (wasOpen.current && !isOpen) launcherRef.current?.focus();
    wasOpen.current = isOpen;
  }, [isOpen]);

  // The unread count, kept current (and a conversation a notification opened this tab for).
  useEffect(() => {
    let live = true;
    const ask = () =>
      void inbox.getSummary().then((answer) => {
        if (!live || !answer.ok) return;
        setUnread(answer.value.unread);
        if (answer.value.open) openNumber(answer.value.open);
      });
    ask();
    const stop = inbox.subscribe(ask);
    return () => {
      live = false;
      stop();
    };
  }, [inbox]);

  /** Opens a conversation of the inbox, once it is known whose number it is. */
  function openEntry(entry: InboxEntry) {
    void contacts.resolve(entry).then((resolved) => {
      setView({ kind: 'contact', entry: resolved });
      change(true);
    });
  }

  /** Opens the conversation with this number, as the inbox knows it (a number it does not know opens the inbox). */
  function openNumber(number: string) {
    void inbox.getInbox(false).then((answer) => {
      const entry = answer.ok ? answer.value.entries.find((candidate) => candidate.number === number) : undefined;
      if (entry) return openEntry(entry);
      setView({ kind: 'inbox' });
      change(true);
    });
  }
  useEffect(() => registerOpenConversation?.(openNumber), [registerOpenConversation]);

  const contactApi = useMemo(() => (view.kind === 'contact' ? contacts.panelApi(view.entry) : undefined), [view, contacts]);
  // A number no Pipedrive person has yet: its API is made once per number shown (not on every render).
  const numberWithoutPerson = view.kind === 'contact' && !view.entry.personId ? view.entry.number : undefined;
  const unknownNumberApi = useMemo(() => (numberWithoutPerson ? contacts.unknownNumber?.(numberWithoutPerson) : undefined), [numberWithoutPerson, contacts]);
  const toInbox = () => setView({ kind: 'inbox' });

  const launcherLabel = api ? t('launcher_open') : t('launcher_open_inbox');
  const tooltip = [api ? t('launcher_tooltip', shortcut) : t('launcher_inbox_tooltip', shortcut), unread > 0 ? t('inbox_unread_total', String(unread)) : '']
    .filter(Boolean).join(' · ');

  if (!isOpen) {
    return (
      <div class="panel-host">
        <button ref={launcherRef} type="button" class="launcher" aria-label={launcherLabel} title={tooltip} data-unread={unread}
          aria-keyshortcuts={shortcut} aria-expanded={false} aria-describedby={unread > 0 ? 'wat-launcher-unread' : undefined}
          // A pointer on its way to the launcher starts loading the panel: the click then rarely waits for it.
          onPointerEnter={preloadViews(views)} onClick={() => {
            started.current = api && view.kind === 'record' ? { api, opening: openConversation(api) } : undefined;
            change(true);
          }}>
          <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
            <path fill="currentColor" d="M12 2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2zm0 18.2a8.2 8.2 0 0 1-4.2-1.2l-.3-.2-3 .8.8-2.9-.2-.3A8.2 8.2 0 1 1 12 20.2zm4.5-6.1c-.2-.1-1.5-.7-1.7-.8s-.4-.1-.6.1-.7.8-.8 1-.3.2-.5.1a6.7 6.7 0 0 1-3.3-2.9c-.2-.4.2-.4.7-1.3.1-.2 0-.3 0-.4l-.8-1.8c-.2-.5-.4-.4-.6-.4h-.5a1 1 0 0 0-.7.3 3 3 0 0 0-.9 2.2 5.2 5.2 0 0 0 1.1 2.8 11.9 11.9 0 0 0 4.6 4c1.7.7 2.4.8 3.2.7a2.8 2.8 0 0 0 1.8-1.3 2.3 2.3 0 0 0 .2-1.3c-.1-.1-.3-.2-.5-.3z" />
          </svg>
          {unread > 0 && (
            <>
              <span class="launcher-count" aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
              <span class="visually-hidden" id="wat-launcher-unread">{t('inbox_unread_total', String(unread))}</span>
            </>
          )}
        </button>
      </div>
    );
  }

  return (
    <div class="panel-host">
      {view.kind === 'inbox' && (
        <LazyView views={views} name="InboxPanel" props={{ api: inbox, shortcut, onClose: () => change(false), onOpen: openEntry }} />
      )}
      {view.kind === 'record' && api && (
        <LazyView views={views} name="ConversationPanel" props={{
          api, onClose: () => change(false), shortcut, templatesShortcut, onAllConversations: toInbox, started: started.current,
        }} />
      )}
      {view.kind === 'contact' && contactApi && (
        <LazyView key={view.entry.contact} views={views} name="ConversationPanel" props={{
          api: contactApi, onClose: () => change(false), shortcut, templatesShortcut, onAllConversations: toInbox,
          personUrl: view.entry.personId ? contacts.personUrl(view.entry.personId) : undefined,
          unknownNumber: !unknownNumberApi ? undefined : {
            number: view.entry.number,
            api: unknownNumberApi,
            onSaved: (person) => {
              contacts.onPersonSaved?.(view.entry, person);
              setView({ kind: 'contact', entry: { ...view.entry, personId: person.id, name: person.name } });
            },
          },
        }} />
      )}
    </div>
  );
}
