import assert from 'node:assert/strict';
import { before, describe, it, mock } from 'node:test';
import { en, type Messages } from '../../src/l10n/en.js';
import { localeFor, messagesFor, onTablesChanged, registerTranslation } from '../../src/l10n/locale.js';
import { nb } from '../../src/l10n/nb.js';

/** Our full tables, as the panel's code brings them (importing en.ts and nb.ts does not). */
const loadFullTables = () => import('../../src/l10n/tables.js');

// First, while only the badge's entries are here: a module loads once per test file.
describe('before the panel’s code brings the full tables', () => {
  it('has the badge’s entries, the very ones of the full tables, and nothing else', () => {
    assert.equal(messagesFor('en').openMessages(2), 'Messages, 2 unread');
    assert.equal(messagesFor(localeFor('nb-NO')).openMessages(1), 'Meldinger, 1 ulest');
    assert.equal(messagesFor('nb').newMessageIn, nb.newMessageIn);
    assert.equal(messagesFor('en').close, undefined);
  });

  it('keeps a host’s table over ours when they arrive, registered before or after, with the rest in English and a warning as each part is shown, and re-renders', async () => {
    const warn = mock.method(console, 'warn', () => {});
    registerTranslation('en', { ...en, messagesTitle: 'Inbox' });
    const { openMessages: _openMessages, close: _close, ...fi } = { ...en, locale: 'fi', messagesTitle: 'Viestit' };
    // @ts-expect-error `openMessages` and `close` are missing.
    registerTranslation('fi', fi);
    assert.equal(messagesFor('fi').openMessages(0), 'Messages');
    assert.equal(warn.mock.callCount(), 1, 'what the badge says, at once');
    assert.match(String(warn.mock.calls[0].arguments[0]), /"fi" translation lacks openMessages;/);

    const heard: string[] = [];
    const stop = onTablesChanged(() => heard.push(messagesFor('en').messagesTitle));
    await loadFullTables();
    assert.deepEqual(heard, ['Inbox'], 'the elements re-render, and the host’s English stays');
    assert.equal(messagesFor('nb'), nb);
    assert.equal(messagesFor('fi').messagesTitle, 'Viestit');
    assert.equal(messagesFor('fi').close, 'Close');
    assert.equal(warn.mock.callCount(), 2, 'the rest when the full English table is here');
    assert.match(String(warn.mock.calls[1].arguments[0]), /"fi" translation lacks close;/);

    registerTranslation('en', { ...en, messagesTitle: 'Mail' });
    assert.equal(messagesFor('en').messagesTitle, 'Mail', 'registered after, it replaces ours as before');
    stop();
    registerTranslation('en', en);
    assert.equal(warn.mock.callCount(), 2);
    warn.mock.restore();
  });
});

describe('localisation', () => {
  before(loadFullTables);

  it('gives Bokmål to every written form of Norwegian and English to the rest', () => {
    assert.equal(localeFor('nb-NO'), 'nb');
    assert.equal(localeFor('no'), 'nb');
    assert.equal(localeFor('nn_NO'), 'nb');
    assert.equal(localeFor('en-GB'), 'en');
    assert.equal(localeFor('de'), 'en');
    assert.equal(localeFor(''), 'en');
    assert.equal(localeFor(undefined), 'en');
  });

  it('has every English entry translated, with the same kind of value', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      assert.equal(typeof nb[key], typeof en[key], `nb.${key}`);
      // "Send" is Bokmål too.
      if (key !== 'locale' && key !== 'send') assert.notEqual(nb[key], en[key], `nb.${key} is still English`);
    }
    assert.equal(messagesFor('nb'), nb);
  });
});

