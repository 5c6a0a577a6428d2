import { html, nothing, type ReactiveControllerHost } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { formatFullTime, formatListTime } from '../../l10n/format.js';
import type { LocalizeController } from '../../l10n/localize-controller.js';
import type { SearchHit } from '../../model/types.js';
import { describeSearch } from '../shared/describe.js';
import { highlight } from '../shared/highlight.js';
import { searchIcon } from '../shared/icons.js';
import { NowController } from '../shared/now-controller.js';
import { RovingTabindexController } from '../shared/roving-tabindex.js';
import { SearchController } from '../shared/search-controller.js';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export interface ConversationSearchOptions {
  /** Finds the hits of a query in the conversation. */
  search: (query: string) => Promise<SearchHit[]>;
  /** A hit was chosen. */
  open: (hit: SearchHit) => void;
}

/**
 * "Search in conversation": the field, a polite status of what was found, and the hits
 * as one tab stop (arrows between them; ArrowDown from the field goes to the first).
 * Escape in a filled field clears it, not the sheet around. Its parts are controllers
 * of the host, so the host re-renders as the reader types and results come.
 */
export class ConversationSearch {
  private readonly clock: NowController;
  private readonly search: SearchController<SearchHit[]>;
  private readonly roving: RovingTabindexController;

  constructor(
    private readonly host: Host,
    private readonly options: ConversationSearchOptions,
  ) {
    this.clock = new NowController(host);
    this.search = new SearchController<SearchHit[]>(host, (query) => options.search(query));
    this.roving = new RovingTabindexController(host, { items: () => [...host.renderRoot.querySelectorAll<HTMLElement>('.hit')] });
  }

  /** Empties the field and the hits. */
  clear() {
    this.search.clear();
  }

  render({ t, locale }: Pick<LocalizeController, 't' | 'locale'>) {
    const s = t.settings;
    const hits = this.search.query ? (this.search.results ?? []) : [];
    const status = describeSearch(this.search, this.search.results?.length ?? 0, t, { found: s.messagesFound, none: s.noMessagesFound });
    return html`<section aria-labelledby="search-heading">
      <h3 id="search-heading" data-option="search">${s.searchInConversation}</h3>
      <div class="search-field">
        <svg viewBox="0 0 24 24" aria-hidden="true">${searchIcon}</svg>
        <input
          id="search"
          type="search"
          aria-labelledby="search-heading"
          placeholder=${s.searchHint}
          enterkeyhint="search"
          autocomplete="off"
          .value=${this.search.query}
          @input=${(e: InputEvent) => this.search.set((e.target as HTMLInputElement).value)}
          @keydown=${this.onFieldKeydown}
        />
      </div>
      <p class="status" role="status">${status}</p>
      ${hits.length
        ? html`<ul class="hits" aria-label=${s.searchResults} @keydown=${(e: KeyboardEvent) => this.roving.handleKeydown(e)} @focusin=${this.onHitFocus}>
            ${repeat(
              hits,
              (hit) => hit.messageId,
              (hit) => html`<li>
                <button class="hit" type="button" @click=${() => this.options.open(hit)}>
                  <span class="sender">${hit.senderName}</span>
                  <time datetime=${new Date(hit.createdAt).toISOString()} title=${formatFullTime(hit.createdAt, locale)}
                    >${formatListTime(hit.createdAt, this.clock.now, locale)}</time
                  >
                  <span class="snippet">${hit.field === 'attachment' ? html`<span class="file">${s.file}</span> ` : nothing}${highlight(hit)}</span>
                </button>
              </li>`,
            )}
          </ul>`
        : nothing}
    </section>`;
  }

  private onFieldKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.search.query) {
      event.preventDefault();
      event.stopPropagation();
      this.search.clear();
    } else if (event.key === 'ArrowDown') {
      const first = this.host.renderRoot.querySelector<HTMLElement>('.hit[tabindex="0"]');
      if (!first) return;
      event.preventDefault();
      first.focus();
    }
  };

  private onHitFocus = (event: FocusEvent) => {
    const hit = (event.target as HTMLElement).closest<HTMLElement>('.hit');
    if (hit) this.roving.setCurrent(hit);
  };
}
