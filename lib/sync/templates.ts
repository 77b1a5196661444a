import { templatesRepo, type TemplateCounts } from '../db/templates';
import type { SyncProgress } from '../db/schema';
import { CONTENT_PAGE_SIZE, templatePages, type Template } from '../twilio/content';
import type { TwilioHttp } from '../twilio/http';

export interface TemplateSyncOptions {
  http: TwilioHttp;
  now: () => number;
  pageSize?: number;
  onProgress?: (progress: SyncProgress) => void | Promise<void>;
  signal?: AbortSignal;
}

/**
 * Fetches every page of ContentAndApprovals, then replaces the stored templates in one transaction. The cursor is
 * sequential, so pages come one after another; nothing is written until the last page arrived, so a failure on any
 * page leaves the previous templates untouched.
 */
export async function syncTemplates({ http, now, pageSize = CONTENT_PAGE_SIZE, onProgress, signal }: TemplateSyncOptions): Promise<TemplateCounts> {
  const startedAt = now();
  const templates: Template[] = [];
  let pages = 0;
  for await (const page of templatePages(http, pageSize, signal)) {
    pages++;
    templates.push(...page);
    await onProgress?.({ pages, items: templates.length });
  }
  return templatesRepo.replaceAll(templates, { kind: 'templates', lastSuccessAt: startedAt });
}
