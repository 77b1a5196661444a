import { browser } from 'wxt/browser';
import { syncRepo } from './repo';
import type { SyncKind } from '../db/schema';
import type { Catalogue } from '../templates/repo';
import type { InboxArrival } from '../conversations/inbox';
import { accountRepo } from '../account/repo';
import { bumpRevision, checkedSettings, legacySettings } from '../settings';
import { createSyncScheduler, type SyncOutcome } from './scheduler';
import type { TwilioCredentials } from '../twilio/http';
import { twilioClock, twilioHttpFor } from '../account/twilio-client';
import { loadCredentials } from '../account/credentials';
import type { TemplateStatusChange } from '../templates/status-changes';

export const SYNC_ALARM = 'sync';

const isSame = (a: TwilioCredentials | undefined, b: TwilioCredentials) =>
  a !== undefined && a.accountSid === b.accountSid && a.keySid === b.keySid && a.secret === b.secret;

/**
 * The background's sync, wired to the browser: alarms on the chosen interval, paused while Twilio refuses the
 * credentials, one run per kind at a time for every caller (popup, tabs, alarms).
 */
export interface SyncServiceOptions {
  onCatalogue?: (catalogue: Catalogue) => void;
  /** A conversations sync found the customer's new messages. */
  onArrivals?: (arrivals: InboxArrival[], sender: string) => void | Promise<void>;
  /** WhatsApp changed templates' approval (the popup shows them from the store already): a notifier hooks in here. */
  onTemplateStatusChanged?: (changes: TemplateStatusChange[]) => void | Promise<void>;
}

export function createSyncService({ onCatalogue, onArrivals, onTemplateStatusChanged }: SyncServiceOptions = {}) {
  // A fresh worker runs no sync, so any `running` flag in IndexedDB is from a worker that was stopped mid-sync.
  const ready = syncRepo.clearInterrupted();

  const scheduler = createSyncScheduler({
    now: Date.now,
    onCatalogue,
    onArrivals,
    inboxDays: () => checkedSettings.inboxDays(),
    twilioNow: () => Date.now() + twilioClock.offsetMs(),
    onTemplateStatusChanged,
    loadCredentials,
    makeHttp: (credentials) => twilioHttpFor(credentials),
    sender: {
      get: () => accountRepo.sender(),
      set: (sender, epoch) => accountRepo.setSender(epoch, sender, 'listed'),
      preferred: async () => {
        const earlier = await legacySettings.sender.getValue();
        await legacySettings.sender.removeValue();
        return earlier;
      },
    },
    authPause: {
      isPaused: () => accountRepo.isPaused(),
      pause: async (status, refused) => {
        // A sync begun with credentials the rep has replaced since must not pause the new ones.
        if (!isSame(await loadCredentials(), refused.credentials)) return;
        await accountRepo.setAuthFailure({ at: Date.now(), status }, refused.epoch);
        await browser.alarms.clear(SYNC_ALARM);
      },
    },
    notify: (...kinds) => bumpRevision(...kinds),
  });

  async function ensureAlarm(): Promise<void> {
    if ((await accountRepo.isPaused()) || !(await loadCredentials())) {
      await browser.alarms.clear(SYNC_ALARM);
      return;
    }
    const minutes = await checkedSettings.syncIntervalMinutes();
    const existing = await browser.alarms.get(SYNC_ALARM);
    if (existing?.periodInMinutes !== minutes) {
      await browser.alarms.create(SYNC_ALARM, { periodInMinutes: minutes, delayInMinutes: minutes });
    }
  }

  async function run(kind: SyncKind, options?: { isFresh?: boolean }): Promise<SyncOutcome> {
    await ready;
    return scheduler.run(kind, options);
  }

  async function runAll(): Promise<SyncOutcome[]> {
    await ready;
    return scheduler.runAll();
  }

  return {
    run,
    runAll,
    ensureAlarm,
    isRunning: scheduler.isRunning,
    stopAll: scheduler.stopAll,
    /**
     * New credentials: forget the pause, schedule, and sync at once, with them (a run still going with the previous
     * ones of the same account is followed by a new run, not joined).
     */
    async onCredentialsChanged(): Promise<void> {
      await accountRepo.setAuthFailure(undefined);
      await ensureAlarm();
      await ready;
      void Promise.all([scheduler.run('templates', { isFresh: true }), scheduler.run('windows', { isFresh: true }), scheduler.run('conversations', { isFresh: true })]);
    },
    /** Twilio accepted the saved credentials again ("Test connection"): a pause is lifted as by new credentials. */
    async onCredentialsAccepted(): Promise<void> {
      if (!(await accountRepo.isPaused())) return;
      await accountRepo.setAuthFailure(undefined);
      await ensureAlarm();
      void runAll();
    },
    /** Everything that should happen when the browser (re)starts the extension. */
    async onStart(): Promise<void> {
      await legacySettings.authFailure.removeValue();
      await ensureAlarm();
      if (await loadCredentials()) void runAll();
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
