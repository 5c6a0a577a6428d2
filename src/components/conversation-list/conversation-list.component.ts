import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { formatFullTime, formatListTime } from '../../l10n/format.js';
import type { ConversationMatch } from '../../model/types.js';
import type { StoreState } from '../../state/store.js';
import '../avatar/avatar.js';
import { avatarOf, conversationName, describeError, previewSender, previewText } from '../shared/describe.js';
import { sentences, spokenTime } from '../shared/spoken.js';
import { highlight } from '../shared/highlight.js';
import { mutedIcon, pinIcon } from '../shared/icons.js';
import { NowController } from '../shared/now-controller.js';
import { itemRow, outlinedButton, theme, visuallyHidden } from '../shared/shared.styles.js';
import { StoreElement } from '../shared/store-element.js';
import { positionRowsInOnePass } from '../shared/virtualizer-patch.js';
import styles from './conversation-list.styles.js';

/** A search result: the conversation and where the match is, its name or a message. */
export type ConversationResult = ConversationMatch;

/** Given, not left to the virtualizer to import on first use (a chunk fetched, frames lost). */
const LAYOUT = flow();
/**
 * The same, letting go of the row the virtualizer pinned on screen when asked to scroll to
 * one it had not rendered. It holds it there until the reader scrolls, and it can take our
 * own scrolling for its correction of the row's place: a later move would snap back to it.
 */
// The config is assigned to the layout's properties: its `pin` setter takes null, its type only an absent pin.
const UNPINNED = { ...LAYOUT, pin: null } as unknown as typeof LAYOUT;

/** How many conversations before the end of those loaded the next page is asked for. */
const LOAD_AHEAD = 5;

const nextFrame = () => new Promise((frame) => requestAnimationFrame(frame));

/**
 * @tagname im-conversation-list
 * @summary The reader's conversations, the pinned ones first and then the newest, updating live; or search results when given `results`.
 *
 * A list box (screen readers hand it the arrow keys), one tab stop: arrows, Page Up and
 * Page Down, Home and End move between conversations, Enter opens one. Each is named in
 * sentences, the date in full words, with its place in the list. Only the conversations
 * near the screen are rendered, so thousands cost what a screenful does; focus stays on
 * the focused conversation when the list reorders or scrolls. Scrolling to the end loads more.
 *
 * @csspart item - A conversation's button.
 * @csspart badge - A conversation's unread count.
 * @csspart muted-icon - The struck-through bell of a conversation the reader muted (its name says "Muted").
 * @csspart pinned-icon - The pin of a conversation the reader pinned to the top (its name says "Pinned").
 *
 * @fires {CustomEvent<{ conversationId: string; seq?: number }>} im-conversation-open - The reader opens a conversation (at a search hit's message when `seq` is set).
 */
export class ImConversationList extends StoreElement {
  static override styles = [theme, visuallyHidden, itemRow, outlinedButton, styles];

  /** The open conversation, marked `aria-current`. */
  @property({ attribute: 'current-id' }) currentId = '';

  /** Search results to show instead of the conversations; `undefined` shows the conversations. */
  @property({ attribute: false }) results?: ConversationResult[];

  @query('lit-virtualizer') private scroller?: LitVirtualizer;

  private readonly clock = new NowController(this);
  protected override selectState(s: StoreState) {
    return [s.order, s.conversations, s.listState, s.user];
  }

  /** What the list box holds, in order: the conversations or the search results. */
  private shown: ConversationMatch[] = [];
  /** The conversations on screen, as indexes into `shown`. */
  private visible = { first: 0, last: -1 };
  /** The conversation that is the one tab stop: the one last focused. */
  private stop?: string;
  /**
   * The conversation that had focus, while it has it (no pointer pressed since): when a
   * render or scrolling takes its button away, focus comes back to the list, never to the page.
   */
  private focused?: string;
  private virtualizerPatched = false;
  private layout: typeof LAYOUT = LAYOUT;
  /** Set while focus moves to a conversation not rendered yet: focus lost on the way is not given back elsewhere. */
  private moving = false;
  /** Set while the virtualizer renders a new range (focus lost then was taken by the render). */
  private rendering = false;

