/**
 * Every selector for Pipedrive's page, in one place. Each is an ordered list: stable attributes and ARIA first,
 * looser structure last. Nobody on the team can see Pipedrive's real Messaging DOM, so the lists hold what is known
 * (Pipedrive tags many elements with `data-test`) plus fallbacks; the popup's advanced settings put an override in
 * front of a list when Pipedrive changes its page. Fixture pages that must match: test/fixtures/pipedrive/.
 */
export const selectors = {
  /** The reply box's container (input + Send) in a Messaging conversation. */
  composer: [
    '[data-test="messaging-composer"]', // Messaging inbox (inbox.html, inbox-contenteditable.html)
    '[data-test="message-composer"]', // older test-id spelling
    '[data-testid="messaging-composer"]', // React Testing Library spelling
    'form[aria-label="Reply" i]', // an ARIA-labelled reply form
  ],
  /** The editable part of the composer: a textarea or a rich-text editor. */
  composerInput: [
    '[data-test="messaging-composer-input"]',
    'textarea',
    '[contenteditable="true"]',
    '[role="textbox"]',
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
} as const satisfies Record<string, readonly string[]>;

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
