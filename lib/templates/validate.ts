import { renderPlaceholders } from './placeholders';

/**
 * Rules a template's variables must follow before Twilio will send it (DESIGN §1). Pure and content-safe: the
 * picker checks live as the rep types, and the background checks again before it POSTs.
 */
export const VARIABLE_MAX_LENGTH = 250; // a safe limit under Meta's per-parameter cap
export const RENDERED_MAX_LENGTH = 1024; // Twilio 63021 above this
export const MAX_VARIABLES = 100;

export type VariableProblem =
  | 'missing' // empty or only spaces: Twilio answers 21656
  | 'newline' // Meta refuses newlines and tabs in parameters
  | 'spaces' // …and runs of 5 or more spaces
  | 'too-long';

export interface VariablesCheck {
  ok: boolean;
  /** Problems by placeholder key. */
  problems: Record<string, VariableProblem>;
  /** The body as the customer will read it. */
  rendered: string;
  isTooLong: boolean;
  unknownKeys: string[];
}

export function checkVariable(value: string): VariableProblem | undefined {
  if (value.trim() === '') return 'missing';
  if (/[\n\r\t]/.test(value)) return 'newline';
  if (/ {5,}/.test(value)) return 'spaces';
  if ([...value].length > VARIABLE_MAX_LENGTH) return 'too-long';
  return undefined;
}

export function checkVariables(body: string, placeholders: readonly string[], values: Readonly<Record<string, string>>): VariablesCheck {
  const problems: Record<string, VariableProblem> = {};
  for (const key of placeholders) {
    const problem = checkVariable(values[key] ?? '');
    if (problem) problems[key] = problem;
  }
  const unknownKeys = Object.keys(values).filter((key) => !placeholders.includes(key));
  const rendered = renderPlaceholders(body, values);
  const isTooLong = [...rendered].length > RENDERED_MAX_LENGTH;
  const ok = Object.keys(problems).length === 0 && !isTooLong && unknownKeys.length === 0 && placeholders.length <= MAX_VARIABLES;
  return { ok, problems, rendered, isTooLong, unknownKeys };
}
