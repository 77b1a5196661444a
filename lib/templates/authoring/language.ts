import { francAll } from 'franc';
import { baseLanguage, type LanguageRanking } from './checks';
import { WHATSAPP_LANGUAGES } from './draft';

/**
 * Which WhatsApp template language a text looks like, with franc (trigram models of 187 languages), asked to choose
 * among the languages WhatsApp takes templates in only: a rep's English is English, not Scots. Imported by the
 * workshop page alone (the models weigh ~250 KB): never by the content script (test/unit/content-imports.test.ts).
 */
const DETECTABLE = new Map<string, string>();
for (const [code, detected] of WHATSAPP_LANGUAGES) if (detected && !DETECTABLE.has(detected)) DETECTABLE.set(detected, baseLanguage(code));
const ONLY = [...DETECTABLE.keys()];

/**
 * The detector reads the first 400 characters: enough for trigrams to tell a language, and a 1,024-character body
 * then costs a keystroke a fraction of a millisecond.
 */
const SAMPLE_LENGTH = 400;

/** The base WhatsApp codes (`et`, `pt`) the text looks like, best first, scored relative to the best; empty when franc cannot tell. */
export function detectLanguage(text: string): LanguageRanking {
  const ranking: Array<readonly [string, number]> = [];
  for (const [found, score] of francAll(text.slice(0, SAMPLE_LENGTH), { only: ONLY, minLength: 20 })) {
    const code = DETECTABLE.get(found);
    if (code) ranking.push([code, score]);
  }
  return ranking;
}
