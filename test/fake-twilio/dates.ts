/** Date spellings Twilio uses: the 2010 API speaks RFC 2822 in GMT, the newer APIs ISO-8601 without millis. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** `Mon, 10 Mar 2025 13:58:02 +0000` */
export function toRfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace(/GMT$/, '+0000');
}

/** `Mon, 10 Mar 2025 13:58:02 GMT`: the HTTP `Date` header (RFC 7231 IMF-fixdate). */
export function toHttpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** `2025-03-10T13:58:02Z` */
export function toIsoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Midnight GMT of the day containing `ms`. */
export function startOfGmtDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}
