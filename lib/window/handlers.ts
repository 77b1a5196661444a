import { browser } from 'wxt/browser';
import { accountRepo } from '../account/repo';
import { syncRepo } from '../sync/repo';
import { windowsRepo } from './repo';
import type { ExpiringContact, WindowInfo } from '../messaging/protocol';
import { countryFromLocale, phoneFromText, whatsAppKey } from '../phone';
import { windowEndsAt, windowView } from './rule';
import { bumpRevision, keptSettings, type CheckedSettings } from '../settings';
import { refreshContact } from './sync';
import { loadCredentials } from '../account/credentials';
import { connectedHttp, twilioClock } from '../account/twilio-client';

/** Opening a conversation asks Twilio again when this contact was last checked longer ago than this. */
export const REFRESH_AFTER_MS = 30_000;

/** The country of numbers written without a country code: the setting, else the browser's language. */
async function defaultCountry(read: Pick<CheckedSettings, 'defaultCountry'>): Promise<string | undefined> {
  return (await read.defaultCountry()) || countryFromLocale(browser.i18n.getUILanguage());
}

/**
 * `now` is the browser's clock; `clockOffset` is Twilio's clock minus it (from Twilio's `Date` headers). The window
 * is counted on Twilio's clock, since the customer's message carries Twilio's time. The settings are kept in memory
 * by these handlers (the badge asks on every conversation opened); `defaultCountry` answers from them too.
 */
export function createWindowHandlers(now: () => number = Date.now, clockOffset: () => number = twilioClock.offsetMs) {
  const read = keptSettings();
  const refreshing = new Map<string, Promise<void>>();

  /**
   * One refresh per contact at a time; the badge hears about the result through the windows revision. `epoch` was
   * read before the credentials: once that account is gone, what Twilio answered is not stored.
   */
  function refreshInBackground(epoch: number, sender: string, contact: string): void {
    const key = `${epoch}|${sender}|${contact}`;
    if (refreshing.has(key)) return;
    const run = (async () => {
      try {
        await refreshContact(epoch, await connectedHttp(), sender, contact, now);
        await bumpRevision('windows');
      } catch {
        // The periodic sync will try again; the badge keeps what it knows.
      } finally {
        refreshing.delete(key);
      }
    })();
    refreshing.set(key, run);
  }

  async function getWindow({ phone, refresh }: { phone: string; refresh?: boolean }): Promise<WindowInfo> {
    // The settings and the account come from memory after the first question; what is read from IndexedDB is read
    // at once, in one round trip: the badge of a conversation just opened waits for this answer.
    const [thresholdMinutes, intervalMinutes, account, country] = await Promise.all([
      read.expiringThresholdMinutes(),
      read.syncIntervalMinutes(),
      accountRepo.get(),
      defaultCountry(read),
    ]);
    const sender = account.sender;
    const contact = phoneFromText(phone, country);
    // Every written form of a WhatsApp number (Mexico's +52 / +521…) shares one window.
    const [credentials, sync, record] = await Promise.all([
      loadCredentials(),
      syncRepo.get('windows'),
      sender && contact ? windowsRepo.get(sender, whatsAppKey(contact)) : undefined,
    ]);
    const expiringThresholdMs = thresholdMinutes * 60_000;
    if (!credentials) return { state: 'unknown', reason: 'not-connected', expiringThresholdMs };
    if (!sender) return { state: 'unknown', reason: 'no-sender', expiringThresholdMs };
    if (!contact) return { state: 'unknown', reason: 'no-number', sender, expiringThresholdMs };

    const coveredUntil = sync.sender === sender ? sync.coveredUntil : undefined;
    const checks = [record?.checkedAt, coveredUntil].filter((at): at is number => at !== undefined);
    const knownUntil = checks.length ? Math.max(...checks) : undefined;
    const isSyncFailing = sync.lastError !== undefined && (sync.lastSuccessAt ?? 0) < sync.lastError.at;
    const clockOffsetMs = clockOffset();
    const at = now() + clockOffsetMs;
    if (refresh && (knownUntil === undefined || at - knownUntil > REFRESH_AFTER_MS)) refreshInBackground(account.epoch ?? 0, sender, contact);

    const staleAfterMs = intervalMinutes * 60_000;
    const view = windowView({ lastInboundAt: record?.lastInboundAt, knownUntil, isSyncFailing, staleAfterMs }, at, expiringThresholdMs);
    return {
      state: view.state,
      reason: view.reason,
      contact,
      sender,
      lastInboundAt: record?.lastInboundAt,
      endsAt: view.endsAt,
      knownUntil,
      expiringThresholdMs,
      clockOffsetMs,
      staleAfterMs,
    };
  }

  async function listExpiring(): Promise<ExpiringContact[]> {
    const sender = await accountRepo.sender();
    if (!sender) return [];
    const withinMs = (await read.expiringThresholdMinutes()) * 60_000;
    const rows = await windowsRepo.closingSoon(sender, now() + clockOffset(), withinMs);
    return rows
      .filter((row): row is typeof row & { lastInboundAt: number } => row.lastInboundAt !== undefined)
      .map((row) => ({ contact: row.contact, lastInboundAt: row.lastInboundAt, endsAt: windowEndsAt(row.lastInboundAt) }))
      .sort((a, b) => a.endsAt - b.endsAt);
  }

  return { getWindow, listExpiring, defaultCountry: () => defaultCountry(read) };
}
