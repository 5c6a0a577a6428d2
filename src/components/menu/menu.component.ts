import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { emit } from '../shared/events.js';
import { isTabKey } from '../shared/tab-key.js';
import { theme } from '../shared/shared.styles.js';
import styles, { menuTrigger } from './menu.styles.js';
import { dotsIcon } from '../shared/icons.js';

export interface MenuItem {
  id: string;
  /** Its accessible name, and what it shows unless it has a `symbol`. */
  label: string;
  /** Destructive: shown in red. */
  danger?: boolean;
  /** A toggle (`menuitemcheckbox`), on or off. */
  checked?: boolean;
  /** Shown instead of the label (an emoji), which stays the item's name. */
  symbol?: string;
  /** Items with the same group name, one after another, form a row labelled by it (`role="group"`). */
  group?: string;
}

/** The items in runs of the same group (an ungrouped item is a run of its own). */
function runs(items: MenuItem[]): MenuItem[][] {
  const out: MenuItem[][] = [];
  for (const item of items) {
    const last = out.at(-1);
    if (item.group && last?.[0].group === item.group) last.push(item);
    else out.push([item]);
  }
  return out;
}

/**
 * @tagname im-menu
 * @summary A "⋯" menu button (APG menu button): the options of a message or a participant.
 *
 * Enter, Space or ArrowDown opens it on the first item, ArrowUp on the last; arrows,
 * Home and End move (in a row of items, a `group`, Left and Right too); Escape closes it
 * and returns focus to the button; Tab closes it and moves on to what follows the button
 * (Shift+Tab to what precedes it). An item may be a toggle (`checked`: a
 * menuitemcheckbox, chosen with Enter or Space). The menu is a popover in the top layer,
 * placed with Floating UI so it stays on screen.
 *
 * Given an `anchor`, a button outside it, it renders no button of its own: the menu opens
 * by that one (whose `aria-expanded` it keeps), as a feed's messages share one menu made
 * when the reader opens it rather than one each.
 *
 * @csspart trigger - The "⋯" button.
 * @csspart menu - The menu.
 *
 * @fires {CustomEvent<{ id: string }>} im-menu-select - An item was chosen.
 */
export class ImMenu extends LitElement {
  static override styles = [theme, menuTrigger, styles];

  /** Accessible name of the button and menu, e.g. "More options for message from Kari, 10:42". */
  @property() label = '';

  /** The items, in order. */
  @property({ attribute: false }) items: MenuItem[] = [];

  /** The button that opens the menu, when it is not the menu's own "⋯" (none is rendered then). */
  @property({ attribute: false }) anchor?: HTMLElement;

