import { APPROVAL_STATUSES, type ApprovalStatus } from '../templates/model';
import { getDb, type StoredTemplate, type SyncRecord } from './schema';

export interface TemplateCounts {
  added: number;
  changed: number;
  removed: number;
  total: number;
}

// Field order is fixed by normalizeTemplate, so equal templates serialise equally.
const fingerprint = (template: StoredTemplate): string => JSON.stringify(template);

export const templatesRepo = {
  /**
   * Makes the store exactly `templates` in one transaction, with the sync record that says so: either all of it
   * lands or none (a failed sync leaves yesterday's templates as they were).
   */
  async replaceAll(templates: readonly StoredTemplate[], sync: SyncRecord): Promise<TemplateCounts> {
    const db = await getDb();
    const tx = db.transaction(['templates', 'sync'], 'readwrite');
    const store = tx.objectStore('templates');
    const before = new Map((await store.getAll()).map((t) => [t.sid, fingerprint(t)]));
    let added = 0;
    let changed = 0;
    const writes: Promise<unknown>[] = [];
    for (const template of templates) {
      const old = before.get(template.sid);
      before.delete(template.sid);
      if (old === undefined) added++;
      else if (old === fingerprint(template)) continue;
      else changed++;
      writes.push(store.put(template));
    }
    for (const sid of before.keys()) writes.push(store.delete(sid));
    const counts = { added, changed, removed: before.size, total: templates.length };
    writes.push(tx.objectStore('sync').put({ ...sync, counts }));
    await Promise.all([...writes, tx.done]);
    return counts;
  },

  async all(): Promise<StoredTemplate[]> {
    return (await getDb()).getAll('templates');
  },

  async get(sid: string): Promise<StoredTemplate | undefined> {
    return (await getDb()).get('templates', sid);
  },
};

/** How many templates are in each approval status (from the index, without reading the templates). */
export async function countTemplatesByStatus(): Promise<Record<ApprovalStatus, number>> {
  const db = await getDb();
  const counts = await Promise.all(APPROVAL_STATUSES.map((status) => db.countFromIndex('templates', 'by-status', status)));
  return Object.fromEntries(APPROVAL_STATUSES.map((status, i) => [status, counts[i] ?? 0])) as Record<ApprovalStatus, number>;
}

/** Templates that cannot be sent outside a session window, with their status and WhatsApp's reason. */
export async function templatesNotApproved(): Promise<StoredTemplate[]> {
  const db = await getDb();
  const rows = await Promise.all(APPROVAL_STATUSES.filter((s) => s !== 'approved').map((status) => db.getAllFromIndex('templates', 'by-status', status)));
  return rows.flat().sort((a, b) => a.name.localeCompare(b.name));
}
