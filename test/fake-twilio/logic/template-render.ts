import type { ContentTypes } from '../types';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/**
 * The text Twilio puts in a sent template message's `body`: the template's main text with each
 * placeholder replaced by the sent value, or by the template's sample value when none was sent.
 */
export function renderTemplateBody(
  types: ContentTypes,
  sent: Readonly<Record<string, string>> | null,
  samples: Readonly<Record<string, string>>,
): string {
  const text = mainText(types);
  return text.replace(PLACEHOLDER, (whole, key: string) => sent?.[key] ?? samples[key] ?? whole);
}

function mainText(types: ContentTypes): string {
  for (const content of Object.values(types)) {
    if (typeof content.body === 'string') return content.body;
    if (typeof content.title === 'string') return content.title;
  }
  return '';
}
