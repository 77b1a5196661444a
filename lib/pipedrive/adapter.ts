import { findMessages, readComposerInput, recogniseComposer } from './recognise';
import { queryFirst, selectorFor, selectorList, type SelectorOverrides } from './selectors';

/**
 * Pure readers of Pipedrive's page: each takes a root element and returns a plain value or undefined, and never
 * throws. Everything read here is data from the page: shown as text, never as HTML.
 */

export type Channel = 'whatsapp' | 'other' | 'unknown';

export { readComposerInput };

/**
 * The conversation around a composer: the nearest ancestor that also holds the conversation header, looked for no
 * further than the region that holds the composer's messages (beyond it lie the app's own bar and side panels,
 * whose headers and links are not this conversation's); that region when no header is known.
 */
export function findConversationRoot(composer: Element, overrides: SelectorOverrides = {}): Element {
  const input = readComposerInput(composer, overrides);
  const region = input ? findMessages(composer, input)?.region : undefined;
  if (region === composer) return composer;
  for (let node = composer.parentElement; node; node = node.parentElement) {
    if (queryFirst(node, 'conversationHeader', overrides)) return node;
    if (node === region) return region;
  }
  return region ?? composer.parentElement ?? composer;
}

const text = (element: Element | undefined | null): string => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The element's text with its pieces kept apart ("Mari" + "WhatsApp" is "Mari WhatsApp", not "MariWhatsApp"). */
function spacedText(element: Element): string {
  const parts: string[] = [];
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Lists, logs and landmarks inside a conversation: a heading in them is a message's or a menu's, not the title. */
const NOT_THE_TITLE = `ul, ol, [role="list"], [role="log"], article, [role="article"], ${selectorFor('notMessages')}, ${selectorFor('textField')}`;

/** A heading of the conversation's own (h1–h3 or role="heading"), and the row it heads: where name and channel are. */
function headingRow(root: Element): Element | undefined {
  const heading = [...root.querySelectorAll(selectorFor('heading'))].find((candidate) => {
    const block = candidate.parentElement?.closest(NOT_THE_TITLE);
    return !candidate.matches(NOT_THE_TITLE) && !(block && block !== root && root.contains(block));
  });
  if (!heading) return undefined;
  let row = heading;
  while (row.parentElement && row.parentElement !== root && !row.parentElement.querySelector(NOT_THE_TITLE)) row = row.parentElement;
  return row;
}

/** The header of the conversation: a known one (override, test id, ARIA, <header>), else the row of its heading. */
export function readConversationHeader(root: Element, overrides: SelectorOverrides = {}): Element | undefined {
  return queryFirst(root, 'conversationHeader', overrides) ?? headingRow(root);
}

/** Text a reader sees as the name: an icon's SVG <title> or a hidden label inside the heading is not part of it. */
function nameText(element: Element): string {
  const parts: string[] = [];
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest('svg, style, script, [aria-hidden="true"]')) parts.push(node.textContent ?? '');
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

export function readContactName(root: Element, overrides: SelectorOverrides = {}): string | undefined {
  const header = readConversationHeader(root, overrides) ?? root;
  const isName = selectorList('contactName', overrides).some((selector) => header.matches(selector));
  const named = queryFirst(header, 'contactName', overrides) ?? (isName ? header : queryFirst(root, 'contactName', overrides));
  const name = named ? nameText(named) : '';
  return name && name.length <= 200 ? name : undefined;
}

const WHATSAPP_CUE = '[alt*="whatsapp" i], [title*="whatsapp" i], [aria-label*="whatsapp" i], [data-channel*="whatsapp" i], [data-test*="whatsapp" i], a[href*="wa.me/"], a[href^="whatsapp:" i]';
const OTHER_NAMES = ['messenger', 'facebook', 'instagram', 'telegram', 'viber'];
const OTHER_CHANNEL = /\b(messenger|facebook|instagram|telegram|viber|sms|e-?mail|livechat|live chat)\b/i;
const OTHER_CUE = ['alt', 'title', 'aria-label', 'data-channel']
  .map((attribute) => OTHER_NAMES.map((name) => `[${attribute}*="${name}" i]`).join(', '))
  .join(', ');
const IS_WHATSAPP = /\bwhats\s?app\b/i;
const IS_OTHER = new RegExp(`\\b(${OTHER_NAMES.join('|')})\\b`, 'i');

/** A channel named by an attribute (alt, title, aria-label, data-channel, a wa.me link) or by an icon's SVG <title>. */
function iconCue(scope: Element, skip: Element | undefined): Channel | undefined {
  const counts = (element: Element) => !skip?.contains(element);
  const titles = [...scope.querySelectorAll('svg title')].filter(counts).map((title) => title.textContent ?? '');
  if ([...scope.querySelectorAll(WHATSAPP_CUE)].some(counts) || titles.some((title) => IS_WHATSAPP.test(title))) return 'whatsapp';
  if ([...scope.querySelectorAll(OTHER_CUE)].some(counts) || titles.some((title) => IS_OTHER.test(title))) return 'other';
  return undefined;
}

/**
 * A channel named in the header's words. WhatsApp counts only as a short label of its own ("WhatsApp",
 * "via WhatsApp", "WhatsApp · +372…"), never inside the heading: an email's subject or a contact called "WhatsApp
 * fan" names no channel. Any other channel's name anywhere in the header keeps our UI away.
 */
function labelCue(header: Element): Channel | undefined {
  const heading = selectorFor('heading');
  const walker = header.ownerDocument.createTreeWalker(header, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const inHeading = parent?.closest(heading);
    if (!parent || parent.closest('svg, style, script') || (inHeading && header.contains(inHeading))) continue;
    const labels = (node.textContent ?? '').split(/[·•|,;:()[\]/\n–—]+/);
    if (labels.some((label) => IS_WHATSAPP.test(label) && label.trim().split(/\s+/).length <= 3)) return 'whatsapp';
  }
  return OTHER_CHANNEL.test(spacedText(header)) ? 'other' : undefined;
}

/** The conversation's messages: a known list, else the one above the conversation's composer (known or structural). */
export function readMessageList(root: Element, overrides: SelectorOverrides = {}): Element | undefined {
  const known = queryFirst(root, 'messageList', overrides);
  if (known) return known;
  const candidates = [...root.querySelectorAll(`${selectorFor('composer', overrides)}, ${selectorFor('composerInput')}`)].slice(0, 8);
  for (const candidate of candidates) {
    const match = recogniseComposer(candidate, overrides);
    const found = match?.input ? findMessages(match.composer, match.input) : undefined;
    if (found && root.contains(found.messages)) return found.messages;
  }
  return undefined;
}

/**
 * Which channel the conversation is on, from the header first (an icon's alt/title/aria-label/SVG title, a data
 * attribute, a wa.me link, a label), then from attributes elsewhere in the conversation. The messages are never
 * read for this: a customer writing "WhatsApp", or sending a wa.me link, in Messenger does not make it a WhatsApp
 * conversation.
 */
export function readChannel(root: Element, overrides: SelectorOverrides = {}): Channel {
  const header = readConversationHeader(root, overrides);
  const cue = header ? (iconCue(header, undefined) ?? labelCue(header)) : undefined;
  return cue ?? iconCue(root, readMessageList(root, overrides)) ?? 'unknown';
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
  const header = readConversationHeader(root, overrides);
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

/** What the rep has typed so far (for the `/` shortcut). */
export function readComposerText(input: HTMLElement): string {
  return input instanceof HTMLTextAreaElement || input instanceof HTMLInputElement ? input.value : (input.innerText ?? input.textContent ?? '');
}
