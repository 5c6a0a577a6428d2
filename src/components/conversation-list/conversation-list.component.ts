import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { formatFullTime, formatListTime } from '../../l10n/format.js';
import type { ConversationMatch } from '../../model/types.js';
import type { StoreState } from '../../state/store.js';
import '../avatar/avatar.js';
import { avatarOf, conversationName, describeError, previewSender, previewText } from '../shared/describe.js';
import { sentences, spokenTime } from '../shared/spoken.js';
import { highlight } from '../shared/highlight.js';
import { NowController } from '../shared/now-controller.js';
import { RovingTabindexController } from '../shared/roving-tabindex.js';
import { itemRow, theme, visuallyHidden } from '../shared/shared.styles.js';
import { StoreElement } from '../shared/store-element.js';
import styles from './conversation-list.styles.js';

/** A search result: the conversation and where the match is, its name or a message. */
export type ConversationResult = ConversationMatch;

/**
 * @tagname im-conversation-list
 * @summary The reader's conversations, newest first, updating live; or search results when given `results`.
 *
 * A list box (screen readers hand it the arrow keys), one tab stop: arrows, Home and End
 * move between conversations, Enter opens one. Each is named in sentences, the date in
 * full words. Focus stays on the focused conversation when the list reorders. Scrolling
 * to the end loads more.
 *
 * @csspart item - A conversation's button.
 * @csspart badge - A conversation's unread count.
 *
 * @fires {CustomEvent<{ conversationId: string; seq?: number }>} im-conversation-open - The reader opens a conversation (at a search hit's message when `seq` is set).
 */
export class ImConversationList extends StoreElement {
  static override styles = [theme, visuallyHidden, itemRow, styles];

  /** The open conversation, marked `aria-current`. */
  @property({ attribute: 'current-id' }) currentId = '';

  /** Search results to show instead of the conversations; `undefined` shows the conversations. */
  @property({ attribute: false }) results?: ConversationResult[];


  private readonly clock = new NowController(this);
  protected override selectState(s: StoreState) {
    return [s.order, s.conversations, s.listState, s.user];
  }

  private readonly roving = new RovingTabindexController(this, {
    items: () => [...this.renderRoot.querySelectorAll<HTMLElement>('[part="item"]')],
  });
  private observer?: IntersectionObserver;

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = undefined;
  }

  override render() {
    const { t } = this.l10n;
    const state = this.data.state;
    if (!state) return nothing;
    if (this.results) return this.renderList(this.results, t.searchConversations);
    if (state.listState === 'error' && state.order.length === 0) {
      return html`<div class="message" role="alert">
        ${t.listError(state.listError ? describeError(state.listError, t) : '')}<br />
        <button type="button" @click=${() => this.data.store?.retryList()}>${t.retry}</button>
      </div>`;
    }
    if (state.order.length === 0) {
      const loading = state.listState !== 'loaded';
      return html`<p class="message" aria-busy=${loading ? 'true' : 'false'}>${loading ? t.loadingConversations : t.noConversations}</p>`;
    }
    const items = state.order.map((id) => ({ conversation: state.conversations.get(id)! }));
    return html`${this.renderList(items, t.conversations)}
      ${this.data.store?.hasMoreConversations
        ? html`<p class="message sentinel" aria-busy=${state.listState === 'loading' ? 'true' : 'false'}>${t.loadingMore}</p>`
        : nothing}`;
  }

  private renderList(items: ConversationMatch[], label: string) {
    // A listbox, so screen readers hand the arrow keys to it (focus mode) as they do for any list box.
    return html`<ul role="listbox" aria-label=${label} @keydown=${this.onKeydown} @focusin=${this.onFocusin}>
      ${repeat(
        items,
        (item) => item.conversation.id,
        (item) => html`<li role="none">${this.renderItem(item)}</li>`,
      )}
    </ul>`;
  }

  private renderItem({ conversation: c, hit, nameRanges }: ConversationMatch) {
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
    const label = sentences([
      [name, t.kind[c.kind], state].filter(Boolean).join(', '),
      t.lastActivity(spokenTime(time, this.clock.now, t, locale)),
      hit ? hit.snippet : line,
      unread ? t.unreadMessages(c.unreadCount) : '',
    ]);
    return html`<button
      part="item"
      type="button"
      role="option"
      aria-selected="false"
      data-id=${c.id}
      class=${unread ? 'unread' : ''}
      aria-current=${this.currentId === c.id ? 'true' : nothing}
      @click=${() => this.emit('im-conversation-open', hit ? { conversationId: c.id, seq: hit.seq } : { conversationId: c.id })}
    >
      <im-avatar kind=${avatar.kind} name=${avatar.name} src=${avatar.src} color=${avatar.color}></im-avatar>
      <span class="name" aria-hidden="true"
        ><span dir="auto">${nameRanges ? highlight({ snippet: name, ranges: nameRanges }) : name}</span>${state ? html`<span class="state">${state}</span>` : nothing}</span>
      <time datetime=${new Date(time).toISOString()} title=${formatFullTime(time, locale)} aria-hidden="true">${when}</time>
      <span class="preview" dir="auto" aria-hidden="true">${hit ? highlight(hit) : line}</span>
      ${unread ? html`<span part="badge" aria-hidden="true">${t.unreadBadge(c.unreadCount)}</span>` : nothing}
      <span class="visually-hidden">${label}</span>
    </button>`;
  }

  /** The conversation whose item had focus before a render, to keep it there when the list reorders. */
  private focusedId?: string;

  override willUpdate() {
    this.focusedId = (this.renderRoot as ShadowRoot).activeElement?.closest<HTMLElement>('[part="item"]')?.dataset.id;
  }

  override updated(changed: PropertyValues) {
    super.updated(changed);
    this.watchSentinel();
    // A message arriving moves its conversation to the top; moving the focused item in
    // the DOM drops its focus, so it is given back (it is still the same conversation).
    if (this.focusedId && !(this.renderRoot as ShadowRoot).activeElement) this.focusConversation(this.focusedId);
  }

  /** Loads the next page when the "Loading more…" line scrolls into view. */
  private watchSentinel() {
    const sentinel = this.renderRoot.querySelector('.sentinel');
    this.observer?.disconnect();
    if (!sentinel) return;
    this.observer ??= new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void this.data.store?.loadConversations();
    });
    this.observer.observe(sentinel);
  }

  /** Focuses the current conversation (the one tab stop). */
  override focus(options?: FocusOptions) {
    const item = this.renderRoot.querySelector<HTMLElement>('[part="item"][tabindex="0"]');
    if (item) item.focus(options);
    else super.focus(options);
  }

  /** Focuses a conversation's item, making it the tab stop; false when it is not in the list. */
  focusConversation(conversationId: string): boolean {
    const item = [...this.renderRoot.querySelectorAll<HTMLElement>('[part="item"]')].find((i) => i.dataset.id === conversationId);
    if (!item) return false;
    this.roving.setCurrent(item);
    item.focus();
    return true;
  }

  private onKeydown(event: KeyboardEvent) {
    this.roving.handleKeydown(event);
  }

  private onFocusin(event: FocusEvent) {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[part="item"]');
    if (item) this.roving.setCurrent(item);
  }
}
