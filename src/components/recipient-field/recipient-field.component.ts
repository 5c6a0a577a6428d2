import { autoUpdate, computePosition, flip, offset, size } from '@floating-ui/dom';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Recipient } from '../../model/types.js';
import '../avatar/avatar.js';
import { describeSearch } from '../shared/describe.js';
import { RovingTabindexController } from '../shared/roving-tabindex.js';
import { SearchController } from '../shared/search-controller.js';
import { theme, visuallyHidden } from '../shared/shared.styles.js';
import { StoreElement } from '../shared/store-element.js';
import styles from './recipient-field.styles.js';
import { crossIcon } from '../shared/icons.js';


const keyOf = (r: Pick<Recipient, 'type' | 'id'>) => `${r.type}:${r.id}`;

/**
 * @tagname im-recipient-field
 * @summary "Add recipients": a combobox that searches people, courses and projects, with the chosen ones as removable chips.
 *
 * The APG combobox with a listbox popup; focus stays in the text field. Typing searches
 * after a pause (a newer query aborts the older one). ArrowDown and ArrowUp move through
 * the results, Enter adds the active one, Escape closes the list (a second Escape is left
 * to the panel around), Backspace in the empty field removes the last chip. The chips'
 * remove buttons are one tab stop; arrows move between them. A polite status says how
 * many results there are and what was added or removed.
 *
 * @csspart input - The text field.
 * @csspart listbox - The results popup.
 * @csspart chip - A chosen recipient.
 *
 * @fires {CustomEvent<{ recipients: Recipient[] }>} im-recipients-change - A recipient was added or removed; `recipients` is the new list.
 */
export class ImRecipientField extends StoreElement {
  static override styles = [theme, visuallyHidden, styles];

  /** The chosen recipients, shown as chips. */
  @property({ attribute: false }) recipients: Recipient[] = [];

  /** What the search offers; all three kinds unless narrowed (people only, when adding participants). */
  @property({ attribute: false }) types: Recipient['type'][] = ['person', 'course', 'project'];

  /** The visible label; "Add recipients" unless given. */
  @property() label = '';

  /** Why the chosen recipients can't be sent to; the field is marked invalid and described by it. */
  @property() error = '';

  /** Ids of people not to offer (the participants already in a conversation, when adding more). */
  @property({ attribute: false }) exclude: readonly string[] = [];

  @state() private open = false;
  /** Index of the active option, -1 for none (APG: no automatic selection). */
  @state() private active = -1;
  @state() private announcement = '';

  @query('[part="input"]') private input!: HTMLInputElement;
  @query('[part="listbox"]') private listbox!: HTMLElement;
  @query('.field') private box!: HTMLElement;

