import type { SyncRecord } from '../db/schema';
import { pipedriveTokenRepo } from './secrets-repo';
import { syncRepo } from '../sync/repo';
import type { StoredTemplate } from '../db/schema';
import { APPROVAL_STATUSES, type ApprovalStatus } from '../templates/model';
import type { StatusInfo, SyncKindStatus } from '../messaging/protocol';
import { accountRepo } from './repo';
import { getConnection } from './connection';
import { changesRepo } from '../templates/changes-repo';

function kindStatus(record: SyncRecord): SyncKindStatus {
  return {
    lastSuccessAt: record.lastSuccessAt,
    lastError: record.lastError,
    running: record.running && { startedAt: record.running.startedAt, ...record.running.progress },
  };
}

function countByStatus(catalogue: readonly StoredTemplate[]): Record<ApprovalStatus, number> {
  const counts = Object.fromEntries(APPROVAL_STATUSES.map((status) => [status, 0])) as Record<ApprovalStatus, number>;
  for (const template of catalogue) counts[template.status]++;
  return counts;
}

/** Everything the popup shows about the extension's health, in one answer. */
export async function getStatus(catalogue: () => Promise<StoredTemplate[]>): Promise<StatusInfo> {
  const [connection, sender, templates, windows, all, pipedriveToken, changes] = await Promise.all([
    getConnection(),
    accountRepo.sender(),
    syncRepo.get('templates'),
    syncRepo.get('windows'),
    catalogue(),
    pipedriveTokenRepo.load(),
    changesRepo.list(),
  ]);
  const counts = countByStatus(all);
  // Templates that cannot be sent outside a session window, with their status and WhatsApp's reason.
  const notApproved = all.filter((t) => t.status !== 'approved').sort((a, b) => a.name.localeCompare(b.name));
  return {
    connection,
    sender,
    hasPipedriveToken: pipedriveToken !== undefined,
    templates: {
      ...kindStatus(templates),
      counts,
      total: Object.values(counts).reduce((sum, n) => sum + n, 0),
      notSendable: notApproved.map(({ sid, name, language, status, rejectionReason }) => ({ sid, name, language, status, rejectionReason })),
      changes: changes.filter((change) => !change.isSeen),
    },
    windows: kindStatus(windows),
  };
}
