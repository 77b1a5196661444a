import { browser } from 'wxt/browser';
import { accountRepo } from '../account/repo';
import { requireSender } from '../account/choose-sender';
import { twilioClock } from '../account/twilio-client';
import { whatsAppKey } from '../phone';
import { bumpRevision, checkedSettings } from '../settings';
import { syncRepo } from '../sync/repo';
import { getDb } from '../db/schema';
import type { SyncService } from '../sync/service';
import { unreadCount, type InboxArrival } from './inbox';
import { inboxRepo, type NameFound } from './inbox-repo';
import type { InboxInfo } from './model';
import { personWithNumber } from '../pipedrive/person-match';
import type { RememberNamesRequest } from '../messaging/protocol';

/** While a Pipedrive tab asks, the inbox is synced this often (Chrome's alarms allow 30 s; a minute is plenty). */
export const INBOX_ALARM = 'inbox';
export const INBOX_ALARM_MINUTES = 1;
/** The inbox opened or polled: Twilio is asked again when the last sync is older than this. */
export const INBOX_FRESH_MS = 20_000;

export interface InboxDeps {
  now: () => number;
  sync: Pick<SyncService, 'run'>;
  /** The customer's new messages: one desktop notification each (when the rep allowed them). */
  notify: (arrivals: InboxArrival[], names: ReadonlyMap<string, string>) => Promise<unknown>;
  /** The country of numbers written without a country code (the setting, else the browser's language). */
  defaultCountry?: () => Promise<string | undefined>;
  /** The personal Pipedrive token's company host, when there is a token. */
  companyHost?: () => Promise<string | undefined>;
}

/** The toolbar icon says how many messages are unread (empty when none), as the launcher does. */
async function showUnreadOnIcon(total: number): Promise<void> {
  // MV3's `action`, MV2's (Firefox) `browserAction`.
  const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (!action) return;
  await action.setBadgeText({ text: total === 0 ? '' : total > 99 ? '99+' : String(total) });
  await action.setBadgeBackgroundColor({ color: '#1a7f37' });
}

const LAST_HOST_KEY = 'session:lastPipedriveHost';
/** A Pipedrive company's host (`acme.pipedrive.com`), or undefined for anything else. */
const hostOf = (url: string): string | undefined => {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' && /^[a-z0-9-]+\.pipedrive\.com$/.test(hostname) ? hostname : undefined;
  } catch {
    return undefined;
  }
};

