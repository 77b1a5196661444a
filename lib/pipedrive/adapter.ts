import { queryFirst, selectorList, type SelectorOverrides } from './selectors';

/**
 * Pure readers of Pipedrive's page: each takes a root element and returns a plain value or undefined, and never
 * throws. Everything read here is data from the page: shown as text, never as HTML.
 */

export type Channel = 'whatsapp' | 'other' | 'unknown';

/** The conversation around a composer: the nearest ancestor that also holds the conversation header. */
export function findConversationRoot(composer: Element, overrides: SelectorOverrides = {}): Element {
  for (let node = composer.parentElement; node; node = node.parentElement) {
    if (queryFirst(node, 'conversationHeader', overrides)) return node;
  }
  return composer.parentElement ?? composer;
}

const text = (element: Element | undefined | null): string => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The element's text with its pieces kept apart ("Mari" + "WhatsApp" is "Mari WhatsApp", not "MariWhatsApp"). */
function spacedText(element: Element): string {
  const parts: string[] = [];
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export function readContactName(root: Element, overrides: SelectorOverrides = {}): string | undefined {
  const header = queryFirst(root, 'conversationHeader', overrides) ?? root;
  const name = text(queryFirst(header, 'contactName', overrides) ?? queryFirst(root, 'contactName', overrides));
  return name && name.length <= 200 ? name : undefined;
}

const WHATSAPP_CUE = '[alt*="whatsapp" i], [title*="whatsapp" i], [aria-label*="whatsapp" i], [data-channel*="whatsapp" i], [data-test*="whatsapp" i], a[href*="wa.me/"], a[href^="whatsapp:" i]';
const OTHER_CHANNEL = /\b(messenger|facebook|instagram|telegram|viber|sms|e-?mail|livechat|live chat)\b/i;
const OTHER_CUE = ['alt', 'title', 'aria-label', 'data-channel']
  .map((attribute) => ['messenger', 'facebook', 'instagram', 'telegram', 'viber'].map((name) => `[${attribute}*="${name}" i]`).join(', '))
  .join(', ');

/**
 * Which channel the conversation is on, from the header first (a label, an icon's alt/title/aria-label, a data
 * attribute, a wa.me link), then from attributes anywhere in the conversation. Message text is never read for
 * this: a customer writing "WhatsApp" in Messenger does not make it a WhatsApp conversation.
 */
export function readChannel(root: Element, overrides: SelectorOverrides = {}): Channel {
  const header = queryFirst(root, 'conversationHeader', overrides);
  for (const scope of header ? [header, root] : [root]) {
    if (scope.querySelector(WHATSAPP_CUE)) return 'whatsapp';
    if (scope.querySelector(OTHER_CUE)) return 'other';
    if (scope === header) {
      const label = spacedText(header);
      if (/\bwhats\s?app\b/i.test(label)) return 'whatsapp';
      if (OTHER_CHANNEL.test(label)) return 'other';
    }
  }
  return 'unknown';
}

// A run of digits with the separators people write (+372 5123 4567, (0)7911 123456, 600-12-34-56), in any script's
// decimal digits (Arabic-Indic ٥١٢٣, fullwidth ５１２３ and its ＋): toE164 turns them into ASCII.
const PHONE_SHAPE = /[+\uff0b]?[(\uff08]?\p{Nd}[\p{Nd}\s().\-\u00a0\uff08\uff09\uff0d]{5,}\p{Nd}/gu;

function phonesIn(value: string): string[] {
  return [...value.matchAll(PHONE_SHAPE)].map((m) => m[0].trim()).filter((candidate) => candidate.replace(/\P{Nd}/gu, '').length >= 7);
}

/** `tel:+372…` / `https://wa.me/372…` / `whatsapp://send?phone=…` → the number part. */
export function phoneFromHref(href: string): string | undefined {
  const tel = /^tel:(.+)$/i.exec(href);
  if (tel?.[1]) return decodeURIComponent(tel[1]);
  const wa = /wa\.me\/(\+?\d+)/i.exec(href) ?? /[?&]phone=(\+?\d+)/i.exec(href);
  if (wa?.[1]) return wa[1].startsWith('+') ? wa[1] : `+${wa[1]}`;
  return undefined;
}

/**
 * Phone numbers the page shows for this conversation, best first (DESIGN §7): the rep's own selector; tel: and
 * WhatsApp links; elements whose test id or label says "phone"; phone-shaped text in the header. Raw strings:
 * the background turns them into E.164 with the rep's default country.
 */
export function readPhoneCandidates(root: Element, overrides: SelectorOverrides = {}): string[] {
  const found: string[] = [];
  const add = (value: string | undefined) => {
    if (value && !found.includes(value)) found.push(value);
  };
  const override = overrides.contactPhone?.trim();
  if (override) {
    try {
      root.querySelectorAll(override).forEach((element) => phonesIn(text(element)).forEach(add));
    } catch {
      // An invalid override is ignored; the built-in cues still work.
    }
  }
  root.querySelectorAll<HTMLAnchorElement>('a[href^="tel:" i], a[href*="wa.me/"], a[href^="whatsapp:" i]').forEach((link) => add(phoneFromHref(link.getAttribute('href') ?? '')));
  for (const selector of selectorList('contactPhone')) {
    root.querySelectorAll(selector).forEach((element) => phonesIn(`${text(element)} ${element.getAttribute('aria-label') ?? ''}`).forEach(add));
  }
  const header = queryFirst(root, 'conversationHeader', overrides);
  if (header) phonesIn(spacedText(header)).forEach(add);
  return found;
}

function idFromLink(root: Element, name: 'personLink' | 'dealLink', kind: 'person' | 'deal'): string | undefined {
  const link = queryFirst(root, name);
  const match = new RegExp(`/${kind}/(\\d+)`).exec(link?.getAttribute('href') ?? '');
  return match?.[1];
}

export const readPersonId = (root: Element): string | undefined => idFromLink(root, 'personLink', 'person');
export const readDealId = (root: Element): string | undefined => idFromLink(root, 'dealLink', 'deal');

/** The editable element of a composer (textarea or contenteditable), if there is one. */
export function readComposerInput(composer: Element, overrides: SelectorOverrides = {}): HTMLElement | undefined {
  if (composer instanceof HTMLTextAreaElement || (composer instanceof HTMLElement && composer.isContentEditable)) return composer;
  const input = queryFirst(composer, 'composerInput', overrides);
  return input instanceof HTMLElement ? input : undefined;
}

/** What the rep has typed so far (for the `/` shortcut). */
export function readComposerText(input: HTMLElement): string {
  return input instanceof HTMLTextAreaElement || input instanceof HTMLInputElement ? input.value : (input.innerText ?? input.textContent ?? '');
}
