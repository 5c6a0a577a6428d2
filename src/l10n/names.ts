/**
 * Names joined as a sentence joins them. A module of its own: the language tables use
 * it, and they need none of the date formatting.
 */
import type { Locale } from './locale.js';
import { intlTag } from './tags.js';

const formats = new Map<string, Intl.ListFormat>();

/** "Kari, Per and Ola" ("Kari, Per og Ola"). */
export function formatNames(names: readonly string[], locale: Locale): string {
  const tag = intlTag(locale);
  let format = formats.get(tag);
  if (!format) formats.set(tag, (format = new Intl.ListFormat(tag, { type: 'conjunction', style: 'long' })));
  return format.format(names);
}
