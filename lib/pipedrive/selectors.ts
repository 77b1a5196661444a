/**
 * Every selector for Pipedrive's page, in one place. Each is an ordered list: stable attributes and ARIA first,
 * looser structure last. Nobody on the team can see Pipedrive's real Messaging DOM, so the lists hold what is known
 * (Pipedrive tags many elements with `data-test`) plus fallbacks; the popup's advanced settings put an override in
 * front of a list when Pipedrive changes its page. Where no known attribute matches, recognise.ts finds the parts by
 * their structure (an editable box, a Send button beside it, messages above it) from the structural lists below.
 * Fixture pages that must match: test/fixtures/pipedrive/ (inbox*.html; the inbox-plain/aria/svg/mixed variants
 * carry no test id at all).
 */
export const selectors = {
  /** The reply box's container (input + Send) in a Messaging conversation. */
  composer: [
    '[data-test="messaging-composer"]', // Messaging inbox (inbox.html, inbox-contenteditable.html)
    '[data-test="message-composer"]', // older test-id spelling
    '[data-testid="messaging-composer"]', // React Testing Library spelling
    'form[aria-label="Reply" i]', // an ARIA-labelled reply form
  ],
  /**
   * The editable part of the composer: a textarea or a rich-text editor. Also the cheap trigger for the structural
   * recogniser (observe.ts): every element matching this list is checked once when it appears.
   */
  composerInput: [
    '[data-test="messaging-composer-input"]',
    'textarea', // a plain reply box (inbox.html, inbox-plain.html)
    '[contenteditable="true" i]', // rich editors (inbox-contenteditable.html, inbox-aria.html)
    '[contenteditable=""]', // the same, written as a bare attribute
    '[contenteditable="plaintext-only" i]', // a text-only editor (inbox-svg.html)
    '[role="textbox"]', // an ARIA textbox, itself editable or wrapping the editor (inbox-mixed.html)
  ],
  /** The header of the open conversation (name, channel, number). */
  conversationHeader: [
    '[data-test="conversation-header"]',
    '[data-testid="conversation-header"]',
    '[aria-label="Conversation header" i]',
    'header',
  ],
  /** The contact's name inside the header. */
  contactName: [
    '[data-test="conversation-header-title"]',
    '[data-test="person-name"]',
    'h1, h2, h3',
    '[role="heading"]', // a div playing a heading (inbox-aria.html)
  ],
  /** An element that holds the contact's phone number (besides tel:/wa.me links and phone-shaped text). */
  contactPhone: [
    '[data-test*="phone" i]',
    '[aria-label*="phone" i]',
    '[data-field*="phone" i]',
  ],
  /** A link to the Pipedrive person of the conversation. */
  personLink: ['a[href*="/person/"]'],
  /** A link to the deal the conversation belongs to. */
  dealLink: ['a[href*="/deal/"]'],
  /** A person's details page (the floating dock goes there when it has a phone but no composer). */
  personPage: [
    '[data-test="person-details"]',
    '[data-test="person-page"]',
    '[data-testid="person-details"]',
  ],
  /** The conversation's messages: the structural recogniser also accepts lists and repeated blocks (recognise.ts). */
  messageList: [
    '[data-test="message-list"]', // Messaging inbox (inbox.html)
    '[role="log"]', // a chat log, as ARIA names one (inbox-aria.html)
  ],

  // Structural building blocks for recognise.ts: not guesses at Pipedrive's own names, so never overridden.

  /** Anything a rep can press. */
  button: ['button', '[role="button"]', 'input[type="submit" i]', 'input[type="button" i]'],
  /** Fields a rep types into: a composer box holding another one (To, Subject…) is a form, not a chat reply. */
  textField: [
    'textarea',
    '[contenteditable]:not([contenteditable="false" i])',
    '[role="textbox"]',
    'input:not([type])',
    'input[type="text" i], input[type="email" i], input[type="search" i], input[type="tel" i], input[type="url" i]',
  ],
  /** A conversation's title: the contact's name. */
  heading: ['h1, h2, h3', '[role="heading"]'],
  /** Lists that are never messages: navigation, menus, tabs, the app bar (the conversation list is often a nav). */
  notMessages: ['nav', '[role="navigation"]', '[role="banner"]', 'header', '[role="menu"]', '[role="menubar"]', '[role="tablist"]', '[role="listbox"]', '[role="tree"]'],
} as const satisfies Record<string, readonly string[]>;

/**
 * What a Send button says, lowercased, in English and in some of the languages Pipedrive's UI comes in. Matched as a
 * whole word of a short name ("Send", "Send message", "Nachricht senden"), so "Resend" or a sentence never counts.
 * A language missing here still works through the rep's composer override in the popup.
 */
export const SEND_WORDS: readonly string[] = [
  'send', // English, Danish, Norwegian
  'saada', // Estonian
  'senden', 'absenden', // German
  'enviar', // Spanish, Portuguese
  'envoyer', // French
  'invia', 'inviare', // Italian
  'verzenden', 'versturen', // Dutch
  'skicka', // Swedish
  'lähetä', // Finnish
  'wyślij', // Polish
  'odeslat', // Czech
  'sūtīt', // Latvian
  'siųsti', // Lithuanian
  'gönder', // Turkish
  'kirim', // Indonesian
  'отправить', // Russian
  'надіслати', // Ukrainian
  '送信', // Japanese
  '发送', '發送', // Chinese
  '전송', '보내기', // Korean
];

/**
 * Words in an editor's label (its own, its box's or its section's aria-label or title) that say it is not a chat
 * reply: Pipedrive's notes, emails, comments and activity descriptions must never get our UI (DESIGN §7).
 */
export const NOT_A_CHAT = /\b(e-?mail|mail|subject|notes?|comments?|activity|description|notiz|notizen|märkus|märkmed|nota|notas)\b/iu;

export type SelectorName = keyof typeof selectors;
export type SelectorOverrides = Partial<Record<SelectorName, string>>;

function isValidSelector(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

/** The ordered list for a name, with the rep's override first when it is valid CSS (a bad one is ignored). */
export function selectorList(name: SelectorName, overrides: SelectorOverrides = {}): string[] {
  const override = overrides[name]?.trim();
  return [...(override && isValidSelector(override) ? [override] : []), ...selectors[name]];
}

/** One CSS selector for a name (for observers), the override included. */
export function selectorFor(name: SelectorName, overrides: SelectorOverrides = {}): string {
  return selectorList(name, overrides).join(', ');
}

/** The first element matching the ordered list: earlier entries win, whatever their order in the document. */
export function queryFirst(root: ParentNode, name: SelectorName, overrides: SelectorOverrides = {}): Element | undefined {
  for (const selector of selectorList(name, overrides)) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return undefined;
}