  private readonly search = new SearchController<Recipient[]>(this, async (query) => {
    const store = this.data.store;
    return store ? store.searchRecipients(query, this.types) : [];
  });
  private readonly roving = new RovingTabindexController(this, {
    items: () => [...this.renderRoot.querySelectorAll<HTMLElement>('.chip button')],
    direction: 'horizontal',
  });
  private stopPositioning?: () => void;

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.hideListbox();
  }

  /** Results not chosen yet, nor left out. */
  private get options(): Recipient[] {
    const chosen = new Set(this.recipients.map(keyOf));
    const excluded = new Set(this.exclude);
    return (this.search.results ?? []).filter((r) => !chosen.has(keyOf(r)) && !(r.type === 'person' && excluded.has(r.id)));
  }

  private get expanded() {
    return this.open && this.search.status === 'done' && this.options.length > 0;
  }

  // The list never takes focus: the keyboard chooses with Enter in the field (aria-activedescendant), a pointer by clicking.
  /* eslint-disable lit-a11y/click-events-have-key-events */
  override render() {
    const { t } = this.l10n;
    const options = this.expanded ? this.options : [];
    const active = this.active < options.length ? this.active : -1;
    return html`
      <label id="label" for="input">${this.label || t.newConversation.addRecipients}</label>
      <div class="field">
        ${this.recipients.length
          ? html`<ul class="chips" aria-label=${t.newConversation.chosenRecipients} @keydown=${this.onChipsKeydown} @focusin=${this.onChipsFocusin}>
              ${repeat(this.recipients, keyOf, (r) => this.renderChip(r))}
            </ul>`
          : nothing}
        <input
          id="input"
          part="input"
          type="text"
          role="combobox"
          aria-labelledby="label"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-expanded=${this.expanded ? 'true' : 'false'}
          aria-controls="listbox"
          aria-activedescendant=${active >= 0 ? `option-${active}` : nothing}
          aria-invalid=${this.error ? 'true' : nothing}
          aria-describedby=${this.error ? 'error' : nothing}
          .value=${this.search.query}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @focusout=${this.onFocusout}
        />
      </div>
      <!-- The form shows and announces the error; here it describes the field when it is focused. -->
      <span id="error" class="visually-hidden">${this.error}</span>
      <ul
        id="listbox"
        part="listbox"
        role="listbox"
        aria-label=${t.newConversation.searchResults}
        popover="manual"
        @mousedown=${(e: MouseEvent) => e.preventDefault()}
        @click=${this.onListboxClick}
      >
        ${options.map((r, i) => this.renderOption(r, i, i === active))}
      </ul>
      <div class="visually-hidden" role="status">${this.status()}</div>
    `;
  }
  /* eslint-enable lit-a11y/click-events-have-key-events */

  private renderChip(r: Recipient) {
    const { t } = this.l10n;
    return html`<li part="chip" class="chip">
      <span class="chip-name" dir="auto">${r.name}</span>${r.type === 'person' ? nothing : html`<span class="chip-count">(${r.participantCount})</span>`}
      <button type="button" aria-label=${t.newConversation.removeRecipient(r.name)} @click=${() => this.removeChip(r)}>
        <svg viewBox="0 0 24 24" aria-hidden="true">${crossIcon}</svg>
      </button>
    </li>`;
  }

  private renderOption(r: Recipient, index: number, active: boolean) {
    // Named by one hidden string: Chromium puts a space before a hidden comma ("Whole school , Course").
    return html`<li
      id="option-${index}"
      role="option"
      aria-selected=${active ? 'true' : 'false'}
      class=${active ? 'active' : ''}
      data-index=${index}
    >
      <im-avatar
        kind=${r.type}
        name=${r.name}
        src=${r.type === 'person' ? (r.avatarUrl ?? '') : ''}
        color=${r.type === 'person' ? '' : r.color}
      ></im-avatar>
      <span class="name" dir="auto" aria-hidden="true">${r.name}</span>
      <span class="detail" aria-hidden="true">${this.detail(r)}</span>
      <span class="visually-hidden">${[r.name, this.detailText(r)].filter(Boolean).join(', ')}</span>
    </li>`;
  }

  /** Under the name: a person's title (and that they can't receive messages); a course's or project's size. */
  private detailText(r: Recipient) {
    const { t } = this.l10n;
    if (r.type !== 'person') return `${t.newConversation[r.type]} · ${t.participantsCount(r.participantCount)}`;
    return [r.title, r.messagingDisabled ? t.newConversation.cantReceive : ''].filter(Boolean).join(' · ');
  }

  private detail(r: Recipient) {
    const { t } = this.l10n;
    if (r.type !== 'person') return `${t.newConversation[r.type]} · ${t.participantsCount(r.participantCount)}`;
    if (!r.messagingDisabled) return r.title;
    return html`${r.title ? `${r.title} · ` : ''}<span class="disabled">${t.newConversation.cantReceive}</span>`;
  }

  private status() {
    const { t } = this.l10n;
    if (this.announcement) return this.announcement;
    return describeSearch(this.search, this.options.length, t, { found: t.newConversation.recipientsFound, none: t.newConversation.noRecipients });
  }

  override updated(changed: PropertyValues) {
    super.updated(changed);
    if (this.expanded) this.showListbox();
    else this.hideListbox();
    if (changed.has('active') && this.active >= 0) {
      this.renderRoot.querySelector(`#option-${this.active}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  private showListbox() {
    if (this.stopPositioning) return;
    this.listbox.showPopover();
    this.stopPositioning = autoUpdate(this.box, this.listbox, () => void this.position());
  }

  private hideListbox() {
    this.stopPositioning?.();
    this.stopPositioning = undefined;
    if (this.listbox?.matches(':popover-open')) this.listbox.hidePopover();
  }

  private async position() {
    const { x, y } = await computePosition(this.box, this.listbox, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(2),
        flip(),
        size({
          padding: 8,
          apply: ({ rects, availableHeight }) => {
            Object.assign(this.listbox.style, { inlineSize: `${rects.reference.width}px`, maxBlockSize: `${Math.max(120, availableHeight)}px` });
          },
        }),
      ],
    });
    Object.assign(this.listbox.style, { left: `${x}px`, top: `${y}px` });
  }

  // ---- Choosing and removing

  private choose(r: Recipient) {
    const { t } = this.l10n;
    this.change([...this.recipients, r]);
    this.search.clear();
    this.open = false;
    this.active = -1;
    this.announcement = t.newConversation.recipientAdded(r.name);
    this.input.focus();
  }

  private async removeChip(r: Recipient) {
    const index = this.recipients.indexOf(r);
    this.removeRecipient(r);
    await this.updateComplete;
    // Focus stays among the chips (the next one, or the one before), else goes to the field.
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('.chip button')];
    const next = buttons[Math.min(index, buttons.length - 1)];
    if (next) {
      this.roving.setCurrent(next);
      next.focus();
    } else {
      this.input.focus();
    }
  }

  private removeRecipient(r: Recipient) {
    this.change(this.recipients.filter((x) => x !== r));
    this.announcement = this.l10n.t.newConversation.recipientRemoved(r.name);
  }

  private change(recipients: Recipient[]) {
    this.recipients = recipients;
    this.emit('im-recipients-change', { recipients });
  }

  // ---- Keyboard and pointer

  private onInput(event: InputEvent) {
    this.announcement = '';
    this.active = -1;
    this.open = true;
    this.search.set((event.target as HTMLInputElement).value);
  }

  private onKeydown(event: KeyboardEvent) {
    const count = this.search.status === 'done' ? this.options.length : 0;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (!count) return;
        event.preventDefault();
        const down = event.key === 'ArrowDown';
        if (!this.expanded) {
          this.open = true;
          this.active = down ? 0 : count - 1;
        } else {
          this.active = down ? (this.active + 1) % count : this.active <= 0 ? count - 1 : this.active - 1;
        }
        break;
      }
      case 'Enter':
        // With nothing highlighted, Enter takes the first match: what a reader who typed a name expects.
        if (this.expanded && count > 0) {
          event.preventDefault();
          this.choose(this.options[this.active >= 0 && this.active < count ? this.active : 0]);
        }
        break;
      case 'Escape':
        // Only an open list is ours to close; otherwise the panel's Escape goes through.
        if (this.expanded) {
          event.preventDefault();
          event.stopPropagation();
          this.open = false;
          this.active = -1;
        }
        break;
      case 'Backspace': {
        const last = this.recipients.at(-1);
        if (!this.input.value && last) {
          event.preventDefault();
          this.removeRecipient(last);
        }
        break;
      }
    }
  }

  private onFocusout(event: FocusEvent) {
    const to = event.relatedTarget as Node | null;
    if (!to || !this.renderRoot.contains(to)) {
      this.open = false;
      this.active = -1;
    }
  }

  /** A pointer's choice; the keyboard's is Enter in the field, which keeps focus (the list's mousedown is cancelled). */
  private onListboxClick(event: MouseEvent) {
    const option = (event.target as HTMLElement).closest<HTMLElement>('[role="option"]');
    const r = option ? this.options[Number(option.dataset.index)] : undefined;
    if (r) this.choose(r);
  }

  private onChipsKeydown(event: KeyboardEvent) {
    this.roving.handleKeydown(event);
  }

  private onChipsFocusin(event: FocusEvent) {
    this.roving.setCurrent(event.target as HTMLElement);
  }

  /** Focuses the text field. */
  override focus(options?: FocusOptions) {
    this.input?.focus(options);
  }
}
