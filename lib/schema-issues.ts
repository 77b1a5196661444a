import * as v from 'valibot';

/**
 * A valibot failure in a few words for an error message: where and what, never the value itself (an answer from
 * Twilio or Pipedrive may carry a customer's name or number). Pure and content-safe.
 */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const where = v.getDotPath(issue) ?? 'the body';
    // valibot reports a missing key on its object, expecting the key's quoted name.
    if (issue.input === undefined && issue.expected?.startsWith('"')) return `${where} is missing`;
    return `${where} should be ${issue.expected ?? 'valid'}, is ${typeOf(issue.input)}`;
  });
  return shown.join('; ') + (issues.length > 3 ? ` (and ${issues.length - 3} more)` : '');
}

const typeOf = (input: unknown): string => (input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input);