  override render() {
    const { t } = this.l10n;
    const state = this.data.state;
    if (!state) return nothing;
    if (this.results) return this.renderList(this.results, t.searchConversations, this.results.length, false);
    if (state.listState === 'error' && state.order.length === 0) {
      return html`<div class="message" role="alert">
        ${t.listError(state.listError ? describeError(state.listError, t) : '')}<br />
        <button type="button" class="outlined-button" @click=${() => this.data.store?.retryList()}>${t.retry}</button>
      </div>`;
    }
    if (state.order.length === 0) {
      this.shown = [];
      const loading = state.listState !== 'loaded';
      return html`<p class="message" aria-busy=${loading ? 'true' : 'false'}>${loading ? t.loadingConversations : t.noConversations}</p>`;
    }
    const items = state.order.map((id) => ({ conversation: state.conversations.get(id)! }));
    const more = !!this.data.store?.hasMoreConversations;
    const loading = state.listState === 'loading';
    // While more can load, how many there are is not known (-1, as ARIA has it for that).
    return html`${this.renderList(items, t.conversations, more ? -1 : items.length, loading)}
      ${loading ? html`<p class="message more">${t.loadingMore}</p>` : nothing}`;
  }

  private renderList(items: ConversationMatch[], label: string, size: number, loading: boolean) {
    this.shown = items;
    // A list box, so screen readers hand the arrow keys to it (focus mode) as they do for any list box.
    return html`<lit-virtualizer
      scroller
      role="listbox"
      aria-label=${label}
      aria-busy=${loading ? 'true' : 'false'}
      .layout=${this.layout}
      .items=${items}
      .keyFunction=${(item: ConversationMatch) => item.conversation.id}
      .renderItem=${(item: ConversationMatch, index: number) => this.renderItem(item, index, size)}
      @keydown=${this.onKeydown}
      @focusin=${this.onFocusin}
      @focusout=${this.onFocusout}
      @pointerdown=${this.onPointerdown}
      @rangeChanged=${this.onRange}
      @visibilityChanged=${this.onVisibility}
    ></lit-virtualizer>`;
  }

