import { browser } from 'wxt/browser';
import type messages from '../public/_locales/en/messages.json';

/** Every UI string has a key in public/_locales/<lang>/messages.json; the English file defines the keys. */
export type MessageKey = keyof typeof messages;

// WXT types getMessage with one overload per key; a union of keys needs the plain signature.
const getMessage = (name: string, substitutions: string[]): string =>
  (browser.i18n.getMessage as (name: string, substitutions?: string[]) => string)(name, substitutions);

/** The browser's translation of `key`, with `$1`… substitutions. Falls back to the key so a gap is visible, not blank. */
export function t(key: MessageKey, ...substitutions: string[]): string {
  return getMessage(key, substitutions) || key;
}
