import { enBadge, nbBadge } from './badge.js';
import type { Messages } from './en.js';

/**
 * A language the elements speak: `en`, `nb`, or a BCP 47 tag a host registered a
 * table for with `registerTranslation` (`sv`, `de-CH`). Intl formats dates in it.
 */
export type Locale = string;

/**
 * The tables by lower-case tag, each with its tag as Intl writes it. Until the panel's
 * code brings the full tables (`installFullTables`), ours hold only the badge's entries:
 * nothing else is asked of them before.
 */
const tables = new Map<string, { locale: Locale; messages: Messages }>([
  ['en', { locale: 'en', messages: enBadge as Messages }],
  ['nb', { locale: 'nb', messages: nbBadge as Messages }],
]);
/** What a host's table falls back on: the badge's English, then the full English table. */
let en = enBadge as Messages;
/**
 * The tables hosts registered, as given, with the entries already warned about: each
 * is merged with the English table again when the full one arrives.
 */
const registered = new Map<string, { locale: Locale; messages: Messages; warned: Set<string> }>();
const listeners = new Set<() => void>();

/**
 * Maps a BCP 47 tag to a locale we have: a table registered for the whole tag
 * (`sv-FI`), else for its language (`sv`). Norwegian in any written form (`no`,
 * `nb`, `nn`) gets Bokmål unless a host registered its own: a Nynorsk reader
 * understands it, English would be the worse fallback. Anything else gets English.
 */
export function localeFor(tag: string | null | undefined): Locale {
  const wanted = (tag ?? '').toLowerCase().replace(/_/g, '-');
  const primary = wanted.split('-')[0];
  const table = tables.get(wanted) ?? tables.get(primary);
  if (table) return table.locale;
  return primary === 'no' || primary === 'nn' ? 'nb' : 'en';
}

/** The table of a locale `localeFor` gave; English for any other. */
export function messagesFor(locale: Locale): Messages {
  return tables.get(locale.toLowerCase())?.messages ?? en;
}

/**
 * Adds a language, or replaces one (ours included), for the elements standing
 * where `lang` is `tag` or starts with it (`sv` serves `sv-SE` and `sv-FI`).
 * The table is typed by the English one, so a missing entry fails the host's
 * type-check; one missing all the same (a table from JavaScript, or written for
 * an older version) is shown in English, with a warning. Elements already on
 * the page switch to it.
 */
export function registerTranslation(tag: string, messages: Messages): void {
  let locale: Locale | undefined;
  try {
    [locale] = Intl.getCanonicalLocales(tag);
  } catch {
    // A RangeError: not a language tag.
  }
  if (!locale) {
    console.warn(`im-panel: "${tag}" is not a BCP 47 language tag; its translation was not registered.`);
    return;
  }
  const key = locale.toLowerCase();
  registered.set(key, { locale, messages, warned: new Set() });
  serveRegistered(key);
  listeners.forEach((listener) => listener());
}

/**
 * Takes in our full tables (tables.ts, with the panel's code): they replace the badge's
 * entries, but not a table a host registered for `en` or `nb`, and hosts' tables fall
 * back on the full English one from now on.
 */
export function installFullTables(fullEn: Messages, fullNb: Messages): void {
  en = fullEn;
  if (!registered.has('en')) tables.set('en', { locale: 'en', messages: fullEn });
  if (!registered.has('nb')) tables.set('nb', { locale: 'nb', messages: fullNb });
  for (const key of registered.keys()) serveRegistered(key);
  listeners.forEach((listener) => listener());
}

/**
 * Serves a host's table, with English wherever it has no entry, and warns about the
 * entries shown in English: at registration those the badge needs, the rest when the
 * full English table arrives (each once).
 */
function serveRegistered(key: string) {
  const { locale, messages, warned } = registered.get(key)!;
  const missing: string[] = [];
  tables.set(key, { locale, messages: withFallback(messages, en, missing) as Messages });
  const unwarned = missing.filter((entry) => !warned.has(entry));
  unwarned.forEach((entry) => warned.add(entry));
  if (unwarned.length) console.warn(`im-panel: the "${locale}" translation lacks ${unwarned.join(', ')}; English is shown there.`);
}

/** Calls `listener` after each `registerTranslation`, and when the full tables arrive; returns the function that stops it. */
export function onTablesChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** `table` with `fallback`'s entry wherever it has none, nested tables (`kind`, `reports`…) entry by entry. */
function withFallback(table: object, fallback: object, missing: string[], path = ''): object {
  const merged: Record<string, unknown> = { ...table };
  for (const [key, base] of Object.entries(fallback)) {
    const value = merged[key];
    if (value === undefined) {
      missing.push(path + key);
      merged[key] = base;
    } else if (isTable(base) && isTable(value)) {
      merged[key] = withFallback(value, base, missing, `${path}${key}.`);
    }
  }
  return merged;
}

function isTable(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
