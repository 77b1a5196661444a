import { browser } from 'wxt/browser';
import { resetAccount } from '../db/reset';
import type { Handlers } from './router';
import { accountRepo } from '../account/repo';
import { clearContentState } from '../content-state';
import { bumpRevision, legacySettings } from '../settings';
import { createRetention } from '../account/retention';
import { forgetCredentials, loadCredentials } from '../account/credentials';
import { connect, getConnection, testCredentials } from '../account/connection';
import { getPipedriveRecord, setPipedriveToken, writePipedrivePerson } from '../pipedrive/handlers';
import { createSendHandlers } from '../sends/handlers';
import { listSenders, setSender } from '../account/choose-sender';
import { getStatus } from '../account/status';
import { SYNC_ALARM, type SyncService } from '../sync/service';
import type { TemplateHandlers } from '../templates/handlers';
import { connectedHttp } from '../account/twilio-client';
import { createWindowHandlers } from '../window/handlers';
import { createConversationHandlers } from '../conversations/handlers';
import { MEDIA_HOSTS } from '../media-hosts';
import { createNoteHandlers, noteTargetOf, type NoteHandlers } from '../notes/handlers';
import { createInboxHandlers, type InboxHandlers } from '../conversations/inbox-handlers';
import { notifyArrivals } from '../conversations/notify';
import { pipedriveTokenRepo } from '../account/secrets-repo';
import { createWorkshopHandlers } from '../templates/workshop/handlers';
import { injectViews } from './inject-views';

export interface Background {
  handlers: Handlers;
  resumePendingSends: () => Promise<void>;
  /** The notes in Pipedrive: resumed when the worker starts, worked on their alarm. */
  notes: NoteHandlers;
  /** Keeps every store within its bound: on the sync alarm and at start. */
  pruneStoredData: () => Promise<void>;
  /** The inbox's own work outside messages: new messages found by a sync, its alarm, notification clicks. */
  inbox: InboxHandlers;
}

