import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { tabbable } from 'tabbable';
import type { StoreState } from '../../state/store.js';
import { Announcer } from '../shared/announcer.js';
import { CommandRunner } from '../shared/command-runner.js';
import { deepActiveElement } from '../shared/deep-active.js';
import { isTabKey } from '../shared/tab-key.js';
import '../conversation-list/conversation-list.js';
import '../notification-settings/notification-settings.js';
import type { ConversationResult, ImConversationList } from '../conversation-list/conversation-list.component.js';
import { describeSearch } from '../shared/describe.js';
import { SearchController } from '../shared/search-controller.js';
import { errorLine, iconButton, primaryButton, theme, visuallyHidden } from '../shared/shared.styles.js';
import { searchField } from '../shared/search-field.js';
import { sideSheet } from '../shared/side-sheet.styles.js';
import { StoreElement } from '../shared/store-element.js';
import styles from './panel.styles.js';
import { bellIcon, closeIcon, plusIcon, searchIcon } from '../shared/icons.js';

/** Whether any conversation of the list has unread messages, a muted one too (the badge leaves those out). */
const hasUnread = (s: StoreState) => s.unread > 0 || s.order.some((id) => (s.conversations.get(id)?.unreadCount ?? 0) > 0);

/** How long focus rests on the dialog itself as it opens, for its name to be said before focus moves on. */
const DIALOG_NAME_MS = 250;
/** How long the closed panel stays in the accessibility tree (unseen) while focus goes back (see `handOverFocus`). */
const FOCUS_HANDOVER_MS = 250;

/**
 * @tagname im-panel
 * @summary The slide-in panel: a dialog with the conversation list, search, "New message", "Mark all as read", and the connection state.
 *
 * A modal dialog (APG): focus moves in when it opens; Escape, the close button or a
 * click outside closes it. An open conversation or form goes in the `view` slot and
 * takes the place of the list. "Mark all as read" keeps focus, says what it did and then
 * reads as unavailable (`aria-disabled`) until something is unread again.
 *
 * @slot view - What is open instead of the list: a conversation, the new-message form.
 * @csspart panel - The dialog.
 * @csspart new-message - The "New message" button.
 * @csspart search - The search field.
 * @csspart notifications - The button that shows the reader's notification settings.
 * @csspart mark-all-read - The "Mark all as read" button above the list (`aria-disabled` while nothing is unread).
 * @cssprop --im-panel-width - Width on wide screens; the panel is full width below 30rem.
 *
 * @fires {CustomEvent<Record<string, never>>} im-close - The panel closed (Escape, close button, outside click).
 * @fires {CustomEvent<Record<string, never>>} im-new-conversation-open - The reader asks for the new-message form.
 * @fires {CustomEvent<Record<string, never>>} im-reports-open - A teacher or administrator asks for the abuse reports they review.
 * @fires {CustomEvent<{ conversationId: string; seq?: number }>} im-conversation-open - From the list inside.
 */
export class ImPanel extends StoreElement {
  static override styles = [theme, visuallyHidden, iconButton, sideSheet, searchField, primaryButton, errorLine, styles];

  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Something is in the `view` slot: the list and search step aside. */
  @property({ type: Boolean, reflect: true, attribute: 'view-open' }) viewOpen = false;

  /** The open conversation, marked in the list. */
  @property({ attribute: 'current-id' }) currentId = '';


  /** The reader's notification settings are shown, under the header (a disclosure). */
  @state() private notificationsOpen = false;

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('im-conversation-list') private list?: ImConversationList;
  @query('[part="search"]') private searchField?: HTMLInputElement;

  private readonly announcer = new Announcer(this);
  private readonly commands = new CommandRunner(this, () => this.l10n.t);
  protected override selectState(s: StoreState) {
    return [s.connection, s.user, s.order.length > 0, hasUnread(s)];
  }

  private readonly search = new SearchController<ConversationResult[]>(this, async (query) => {
    const store = this.data.store;
    return store ? store.searchConversations(query) : [];
  });