  private renderItem({ conversation: c, hit, nameRanges }: ConversationMatch, index: number, size: number) {
    const { t, locale } = this.l10n;
    const me = this.data.state?.user?.id;
    const avatar = avatarOf(c);
    const unread = c.unreadCount > 0 && !hit;
    const name = conversationName(c, t);
    const state = c.deleted ? t.deletedConversation : c.closed ? t.closedConversation : '';
    const sender = previewSender(c, me, t);
    const preview = c.lastMessage ? previewText(c.lastMessage, t) : '';
    const line = hit ? hit.snippet : sender && preview ? t.fromSender(sender, preview) : preview;
    const time = hit?.createdAt ?? c.lastActivityAt;
    const when = formatListTime(time, this.clock.now, locale);
    // One name in sentences a screen reader pauses between, the date in full words:
    // "Maths study group, Group conversation. Last activity Monday 30 November at 07:03.
    // Emma Hansen: See you. 5 unread messages". It comes from the content (one hidden
    // text; what is seen is hidden from the tree), so it starts with the name seen, which
    // voice control says. One string, because Chromium puts a space before a visually
    // hidden part ("Maths , Group conversation").
    const pinned = !!c.pinnedAt && !hit;
    const label = sentences([
      [name, t.kind[c.kind], state, pinned ? t.pinned : ''].filter(Boolean).join(', '),
      t.lastActivity(spokenTime(time, this.clock.now, t, locale)),
      hit ? hit.snippet : line,
      unread ? t.unreadMessages(c.unreadCount) : '',
      c.muted ? t.muted : '',
    ]);
    // The tab stop and the selection (which follows focus) are set on the rendered buttons
    // by `applyTabStop`, as the virtualizer renders them: they start out of the tab order.
    return html`<button
      part="item"
      type="button"
      role="option"
      tabindex="-1"
      aria-selected="false"
      aria-posinset=${index + 1}
      aria-setsize=${size}
      data-id=${c.id}
      class=${unread ? 'unread' : ''}
      aria-current=${this.currentId === c.id ? 'true' : nothing}
      @click=${() => this.emit('im-conversation-open', hit ? { conversationId: c.id, seq: hit.seq } : { conversationId: c.id })}
    >
      <im-avatar kind=${avatar.kind} name=${avatar.name} src=${avatar.src} color=${avatar.color}></im-avatar>
      <span class="name" dir="auto" aria-hidden="true"
        ><span dir="auto">${nameRanges ? highlight({ snippet: name, ranges: nameRanges }) : name}</span>${state ? html`<span class="state">${state}</span>` : nothing}</span>
      <time datetime=${new Date(time).toISOString()} title=${formatFullTime(time, locale)} aria-hidden="true">${when}</time>
      <span class="preview" dir="auto" aria-hidden="true">${hit ? highlight(hit) : line}</span>
      ${unread || c.muted || pinned
        ? html`<span class="marks" aria-hidden="true"
            >${pinned ? html`<svg part="pinned-icon" viewBox="0 0 24 24">${pinIcon}</svg>` : nothing}${c.muted
              ? html`<svg part="muted-icon" viewBox="0 0 24 24">${mutedIcon}</svg>`
              : nothing}${unread
              ? html`<span part="badge">${t.unreadBadge(c.unreadCount)}</span>`
              : nothing}</span
          >`
        : nothing}
      <span class="visually-hidden">${label}</span>
    </button>`;
  }

  /** A burst of messages (each in a task of its own) re-renders the list once a frame, not once a message. */
  protected override async scheduleUpdate() {
    await this.data.paced();
    super.scheduleUpdate();
  }

  override updated(changed: PropertyValues) {
    super.updated(changed);
    const { scroller } = this;
    if (scroller && !this.virtualizerPatched) void scroller.updateComplete.then(() => (this.virtualizerPatched ||= positionRowsInOnePass(scroller)));
  }

  /** Focuses the list's tab stop: the conversation last focused, or the first on screen. */
  override focus(options?: FocusOptions) {
    this.applyTabStop();
    const item = this.renderRoot.querySelector<HTMLElement>('[part="item"][tabindex="0"]');
    if (item) item.focus(options);
    else super.focus(options);
  }

  /** Resolves once the conversations are on screen (the virtualizer takes a few frames); false when there are none. */
  async ready(): Promise<boolean> {
    await this.updateComplete;
    for (let frames = 0; this.shown.length && !this.rendered().length && frames < 30; frames++) await nextFrame();
    this.applyTabStop();
    return this.rendered().length > 0;
  }

  /** Focuses a conversation, scrolling it into view, and makes it the tab stop; false when it is not in the list. */
  async focusConversation(conversationId: string): Promise<boolean> {
    await this.updateComplete;
    const index = this.shown.findIndex((item) => item.conversation.id === conversationId);
    return index >= 0 && (await this.moveTo(index));
  }

  /** The rendered buttons (the virtualizer renders those near the screen). */
  private rendered() {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[part="item"]')];
  }

  private button(conversationId: string | undefined) {
    return conversationId === undefined ? undefined : this.rendered().find((b) => b.dataset.id === conversationId);
  }

