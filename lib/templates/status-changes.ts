import type { ApprovalStatus, Template } from './model';

/**
 * What WhatsApp decided about a template between two syncs: a new approval status (received → pending → approved, or
 * rejected with its reason, or paused…), or a category it changed. Pure: the templates sync compares the catalogue
 * it replaces with the new one and hands these to `onTemplateStatusChanged`, which records them for the popup (and
 * is where a notifier hooks in).
 */
export interface TemplateStatusChange {
  /** `${sid}:${at}`: one record per template and sync. */
  id: string;
  sid: string;
  name: string;
  language: string;
  from: ApprovalStatus;
  to: ApprovalStatus;
  /** The category before and after, when WhatsApp changed it (equal otherwise). */
  fromCategory: string;
  toCategory: string;
  rejectionReason: string;
  /** When the sync saw it (ms). */
  at: number;
  /** The rep has seen it in the popup. */
  isSeen: boolean;
}

type Compared = Pick<Template, 'sid' | 'name' | 'language' | 'status' | 'category' | 'rejectionReason'>;

/**
 * The templates of both catalogues whose status or category differs. A template new to the catalogue is no change
 * (the first sync would report every template); a template's first WhatsApp category (submitted: '' → UTILITY) is not
 * WhatsApp changing it.
 */
export function statusChanges(before: readonly Compared[], after: readonly Compared[], at: number): TemplateStatusChange[] {
  const old = new Map(before.map((t) => [t.sid, t]));
  const changes: TemplateStatusChange[] = [];
  for (const template of after) {
    const previous = old.get(template.sid);
    if (!previous) continue;
    const isCategoryChanged = previous.category !== '' && template.category !== '' && previous.category !== template.category;
    if (previous.status === template.status && !isCategoryChanged) continue;
    changes.push({
      id: `${template.sid}:${at}`,
      sid: template.sid,
      name: template.name,
      language: template.language,
      from: previous.status,
      to: template.status,
      fromCategory: previous.category,
      toCategory: template.category,
      rejectionReason: template.rejectionReason,
      at,
      isSeen: false,
    });
  }
  return changes;
}
