import { Task, TaskStatus } from '@lit/task';
import Database from 'emoji-picker-element/database.js';
import type { Emoji, NativeEmoji, SkinTone } from 'emoji-picker-element/shared.js';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { LocalizeController } from '../../l10n/localize-controller.js';
import { Announcer } from '../shared/announcer.js';
import { emit } from '../shared/events.js';
import { searchIcon } from '../shared/icons.js';
import { RovingTabindexController } from '../shared/roving-tabindex.js';
import { SearchController } from '../shared/search-controller.js';
import { searchField } from '../shared/search-field.js';
import { theme, visuallyHidden } from '../shared/shared.styles.js';
import styles from './emoji-picker.styles.js';
import { drawnVersion } from './emoji-support.js';

/**
 * The emoji data (emoji-picker-element-data: CLDR names and keywords), in English or
 * Norwegian: files of our build beside this module (scripts/build-helpers.mjs `emojiData`),
 * never a CDN. Found relative to the module, so a host serving our files from its own CDN
 * serves these too.
 */
const data = {
  en: new URL('./emoji/en.json', import.meta.url).href,
  nb: new URL('./emoji/nb.json', import.meta.url).href,
};

/** The data for a language: Norwegian for Norwegian in any written form, English for any other. */
const dataLocale = (locale: string): keyof typeof data => (/^(nb|nn|no)\b/i.test(locale) ? 'nb' : 'en');

/** The data's groups (Unicode's, but for group 2: skin tones and hair styles, parts of other emoji), each with the emoji its tab shows. */
const groups = [
  { key: 'smileys-emotion', id: 0, symbol: '😀' },
  { key: 'people-body', id: 1, symbol: '👋' },
  { key: 'animals-nature', id: 3, symbol: '🐱' },
  { key: 'food-drink', id: 4, symbol: '🍎' },
  { key: 'travel-places', id: 5, symbol: '🏠️' },
  { key: 'activities', id: 6, symbol: '⚽' },
  { key: 'objects', id: 7, symbol: '📝' },
  { key: 'symbols', id: 8, symbol: '⛔️' },
  { key: 'flags', id: 9, symbol: '🏁' },
] as const;

const tabs = [{ key: 'frequent', symbol: '🕘' }, ...groups] as const;
type TabKey = (typeof tabs)[number]['key'];

/** How many "Frequently used" shows: three rows. */
const FREQUENT = 24;
/** What fills "Frequently used" until the reader has used as many: the reactions' set first (in the data's own form). */
const COMMON = ['👍️', '❤️', '😂', '😮', '✅️', '😊', '🙏', '🎉', '👏', '😍', '🙌', '😅', '🤔', '👋', '💯', '😢', '🙂', '😀', '🔥', '👀'];
/** The data's search needs a word of two letters (emoji-picker-element's tokens); shorter, the categories stay. */
const MIN_QUERY = 2;

/** The emoji of `found` the browser can draw (not custom ones, which we have none of). */
function drawable(found: (Emoji | null)[]): NativeEmoji[] {
  const newest = drawnVersion();
  return found.filter((emoji): emoji is NativeEmoji => !!emoji && 'unicode' in emoji && emoji.version <= newest);
}

/**
 * @tagname im-emoji-picker
 * @summary The composer's emoji picker: search, categories, a grid of emoji and a skin tone.
 *
 * Its search field is a combobox: typing shows the emoji whose names or keywords match (in
 * the reader's language; "No emoji found" or how many are said politely), Down and Up move
 * through them, Enter chooses. The categories are tabs ("Frequently used" first, from the
 * reader's choices), and the emoji a listbox, one Tab stop, each named by its CLDR
 * annotation: arrows move (Up and Down by a row), Enter or a click chooses. Emoji of
 * Unicode versions the browser's fonts cannot draw are left out. The data is
 * emoji-picker-element's `Database`: fetched from our own files the first time, then kept
 * in IndexedDB with the reader's favourites and skin tone. Rendered by Lit alone, so a
 * strict Content-Security-Policy (Lit's Trusted Types policy, no inline styles) allows it.
 *
 * @fires {CustomEvent<{ emoji: string }>} im-emoji-select - An emoji was chosen (in the reader's skin tone).
 */
export class ImEmojiPicker extends LitElement {
  static override styles = [theme, visuallyHidden, searchField, styles];

  @state() private tab: TabKey = 'frequent';
  @state() private tone: SkinTone = 0;
  /** The search result the search field points at (its active descendant), or -1. */
  @state() private active = -1;
  /** Counts the emoji chosen: "Frequently used" is asked again after each. */
  @state() private chosen = 0;
  @state() private database?: Database;
  /** The language of `database`'s data. */
  private dataLocale?: keyof typeof data;
  @query('input') private input?: HTMLInputElement;
  @query('[role="listbox"]') private listbox?: HTMLElement;
  @query('.panel') private panel?: HTMLElement;