  /**
   * Makes exactly one rendered button tabbable, and selected: the tab stop's, or while it
   * is not rendered the first on screen, so Tab always finds the list and never scrolls it.
   */
  private applyTabStop() {
    const buttons = this.rendered();
    const stop = this.button(this.stop) ?? this.button(this.shown[this.visible.first]?.conversation.id) ?? buttons[0];
    for (const button of buttons) {
      const current = button === stop;
      // Only what changes is written: this runs as the list scrolls, for every rendered button.
      if (button.tabIndex !== (current ? 0 : -1)) button.tabIndex = current ? 0 : -1;
      if (button.ariaSelected !== String(current)) button.ariaSelected = String(current);
    }
  }

  /** Focuses the conversation at `index`, scrolling it into view (rendering it first if need be); false if it could not be. */
  private async moveTo(index: number): Promise<boolean> {
    const id = this.shown[index]?.conversation.id;
    if (id === undefined) return false;
    this.stop = id;
    this.moving = true;
    let pinned = false;
    for (let frames = 0; this.scroller && !this.button(id) && frames < 30; frames++) {
      this.scroller.element(index)?.scrollIntoView({ block: 'nearest' });
      pinned = true;
      await nextFrame();
    }
    if (pinned) await this.unpin();
    this.moving = false;
    this.applyTabStop();
    const button = this.button(id);
    button?.focus({ preventScroll: true });
    button?.scrollIntoView({ block: 'nearest' });
    return !!button;
  }

  /** Lets go of the virtualizer's pin (once: the next render passes the layout without one). */
  private async unpin() {
    this.layout = UNPINNED;
    this.requestUpdate();
    await this.updateComplete;
    // The virtualizer takes a new layout asynchronously, after it has rendered.
    await this.scroller?.updateComplete;
    await nextFrame();
    this.layout = LAYOUT;
  }

  private onKeydown(event: KeyboardEvent) {
    const id = (event.target as HTMLElement).closest<HTMLElement>('[part="item"]')?.dataset.id;
    const at = this.shown.findIndex((item) => item.conversation.id === id);
    if (at < 0) return;
    const last = this.shown.length - 1;
    const screenful = Math.max(1, this.visible.last - this.visible.first);
    const targets: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      PageDown: at + screenful,
      PageUp: at - screenful,
      Home: 0,
      End: last,
    };
    const target = targets[event.key];
    if (target === undefined) return;
    event.preventDefault();
    void this.moveTo(Math.max(0, Math.min(last, target)));
  }

  private onFocusin(event: FocusEvent) {
    const id = (event.target as HTMLElement).closest<HTMLElement>('[part="item"]')?.dataset.id;
    if (!id) return;
    this.stop = this.focused = id;
    this.applyTabStop();
  }

  private onFocusout(event: FocusEvent) {
    // Focus went elsewhere, or nowhere while nothing was rendering (the reader put it there):
    // nothing to give back. Taken by a render, it comes back once the render is done.
    const to = event.relatedTarget as Node | null;
    if (to ? !this.renderRoot.contains(to) : !this.rendering) this.focused = undefined;
  }

  private onPointerdown() {
    this.focused = undefined;
  }

  private onRange() {
    // The virtualizer renders the new range right after this event, within this task.
    this.rendering = true;
    queueMicrotask(() => {
      this.rendering = false;
      this.applyTabStop();
      this.recover();
    });
  }

  private onVisibility(event: Event & { first: number; last: number }) {
    this.visible = { first: event.first, last: event.last };
    this.applyTabStop();
    // The end of what is loaded is coming on screen: the next page, ahead of the reader.
    if (!this.results && event.last >= this.shown.length - LOAD_AHEAD) void this.data.store?.loadConversations();
  }

  /**
   * Focus was on a conversation and is now on nothing (a render moved or dropped its
   * button): back to it, or while it is not rendered to the tab stop, without scrolling.
   */
  private recover() {
    if (!this.focused || this.moving || !this.isConnected) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    const button = this.button(this.focused);
    if (button) {
      button.focus({ preventScroll: true });
      return;
    }
    this.stop = undefined;
    this.focus({ preventScroll: true });
  }
}
