import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { formatDay } from '../../l10n/format.js';
import type { AttachmentPolicy } from '../../model/attachments.js';
import type { ImEvent } from '../../model/events.js';
import { canConversation, permissionContextOf, type PermissionContext } from '../../model/permissions.js';
import type { Attachment, ConversationSummary, Message } from '../../model/types.js';
import type { StoreState } from '../../state/store.js';
import '../avatar/avatar.js';
import '../composer/composer.js';
import type { ImComposer } from '../composer/composer.component.js';
import '../dialog/dialog.js';
import { MessageRows } from '../message/message-rows.js';
import messageStyles from '../message/message.styles.js';
import { showSeenBy } from '../seen-by/seen-by.js';
import { Announcer } from '../shared/announcer.js';
import { CommandRunner } from '../shared/command-runner.js';
import { backBar } from '../shared/back-bar.styles.js';
import { avatarOf, conversationName, conversationSubtitle, whyNoComposer } from '../shared/describe.js';
import { deepActiveElement } from '../shared/deep-active.js';
import type { ElementEvent } from '../shared/events.js';
import { backIcon, gearIcon } from '../shared/icons.js';
import { NowController } from '../shared/now-controller.js';
import { errorLine, headingFocus, iconButton, theme, visuallyHidden } from '../shared/shared.styles.js';
import { StoreElement } from '../shared/store-element.js';
import styles from './conversation-view.styles.js';
import { HistoryFocusController } from './history-focus.js';
import { HistoryScrollController } from './history-scroll.js';
import { IncomingController } from './incoming.js';
import { forwardTargets, MessageActionsCache, noActions, runMessageAction, runReaction, type MessageActionContext } from './message-actions.js';
import { buildRows, type Row } from './rows.js';

/**
 * @tagname im-conversation-view
 * @summary One conversation: its header, the history (virtualized, loading older messages as the reader scrolls up) and the composer.
 *
 * Opening it marks what the reader sees as read and puts focus on its heading. New
 * messages stick to the bottom only when the reader is there; otherwise a "New
 * messages" button appears. New messages from others are announced politely, once;
 * errors assertively.
 *
 * Keyboard: the history is one tab stop (an APG feed of messages), so from the
 * heading the message field is two Tabs away. In the history, Up/Down move a message,
 * PageUp/PageDown a screenful, Home/End to the first and last (older messages load on
 * the way up); Enter goes into the focused message (its links, files, quote and ⋯
 * options; Escape comes back), Shift+F10 opens its options; Ctrl+Home goes to the
 * heading and Ctrl+End to the message field. Alt+Shift+M, anywhere in the view, goes
 * to the message field, and from there back to the message last read.
 *
 * Under the reader's latest message someone has seen, its read status: "Seen" in a one-to-one,
 * "Seen by 12 of 28" elsewhere, whose button lists who (`im-seen-by`). It follows reading
 * live and is not announced (see `im-message`).
 *
 * The messages are rendered as `im-message` shows one, but as rows of the view's own
 * shadow root rather than an element each (issue 17): a fling through thousands of them
 * makes and styles rows, not shadow roots.
 *
 * @csspart new-messages - The button that jumps to new messages.
 * @csspart message - A message in the history.
 * @csspart avatar - A message's avatar.
 * @csspart seen - The read status under the reader's message.
 * @csspart reaction - A reaction's button under a message.
 *
 * @fires {CustomEvent<Record<string, never>>} im-back - Back to the list.
 * @fires {CustomEvent<{ conversationId: string }>} im-settings-open - The gear button: the conversation's settings.
 * @fires {CustomEvent<{ conversationId: string; seq?: number }>} im-conversation-open - Go to another conversation (a private reply, a quoted message elsewhere).
 */
export class ImConversationView extends StoreElement {
  static override styles = [theme, visuallyHidden, iconButton, backBar, errorLine, headingFocus, messageStyles, styles];

