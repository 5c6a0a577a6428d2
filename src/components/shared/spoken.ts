/**
 * Text as a screen reader should say it: times in full words, parts as sentences.
 * Apart from describe.ts, which the badge loads: this one brings the date formatting.
 */
import type { Messages } from '../../l10n/en.js';
import { formatClock, formatSpokenDay } from '../../l10n/format.js';
import type { Locale } from '../../l10n/locale.js';

/** A time as a screen reader should say it: "yesterday at 09:15", "Monday 30 November at 07:03". */
export function spokenTime(time: number, now: number, t: Messages, locale: Locale): string {
  return t.dayAt(formatSpokenDay(time, now, locale), formatClock(time, locale));
}

/** Parts said as sentences, so a screen reader pauses between them: a full stop after each, unless it ends in one already ("Great!"). */
export function sentences(parts: readonly string[]): string {
  return parts
    .filter(Boolean)
    .map((part, i, all) => (i < all.length - 1 && !/[.!?…:]$/.test(part) ? `${part}.` : part))
    .join(' ');
}
