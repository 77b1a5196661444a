/**
 * Template search for the picker: name and body, accent- and case-insensitive, every word of the query must match.
 * Approved templates come first (they can always be sent), then name matches before body matches. Pure: the
 * picker builds the index once from the catalogue's summaries and scans it on each keystroke.
 */
export interface Searchable {
  sid: string;
  name: string;
  body: string;
  language: string;
  category: string;
  status: string;
}

interface Entry<T extends Searchable> {
  template: T;
  name: string;
  body: string;
  statusRank: number;
}

export interface SearchIndex<T extends Searchable> {
  entries: Entry<T>[];
  languages: string[];
  categories: string[];
}

export interface SearchQuery {
  query: string;
  language?: string;
  category?: string;
  limit?: number;
}

export const DEFAULT_SEARCH_LIMIT = 50;

/** `Ü` → `u`, `ç` → `c`, `ß` stays: lower-case, without combining marks. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

// Sendable first; then what may become sendable; then what never will.
const STATUS_RANK: Record<string, number> = { approved: 0, received: 1, pending: 1, unsubmitted: 2, rejected: 3, paused: 3, disabled: 3 };

export function buildSearchIndex<T extends Searchable>(templates: readonly T[]): SearchIndex<T> {
  const entries = templates.map((template) => ({
    template,
    name: fold(template.name.replace(/_/g, ' ')),
    body: fold(template.body),
    statusRank: STATUS_RANK[template.status] ?? 4,
  }));
  entries.sort((a, b) => a.statusRank - b.statusRank || a.name.localeCompare(b.name));
  const languages = [...new Set(templates.map((t) => t.language).filter(Boolean))].sort();
  const categories = [...new Set(templates.map((t) => t.category).filter(Boolean))].sort();
  return { entries, languages, categories };
}

export function searchTemplates<T extends Searchable>(index: SearchIndex<T>, query: SearchQuery): { results: T[]; total: number } {
  const words = fold(query.query).split(/[\s_]+/).filter(Boolean);
  const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
  // Entries are already in display order (status, then name); only the match kind can move one up.
  const byName: T[] = [];
  const byBody: T[] = [];
  let lastRank = -1;
  const results: T[] = [];
  const flush = () => {
    results.push(...byName, ...byBody);
    byName.length = 0;
    byBody.length = 0;
  };
  let total = 0;
  for (const entry of index.entries) {
    if (query.language && entry.template.language !== query.language) continue;
    if (query.category && entry.template.category !== query.category) continue;
    let isNameMatch = true;
    let isMatch = true;
    for (const word of words) {
      if (entry.name.includes(word)) continue;
      isNameMatch = false;
      if (!entry.body.includes(word)) {
        isMatch = false;
        break;
      }
    }
    if (!isMatch) continue;
    total++;
    if (entry.statusRank !== lastRank) {
      flush();
      lastRank = entry.statusRank;
    }
    (isNameMatch ? byName : byBody).push(entry.template);
  }
  flush();
  return { results: results.slice(0, limit), total };
}
