/**
 * Template placeholders: positional `{{1}}` or named `{{first_name}}`, with optional spaces inside the braces
 * (Twilio accepts both). Pure functions, safe in the content script.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Placeholder keys in order of first appearance, each once. */
export function placeholdersIn(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) if (match[1]) seen.add(match[1]);
  return [...seen];
}

/** Replaces each placeholder by its value; placeholders without a value stay as written. */
export function renderPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, key: string) => values[key] ?? whole);
}