  private readonly l10n = new LocalizeController(this);
  private readonly announcer = new Announcer(this);
  private readonly results = new SearchController<NativeEmoji[]>(this, (text) => this.find(text));
  private readonly shown = new Task(this, {
    task: async ([database, tab]) => {
      if (!database) return [];
      const group = groups.find((g) => g.key === tab);
      return drawable(group ? await database.getEmojiByGroup(group.id) : await frequentlyUsed(database));
    },
    args: () => [this.database, this.tab, this.chosen] as const,
  });
  private readonly tabRoving = new RovingTabindexController(this, {
    items: () => [...this.renderRoot.querySelectorAll<HTMLElement>('[role="tab"]')],
    direction: 'horizontal',
  });
  private readonly emojiRoving = new RovingTabindexController(this, {
    items: () => [...this.renderRoot.querySelectorAll<HTMLElement>('[role="option"]')],
    direction: 'grid',
    columns: () => (this.listbox ? getComputedStyle(this.listbox).gridTemplateColumns.split(' ').length : 1),
  });

  override connectedCallback() {
    super.connectedCallback();
    // Back in the page after being taken out (which closed the data): opened again as it renders.
    this.requestUpdate();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    void this.database?.close();
    this.database = this.dataLocale = undefined;
  }

  override willUpdate() {
    // The data of the reader's language: another language opens its own.
    const locale = dataLocale(this.l10n.locale);
    if (!this.database || this.dataLocale !== locale) this.useData(locale);
  }

  private useData(locale: keyof typeof data) {
    if (this.database) this.reset();
    const database = new Database({ dataSource: data[locale], locale });
    this.database = database;
    this.dataLocale = locale;
    // Unless the data failed to load, which the emoji shown say.
    void database.getPreferredSkinTone().then(
      (tone) => {
        if (this.database === database) this.tone = tone;
      },
      () => undefined,
    );
  }

