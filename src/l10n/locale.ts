import { en, type Messages } from './en.js';
import { nb } from './nb.js';

export type Locale = 'en' | 'nb';

const tables: Record<Locale, Messages> = { en, nb };

/**
 * Maps a BCP 47 tag to a locale we have. Norwegian in any written form
 * (`no`, `nb`, `nn`) gets Bokmål: a Nynorsk reader understands it, English
 * would be the worse fallback.
 */
export function localeFor(tag: string | null | undefined): Locale {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return primary === 'nb' || primary === 'no' || primary === 'nn' ? 'nb' : 'en';
}

export function messagesFor(locale: Locale): Messages {
  return tables[locale];
}
