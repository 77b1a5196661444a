import { callBackground } from '@/lib/messaging/client';
import type { Result, SearchRequest, SearchResult, TemplateSummary } from '@/lib/messaging/protocol';
import { revisions } from '@/lib/settings';
import { buildSearchIndex, searchTemplates, type SearchIndex } from '@/lib/templates/search';

let index: Promise<Result<SearchIndex<TemplateSummary>>> | undefined;
let isWatching = false;

/**
 * The picker's search, in the page: the catalogue's summaries come from the background once (and again after a
 * template sync), then each keystroke is a scan of prepared strings with no message round trip.
 */
export async function searchCatalogue(request: SearchRequest): Promise<Result<SearchResult>> {
  if (!isWatching) {
    isWatching = true;
    revisions.watch((next, previous) => {
      if (next.templates !== previous?.templates) index = undefined;
    });
  }
  index ??= callBackground('listTemplates', {}).then((answer) => {
    if (!answer.ok) index = undefined; // asked again on the next keystroke
    return answer.ok ? { ok: true, value: buildSearchIndex(answer.value.templates) } : answer;
  });
  const built = await index;
  if (!built.ok) return built;
  const { languages, categories } = built.value;
  return { ok: true, value: { ...searchTemplates(built.value, request), languages, categories, catalogueSize: built.value.entries.length } };
}
