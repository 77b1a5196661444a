import type { StoredTemplate } from '../db/schema';
import { syncRepo } from '../sync/repo';
import { templatesRepo, type Catalogue } from './repo';
import type { TemplateDetail, TemplateSummary } from '../messaging/protocol';
import { HandlerError } from '../messaging/router';

export function summarize(template: StoredTemplate): TemplateSummary {
  const { sid, name, language, category, status, rejectionReason, contentType, body } = template;
  return { sid, name, language, category, status, rejectionReason, contentType, body };
}

interface Loaded {
  generation: number | undefined;
  templates: StoredTemplate[];
  bySid: Map<string, StoredTemplate>;
}

const loaded = ({ generation, templates }: Catalogue): Loaded => ({ generation, templates, bySid: new Map(templates.map((t) => [t.sid, t])) });

/**
 * The synced catalogue, kept in the worker while it lives. Each use checks which generation is current (one small
 * read), so a sync, a disconnect or another worker's write is never missed; a sync hands over what it just stored.
 * The pages search it themselves from `listTemplates`.
 */
export function createTemplateHandlers() {
  let cache: Promise<Loaded> | undefined;

  async function current(): Promise<Loaded> {
    const generation = (await syncRepo.get('templates')).generation;
    const cached = cache && (await cache.catch(() => undefined));
    if (cached && cached.generation === generation) return cached;
    cache = templatesRepo.load().then(loaded);
    return cache;
  }

  return {
    /** The account was disconnected or replaced: the next use reads the store again. */
    forget(): void {
      cache = undefined;
    },

    /** A sync committed this catalogue: keep it rather than read it back. */
    adopt(catalogue: Catalogue): void {
      cache = Promise.resolve(loaded(catalogue));
    },

    async all(): Promise<StoredTemplate[]> {
      return (await current()).templates;
    },

    async find(sid: string): Promise<StoredTemplate | undefined> {
      return (await current()).bySid.get(sid);
    },

    async listTemplates(): Promise<{ templates: TemplateSummary[] }> {
      return { templates: (await current()).templates.map(summarize) };
    },

    async getTemplate({ sid }: { sid: string }): Promise<TemplateDetail> {
      const template = (await current()).bySid.get(sid);
      if (!template) throw new HandlerError({ code: 'not-found', message: 'This template is not in the synced list' });
      return { ...summarize(template), types: template.types, placeholders: template.placeholders, samples: template.samples };
    },
  };
}

export type TemplateHandlers = ReturnType<typeof createTemplateHandlers>;
