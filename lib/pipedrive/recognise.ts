import { NOT_A_CHAT, SEND_WORDS, queryFirst, selectorFor, selectorList, type SelectorOverrides } from './selectors';

/**
 * Pipedrive's reply box recognised the way a rep recognises it, for markup that carries none of the test ids we
 * know: an editable box with a Send button beside it, below the conversation's messages. Conservative on purpose:
 * Pipedrive has many editors (notes, email, activity descriptions), so a box is a composer only when every part is
 * there, and whether it is a WhatsApp one is still readChannel's question (adapter.ts). Pure DOM reads that never
 * throw; the fixtures it must recognise, and must not, are test/fixtures/pipedrive/inbox-*.html.
 */

export interface ComposerMatch {
  /** The composer's box (the nearest ancestor holding both the input and Send): our bar goes before it. */
  composer: Element;
  /** Where text goes; undefined only for a known (test id or override) composer that shows no editable part. */
  input: HTMLElement | undefined;
}

export interface StructuralComposer extends ComposerMatch {
  input: HTMLElement;
  /** The conversation around it: the nearest ancestor that also holds its messages. */
  region: Element;
  messages: Element;
}

/** Rich editors nest the editable three or four levels below the box that also holds Send. */
const MAX_COMPOSER_DEPTH = 5;
/** From the composer's box to the region that also holds the messages: a scroll wrapper or two, not the whole app. */
const MAX_REGION_DEPTH = 4;
/** Longer than this is a sentence, not a button's name. */
const MAX_NAME_WORDS = 3;

const isElement = (node: Node | null | undefined): node is Element => node?.nodeType === 1;
const isHidden = (element: Element): boolean => element.getAttribute('aria-hidden') === 'true' || element.hasAttribute('hidden');

/**
 * The editable element behind a trigger: a textarea, the root of a contenteditable editor (not a paragraph inside
 * it), or the editor a role="textbox" wraps. Read-only and disabled boxes are not composers.
 */
export function editableOf(element: Element): HTMLElement | undefined {
  if (!(element instanceof HTMLElement)) return undefined;
  if (element instanceof HTMLTextAreaElement) return element.readOnly || element.disabled ? undefined : element;
  if (element.getAttribute('aria-readonly') === 'true' || element.getAttribute('aria-disabled') === 'true') return undefined;
  if (element.isContentEditable) {
    let root = element;
    while (root.parentElement instanceof HTMLElement && root.parentElement.isContentEditable) root = root.parentElement;
    return root;
  }
  if (element.getAttribute('role') === 'textbox') {
    const inner = element.querySelector('textarea, [contenteditable]:not([contenteditable="false" i])');
    return inner ? editableOf(inner) : undefined;
  }
  return undefined;
}

/** The editable element of a composer (textarea or contenteditable), if there is one. */
export function readComposerInput(composer: Element, overrides: SelectorOverrides = {}): HTMLElement | undefined {
  const own = editableOf(composer);
  if (own) return own;
  const input = queryFirst(composer, 'composerInput', overrides);
  if (!input) return undefined;
  return editableOf(input) ?? (input instanceof HTMLElement ? input : undefined);
}

/** An element's accessible name, as far as a button needs it: aria-labelledby, aria-label, its content, its title. */
export function accessibleName(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby')?.trim();
  if (labelledBy) {
    const named = labelledBy.split(/\s+/).map((id) => element.ownerDocument.getElementById(id)).map((part) => (part ? nameFromContent(part) : '')).join(' ').trim();
    if (named) return named;
  }
  const label = element.getAttribute('aria-label')?.trim();
  if (label) return label;
  if (element instanceof HTMLInputElement) return (element.value || element.title).trim();
  return nameFromContent(element) || (element.getAttribute('title') ?? '').trim();
}

