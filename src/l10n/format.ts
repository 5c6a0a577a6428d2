/**
 * Dates, times and sizes in the reader's language, through Intl. Pure: `now`
 * is passed in so the output can be tested and the list re-rendered on a timer.
 */
import type { Locale } from './locale.js';
import { intlTag } from './tags.js';

// Formatters are costly to make (and the browser frees them late): one per locale and options, reused.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function dateFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = tag + JSON.stringify(options);
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(tag, options)));
  return format;
}

function relativeFormat(tag: string, options: Intl.RelativeTimeFormatOptions): Intl.RelativeTimeFormat {
  const key = tag + JSON.stringify(options);
  let format = relativeFormats.get(key);
  if (!format) relativeFormats.set(key, (format = new Intl.RelativeTimeFormat(tag, options)));
  return format;
}

/**
 * Makes every formatter the list and the history use for `locale`, ahead of need, each used
 * once: the first of its kind loads the language's data for Intl, some 20 ms the reader would
 * otherwise wait for as the panel opens (the rest then take under a millisecond together, and
 * none is made later in a fling back through older days). `im-messenger` calls it as the
 * panel's code arrives.
 */
export function prepareFormats(locale: Locale): void {
  const tag = intlTag(locale);
  for (const options of RELATIVE_FORMATS) relativeFormat(tag, options).format(-1, 'day');
  for (const options of DATE_FORMATS) dateFormat(tag, options).format(0);
}

const RELATIVE_FORMATS: Intl.RelativeTimeFormatOptions[] = [{ numeric: 'auto', style: 'short' }, { numeric: 'auto' }];
const DATE_FORMATS: Intl.DateTimeFormatOptions[] = [
  { hour: '2-digit', minute: '2-digit' },
  { dateStyle: 'long', timeStyle: 'short' },
  { weekday: 'short' },
  { day: 'numeric', month: 'short' },
  { day: 'numeric', month: 'short', year: 'numeric' },
  { weekday: 'long', day: 'numeric', month: 'long' },
  { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  { dateStyle: 'long' },
];

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function startOfDay(time: number) {
  const d = new Date(time);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Time of a conversation's last change for the list: "now", "5 min ago", "10:42", "yesterday", "Mon", "12 Nov". */
export function formatListTime(time: number, now: number, locale: Locale): string {
  const tag = intlTag(locale);
  const ago = now - time;
  const relative = relativeFormat(tag, { numeric: 'auto', style: 'short' });
  if (ago < MINUTE) return relative.format(0, 'second');
  if (ago < 60 * MINUTE) return relative.format(-Math.floor(ago / MINUTE), 'minute');
  const days = Math.round((startOfDay(now) - startOfDay(time)) / DAY);
  if (days === 0) return dateFormat(tag, { hour: '2-digit', minute: '2-digit' }).format(time);
  if (days === 1) return relative.format(-1, 'day');
  if (days < 7) return dateFormat(tag, { weekday: 'short' }).format(time);
  const sameYear = new Date(time).getFullYear() === new Date(now).getFullYear();
  return dateFormat(tag, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' }).format(time);
}

/** A full date and time, for tooltips and screen readers. */
export function formatFullTime(time: number, locale: Locale): string {
  return dateFormat(intlTag(locale), { dateStyle: 'long', timeStyle: 'short' }).format(time);
}

/** The clock time of a message. */
export function formatClock(time: number, locale: Locale): string {
  return dateFormat(intlTag(locale), { hour: '2-digit', minute: '2-digit' }).format(time);
}

/** A day separator in the history: "Today", "Yesterday", "Monday 16 November". */
export function formatDay(time: number, now: number, locale: Locale): string {
  const tag = intlTag(locale);
  const days = Math.round((startOfDay(now) - startOfDay(time)) / DAY);
  if (days === 0 || days === 1) {
    const text = relativeFormat(tag, { numeric: 'auto' }).format(-days, 'day');
    return text.charAt(0).toLocaleUpperCase(tag) + text.slice(1);
  }
  const sameYear = new Date(time).getFullYear() === new Date(now).getFullYear();
  return dateFormat(tag, sameYear ? { weekday: 'long', day: 'numeric', month: 'long' } : { dateStyle: 'long' }).format(time);
}

/**
 * The day of a time for a screen reader, in full words: "today", "yesterday",
 * "Monday 30 November" ("mandag 30. november"), with the year when it is another.
 * Abbreviations ("Mon", "søn.") are for the eye only. The l10n table's `dayAt`
 * joins it with the clock time.
 */
export function formatSpokenDay(time: number, now: number, locale: Locale): string {
  const tag = intlTag(locale);
  const days = Math.round((startOfDay(now) - startOfDay(time)) / DAY);
  if (days === 0 || days === 1) return relativeFormat(tag, { numeric: 'auto' }).format(-days, 'day');
  const sameYear = new Date(time).getFullYear() === new Date(now).getFullYear();
  return dateFormat(tag, sameYear ? { weekday: 'long', day: 'numeric', month: 'long' } : { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(time);
}

/** The local day `time` falls on (where a day separator goes), as [its first millisecond, the next day's first). */
export function dayOf(time: number): [number, number] {
  const next = new Date(startOfDay(time));
  next.setDate(next.getDate() + 1);
  return [startOfDay(time), next.getTime()];
}