/** Every message the background answers, by name; the router has already checked sender and payload. */
export function createBackground(sync: SyncService, templates: TemplateHandlers, now: () => number = Date.now): Background {
  const retention = createRetention(now);
  const windows = createWindowHandlers(now);
  const notes = createNoteHandlers({ now, template: templates.find });
  const sends = createSendHandlers({ now, getWindow: windows.getWindow, getTemplate: templates.find, onSid: notes.queueForSend });
  const conversations = createConversationHandlers({
    noteMarks: notes.marksFor,
    now,
    http: () => connectedHttp(),
    defaultCountry: windows.defaultCountry,
    hasMediaAccess: () => browser.permissions.contains({ origins: [...MEDIA_HOSTS] }),
    templateName: async (sid) => (await templates.find(sid))?.name,
  });
  const inbox = createInboxHandlers({ now, sync, notify: notifyArrivals, defaultCountry: windows.defaultCountry, companyHost: async () => (await pipedriveTokenRepo.load())?.companyHost });
  const workshop = createWorkshopHandlers({
    now,
    http: () => connectedHttp(),
    catalogue: templates.all,
    syncTemplates: () => sync.run('templates', { isFresh: true }),
    openPage: async (path) => void (await browser.tabs.create({ url: browser.runtime.getURL(path as '/options.html') })),
  });

  /**
   * The account's data goes, in one transaction with a new epoch: whatever is still under way for it (a sync, a
   * one-contact window refresh, a conversation read, a send and its status polling) can no longer store anything.
   * `next`: the account connecting instead (the personal Pipedrive token stays); none: a disconnect.
   */
  async function forgetAccount(next?: { accountSid: string }): Promise<void> {
    await browser.alarms.clear(SYNC_ALARM);
    await forgetCredentials(); // nothing new starts for the old account
    await resetAccount(next);
    await sync.stopAll(); // its syncs end, so a new one is never joined to one of theirs
    templates.forget();
    conversations.forget();
    await legacySettings.sender.removeValue();
    if (!next) {
      // The content script's notes (typed numbers, confirmations, number choices, drafts, variable choices) describe
      // Pipedrive's records, not the Twilio account: another account keeps them; Disconnect removes them.
      await retention.idle();
      await clearContentState();
    }
    await bumpRevision('templates', 'windows', 'inbox', 'sync');
    await inbox.refreshIcon().catch(() => undefined);
  }

  /** Credentials Twilio accepted are about to be kept: another account than the stored data's starts empty. */
  async function startAccount(accountSid: string): Promise<void> {
    const stored = (await accountRepo.get()).accountSid ?? (await loadCredentials())?.accountSid;
    if (stored === accountSid) {
      await accountRepo.update((current) => ({ ...current, accountSid }));
      return;
    }
    await forgetAccount({ accountSid });
  }

  const handlers: Handlers = {
    getSetupState: async () => ({
      connected: (await loadCredentials()) !== undefined,
      hasSender: (await accountRepo.sender()) !== null,
    }),
    getWindow: windows.getWindow,
    listTemplates: templates.listTemplates,
    getTemplate: templates.getTemplate,
    sendTemplate: ({ pipedrive, ...request }, asker) => sends.sendTemplate(request, noteTargetOf(pipedrive, asker)),
    getSend: sends.getSend,
    sendReply: ({ pipedrive, ...request }, asker) => sends.sendReply(request, noteTargetOf(pipedrive, asker)),
    getConversation: conversations.getConversation,
    getThread: (request, asker) => {
      // A Pipedrive tab is open and asking: a note waiting for one may now be written with its session.
      if (asker.kind === 'content') notes.tabAsked();
      return conversations.getThread(request);
    },
    saveConversation: (request, asker) => notes.saveConversation(request, asker),
    retryNote: (request) => notes.retryNote(request),
    getNote: (request) => notes.getNote(request),
    getMedia: conversations.getMedia,
    getInbox: inbox.getInbox,
    getInboxSummary: inbox.getInboxSummary,
    markConversation: inbox.markConversation,
    rememberNames: inbox.rememberNames,
    writePipedrivePerson: (request, asker) => writePipedrivePerson(request, asker),
    openMediaAccess: async () => {
      await browser.tabs.create({ url: browser.runtime.getURL('/popup.html#media') });
      return { opened: true };
    },
    getPipedriveRecord: (request, asker) => getPipedriveRecord(request, asker),

    getConnection: () => getConnection(),
    connectTwilio: async (request) => {
      const info = await connect(request, { beforeSave: () => startAccount(request.accountSid) });
      await sync.onCredentialsChanged();
      return info;
    },
    testCredentials: () => testCredentials({ onAccepted: sync.onCredentialsAccepted }),
    disconnect: async () => {
      await forgetAccount();
      return { connected: false };
    },
    listSenders: () => listSenders(),
    setSender: async (request) => {
      const before = await accountRepo.sender();
      const chosen = await setSender(request);
      // The windows sync may have read the old sender already: a fresh run follows it.
      if (chosen.sender !== before) {
        void sync.run('windows', { isFresh: true });
        void sync.run('conversations', { isFresh: true });
      }
      return chosen;
    },
    openConversationInPipedrive: async ({ contact }) => {
      await inbox.openInPipedrive(contact);
      return { opened: true };
    },
    syncNow: async ({ kind }) => {
      await (kind ? sync.run(kind) : sync.runAll());
      return getStatus(templates.all);
    },
    getStatus: () => getStatus(templates.all),
    listExpiring: () => windows.listExpiring(),
    setPipedriveToken: (request) => setPipedriveToken(request),
    openTemplateWorkshop: workshop.openTemplateWorkshop,
    loadViews: (_request, asker) => injectViews(asker),
    listWorkshop: workshop.listWorkshop,
    saveTemplateDraft: workshop.saveTemplateDraft,
    discardTemplateDraft: workshop.discardTemplateDraft,
    saveTemplateToTwilio: workshop.saveTemplateToTwilio,
    submitTemplate: workshop.submitTemplate,
    deleteTemplate: workshop.deleteTemplate,
    dismissTemplateChanges: workshop.dismissTemplateChanges,
  };

  return {
    handlers,
    resumePendingSends: sends.resumePending,
    notes,
    pruneStoredData: retention.prune,
    inbox,
  };
}