  override render() {
    const { t } = this.l10n;
    const connection = this.data.state?.connection;
    const connectionText =
      connection === 'reconnecting' ? t.reconnecting : connection === 'connecting' ? t.connecting : connection === 'disconnected' && this.data.store ? t.offline : '';
    return html`<dialog part="panel" tabindex="-1" aria-labelledby="title" @cancel=${this.onCancel} @keydown=${this.onKeydown}>
      <header>
        <h2 id="title">${t.messagesTitle}</h2>
        <button class="icon-button" type="button" aria-label=${t.close} @click=${this.close}>
          <svg viewBox="0 0 24 24" aria-hidden="true">${closeIcon}</svg>
        </button>
      </header>
      <p class="connection" role="status">${connectionText || nothing}</p>
      <div class="home" ?hidden=${this.viewOpen}>
        <div class="toolbar">
          ${this.data.state?.user?.messagingDisabled
            ? nothing /* The reason is said below; no button that leads nowhere. */
            : html`<button part="new-message" class="primary-button" type="button" @click=${() => this.emit('im-new-conversation-open', {})}>
                <svg viewBox="0 0 24 24" aria-hidden="true">${plusIcon}</svg>${t.newMessage}
              </button>`}
          ${this.data.state?.user && this.data.state.user.role !== 'student'
            ? html`<button part="reports" class="secondary" type="button" @click=${() => this.emit('im-reports-open', {})}>${t.reports.title}</button>`
            : nothing}
          <div class="search-field">
            <svg viewBox="0 0 24 24" aria-hidden="true">${searchIcon}</svg>
            <input
              part="search"
              type="search"
              aria-label=${t.searchConversations}
              placeholder=${t.searchConversations}
              enterkeyhint="search"
              .value=${this.search.query}
              @input=${(e: InputEvent) => this.search.set((e.target as HTMLInputElement).value)}
              @keydown=${this.onSearchKeydown}
            />
          </div>
          <button
            part="notifications"
            class="icon-button"
            type="button"
            aria-label=${t.notifications.title}
            aria-expanded=${this.notificationsOpen ? 'true' : 'false'}
            aria-controls="notifications"
            @click=${() => (this.notificationsOpen = !this.notificationsOpen)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">${bellIcon}</svg>
          </button>
        </div>
        <im-notification-settings id="notifications" .store=${this.data.store} ?hidden=${!this.notificationsOpen}></im-notification-settings>
        ${this.data.state?.user?.messagingDisabled ? html`<p class="messaging-off">${t.messagingOffForYou}</p>` : nothing}
        <p class="search-status" role="status">${this.searchStatus()}</p>
        <p class="error" role="alert">${this.commands.error}</p>
        ${this.renderListHeader()}
        <im-conversation-list
          exportparts="item, badge, muted-icon, pinned-icon"
          .store=${this.data.store}
          .results=${this.search.query ? (this.search.results ?? []) : undefined}
          current-id=${this.currentId}
        ></im-conversation-list>
      </div>
      <slot name="view"></slot>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcer.text}</div>
    </dialog>`;
  }

