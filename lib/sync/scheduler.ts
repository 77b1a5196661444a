import { StaleAccountError, accountRepo } from '../account/repo';
import { syncRepo } from './repo';
import type { SyncError, SyncKind } from '../db/schema';
import type { Catalogue } from '../templates/repo';
import { checkCredentials } from '../twilio/accounts';
import { TwilioError } from '../twilio/errors';
import type { TwilioCredentials, TwilioHttp } from '../twilio/http';
import { listWhatsAppSendersIfAllowed } from '../twilio/senders';
import { toSyncError } from './errors';
import { syncTemplates } from '../templates/sync';
import { syncWindows } from '../window/sync';
import { syncConversations } from '../conversations/inbox-sync';
import type { InboxArrival } from '../conversations/inbox';
import type { TemplateStatusChange } from '../templates/status-changes';

/** How often a running sync reports its progress (pages, items) to the popup. */
export const PROGRESS_INTERVAL_MS = 250;

export type SyncOutcome = { ok: true } | { ok: false; error: SyncError };

export interface SchedulerDeps {
  now: () => number;
  loadCredentials: () => Promise<TwilioCredentials | undefined>;
  makeHttp: (credentials: TwilioCredentials) => TwilioHttp;
  sender: {
    get: () => Promise<string | null>;
    /** Keeps the sender a sync chose from Twilio's list of the account's senders, for the account of `epoch`. */
    set: (sender: string, epoch: number) => Promise<void>;
    /**
     * A number to choose when Twilio lists it among the account's online senders (the choice an older version kept
     * where a content script could write it): never taken on its word. Asked once, after a successful listing.
     */
    preferred?: () => Promise<string | null>;
  };
  /**
   * The credential probe says Twilio refuses the credentials: stop syncing until they change (or a test passes).
   * `refused` are the credentials the sync used, and `epoch` its account: new ones entered meanwhile are not paused.
   */
  authPause: { isPaused: () => Promise<boolean>; pause: (status: number, refused: { credentials: TwilioCredentials; epoch: number }) => Promise<void> };
  /** A template sync committed this catalogue. */
  onCatalogue?: (catalogue: Catalogue) => void;
  /** A template sync saw WhatsApp change templates' approval (recorded for the popup already). */
  onTemplateStatusChanged?: (changes: TemplateStatusChange[]) => void | Promise<void>;
  /** Twilio's clock (the browser's corrected by the offset Twilio's `Date` headers gave). */
  twilioNow?: () => number;
  /** How many days back the inbox reaches (a setting). */
  inboxDays?: () => Promise<number>;
  /** A conversations sync found the customer's new messages (what notifies and counts as unread). */
  onArrivals?: (arrivals: InboxArrival[], sender: string) => void | Promise<void>;
  /** Something the UI shows changed. */
  notify: (...kinds: Array<'templates' | 'windows' | 'inbox' | 'sync'>) => Promise<void>;
}

export interface SyncScheduler {
  /**
   * Runs a sync of `kind`, or joins the one already running (one at a time, whoever asks). With `isFresh`, the
   * caller changed something the running sync may have read too early (a new sender, new credentials): it gets one
   * run after it. A run of an account that has since been disconnected or replaced is never joined: it is cancelled
   * and the new account's run starts once it has ended.
   */
  run: (kind: SyncKind, options?: { isFresh?: boolean }) => Promise<SyncOutcome>;
  runAll: () => Promise<SyncOutcome[]>;
  isRunning: (kind: SyncKind) => boolean;
  /** Cancels every running sync and resolves once none runs (a disconnect must not see one commit afterwards). */
  stopAll: () => Promise<void>;
}

/** What a sync of an account answers once that account is gone: nothing of it was stored. */
const accountChanged = (at: number): SyncOutcome => ({ ok: false, error: { code: 'interrupted', message: 'The Twilio account changed during the sync', at } });

interface Run {
  /** The account epoch the run belongs to (read before its credentials). */
  epoch: number;
  controller: AbortController;
  outcome: Promise<SyncOutcome>;
}

