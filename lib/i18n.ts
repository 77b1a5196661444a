import { browser } from 'wxt/browser';
import type messages from '../public/_locales/en/messages.json';

/** Every UI string has a key in public/_locales/<lang>/messages.json; the English file defines the keys. */
export type MessageKey = keyof typeof messages;

// WXT types getMessage with one overload per key; a union of keys needs the plain signature.
const getMessage = (name: string, substitutions: string[]): string =>
  (browser.i18n.getMessage as (name: string, substitutions?: string[]) => string)(name, substitutions);

// The browser's language is fixed for the extension's lifetime, so a string without substitutions is looked up once
// (a picker keystroke draws a dozen of them, and each lookup is a call into the browser).
const plain = new Map<MessageKey, string>();

/** The browser's translation of `key`, with `$1`… substitutions. Falls back to the key so a gap is visible, not blank. */
export function t(key: MessageKey, ...substitutions: string[]): string {
  if (substitutions.length > 0) return getMessage(key, substitutions) || key;
  let text = plain.get(key);
  if (text === undefined) plain.set(key, (text = getMessage(key, substitutions) || key));
  return text;
}
