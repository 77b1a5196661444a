import type { SyncRecord } from '../db/schema';
import { pipedriveTokenRepo } from '../db/secrets';
import { syncRepo } from '../db/sync-state';
import { countTemplatesByStatus, templatesNotApproved } from '../db/templates';
import type { StatusInfo, SyncKindStatus } from '../messaging/protocol';
import { settings } from '../settings';
import { getConnection } from './connection';

function kindStatus(record: SyncRecord): SyncKindStatus {
  return {
    lastSuccessAt: record.lastSuccessAt,
    lastError: record.lastError,
    running: record.running && { startedAt: record.running.startedAt, ...record.running.progress },
  };
}

/** Everything the popup shows about the extension's health, in one answer. */
export async function getStatus(): Promise<StatusInfo> {
  const [connection, sender, templates, windows, counts, notApproved, pipedriveToken] = await Promise.all([
    getConnection(),
    settings.sender.getValue(),
    syncRepo.get('templates'),
    syncRepo.get('windows'),
    countTemplatesByStatus(),
    templatesNotApproved(),
    pipedriveTokenRepo.load(),
  ]);
  return {
    connection,
    sender,
    hasPipedriveToken: pipedriveToken !== undefined,
    templates: {
      ...kindStatus(templates),
      counts,
      total: Object.values(counts).reduce((sum, n) => sum + n, 0),
      notSendable: notApproved.map(({ sid, name, language, status, rejectionReason }) => ({ sid, name, language, status, rejectionReason })),
    },
    windows: kindStatus(windows),
  };
}