export function createSyncScheduler(deps: SchedulerDeps): SyncScheduler {
  const inFlight = new Map<SyncKind, Run>();
  const followUps = new Map<SyncKind, Promise<SyncOutcome>>();

  async function fail(epoch: number, kind: SyncKind, error: SyncError): Promise<SyncOutcome> {
    try {
      await syncRepo.fail(epoch, kind, error);
    } catch (failure) {
      if (failure instanceof StaleAccountError) return accountChanged(error.at);
      throw failure;
    }
    await deps.notify('sync');
    return { ok: false, error };
  }

  /**
   * The chosen sender, or one Twilio lists as the account's online WhatsApp sender (then remembered as the choice):
   * the preferred number when it is listed, else the only one. A key that may not list senders leaves the choice to
   * the rep, who types the number in the popup.
   */
  async function resolveSender(epoch: number, http: TwilioHttp, signal: AbortSignal): Promise<string | undefined> {
    const chosen = await deps.sender.get();
    if (chosen) return chosen;
    const online = (await listWhatsAppSendersIfAllowed(http, signal))?.filter((s) => s.status === 'ONLINE') ?? [];
    const preferred = await deps.sender.preferred?.();
    const pick = online.find((s) => s.number === preferred) ?? (online.length === 1 ? online[0] : undefined);
    if (!pick) return undefined;
    await deps.sender.set(pick.number, epoch);
    return pick.number;
  }

  /**
   * Whether a failed sync means Twilio refuses the credentials themselves, so that every sync must wait for new ones.
   * A 403 never does: Twilio knows who asks and says that one resource is not theirs to read (a Standard key and the
   * Senders API). A 401 on an endpoint a key may not use looks like a wrong secret, so the credential probe decides,
   * the same check "Test connection" runs: one or two requests, only after a 401.
   */
  async function isRefused(error: unknown, http: TwilioHttp, credentials: TwilioCredentials, signal: AbortSignal): Promise<boolean> {
    if (!(error instanceof TwilioError) || error.kind !== 'http' || error.status !== 401) return false;
    const check = await checkCredentials(http, credentials.keySid !== undefined, signal).catch(() => undefined);
    return check?.ok === false && check.reason === 'bad-secret';
  }

  async function execute(kind: SyncKind, epoch: number, signal: AbortSignal): Promise<SyncOutcome> {
    const credentials = await deps.loadCredentials();
    if (!credentials) return fail(epoch, kind, { code: 'not-connected', message: 'Twilio is not connected', at: deps.now() });
    if (await deps.authPause.isPaused()) {
      return fail(epoch, kind, { code: 'bad-secret', message: 'Twilio refused the saved credentials; connect again', at: deps.now() });
    }
    const http = deps.makeHttp(credentials);
    // Progress is for a human watching: written at most a few times a second, not on every page of a fast sync.
    let lastProgressAt = 0;
    const onProgress = async (progress: { pages: number; items: number }) => {
      const at = deps.now();
      if (at - lastProgressAt < PROGRESS_INTERVAL_MS) return;
      lastProgressAt = at;
      await syncRepo.progress(epoch, kind, progress);
      await deps.notify('sync');
    };
    try {
      await syncRepo.start(epoch, kind, deps.now());
      await deps.notify('sync');
      if (kind === 'templates') {
        await syncTemplates({ epoch, http, now: deps.now, onProgress, onCommitted: deps.onCatalogue, onTemplateStatusChanged: deps.onTemplateStatusChanged, signal });
      } else {
        const sender = await resolveSender(epoch, http, signal);
        if (!sender) return await fail(epoch, kind, { code: 'no-sender', message: 'Choose the WhatsApp sender first', at: deps.now() });
        if (kind === 'windows') {
          await syncWindows({ epoch, http, sender, now: deps.now, onProgress, signal });
        } else {
          const days = await deps.inboxDays?.();
          const { arrivals } = await syncConversations({
            epoch, http, sender, now: deps.now, ...(deps.twilioNow && { twilioNow: deps.twilioNow }), ...(days !== undefined && { days }), onProgress, signal,
          });
          await deps.onArrivals?.(arrivals, sender);
        }
      }
      // The conversations sync moves windows too (the customer's new messages open them).
      await deps.notify(...(kind === 'conversations' ? (['inbox', 'windows'] as const) : [kind]), 'sync');
      return { ok: true };
    } catch (error) {
      if (error instanceof StaleAccountError) return accountChanged(deps.now());
      const isRefusedNow = await isRefused(error, http, credentials, signal);
      if (isRefusedNow) await deps.authPause.pause(401, { credentials, epoch }).catch(() => undefined);
      return fail(epoch, kind, toSyncError(error, deps.now(), isRefusedNow));
    }
  }

  function start(kind: SyncKind, epoch: number): Promise<SyncOutcome> {
    const controller = new AbortController();
    const outcome: Promise<SyncOutcome> = execute(kind, epoch, controller.signal).finally(() => {
      if (inFlight.get(kind)?.outcome === outcome) inFlight.delete(kind);
    });
    inFlight.set(kind, { epoch, controller, outcome });
    return outcome;
  }

  function runIn(epoch: number, kind: SyncKind, options: { isFresh?: boolean }): Promise<SyncOutcome> {
    const running = inFlight.get(kind);
    if (running && running.epoch > epoch) return Promise.resolve(accountChanged(deps.now())); // this caller's account is gone
    if (running && running.epoch < epoch) {
      // A sync of the account before this one: it would answer (and store) for that account. Cancelled, not joined.
      running.controller.abort();
      return running.outcome.then(() => runIn(epoch, kind, options));
    }
    if (running && options.isFresh) {
      // Every fresh request made during this run shares the single run that follows it.
      let followUp = followUps.get(kind);
      if (!followUp) {
        followUp = running.outcome.then(() => {
          followUps.delete(kind);
          return run(kind);
        });
        followUps.set(kind, followUp);
      }
      return followUp;
    }
    if (running) return running.outcome;
    return start(kind, epoch);
  }

  async function run(kind: SyncKind, options: { isFresh?: boolean } = {}): Promise<SyncOutcome> {
    return runIn(await accountRepo.epoch(), kind, options);
  }

  return {
    run,
    runAll: () => Promise.all([run('templates'), run('windows'), run('conversations')]),
    isRunning: (kind) => inFlight.has(kind),
    async stopAll() {
      for (const { controller } of inFlight.values()) controller.abort();
      await Promise.allSettled([...[...inFlight.values()].map((r) => r.outcome), ...followUps.values()]);
    },
  };
}