  /** The conversation shown. */
  @property({ attribute: 'conversation-id' }) conversationId = '';

  /** Size and type rules for files, as the host's backend enforces them, for the composer; unset, `defaultAttachmentPolicy`. */
  @property({ attribute: false }) policy?: AttachmentPolicy;

  /** A message to scroll to and highlight (a search hit). */
  @property({ type: Number }) seq?: number;


  @state() private replyTo?: Message;
  @state() private editing?: Message;
  @state() private highlighted?: number;
  /** The read position when the conversation was opened: where the "unread" marker goes. */
  @state() private unreadAfter?: number;

  @query('lit-virtualizer') private scroller?: LitVirtualizer;
  @query('h2') private heading?: HTMLElement;
  @query('im-composer') private composer?: ImComposer;

  private readonly clock = new NowController(this);
  private readonly announcer = new Announcer(this);
  private readonly commands = new CommandRunner(this, () => this.l10n.t, { oneAtATime: false });
  private rows: Row[] = [];
  private readonly history = new HistoryScrollController(this, () => ({
    scroller: this.scroller,
    rows: this.rows,
    store: this.data.store,
    conversationId: this.conversationId,
    bursting: this.incoming.bursting,
  }));
  private readonly focusing = new HistoryFocusController(this, () => ({
    scroller: this.scroller,
    rows: this.rows,
    visible: this.history.visible,
    loadOlder: () => this.loadOlder(),
    field: () => this.composer,
    heading: () => this.heading,
  }));
  private readonly incoming = new IncomingController(this, { say: (text) => void this.announcer.say(text), t: () => this.l10n.t });
  private readonly actions = new MessageActionsCache();
  private readonly messages = new MessageRows(this, () => ({
    t: this.l10n.t,
    locale: this.l10n.locale,
    feed: true,
    attachmentUrl: this.attachmentUrl,
    whoReacted: this.whoReacted,
    articleOf: (event) => {
      const article = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.parentElement === this.scroller && !!node.dataset.key);
      return article && { article, key: article.dataset.key! };
    },
    // The virtualizer renders the rows after the view, before the next frame.
    rendered: () => this.updateComplete.then(() => new Promise((frame) => requestAnimationFrame(frame))),
    intents: {
      action: (action, message) => void runMessageAction(action, message, this.actionContext()),
      react: (message, emoji, added) => void runReaction(message, emoji, added, this.actionContext()),
      quote: (quote) => this.openQuote(quote),
      retry: (clientId) => void this.commands.run(() => this.data.store!.retry(clientId)),
      discard: (clientId) => this.data.store?.discard(clientId),
      seenBy: (message) => void showSeenBy(this.renderRoot, this.data.store!, message),
    },
  }));
  /** The conversation (and message) last opened, so it is opened once. */
  private opened?: string;

  protected override selectState(s: StoreState) {
    return [s.conversations.get(this.conversationId), s.windows.get(this.conversationId), s.outbox, s.user, s.readStatus.get(this.conversationId)];
  }

  protected override storeChanged() {
    if (this.conversationId) void this.open();
  }

  override connectedCallback() {
    super.connectedCallback();
    // Back in the page (moved, or shown again): open it afresh.
    if (this.data.store && this.conversationId) void this.open();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.opened = undefined;
  }

  /**
   * During a burst of incoming messages (each in a task of its own, as WebSocket
   * messages arrive), renders every few frames, so they are laid out together rather
   * than one by one. Otherwise at once, so scrolling and loading stay in step.
   */
  protected override async scheduleUpdate() {
    await this.incoming.paced();
    super.scheduleUpdate();
  }

  override willUpdate(changed: PropertyValues<this>) {
    if ((changed.has('conversationId') || changed.has('seq')) && this.data.store && this.hasUpdated) void this.open();
    const state = this.data.state;
    const conversation = state?.conversations.get(this.conversationId);
    const window = state?.windows.get(this.conversationId);
    const pending = state?.outbox.filter((p) => p.conversationId === this.conversationId) ?? [];
    const previous = this.rows;
    this.rows = buildRows(window?.messages ?? [], pending, {
      unreadAfter: this.unreadAfter !== undefined && this.unreadAfter < (conversation?.lastSeq ?? 0) ? this.unreadAfter : undefined,
      complete: !!window && !window.hasMoreBefore && !window.loading,
    });
    this.history.placeAfterChange(previous, this.rows, state?.user?.id);
  }

  /** Loads the conversation and frames it: at a search hit, at the first unread, or at the end. */
  private async open() {
    const store = this.data.store;
    const opening = `${this.conversationId}@${this.seq ?? ''}`;
    // The store arriving and the element connecting both ask; the reader must not be sent back to the heading twice.
    if (!store || !this.conversationId || this.opened === opening) return;
    this.opened = opening;
    const id = this.conversationId;
    const focusedBefore = deepActiveElement();
    this.replyTo = undefined;
    this.editing = undefined;
    this.history.reset();
    this.commands.clear();
    this.unreadAfter = store.state.conversations.get(id)?.readUpTo;
    try {
      if (this.seq) await store.loadAround(id, this.seq);
      else await store.openConversation(id);
    } catch (error) {
      this.commands.fail(error);
      return;
    }
    if (id !== this.conversationId) return;
    this.unreadAfter ??= store.state.conversations.get(id)?.readUpTo;
    await this.updateComplete;
    if (this.seq) {
      this.highlighted = this.seq;
      const found = this.rows.findIndex((r) => r.type === 'message' && r.message.seq === this.seq);
      this.history.frame(found, 'center');
      // The first Tab goes to the message the reader searched for.
      this.focusing.remember(this.rows[found]?.key);
    } else {
      const unread = this.rows.findIndex((r) => r.type === 'unread');
      this.history.frame(unread >= 0 ? unread : this.rows.length - 1, unread >= 0 ? 'start' : 'end');
    }
    // Focus lands when the history has settled and has its tab stop, so the reader's first Tab
    // finds the message on screen; not if the reader has moved on meanwhile (to the gear and the settings, say).
    await this.history.opened();
    await this.focusing.ready();
    const now = deepActiveElement();
    if (!now || now === focusedBefore) this.heading?.focus();
  }

  /** Loads the page before the oldest message loaded, waiting for one already on its way; false when there is none. */
  private async loadOlder(): Promise<boolean> {
    const store = this.data.store;
    const id = this.conversationId;
    const window = () => store?.state.windows.get(id);
    if (!store || !window()?.hasMoreBefore) return false;
    if (!window()!.loading) await store.loadOlder(id);
    else await new Promise<void>((done) => {
      const stop = store.subscribe(() => window()?.loading || (stop(), done()));
    });
    return true;
  }

  override render() {
    const { t } = this.l10n;
    const state = this.data.state;
    const conversation = state?.conversations.get(this.conversationId);
    if (!conversation) return html`<p class="error" role="alert">${this.commands.error || nothing}</p>`;
    const window = state!.windows.get(this.conversationId);
    const name = conversationName(conversation, t);
    const avatar = avatarOf(conversation);
    // A feed holds articles: a conversation with no message yet is only its "beginning" line.
    const feed = this.rows.some((r) => r.type === 'message' || r.type === 'pending');
    // The gear comes before the title in the DOM (it is shown after it), so that from the
    // heading, where focus lands on open, Tab goes to the history and then the message field.
    return html`
      <div class="bar">
        <button class="icon-button back" type="button" aria-label=${t.backToConversations} @click=${() => this.emit('im-back', {})}>
          <svg viewBox="0 0 24 24" aria-hidden="true">${backIcon}</svg>
        </button>
        <button
          class="icon-button settings"
          type="button"
          aria-label=${t.conversationSettings}
          aria-haspopup="dialog"
          @click=${() => this.emit('im-settings-open', { conversationId: this.conversationId })}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">${gearIcon}</svg>
        </button>
        <im-avatar kind=${avatar.kind} name=${avatar.name} src=${avatar.src} color=${avatar.color}></im-avatar>
        <div class="titles">
          <h2 tabindex="-1" dir="auto">${name}</h2>
          <p class="subtitle">${conversationSubtitle(conversation, t)}</p>
        </div>
      </div>
      <p class="error" role="alert">${this.commands.error || nothing}</p>
      ${window?.loading === 'older' ? html`<p class="loading">${t.loadingOlder}</p>` : nothing}
      <!-- tabindex -1: Firefox makes a scroller a tab stop of its own, before the message that is the feed's one.
           A row may be missing: when the layout (its pin, its overhang) and fewer rows come in one render,
           the virtualizer renders once more the range it had, before it hears of the rows. -->
      <lit-virtualizer
        scroller
        tabindex="-1"
        role=${feed ? 'feed' : nothing}
        aria-label=${feed ? t.history(name) : nothing}
        aria-busy=${window?.loading ? 'true' : 'false'}
        .items=${this.rows}
        .keyFunction=${(row: Row | undefined, index: number) => row?.key ?? index}
        .renderItem=${(row: Row | undefined) => (row ? this.renderRow(row, conversation) : nothing)}
        .layout=${this.history.layout}
        @scroll=${this.history.onScroll}
        @visibilityChanged=${this.onVisibility}
        @unpinned=${this.history.onUnpinned}
      ></lit-virtualizer>
      ${this.history.newBelow
        ? html`<button part="new-messages" type="button" @click=${() => this.history.jumpToEnd()}>${t.newMessagesBelow}</button>`
        : nothing}
      ${this.renderFooter(conversation)}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcer.text}</div>
    `;
  }

  /** Focuses the conversation's heading, where opening it puts the reader (the panel shown again, say). */
  override focus(options?: FocusOptions) {
    if (this.heading) this.heading.focus(options);
    else super.focus(options);
  }

  /** Focuses the gear button (when the settings close). */
  focusSettings() {
    this.renderRoot.querySelector<HTMLElement>('.settings')?.focus();
  }

  private onVisibility = (event: Event & { first: number; last: number }) => {
    this.history.onVisibility(event);
    this.focusing.applyTabStop();
  };

  private renderRow(row: Row, conversation: ConversationSummary) {
    const { t, locale } = this.l10n;
    switch (row.type) {
      case 'start':
        return html`<p class="start">${t.beginning}</p>`;
      case 'day':
        return html`<p class="day"><span>${formatDay(row.time, this.clock.now, locale)}</span></p>`;
      case 'unread':
        return html`<p class="unread-marker">${t.unreadMarker}</p>`;
      case 'pending':
        return this.messages.article({
          key: row.key,
          pending: row.pending,
          mine: true,
          author: this.data.state?.user,
          compact: false,
          highlighted: false,
          actions: noActions,
          oneToOne: false,
        });
      case 'message': {
        const status = this.data.state?.readStatus.get(this.conversationId);
        return this.messages.article({
          key: row.key,
          message: row.message,
          mine: row.message.sender.id === this.data.state?.user?.id,
          compact: row.compact,
          highlighted: row.message.seq === this.highlighted,
          actions: this.actions.for(this.permissionContext(conversation), row.message),
          readStatus: status?.messageId === row.message.id ? status : undefined,
          oneToOne: conversation.kind === 'one-to-one',
        });
      }
    }
  }

  private renderFooter(c: ConversationSummary) {
    const { t } = this.l10n;
    const ctx = this.permissionContext(c);
    if (ctx && canConversation('send', ctx) && !this.data.state?.user?.messagingDisabled) {
      return html`<im-composer
        .store=${this.data.store}
        .policy=${this.policy}
        conversation-id=${c.id}
        recipient-name=${conversationName(c, t)}
        .replyTo=${this.replyTo}
        .editing=${this.editing}
        @im-message-send=${this.onSend}
        @im-message-edit=${this.onEdit}
        @im-composer-cancel=${(event: ElementEvent<'im-composer-cancel'>) => {
          this.replyTo = undefined;
          this.editing = undefined;
          // Focus stays in the field, whose name changes back: said, as nothing else would be.
          void this.announcer.say(event.detail.mode === 'edit' ? t.editCancelled : t.replyCancelled);
        }}
      ></im-composer>`;
    }
    return html`<p class="note" role="note">${whyNoComposer(c, this.data.state?.user, t)}</p>`;
  }

  private permissionContext(c: ConversationSummary): PermissionContext | undefined {
    return permissionContextOf(this.data.state?.user, c);
  }

  private attachmentUrl = (attachment: Attachment) => this.data.store?.attachmentUrl(attachment) ?? '#';

  /** Who reacted, as the list under a reaction shows them: the reader as "You". */
  private whoReacted = async (message: Message, emoji: string) => {
    const people = (await this.data.store?.reactions(message.id, emoji)) ?? [];
    const me = this.data.state?.user?.id;
    return people.map((p) => (p.id === me ? this.l10n.t.you : p.name));
  };

  // ---- New messages from others: announced once, rendered together in a burst; not history loads

  protected override storeEvent(event: ImEvent) {
    const me = this.data.state?.user?.id;
    if (event.type === 'reaction-changed' && event.conversationId === this.conversationId && event.added && event.person.id !== me) {
      // Said only for the reader's own messages: in a course, everyone's reactions to everyone's would be noise.
      const message = this.data.state?.windows.get(this.conversationId)?.messages.find((m) => m.id === event.messageId);
      if (message?.sender.id === me) this.incoming.addReaction(event);
    }
    if (event.type !== 'message-created' || event.message.conversationId !== this.conversationId) return;
    if (event.message.sender.id !== me) this.incoming.add(event.message);
  }

  // ---- Intents

  private onSend(event: ElementEvent<'im-message-send'>) {
    this.replyTo = undefined;
    this.history.followEnd();
    void this.commands.run(() => this.data.store!.send(this.conversationId, event.detail));
  }

  private onEdit(event: ElementEvent<'im-message-edit'>) {
    this.editing = undefined;
    void this.commands.run(() => this.data.store!.editMessage(event.detail.message.id, event.detail.text));
  }

  /** The reader asks for a quoted or shared original: framed and focused here, or opened in its conversation. */
  private openQuote({ conversationId, seq }: { conversationId: string; seq: number }) {
    if (conversationId !== this.conversationId) {
      this.emit('im-conversation-open', { conversationId, seq });
      return;
    }
    void this.commands.run(async () => {
      await this.data.store!.loadAround(conversationId, seq);
      await this.updateComplete;
      this.highlighted = seq;
      const index = this.rows.findIndex((r) => r.type === 'message' && r.message.seq === seq);
      this.history.frame(index, 'center');
      await this.focusing.focusMessage(this.rows[index]?.key);
    });
  }

  private actionContext(): MessageActionContext {
    const { t } = this.l10n;
    return {
      store: this.data.store!,
      conversation: this.data.state!.conversations.get(this.conversationId)!,
      t,
      root: this.renderRoot,
      runner: this.commands,
      announce: (text) => void this.announcer.say(text),
      compose: async (mode, message) => {
        this.replyTo = mode === 'reply' ? message : undefined;
        this.editing = mode === 'edit' ? message : undefined;
        await this.updateComplete;
        this.composer?.focus();
      },
      focusMessage: (message) => void this.focusing.focusMessage(message.id),
      open: (conversationId) => this.emit('im-conversation-open', { conversationId }),
      forwardTargets: () => forwardTargets(this.data.state!),
    };
  }
}
