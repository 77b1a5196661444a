import { t } from './i18n';

/**
 * Times and durations for the UI, in the browser's language: numbers and dates through Intl, the words around
 * them through the locale files. Content-safe.
 */
export const uiLocale = (): string => (typeof navigator !== 'undefined' && navigator.language) || 'en';

// Building an Intl formatter costs far more than using one: one per locale, kept.
const numberFormats = new Map<string, Intl.NumberFormat>();
function number(n: number, locale: string): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(n);
}

/**
 * "21 h 14 min", "47 min", "35 s". Minutes are rounded up (a window with 30 s left has not "0 min" left); seconds
 * are shown in the last minute.
 */
export function formatDuration(ms: number, locale = uiLocale()): string {
  const safe = Math.max(0, ms);
  if (safe < 60_000) return t('duration_seconds', number(Math.ceil(safe / 1000), locale));
  const totalMinutes = Math.ceil(safe / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return t('duration_minutes', number(minutes, locale));
  if (minutes === 0) return t('duration_hours', number(hours, locale));
  return t('duration_hours_minutes', number(hours, locale), number(minutes, locale));
}

// A thread draws three dates per message: one formatter per locale and style, kept (building one costs far more).
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** "5 minutes ago", "yesterday": relative to now. */
export function formatRelative(at: number, now: number, locale = uiLocale()): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const seconds = Math.round((at - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return rtf.format(seconds, 'second');
  if (abs < 45 * 60) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}

/** The exact time, in the rep's locale and time zone: "25 Nov 2026, 14:05". */
export function formatDateTime(at: number, locale = uiLocale()): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

export function formatNumber(n: number, locale = uiLocale()): string {
  return number(n, locale);
}

/** "2.4 MB", "830 KB", "512 B", in the rep's locale. */
export function formatBytes(bytes: number, locale = uiLocale()): string {
  if (bytes < 1024) return t('size_bytes', number(bytes, locale));
  if (bytes < 1024 * 1024) return t('size_kb', number(Math.round(bytes / 1024), locale));
  const mb = bytes / (1024 * 1024);
  return t('size_mb', new Intl.NumberFormat(locale, { maximumFractionDigits: mb < 10 ? 1 : 0 }).format(mb));
}

/** A day separator in a conversation: "Today", "Yesterday", or the date, in the rep's locale and time zone. */
export function formatDay(at: number, now: number, locale = uiLocale()): string {
  const day = (ms: number) => new Date(ms).toDateString();
  if (day(at) === day(now)) return t('day_today');
  if (day(at) === day(now - 86_400_000)) return t('day_yesterday');
  return dateFormat(locale, { dateStyle: 'full' }).format(at);
}

/** A message's time of day, "14:05", in the rep's locale and time zone. */
export function formatTime(at: number, locale = uiLocale()): string {
  return dateFormat(locale, { timeStyle: 'short' }).format(at);
}

/** When a conversation's last message was, in a list: the time today, "Yesterday", else a short date. */
export function formatListTime(at: number, now: number, locale = uiLocale()): string {
  const day = (ms: number) => new Date(ms).toDateString();
  if (day(at) === day(now)) return formatTime(at, locale);
  if (day(at) === day(now - 86_400_000)) return t('day_yesterday');
  return dateFormat(locale, { dateStyle: 'short' }).format(at);
}