describe('languages a host registers', () => {
  before(loadFullTables);

  // A whole table (typed by the English one): a few entries in Swedish, the rest as English has them.
  const sv: Messages = {
    ...en,
    locale: 'sv',
    messagesTitle: 'Meddelanden',
    close: 'Stäng',
    kind: { ...en.kind, group: 'Gruppkonversation' },
  };

  it('serves a registered language for its tag and the tag’s regional forms; the rest falls back as before', () => {
    assert.equal(localeFor('sv'), 'en', 'not registered yet');
    registerTranslation('sv', sv);
    for (const tag of ['sv', 'SV', 'sv-SE', 'sv_FI']) assert.equal(localeFor(tag), 'sv', tag);
    assert.equal(messagesFor('sv').messagesTitle, 'Meddelanden');
    assert.equal(messagesFor('sv').kind.group, 'Gruppkonversation');
    assert.equal(localeFor('da'), 'en');
    assert.equal(localeFor('nn-NO'), 'nb');
    assert.equal(localeFor('en-US'), 'en');
  });

  it('prefers the whole tag to its language, and a host’s table to our Norwegian fallback', () => {
    registerTranslation('sv', sv);
    registerTranslation('sv-FI', { ...sv, close: 'Stäng (fi)' });
    assert.equal(localeFor('sv-fi'), 'sv-FI');
    assert.equal(messagesFor(localeFor('sv-FI')).close, 'Stäng (fi)');
    assert.equal(messagesFor(localeFor('sv-SE')).close, 'Stäng');
    registerTranslation('nn', { ...nb, locale: 'nn', messagesTitle: 'Meldingar' });
    assert.equal(localeFor('nn'), 'nn');
    assert.equal(messagesFor(localeFor('nn-NO')).messagesTitle, 'Meldingar');
    assert.equal(localeFor('no'), 'nb');
  });

  it('tells the elements when a language is registered', () => {
    const heard: string[] = [];
    const stop = onTablesChanged(() => heard.push(localeFor('de')));
    registerTranslation('de', { ...en, locale: 'de', close: 'Schließen' });
    stop();
    registerTranslation('de', { ...en, locale: 'de', close: 'Schliessen' });
    assert.deepEqual(heard, ['de']);
    assert.equal(messagesFor('de').close, 'Schliessen', 'registering again replaces the table');
  });

  it('refuses a table missing an entry at type-check, and at run time shows English there, with a warning', () => {
    const warn = mock.method(console, 'warn', () => {});
    const { close: _close, kind, ...rest } = sv;
    const { group: _group, ...partialKind } = kind;
    // @ts-expect-error `close` and `kind.group` are missing: the host's type-check fails.
    registerTranslation('fi', { ...rest, locale: 'fi', messagesTitle: 'Viestit', kind: partialKind });
    const fi = messagesFor(localeFor('fi'));
    assert.equal(fi.messagesTitle, 'Viestit');
    assert.equal(fi.close, 'Close');
    assert.equal(fi.kind.group, 'Group conversation');
    assert.equal(fi.kind.course, en.kind.course);
    assert.equal(warn.mock.callCount(), 1);
    assert.match(String(warn.mock.calls[0].arguments[0]), /"fi" translation lacks close, kind\.group;/);
    warn.mock.restore();
  });

  it('warns about a tag that is not a language tag, and registers nothing', () => {
    const warn = mock.method(console, 'warn', () => {});
    registerTranslation('not a tag', sv);
    assert.equal(warn.mock.callCount(), 1);
    assert.equal(localeFor('not a tag'), 'en');
    warn.mock.restore();
  });

  it('formats dates and names in a registered language through Intl', () => {
    registerTranslation('sv', sv);
    const now = new Date(2026, 10, 23, 14, 30).getTime();
    assert.equal(formatListTime(new Date(2026, 10, 22, 9, 5).getTime(), now, localeFor('sv-SE')), 'i går');
    assert.equal(formatSpokenDay(new Date(2026, 10, 16, 12).getTime(), now, 'sv'), 'måndag 16 november');
    assert.equal(formatDay(now - 60_000, now, 'sv'), 'I dag');
    assert.equal(formatNames(['Lukas Berg', 'Ola Nilsen', 'Emma Hansen'], 'sv'), 'Lukas Berg, Ola Nilsen och Emma Hansen');
  });
});

import { formatClock, formatDay, formatFullTime, formatListTime, formatSpokenDay, prepareFormats } from '../../src/l10n/format.js';
import { formatNames } from '../../src/l10n/names.js';

