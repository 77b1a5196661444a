import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

export function loadMessages(locale: string): Messages {
  return JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../../public/_locales/${locale}/messages.json`), 'utf8')) as Messages;
}

/** The browser's getMessage, as Chrome implements it: named placeholders map to `$1`…, then `$1`… to the values. */
export function getMessageFrom(messages: Messages) {
  return (name: string, substitutions?: string | string[]): string => {
    const entry = messages[name];
    if (!entry) return '';
    const values = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    const withNumbers = entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, placeholder: string) => entry.placeholders?.[placeholder.toLowerCase()]?.content ?? whole);
    return withNumbers.replace(/\$(\d)/g, (_whole, n: string) => values[Number(n) - 1] ?? '');
  };
}

/** Makes `browser.i18n.getMessage` answer from public/_locales/<locale>. */
export function useMessages(locale = 'en'): void {
  (fakeBrowser.i18n as { getMessage: unknown }).getMessage = getMessageFrom(loadMessages(locale));
}
