import { countChanges, templatesRepo, type Catalogue, type TemplateCounts } from './repo';
import type { SyncProgress } from '../db/schema';
import type { Template } from './model';
import { changesRepo } from './changes-repo';
import { statusChanges, type TemplateStatusChange } from './status-changes';
import { CONTENT_PAGE_SIZE, templatePages } from '../twilio/content';
import type { TwilioHttp } from '../twilio/http';

export interface TemplateSyncOptions {
  /** The account epoch the sync started in (read before its credentials): nothing is stored once it is over. */
  epoch: number;
  http: TwilioHttp;
  now: () => number;
  pageSize?: number;
  onProgress?: (progress: SyncProgress) => void | Promise<void>;
  signal?: AbortSignal;
  /** The new catalogue, once it is the current one (the worker keeps it instead of reading it back). */
  onCommitted?: (catalogue: Catalogue) => void;
  /**
   * WhatsApp's verdicts since the previous sync (a new approval status, a category it changed), once they are recorded
   * for the popup: where a notifier hooks in. Not called when nothing changed.
   */
  onTemplateStatusChanged?: (changes: TemplateStatusChange[]) => void | Promise<void>;
}

/**
 * Fetches every page of ContentAndApprovals into a new generation of the catalogue, each page stored while the
 * next one downloads, then makes that generation current in one small transaction. Until then readers see the
 * previous catalogue, so a failure on any page leaves it untouched.
 */
export async function syncTemplates(options: TemplateSyncOptions): Promise<TemplateCounts> {
  const { epoch, http, now, pageSize = CONTENT_PAGE_SIZE, onProgress, signal, onCommitted } = options;
  const startedAt = now();
  const generation = await templatesRepo.begin(epoch);
  const previous = templatesRepo.all();
  previous.catch(() => undefined); // awaited on success; a failed sync must not leave it "unhandled"
  const templates: Template[] = [];
  let pages = 0;
  // Each page's write runs behind the download of the next; they are chained so a failed write fails the sync.
  let written = Promise.resolve();
  let writeFailure: { error: unknown } | undefined;
  try {
    for await (const page of templatePages(http, pageSize, signal)) {
      const index = pages++;
      written = written.then(() => templatesRepo.writePage(epoch, generation, index, page));
      // Awaited below; meanwhile a failed write stops the download at the next page rather than after the last.
      written.catch((error: unknown) => void (writeFailure ??= { error }));
      if (writeFailure) throw writeFailure.error;
      templates.push(...page);
      await onProgress?.({ pages, items: templates.length });
    }
    await written;
    const before = await previous;
    const counts = countChanges(before, templates);
    signal?.throwIfAborted(); // cancelled (a disconnect): the pages go, nothing becomes current
    await templatesRepo.commit(epoch, generation, { kind: 'templates', lastSuccessAt: startedAt, counts });
    onCommitted?.({ generation, templates });
    await onTemplateStatusChanged(epoch, statusChanges(before, templates, startedAt), options.onTemplateStatusChanged);
    return counts;
  } catch (error) {
    await templatesRepo.discard(generation).catch(() => undefined);
    throw error;
  }
}

/**
 * A sync's approval changes (status-changes.ts): recorded for the popup (in the sync's account only), then handed to
 * `listener` (a notifier). The catalogue is committed already: a failure here costs the popup's line, not the sync.
 */
export async function onTemplateStatusChanged(epoch: number, changes: TemplateStatusChange[], listener?: (changes: TemplateStatusChange[]) => void | Promise<void>): Promise<TemplateStatusChange[]> {
  if (changes.length === 0) return changes;
  await changesRepo.record(epoch, changes).catch(() => undefined);
  await Promise.resolve(listener?.(changes)).catch(() => undefined);
  return changes;
}