/** The name an element's content gives it: text, images' alt, an SVG's <title>; hidden parts left out. */
function nameFromContent(element: Element, depth = 0): string {
  if (depth > 6) return '';
  const parts: string[] = [];
  for (const node of element.childNodes) {
    if (node.nodeType === 3) parts.push(node.textContent ?? '');
    if (!isElement(node) || isHidden(node)) continue;
    const tag = node.localName;
    if (tag === 'img') parts.push(node.getAttribute('alt') ?? '');
    else if (tag === 'svg') parts.push(node.getAttribute('aria-label') ?? node.querySelector(':scope > title')?.textContent ?? '');
    else if (tag === 'title' || tag === 'style' || tag === 'script') continue;
    else parts.push(node.getAttribute('aria-label') ?? nameFromContent(node, depth + 1));
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

// Scripts written without spaces between words: a Send word may sit inside a longer one ("メッセージを送信").
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** "Send", "Send message", "Saada", "Nachricht senden", "送信": a short name with a Send word in it. */
export function isSendLabel(name: string): boolean {
  const words = name.normalize('NFC').toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0 || words.length > MAX_NAME_WORDS) return false;
  return words.some((word) => SEND_WORDS.includes(word) || (UNSPACED.test(word) && SEND_WORDS.some((send) => UNSPACED.test(send) && word.includes(send))));
}

export const isSendButton = (element: Element): boolean => !isHidden(element) && isSendLabel(accessibleName(element));

const contains = (outer: Element, inner: Element): boolean => outer === inner || outer.contains(inner);

/**
 * The composer's box: the nearest ancestor (a few levels up) holding a Send button besides the input. A box that
 * also holds another field (an email's To or Subject) is a form, not a chat reply: no box at all then.
 */
function composerBox(input: HTMLElement): Element | undefined {
  const buttons = selectorFor('button');
  const fields = selectorFor('textField');
  let node = input.parentElement;
  for (let depth = 1; node && depth <= MAX_COMPOSER_DEPTH && node !== node.ownerDocument.body; depth++, node = node.parentElement) {
    const hasSend = [...node.querySelectorAll(buttons)].some((button) => !input.contains(button) && isSendButton(button));
    if (!hasSend) continue;
    const hasOtherField = [...node.querySelectorAll(fields)].some((field) => !contains(field, input) && !input.contains(field));
    return hasOtherField ? undefined : node;
  }
  return undefined;
}

/** A list inside navigation, a menu or the app bar is not messages (unless the composer is in there too). */
function isInOtherLandmark(element: Element, input: Element): boolean {
  const landmark = element.closest(selectorFor('notMessages'));
  return landmark !== null && !landmark.contains(input);
}

const hasText = (element: Element): boolean => (element.textContent ?? '').trim() !== '';

/**
 * Messages, by their shape: a chat log, a list with items, or a block of two or more same-tag children with text
 * (message bubbles in divs). A block holding a heading or a field is a header or a form, not messages.
 */
export function isMessageList(element: Element): boolean {
  if (selectorList('messageList').some((selector) => element.matches(selector))) return true;
  const items = [...element.children];
  if (element.matches('ul, ol, [role="list"]')) return items.some(hasText);
  if (items.length < 2 || element.querySelector(`${selectorFor('heading')}, ${selectorFor('textField')}`)) return false;
  const counts = new Map<string, number>();
  for (const item of items) if (hasText(item)) counts.set(item.localName, (counts.get(item.localName) ?? 0) + 1);
  const most = Math.max(0, ...counts.values());
  return most >= 2 && most * 2 >= items.length;
}

/** The messages inside one of the region's blocks: the block itself, a log or list in it, or below its wrappers. */
function messagesIn(block: Element, input: Element): Element | undefined {
  if (isInOtherLandmark(block, input)) return undefined;
  if (isMessageList(block)) return block;
  for (const list of block.querySelectorAll(`${selectorFor('messageList')}, ul, ol, [role="list"]`)) {
    if (!isInOtherLandmark(list, input) && isMessageList(list)) return list;
  }
  // Scroll boxes wrap the messages one or two levels deep.
  let inner: Element | null = block;
  for (let depth = 0; depth < 3 && inner?.childElementCount === 1; depth++) {
    inner = inner.firstElementChild;
    if (inner && isMessageList(inner)) return inner;
  }
  return undefined;
}

/**
 * The region around a composer's box: the nearest ancestor whose children just before the box's branch hold the
 * messages (chats show them above the reply box). Never the whole page.
 */
export function findMessages(box: Element, input: Element): { region: Element; messages: Element } | undefined {
  // First the box's own children before the input's branch (a flat box holding the messages too), then upwards.
  let branch: Element | null = box;
  let node: Element | null = box.parentElement;
  if (box !== input) {
    branch = input;
    while (branch && branch.parentElement !== box) branch = branch.parentElement;
    node = box;
  }
  for (let depth = 0; branch && node && depth <= MAX_REGION_DEPTH; depth++) {
    if (node === node.ownerDocument.body || node === node.ownerDocument.documentElement) return undefined;
    for (let block = branch.previousElementSibling; block; block = block.previousElementSibling) {
      const messages = messagesIn(block, input);
      if (messages) return { region: node, messages };
    }
    branch = node;
    node = node.parentElement;
  }
  return undefined;
}

/** Labelled as a note, an email, a comment…, from the input up to its region. */
function isLabelledNotAChat(input: Element, region: Element): boolean {
  for (let node: Element | null = input; node; node = node.parentElement) {
    const label = `${node.getAttribute('aria-label') ?? ''} ${node.getAttribute('title') ?? ''} ${node.getAttribute('placeholder') ?? ''}`;
    if (NOT_A_CHAT.test(label)) return true;
    if (node === region) break;
  }
  return false;
}

/** A composer by structure alone: editable, Send beside it, messages above it, and not labelled as another editor. */
export function recogniseStructure(element: Element): StructuralComposer | undefined {
  const input = editableOf(element);
  if (!input) return undefined;
  const composer = composerBox(input);
  if (!composer) return undefined;
  const found = findMessages(composer, input);
  if (!found || isLabelledNotAChat(input, found.region)) return undefined;
  return { composer, input, ...found };
}

/**
 * The composer an element belongs to: the rep's override and the known test ids first (as before), then the
 * structure. An editable inside a known composer is that composer's (it is reported on its own).
 */
export function recogniseComposer(element: Element, overrides: SelectorOverrides = {}): ComposerMatch | undefined {
  for (const selector of selectorList('composer', overrides)) {
    const known = element.closest(selector);
    if (!known) continue;
    return { composer: known, input: readComposerInput(known, overrides) };
  }
  return recogniseStructure(element);
}
