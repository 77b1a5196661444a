/**
 * Every selector for Pipedrive's page, in one place. Each is an ordered list: stable attributes and ARIA first,
 * looser structure last. Nobody on the team can see Pipedrive's real Messaging DOM, so the lists hold what is known
 * (Pipedrive tags many elements with `data-test`) plus fallbacks; the popup's advanced settings can put an override
 * in front of any list when Pipedrive changes its page.
 */
export const selectors = {
  /** The reply box's container (input + Send) in a Messaging conversation. */
  composer: [
    '[data-test="messaging-composer"]', // Messaging inbox (fixtures: inbox.html, inbox-contenteditable.html)
    '[data-test="message-composer"]', // older naming seen in Pipedrive's test ids
    '[data-testid="messaging-composer"]', // React Testing Library naming, in case the app switches
  ],
} as const satisfies Record<string, readonly string[]>;

export type SelectorName = keyof typeof selectors;

/** One CSS selector list for a name, with the rep's override (if any) tried first. */
export function selectorFor(name: SelectorName, overrides: Partial<Record<SelectorName, string>> = {}): string {
  const override = overrides[name]?.trim();
  return [...(override ? [override] : []), ...selectors[name]].join(', ');
}