  /**
   * Tab from the panel's last control goes round to its first, and Shift+Tab from the first to
   * the last, as in any modal dialog (APG). Left to the browser, focus went out to its own
   * controls, and Firefox did not bring it back into a dialog in a shadow root: a keyboard
   * user was left outside the panel. The controls are looked for through the shadow roots of
   * the list and the conversation view in it.
   */
  private onKeydown(event: KeyboardEvent) {
    if (!isTabKey(event) || event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const controls = tabbable(this.dialog, { getShadowRoot: true });
    const [first, last] = [controls[0], controls.at(-1)];
    // The dialog itself has focus for a moment as it opens: from there too, not out of it.
    const active = deepActiveElement();
    if (active !== this.dialog && active !== (event.shiftKey ? first : last)) return;
    event.preventDefault();
    (event.shiftKey ? last : first)?.focus();
  }

  /** Above the list (not over search results): "Mark all as read", there while the list has conversations. */
  private renderListHeader() {
    const state = this.data.state;
    if (this.search.query || !state?.order.length) return nothing;
    const { t } = this.l10n;
    const idle = this.commands.busy || !hasUnread(state);
    return html`<div class="list-header">
      <button part="mark-all-read" class="secondary" type="button" aria-disabled=${idle ? 'true' : 'false'} @click=${this.markAllRead}>${t.markAllRead}</button>
    </div>`;
  }

  /** Reads every conversation; focus stays on the button, which says it was done and then reads as unavailable. */
  private markAllRead = async () => {
    const state = this.data.state;
    const store = this.data.store;
    if (!store || !state || this.commands.busy || !hasUnread(state)) return;
    if (await this.commands.run(() => store.markAllRead())) void this.announcer.say(this.l10n.t.allMarkedRead);
  };

  private searchStatus() {
    const { t } = this.l10n;
    return describeSearch(this.search, this.search.results?.length ?? 0, t, { found: t.resultsFound, none: t.noResults });
  }

  override firstUpdated() {
    // Outside clicks close the panel; the keyboard's way out is Escape (the dialog's own cancel).
    this.dialog.addEventListener('click', (event) => this.onDialogClick(event));
  }

  override updated(changed: PropertyValues<this>) {
    if (changed.has('open')) {
      if (this.open && !this.dialog.matches(':modal')) {
        this.finishClosing();
        // The dialog takes focus first, alone, so a screen reader says its name ("Messages"):
        // the bubble behind turns inert at once, and a focus moved on in the same moment is
        // heard without it (or not at all). Then where the reader wants to be: the list's
        // current conversation, or the view still open from before (a conversation's heading).
        // A view opening now (a notification clicked) takes focus itself.
        this.dialog.showModal();
        this.dialog.focus();
        setTimeout(() => void (this.dialog.matches(':focus') && (this.viewOpen ? this.focusView() : this.focusHome())), DIALOG_NAME_MS);
      } else if (!this.open && this.dialog.matches(':modal')) {
        this.handOverFocus();
      }
    }
  }

  private closing?: ReturnType<typeof setTimeout>;

  /**
   * Closes in two steps, so a screen reader hears where focus lands. Closing a modal
   * dialog takes away what had focus in the same moment as focus goes back (to the
   * bubble), and Orca then moves to it without a word. So the dialog turns non-modal
   * first, still there but unseen, the page behind usable again; focus goes back to
   * where it was before the panel opened, from an element that still exists; and the
   * dialog closes a moment later. (WebKit's `close()` gives focus back only from the dialog's
   * own subtree, not from a view slotted into it, such as a conversation's heading: there
   * the messenger puts it back on the bubble.)
   */
  private handOverFocus() {
    this.dialog.close();
    const back = deepActiveElement();
    this.dialog.show();
    this.toggleAttribute('closing', true);
    back?.focus();
    this.closing = setTimeout(() => this.finishClosing(), FOCUS_HANDOVER_MS);
  }

  private finishClosing() {
    clearTimeout(this.closing);
    this.toggleAttribute('closing', false);
    if (!this.dialog.open) return;
    const focused = deepActiveElement();
    this.dialog.close();
    // WebKit's close() sends focus back to what had it when the dialog was shown, even from
    // outside the dialog: to a conversation's heading, hidden now, so to nowhere. It stays put.
    if (focused && deepActiveElement() !== focused) focused.focus();
  }

  /** Puts focus on the view in place of the list (a conversation, the form, the reports). */
  private focusView() {
    const view = this.renderRoot.querySelector<HTMLSlotElement>('slot[name="view"]')?.assignedElements()[0];
    if (view instanceof HTMLElement) view.focus();
    else void this.focusHome();
  }

  /** Puts focus on the list (or the search field when the list is empty). */
  async focusHome() {
    if (await this.list?.ready()) this.list!.focus();
    else this.searchField?.focus();
  }

  /** Focuses a conversation in the list (coming back from it; `reports` or `new` for those buttons), or the list's tab stop. */
  async focusConversation(conversationId: string) {
    await this.updateComplete;
    await this.list?.updateComplete;
    // Back from the reports or the new-message form: on the button that opened them.
    if (conversationId === 'reports') this.renderRoot.querySelector<HTMLElement>('[part="reports"]')?.focus();
    else if (conversationId === 'new') this.renderRoot.querySelector<HTMLElement>('[part="new-message"]')?.focus();
    else if (!(await this.list?.focusConversation(conversationId))) await this.focusHome();
  }

  /** Says something politely from inside the panel (a live region outside a modal dialog is not heard). */
  announce(text: string) {
    void this.announcer.say(text);
  }

  /** Closes the panel. */
  close() {
    if (!this.open) return;
    this.open = false;
    this.emit('im-close', {});
  }

  private onCancel(event: Event) {
    // Escape: we close through `open`, so state and dialog never disagree.
    event.preventDefault();
    this.close();
  }

  private onDialogClick(event: MouseEvent) {
    // A click on the backdrop lands on the dialog itself, outside its box.
    if (event.target !== this.dialog) return;
    const box = this.dialog.getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) this.close();
  }

  private onSearchKeydown(event: KeyboardEvent) {
    // Escape in a filled search field clears it, not the whole panel.
    if (event.key === 'Escape' && this.search.query) {
      event.preventDefault();
      event.stopPropagation();
      this.search.clear();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.list?.focus();
    }
  }
}
