import { browser } from 'wxt/browser';
import { clearAllData } from '../db/reset';
import { pipedriveTokenRepo } from '../db/secrets';
import type { Handlers } from '../messaging/router';
import { authFailure, bumpRevision, settings } from '../settings';
import { forgetCredentials, loadCredentials } from './credentials';
import { connect, getConnection, testCredentials } from './connection';
import { getPipedriveRecord } from './pipedrive';
import { createSendHandlers } from './sends';
import { listSenders, setSender } from './senders';
import { getStatus } from './status';
import { SYNC_ALARM, type SyncService } from './sync-service';
import { createTemplateHandlers } from './templates';
import { createWindowHandlers } from './windows';

export interface Background {
  handlers: Handlers;
  /** Called when a template sync landed: the search index is rebuilt on the next search. */
  onTemplatesChanged: () => void;
  resumePendingSends: () => Promise<void>;
}

/** Every message the background answers, by name; the router has already checked sender and payload. */
export function createBackground(sync: SyncService, now: () => number = Date.now): Background {
  const windows = createWindowHandlers(now);
  const templates = createTemplateHandlers();
  const sends = createSendHandlers({ now, getWindow: windows.getWindow });

  const handlers: Handlers = {
    getSetupState: async () => ({
      connected: (await loadCredentials()) !== undefined,
      hasSender: (await settings.sender.getValue()) !== null,
    }),
    getWindow: windows.getWindow,
    searchTemplates: templates.searchTemplates,
    getTemplate: templates.getTemplate,
    sendTemplate: sends.sendTemplate,
    getSend: sends.getSend,
    getPipedriveRecord: (request, asker) => getPipedriveRecord(request, asker),

    getConnection: () => getConnection(),
    connectTwilio: async (request) => {
      const info = await connect(request);
      await sync.onCredentialsChanged();
      return info;
    },
    testCredentials: () => testCredentials(),
    disconnect: async () => {
      await browser.alarms.clear(SYNC_ALARM);
      await forgetCredentials();
      await clearAllData();
      await settings.sender.setValue(null);
      await authFailure.setValue(null);
      templates.invalidate();
      await bumpRevision('templates', 'windows', 'sync');
      return { connected: false };
    },
    listSenders: () => listSenders(),
    setSender: (request) => setSender(request),
    syncNow: async ({ kind }) => {
      await (kind ? sync.run(kind) : sync.runAll());
      return getStatus();
    },
    getStatus: () => getStatus(),
    listExpiring: () => windows.listExpiring(),
    setPipedriveToken: async ({ token }) => {
      if (token) await pipedriveTokenRepo.save(token);
      else await pipedriveTokenRepo.forget();
      return { hasToken: token !== null };
    },
  };

  return { handlers, onTemplatesChanged: templates.invalidate, resumePendingSends: sends.resumePending };
}
