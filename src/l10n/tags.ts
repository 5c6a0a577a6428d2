import type { Locale } from './locale.js';

/** The BCP 47 tag Intl formats each of our languages with. */
export const tags: Record<Locale, string> = { en: 'en-GB', nb: 'nb-NO' };
