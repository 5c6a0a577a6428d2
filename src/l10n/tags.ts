import type { Locale } from './locale.js';

/** The BCP 47 tag Intl formats a locale with: ours in their country's forms, a host's as registered. */
export function intlTag(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : locale === 'nb' ? 'nb-NO' : locale;
}
