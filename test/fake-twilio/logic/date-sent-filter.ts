import { DAY_MS, startOfGmtDay } from '../dates';

/**
 * Twilio's `DateSent` filters on Messages work on whole GMT days, whatever time the value carries:
 * `DateSent=D` means sent on day D, `DateSent>=D` on or after D 00:00, `DateSent<=D` on or before D
 * (Twilio documents `<=` as "on and before"). The SDK sends the keys `DateSent>` / `DateSent<` with a
 * full ISO time (`2026-01-02T03:04:05Z`); on the wire that is `DateSent%3E=…`, which a query parser
 * reads back as the key `DateSent>`.
 */
export interface DateSentFilter {
  /** Inclusive lower bound (ms, midnight GMT). */
  from?: number;
  /** Exclusive upper bound (ms, midnight GMT of the day after). */
  until?: number;
}

export type DateSentParse = { ok: true; filter: DateSentFilter } | { ok: false; key: string; value: string };

const DATE_PART = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T ])/;
const EXPLICIT_OFFSET = /T.*(?:[+-]\d{2}:?\d{2})$/;

/** Midnight GMT of the day a DateSent value names, or undefined when it names no day. */
export function parseGmtDay(value: string): number | undefined {
  const trimmed = value.trim();
  const match = DATE_PART.exec(trimmed);
  if (match && !EXPLICIT_OFFSET.test(trimmed)) {
    const [, y, m, d] = match;
    const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
    const check = new Date(ms);
    // Reject 2026-02-30 and friends instead of letting Date roll them over.
    if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(m) - 1) return undefined;
    return ms;
  }
  // Other spellings Twilio accepts (RFC 2822, ISO with an offset): the GMT day of that instant.
  const parsed = Date.parse(trimmed);
  return Number.isNaN(parsed) ? undefined : startOfGmtDay(parsed);
}

export function parseDateSentFilter(query: Readonly<Record<string, string>>): DateSentParse {
  return parseDayFilter(query, 'DateSent');
}

/** The same day filters under another name: the Media list's `DateCreated`, `DateCreated<`, `DateCreated>`. */
export function parseDayFilter(query: Readonly<Record<string, string>>, name: string): DateSentParse {
  const filter: DateSentFilter = {};
  const tighten = (from: number | undefined, until: number | undefined): void => {
    if (from !== undefined) filter.from = Math.max(filter.from ?? from, from);
    if (until !== undefined) filter.until = Math.min(filter.until ?? until, until);
  };
  for (const key of [name, `${name}>`, `${name}<`]) {
    const value = query[key];
    if (value === undefined) continue;
    const day = parseGmtDay(value);
    if (day === undefined) return { ok: false, key, value };
    if (key === name) tighten(day, day + DAY_MS);
    else if (key.endsWith('>')) tighten(day, undefined);
    else tighten(undefined, day + DAY_MS);
  }
  return { ok: true, filter };
}

export function matchesDateSent(sentAt: number, filter: DateSentFilter): boolean {
  return (filter.from === undefined || sentAt >= filter.from) && (filter.until === undefined || sentAt < filter.until);
}
