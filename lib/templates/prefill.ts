/**
 * Where a template variable's value comes from: the Pipedrive contact (first name, full name, organisation, the
 * deal's title, its owner) or the rep's own typing. The choice is remembered per template and placeholder.
 */
export type VariableSource = 'custom' | 'first-name' | 'full-name' | 'organisation' | 'deal' | 'owner';

export const VARIABLE_SOURCES: readonly VariableSource[] = ['first-name', 'full-name', 'organisation', 'deal', 'owner', 'custom'];

export interface ContactValues {
  firstName?: string;
  fullName?: string;
  organisation?: string;
  deal?: string;
  owner?: string;
}

/** Named placeholders say what they want; `{{1}}` is most often the customer's first name. */
export function guessSource(placeholder: string, position: number): VariableSource {
  const key = placeholder.toLowerCase();
  if (/^(first_?name|firstname|given_?name|fname)$/.test(key)) return 'first-name';
  if (/^(name|full_?name|customer(_name)?|contact(_name)?|client)$/.test(key)) return 'full-name';
  if (/(org|organi[sz]ation|company|business)/.test(key)) return 'organisation';
  if (/deal|opportunity/.test(key)) return 'deal';
  if (/owner|agent|rep|sales_?person|my_?name/.test(key)) return 'owner';
  if (/^\d+$/.test(key) && position === 0) return 'first-name';
  return 'custom';
}

export function valueFor(source: VariableSource, contact: ContactValues): string | undefined {
  switch (source) {
    case 'first-name':
      return contact.firstName ?? contact.fullName?.split(/\s+/)[0];
    case 'full-name':
      return contact.fullName;
    case 'organisation':
      return contact.organisation;
    case 'deal':
      return contact.deal;
    case 'owner':
      return contact.owner;
    default:
      return undefined;
  }
}
