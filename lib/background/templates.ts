import type { StoredTemplate } from '../db/schema';
import { templatesRepo } from '../db/templates';
import type { SearchRequest, SearchResult, TemplateDetail, TemplateSummary } from '../messaging/protocol';
import { HandlerError } from '../messaging/router';
import { buildSearchIndex, searchTemplates, type SearchIndex } from '../templates/search';

export function summarize(template: StoredTemplate): TemplateSummary {
  const { sid, name, language, category, status, rejectionReason, contentType, body } = template;
  return { sid, name, language, category, status, rejectionReason, contentType, body };
}

/**
 * Template search for the picker. The index lives in the worker and is rebuilt after a template sync (or when a
 * fresh worker first needs it), so each keystroke only scans prepared strings.
 */
export function createTemplateHandlers() {
  let index: Promise<SearchIndex<StoredTemplate>> | undefined;

  const currentIndex = () => (index ??= templatesRepo.all().then((all) => buildSearchIndex(all)));

  return {
    invalidate(): void {
      index = undefined;
    },

    async searchTemplates(request: SearchRequest): Promise<SearchResult> {
      const built = await currentIndex();
      const { results, total } = searchTemplates(built, request);
      return { results: results.map(summarize), total, languages: built.languages, categories: built.categories };
    },

    async getTemplate({ sid }: { sid: string }): Promise<TemplateDetail> {
      const template = await templatesRepo.get(sid);
      if (!template) throw new HandlerError({ code: 'not-found', message: 'This template is not in the synced list' });
      return { ...summarize(template), types: template.types, placeholders: template.placeholders, samples: template.samples };
    },
  };
}