  override updated(changed: PropertyValues) {
    const tab = this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`);
    if (changed.has('tab') && tab) {
      this.tabRoving.setCurrent(tab);
      this.panel?.scrollTo({ top: 0 });
    }
    if (changed.has('active') && this.active >= 0) {
      const option = this.renderRoot.querySelector<HTMLElement>(`#emoji-${this.active}`);
      if (option) {
        this.emojiRoving.setCurrent(option);
        option.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  /** Focuses the search field. */
  override focus(options?: FocusOptions) {
    this.input?.focus(options);
  }

  /** Starts afresh: the search emptied. */
  reset() {
    if (this.input) this.input.value = '';
    this.results.clear();
    this.active = -1;
  }

  override render() {
    const t = this.l10n.t.emojiPicker;
    const searching = this.results.query !== '';
    const list = (searching ? this.results.results : this.shown.value) ?? [];
    const active = searching && this.active < list.length ? this.active : -1;
    return html`<div class="search-field">
        <svg viewBox="0 0 24 24" aria-hidden="true">${searchIcon}</svg>
        <input
          type="search"
          role="combobox"
          aria-label=${t.search}
          placeholder=${t.search}
          aria-autocomplete="list"
          aria-controls="emoji-list"
          aria-expanded=${searching && list.length > 0 ? 'true' : 'false'}
          aria-activedescendant=${active >= 0 ? `emoji-${active}` : nothing}
          autocomplete="off"
          spellcheck="false"
          enterkeyhint="search"
          @input=${this.onSearchInput}
          @keydown=${this.onSearchKeydown}
        />
      </div>
      <div class="tabs" role="tablist" aria-label=${t.categories} @keydown=${this.onTabsKeydown}>
        ${tabs.map(
          ({ key, symbol }) =>
            html`<button
              type="button"
              role="tab"
              id="tab-${key}"
              aria-controls="emoji-panel"
              aria-selected=${!searching && this.tab === key ? 'true' : 'false'}
              aria-label=${t.groups[key]}
              title=${t.groups[key]}
              @click=${() => this.showTab(key)}
            >${symbol}</button>`,
        )}
      </div>
      <!-- tabindex -1: Firefox makes a scroller a tab stop of its own, before the emoji that is the list's one. -->
      <div
        id="emoji-panel"
        class="panel"
        tabindex="-1"
        role=${searching ? nothing : 'tabpanel'}
        aria-labelledby=${searching ? nothing : `tab-${this.tab}`}
        aria-busy=${(searching ? this.results.status === 'searching' : this.shown.status === TaskStatus.PENDING) ? 'true' : 'false'}
      >
        ${list.length
          ? html`<div
              id="emoji-list"
              role="listbox"
              aria-label=${searching ? t.searchResults : t.groups[this.tab]}
              @keydown=${(event: KeyboardEvent) => this.emojiRoving.handleKeydown(event)}
            >
              ${repeat(
                list,
                (emoji) => emoji.unicode,
                (emoji, i) => {
                  const { char, name } = this.inTone(emoji);
                  return html`<button type="button" role="option" id="emoji-${i}" class=${i === active ? 'active' : ''} aria-selected=${i === active ? 'true' : 'false'} aria-label=${name} title=${name} @click=${() => this.choose(emoji)}>${char}</button>`;
                },
              )}
            </div>`
          : this.renderMessage(searching)}
      </div>
      <label class="tone">
        <span>${t.skinTone}</span>
        <select @change=${this.onToneChange}>
          ${t.skinTones.map((name, tone) => html`<option value=${tone} ?selected=${tone === this.tone}>${name}</option>`)}
        </select>
      </label>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcer.text}</div>`;
  }

  /** What shows instead of emoji: loading, nothing found, or the data failing to load. */
  private renderMessage(searching: boolean) {
    const t = this.l10n.t.emojiPicker;
    const failed = searching ? this.results.status === 'error' : this.shown.status === TaskStatus.ERROR;
    if (failed) return html`<p class="message" role="alert">${t.loadFailed}</p>`;
    const done = searching ? this.results.status === 'done' : this.shown.status === TaskStatus.COMPLETE;
    return html`<p class="message">${!done ? t.loading : searching ? t.noneFound : nothing}</p>`;
  }

  /** The emoji in the reader's skin tone, where it has one the browser draws, and its name. */
  private inTone(emoji: NativeEmoji) {
    const skin = this.tone ? emoji.skins?.find((s) => s.tone === this.tone && s.version <= drawnVersion()) : undefined;
    if (!skin) return { char: emoji.unicode, name: emoji.annotation };
    const t = this.l10n.t.emojiPicker;
    return { char: skin.unicode, name: t.withSkinTone(emoji.annotation, t.skinTones[this.tone]) };
  }

  private async find(text: string): Promise<NativeEmoji[]> {
    const found = drawable((await this.database?.getEmojiBySearchQuery(text)) ?? []);
    if (text === this.results.query) {
      const t = this.l10n.t.emojiPicker;
      void this.announcer.say(found.length ? t.found(found.length) : t.noneFound);
    }
    return found;
  }

  private onSearchInput() {
    const text = this.input?.value.trim() ?? '';
    this.active = -1;
    this.panel?.scrollTo({ top: 0 });
    this.results.set(text.length >= MIN_QUERY ? text : '');
  }

  /** Down and Up move through the results (the field keeps focus), Enter chooses the one moved to. */
  private onSearchKeydown(event: KeyboardEvent) {
    const found = this.results.query ? (this.results.results ?? []) : [];
    if (!found.length) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.active = Math.max(-1, Math.min(found.length - 1, this.active + (event.key === 'ArrowDown' ? 1 : -1)));
    } else if (event.key === 'Enter' && found[this.active]) {
      event.preventDefault();
      this.choose(found[this.active]);
    }
  }

  /** The tabs follow focus: the tab arrowed to shows its emoji. */
  private onTabsKeydown(event: KeyboardEvent) {
    this.tabRoving.handleKeydown(event);
    const focused = this.shadowRoot?.activeElement;
    const tab = tabs.find(({ key }) => focused?.id === `tab-${key}`);
    if (event.defaultPrevented && tab) this.showTab(tab.key);
  }

  private showTab(key: TabKey) {
    this.reset();
    this.tab = key;
  }

  private onToneChange(event: Event) {
    this.tone = Number((event.target as HTMLSelectElement).value) as SkinTone;
    void this.database?.setPreferredSkinTone(this.tone);
  }

  private choose(emoji: NativeEmoji) {
    emit(this, 'im-emoji-select', { emoji: this.inTone(emoji).char });
    const database = this.database;
    void database?.incrementFavoriteEmojiCount(emoji.unicode).then(() => {
      if (this.database === database) this.chosen++;
    });
    this.reset();
  }
}

/** The reader's most chosen emoji, then the common ones, as many as "Frequently used" shows. */
async function frequentlyUsed(database: Database): Promise<(Emoji | null)[]> {
  const [favourites, common] = await Promise.all([database.getTopFavoriteEmoji(FREQUENT), Promise.all(COMMON.map((unicode) => database.getEmojiByUnicodeOrName(unicode)))]);
  const seen = new Set<string>();
  return [...favourites, ...common]
    .filter((emoji) => {
      const key = emoji && 'unicode' in emoji ? emoji.unicode : undefined;
      if (!key || seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, FREQUENT);
}