describe('formatting', () => {
  const now = new Date(2026, 10, 23, 14, 30).getTime();
  const minutes = (n: number) => now - n * 60_000;

  it('says how long ago in the list, in the reader’s language', () => {
    assert.equal(formatListTime(minutes(0.2), now, 'en'), 'now');
    assert.equal(formatListTime(minutes(5), now, 'en'), '5 min ago');
    assert.equal(formatListTime(minutes(5), now, 'nb'), 'for 5 min siden');
    assert.equal(formatListTime(new Date(2026, 10, 23, 9, 5).getTime(), now, 'en'), '09:05');
    assert.equal(formatListTime(new Date(2026, 10, 22, 9, 5).getTime(), now, 'en'), 'yesterday');
    assert.equal(formatListTime(new Date(2026, 10, 22, 9, 5).getTime(), now, 'nb'), 'i går');
    assert.equal(formatListTime(new Date(2026, 10, 2).getTime(), now, 'en'), '2 Nov');
    assert.equal(formatListTime(new Date(2025, 10, 2).getTime(), now, 'en'), '2 Nov 2025');
  });

  it('joins names as a sentence does, in the reader’s language', () => {
    assert.equal(formatNames(['Lukas Berg'], 'en'), 'Lukas Berg');
    assert.equal(formatNames(['Lukas Berg', 'Ola Nilsen', 'Emma Hansen'], 'en'), 'Lukas Berg, Ola Nilsen and Emma Hansen');
    assert.equal(en.messagingDisabled.group(en.names(['Lukas Berg', 'Ola Nilsen'])), 'Lukas Berg and Ola Nilsen can’t take part in conversations: messaging is turned off for them.');
    assert.equal(nb.names(['Lukas Berg', 'Ola Nilsen', 'Emma Hansen']), 'Lukas Berg, Ola Nilsen og Emma Hansen');
  });

  it('makes ahead of need every formatter the list and the history use, so neither opening the panel nor scrolling back makes one', () => {
    // A language no other test formats in: its formatters are not made yet.
    const locale = 'fi';
    prepareFormats(locale);
    const made: string[] = [];
    const { RelativeTimeFormat, DateTimeFormat } = Intl;
    const counted = <T extends object>(name: string, Format: T): T =>
      new Proxy(Format, { construct: (target, args, newTarget) => (made.push(name), Reflect.construct(target as unknown as new () => object, args, newTarget)) });
    Object.assign(Intl, { RelativeTimeFormat: counted('RelativeTimeFormat', RelativeTimeFormat), DateTimeFormat: counted('DateTimeFormat', DateTimeFormat) });
    try {
      // Now, minutes and hours ago, yesterday, days ago, weeks ago, another year: the list's, the history's and a screen reader's.
      const day = 24 * 60;
      for (const ago of [0, 5, 90, day, 3 * day, 20 * day, 400 * day]) {
        const time = now - ago * 60_000;
        formatListTime(time, now, locale);
        formatDay(time, now, locale);
        formatSpokenDay(time, now, locale);
      }
      formatFullTime(now, locale);
      formatClock(now, locale);
    } finally {
      Object.assign(Intl, { RelativeTimeFormat, DateTimeFormat });
    }
    assert.deepEqual(made, []);
  });

  it('says days in full words for screen readers, never abbreviated', () => {
    assert.equal(formatSpokenDay(minutes(60), now, 'en'), 'today');
    assert.equal(formatSpokenDay(minutes(60 * 24), now, 'nb'), 'i går');
    assert.equal(formatSpokenDay(new Date(2026, 10, 16, 12).getTime(), now, 'en'), 'Monday 16 November');
    assert.equal(formatSpokenDay(new Date(2026, 10, 15, 12).getTime(), now, 'nb'), 'søndag 15. november');
    assert.equal(formatSpokenDay(new Date(2025, 10, 16, 12).getTime(), now, 'en'), 'Sunday, 16 November 2025');
    assert.equal(en.dayAt('Monday 16 November', '07:03'), 'Monday 16 November at 07:03');
    assert.equal(nb.dayAt('mandag 16. november', '07:03'), 'mandag 16. november kl. 07:03');
  });

  it('names days in the history', () => {
    assert.equal(formatDay(minutes(60), now, 'en'), 'Today');
    assert.equal(formatDay(minutes(60 * 24), now, 'nb'), 'I går');
    assert.equal(formatDay(new Date(2026, 10, 16, 12).getTime(), now, 'en'), 'Monday 16 November');
  });
});