  @state() private open = false;
  @query('[part="trigger"]') private ownTrigger?: HTMLButtonElement;
  @query('[part="menu"]') private menu!: HTMLElement;
  private stopPositioning?: () => void;

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.teardown();
  }

  /** The button the menu opens by: the anchor, or its own. */
  private get trigger(): HTMLElement {
    return this.anchor ?? this.ownTrigger!;
  }

  override render() {
    return html`${this.anchor ? nothing : this.renderTrigger()}
      <div part="menu" id="menu" role="menu" aria-label=${this.label} popover="manual" @keydown=${this.onMenuKeydown} @focusout=${this.onFocusout}>
        ${this.open
          ? runs(this.items).map((run) =>
              run[0].group ? html`<div role="group" class="row" aria-label=${run[0].group}>${run.map((item) => this.renderItem(item))}</div>` : this.renderItem(run[0]),
            )
          : nothing /* Its items are made when it opens. */}
      </div>`;
  }

  private renderTrigger() {
    return html`<button
        part="trigger"
        class="menu-trigger"
        type="button"
        aria-label=${this.label}
        aria-haspopup="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="menu"
        @click=${() => (this.open ? this.close() : this.show('first'))}
        @keydown=${this.onTriggerKeydown}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">${dotsIcon}</svg>
      </button>`;
  }

  private renderItem(item: MenuItem) {
    const toggle = item.checked !== undefined;
    return html`<button
      role=${toggle ? 'menuitemcheckbox' : 'menuitem'}
      type="button"
      tabindex="-1"
      class=${item.danger ? 'danger' : ''}
      aria-checked=${toggle ? String(item.checked) : nothing}
      aria-label=${item.symbol ? item.label : nothing}
      @click=${() => this.choose(item)}
    >
      ${item.symbol ?? item.label}
    </button>`;
  }

  /** Opens the menu with focus on its first or last item. */
  async show(focus: 'first' | 'last' = 'first') {
    if (!this.items.length) return;
    this.open = true;
    this.anchor?.setAttribute('aria-expanded', 'true');
    await this.updateComplete;
    this.menu.showPopover();
    this.stopPositioning = autoUpdate(this.trigger, this.menu, () => void this.position());
    await this.position();
    const items = this.menuItems();
    (focus === 'first' ? items[0] : items.at(-1))?.focus();
    document.addEventListener('pointerdown', this.onOutsidePointer, true);
  }

  /** Closes the menu; focus returns to the button unless `returnFocus` is false. */
  close(returnFocus = true) {
    if (!this.open) return;
    this.open = false;
    this.teardown();
    if (returnFocus) this.trigger.focus();
  }

  private teardown() {
    this.anchor?.setAttribute('aria-expanded', 'false');
    this.stopPositioning?.();
    this.stopPositioning = undefined;
    document.removeEventListener('pointerdown', this.onOutsidePointer, true);
    if (this.menu?.matches(':popover-open')) this.menu.hidePopover();
  }

  private async position() {
    const rtl = getComputedStyle(this).direction === 'rtl';
    const { x, y } = await computePosition(this.trigger, this.menu, {
      strategy: 'fixed',
      placement: rtl ? 'bottom-start' : 'bottom-end',
      middleware: [offset(4), flip(), shift({ padding: 8 })],
    });
    Object.assign(this.menu.style, { left: `${x}px`, top: `${y}px` });
  }

  private menuItems() {
    return [...this.menu.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
  }

  private choose(item: MenuItem) {
    this.close();
    emit(this, 'im-menu-select', { id: item.id });
  }

  private onTriggerKeydown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      void this.show(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  }

  private onMenuKeydown(event: KeyboardEvent) {
    const items = this.menuItems();
    const index = items.indexOf(this.shadowRoot!.activeElement as HTMLElement);
    const go = (i: number) => items[(i + items.length) % items.length].focus();
    // In a row (the reactions), Left and Right move too, as the eye reads it.
    const rtl = getComputedStyle(this).direction === 'rtl';
    if (isTabKey(event)) {
      // APG menu button: Tab closes the menu and moves on. Focus goes back to the button
      // first, and the browser's own Tab (not prevented) then moves on from there.
      this.close();
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
        go(index + 1);
        break;
      case 'ArrowUp':
        go(index - 1);
        break;
      case 'ArrowRight':
      case 'ArrowLeft':
        if (!(event.composedPath()[0] as HTMLElement).closest?.('[role="group"]')) return;
        go(index + ((event.key === 'ArrowRight') !== rtl ? 1 : -1));
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(items.length - 1);
        break;
      case 'Escape':
        // Handled here, so the panel around us stays open.
        event.stopPropagation();
        this.close();
        break;
      default: {
        // Typeahead: the next item starting with the typed letter. Space is the item's own (it toggles a checkbox item).
        if (event.key.length !== 1 || event.key === ' ' || event.ctrlKey || event.metaKey || event.altKey) return;
        const letter = event.key.toLocaleLowerCase();
        const order = [...items.slice(index + 1), ...items.slice(0, index + 1)];
        order.find((item) => item.textContent!.trim().toLocaleLowerCase().startsWith(letter))?.focus();
      }
    }
    event.preventDefault();
  }

  private onFocusout(event: FocusEvent) {
    const to = event.relatedTarget as Node | null;
    if (to && !this.menu.contains(to) && to !== this.trigger) this.close(false);
  }

  private onOutsidePointer = (event: PointerEvent) => {
    // On the anchor, its own click decides (it closes the menu).
    const path = event.composedPath();
    if (!path.includes(this) && !(this.anchor && path.includes(this.anchor))) this.close(false);
  };
}
