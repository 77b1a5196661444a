import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getMessageFrom, loadMessages } from './helpers/i18n';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LOCALES = readdirSync(path.join(ROOT, 'public/_locales'));
const en = loadMessages('en');

/** Strings that read the same in every language (units, a product name, pure placeholders). */
const SAME_EVERYWHERE = new Set(['duration_seconds', 'duration_minutes', 'duration_hours', 'duration_hours_minutes', 'connection_heading', 'sender_option', 'sync_error', 'not_sendable_item',
  'panel_title', 'size_mb', 'message_status_other', 'media_video']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx|html)$/.test(name) ? [file] : [];
  });
}

describe('translations', () => {
  it('has English and Estonian', () => {
    expect(LOCALES.sort()).toEqual(['en', 'et']);
  });

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    const messages = loadMessages(locale);

    it(`${locale} has exactly the English keys, with the same placeholders`, () => {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      for (const [key, entry] of Object.entries(en)) {
        expect(messages[key]?.placeholders, key).toEqual(entry.placeholders);
        const used = (text: string) => [...text.matchAll(/\$([A-Z0-9_]+)\$/g)].map((m) => m[1]).sort();
        expect(used(messages[key]!.message), key).toEqual(used(entry.message));
      }
    });

    it(`${locale} is translated, not left in English`, () => {
      const untranslated = Object.keys(en).filter((key) => !SAME_EVERYWHERE.has(key) && messages[key]?.message === en[key]!.message);
      expect(untranslated).toEqual([]);
    });

    it(`${locale} substitutes like the browser does`, () => {
      expect(getMessageFrom(messages)('badge_label_open', ['3 h'])).toBe('WhatsAppi aken: avatud, jäänud 3 h');
    });
  }

  it('uses every key, and every key it uses exists', () => {
    const files = ['components', 'entrypoints', 'lib'].flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
    files.push(path.join(ROOT, 'wxt.config.ts'));
    const source = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    const unused = Object.keys(en).filter((key) => !source.includes(`'${key}'`) && !source.includes(`__MSG_${key}__`));
    expect(unused).toEqual([]);
    const called = [...source.matchAll(/\bt\('([a-z0-9_]+)'/g)].map((m) => m[1]!);
    expect(called.filter((key) => !(key in en))).toEqual([]);
  });
});