export function createInboxHandlers(deps: InboxDeps) {
  /** The conversation a notification asked to show in the Pipedrive tab it opened (that tab asks for it first). */
  let pendingOpen: string | undefined;
  /** The host a Pipedrive tab last asked from, as written to `storage.session` (written again only when it changes). */
  let lastHost: string | undefined;

  /** A Pipedrive tab is open and asking: the inbox is kept fresh every minute until none is. */
  async function keepFresh(): Promise<void> {
    if (!(await browser.alarms.get(INBOX_ALARM))) await browser.alarms.create(INBOX_ALARM, { periodInMinutes: INBOX_ALARM_MINUTES });
  }

  /**
   * The unread count and the conversations with some, read from the inbox once per change of it: every Pipedrive page
   * asks as it opens, and reading thousands of conversations each time would hold up the badge's question behind it.
   */
  let summary: { sender: string; version: number; db: unknown; unread: number; conversations: number } | undefined;
  async function unreadSummary(sender: string): Promise<{ unread: number; conversations: number }> {
    const db = await getDb();
    if (summary && summary.sender === sender && summary.version === inboxRepo.version() && summary.db === db) return summary;
    const version = inboxRepo.version();
    const entries = await inboxRepo.entries(sender);
    const next = { sender, version, db, unread: entries.reduce((sum, entry) => sum + unreadCount(entry), 0), conversations: entries.filter((entry) => unreadCount(entry) > 0).length };
    summary = next;
    return next;
  }

  const totalUnread = async (sender: string): Promise<number> => (await unreadSummary(sender)).unread;

  async function changed(sender: string): Promise<void> {
    await bumpRevision('inbox');
    await showUnreadOnIcon(await totalUnread(sender)).catch(() => undefined);
  }

  async function getInbox({ refresh }: { refresh?: boolean }): Promise<InboxInfo> {
    const { sender } = await requireSender();
    void keepFresh().catch(() => undefined);
    let sync = await syncRepo.get('conversations');
    const isFresh = sync.sender === sender && sync.lastSuccessAt !== undefined && deps.now() - sync.lastSuccessAt < INBOX_FRESH_MS;
    if (refresh && !isFresh) {
      await deps.sync.run('conversations');
      sync = await syncRepo.get('conversations');
    }
    const [entries, days, thresholdMinutes, intervalMinutes] = await Promise.all([
      inboxRepo.entries(sender),
      checkedSettings.inboxDays(),
      checkedSettings.expiringThresholdMinutes(),
      checkedSettings.syncIntervalMinutes(),
    ]);
    const isSyncFailing = sync.lastError !== undefined && (sync.lastSuccessAt ?? 0) < sync.lastError.at;
    return {
      entries,
      days,
      ...(sync.sender === sender && sync.coveredUntil !== undefined && { knownUntil: sync.coveredUntil }),
      ...(isSyncFailing && sync.lastError && { isSyncFailing, syncError: sync.lastError.message }),
      staleAfterMs: intervalMinutes * 60_000,
      expiringThresholdMs: thresholdMinutes * 60_000,
      clockOffsetMs: twilioClock.offsetMs(),
    };
  }

  /**
   * What the launcher and the toolbar icon show: how many messages are unread, in how many conversations; and, for
   * a tab a notification opened, the conversation to show.
   */
  async function getInboxSummary(_request: Record<string, never>, asker?: { url: string }): Promise<{ unread: number; conversations: number; open?: string }> {
    const { sender } = await requireSender();
    void keepFresh().catch(() => undefined);
    const host = asker?.url ? hostOf(asker.url) : undefined;
    // Every Pipedrive page asks as it opens: the session storage is written only when the company changes.
    if (host && host !== lastHost) {
      lastHost = host;
      await browser.storage.session.set({ [LAST_HOST_KEY]: host }).catch(() => undefined);
    }
    const { unread, conversations } = await unreadSummary(sender);
    const open = pendingOpen;
    pendingOpen = undefined;
    return { unread, conversations, ...(open && { open }) };
  }

  /**
   * A notification was clicked (or the popup's "Open"): the Pipedrive tab comes forward with that conversation open, or a Pipedrive tab
   * opens on the rep's company (the host a tab last asked from, else the personal token's) and shows it.
   */
  async function openInPipedrive(number: string): Promise<void> {
    const [tab] = await browser.tabs.query({ url: 'https://*.pipedrive.com/*' });
    if (tab?.id !== undefined) {
      await browser.tabs.update(tab.id, { active: true });
      if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
      await browser.tabs.sendMessage(tab.id, { type: 'openInboxConversation', number });
      return;
    }
    const host = ((await browser.storage.session.get(LAST_HOST_KEY))[LAST_HOST_KEY] as string | undefined) ?? (await deps.companyHost?.());
    if (!host || !hostOf(`https://${host}/`)) return;
    pendingOpen = number;
    await browser.tabs.create({ url: `https://${host}/` });
  }

  async function markConversation({ contact, read }: { contact: string; read: boolean }): Promise<{ unread: number }> {
    const { epoch, sender } = await requireSender();
    const key = whatsAppKey(contact);
    const isKnown = read ? await inboxRepo.markRead(epoch, sender, key, deps.now() + twilioClock.offsetMs()) : await inboxRepo.markUnread(epoch, sender, key);
    if (isKnown) await changed(sender);
    return { unread: await totalUnread(sender) };
  }

  /**
   * What the page found in Pipedrive for the inbox's numbers: the persons a phone search returned (which of them has
   * the number is decided here, with the phone metadata the page does not load), or the person the rep just made or
   * linked. Answers who each number is now.
   */
  async function rememberNames({ names }: RememberNamesRequest): Promise<{ names: NameFound[] }> {
    const { epoch, sender } = await requireSender();
    const country = await deps.defaultCountry?.();
    const decided: NameFound[] = names.map((item) => {
      if ('personId' in item) return { contact: item.contact, personId: item.personId, ...(item.name && { name: item.name }) };
      const person = personWithNumber(item.contact, item.found, country);
      return { contact: item.contact, personId: person?.id ?? null, ...(person && { name: person.name }) };
    });
    const kept = await inboxRepo.rememberNames(epoch, sender, decided.map((item) => ({ ...item, contact: whatsAppKey(item.contact) })), deps.now());
    if (kept > 0) await bumpRevision('inbox');
    return { names: decided };
  }

  /** A sync found the customer's new messages: the icon's count, and a notification each. */
  async function onArrivals(arrivals: InboxArrival[], sender: string): Promise<void> {
    if (arrivals.length === 0) return;
    const entries = await inboxRepo.entries(sender);
    await showUnreadOnIcon(entries.reduce((sum, entry) => sum + unreadCount(entry), 0)).catch(() => undefined);
    const names = new Map(entries.flatMap((entry) => (entry.name ? [[entry.contact, entry.name] as const] : [])));
    await deps.notify(arrivals, names).catch(() => undefined);
  }

  /** The fast schedule ends once no Pipedrive tab is open (the usual sync interval goes on). */
  async function onAlarm(): Promise<void> {
    const tabs = await browser.tabs.query({ url: 'https://*.pipedrive.com/*' });
    if (tabs.length === 0) {
      await browser.alarms.clear(INBOX_ALARM);
      return;
    }
    await deps.sync.run('conversations');
  }

  return { getInbox, getInboxSummary, markConversation, rememberNames, onArrivals, onAlarm, openInPipedrive, refreshIcon: async () => {
    const sender = await accountRepo.sender();
    await showUnreadOnIcon(sender ? await totalUnread(sender) : 0);
  } };
}

export type InboxHandlers = ReturnType<typeof createInboxHandlers>;
