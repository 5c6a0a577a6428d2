import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import { LitElement, html, nothing, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { formatDay } from '../../l10n/format.js';
import { LocalizeController } from '../../l10n/localize-controller.js';
import { defaultAttachmentPolicy, type AttachmentPolicy } from '../../model/attachments.js';
import { ImError } from '../../model/errors.js';
import type { ImEvent } from '../../model/events.js';
import { canConversation, messageActions, type MessageAction, type PermissionContext } from '../../model/permissions.js';
import { previewText } from '../../model/text.js';
import type { ConversationSummary, Message } from '../../model/types.js';
import { newClientId, type MessengerStore } from '../../state/store.js';
import '../avatar/avatar.js';
import '../composer/composer.js';
import type { ImComposer } from '../composer/composer.component.js';
import '../dialog/dialog.js';
import { askInDialog } from '../dialog/dialog.component.js';
import '../message/message.js';
import type { ImMessage } from '../message/message.component.js';
import { backBar } from '../shared/back-bar.styles.js';
import { Announcer } from '../shared/announcer.js';
import { avatarOf, conversationName, describeError } from '../shared/describe.js';
import { emit } from '../shared/emit.js';
import { NowController } from '../shared/now-controller.js';
import { iconButton, theme, visuallyHidden } from '../shared/shared.styles.js';
import { StoreController } from '../shared/store-controller.js';
import styles from './conversation-view.styles.js';
import { buildRows, type Row } from './rows.js';
import { positionRowsInOnePass } from './virtualizer-patch.js';

const backIcon = svg`<path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" d="M15 5 8 12l7 7"/>`;
const gearIcon = svg`<path fill="currentColor" d="M19.4 13a7.6 7.6 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3h-4l-.4 2.9a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.6 7.6 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.4 7.4 0 0 0 1.7 1L11 21h4l.4-2.9a7.4 7.4 0 0 0 1.7-1l2.5 1 2-3.5ZM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7Z" transform="translate(-1 0)"/>`;

/** Within this many pixels of the end the reader counts as "at the bottom" (as Vaadin's message list). */
const NEAR_BOTTOM = 50;
/** Older history loads when the reader scrolls within this of the top. */
const NEAR_TOP = 300;
/** Messages arriving closer together than this (ms) are a burst, rendered once a frame. */
const BURST_GAP = 100;
const noActions: MessageAction[] = [];

/**
 * @tagname im-conversation-view
 * @summary One conversation: its header, the history (virtualized, loading older messages as the reader scrolls up) and the composer.
 *
 * Opening it marks what the reader sees as read. New messages stick to the bottom only
 * when the reader is there; otherwise a "New messages" button appears. New messages from
 * others are announced politely, once; errors assertively.
 *
 * @csspart new-messages - The button that jumps to new messages.
 *
 * @fires {CustomEvent<Record<string, never>>} im-back - Back to the list.
 * @fires {CustomEvent<{ conversationId: string }>} im-settings-open - The gear button: the conversation's settings.
 * @fires {CustomEvent<{ conversationId: string; seq?: number }>} im-conversation-open - Go to another conversation (a private reply, a quoted message elsewhere).
 */
export class ImConversationView extends LitElement {
  static override styles = [theme, visuallyHidden, iconButton, backBar, styles];

  /** The conversation shown. */
  @property({ attribute: 'conversation-id' }) conversationId = '';

  /** Size and type rules for files, as the host's backend enforces them. */
  @property({ attribute: false }) policy: AttachmentPolicy = defaultAttachmentPolicy;

  /** A message to scroll to and highlight (a search hit). */
  @property({ type: Number }) seq?: number;

  /** A store to use instead of the one `<im-messenger>` provides. */
  @property({ attribute: false })
  set store(store: MessengerStore | undefined) {
    this.data.use(store);
  }
  get store() {
    return this.data.store;
  }

  @state() private replyTo?: Message;
  @state() private editing?: Message;
  @state() private highlighted?: number;
  @state() private newBelow = false;
  @state() private error = '';
  /** The read position when the conversation was opened: where the "unread" marker goes. */
  @state() private unreadAfter?: number;

  @query('lit-virtualizer') private scroller?: LitVirtualizer;
  @query('h2') private heading?: HTMLElement;
  @query('im-composer') private composer?: ImComposer;

  private readonly l10n = new LocalizeController(this);
  private readonly clock = new NowController(this);
  private readonly announcer = new Announcer(this);
  private readonly data = new StoreController(
    this,
    (s) => [s.conversations.get(this.conversationId), s.windows.get(this.conversationId), s.outbox, s.user],
    (store) => this.listen(store),
  );
  private rows: Row[] = [];
  private atBottom = true;
  private pin?: { index: number; block: 'start' | 'end' | 'center' };
  private stopListening?: () => void;
  private announced: Message[] = [];
  private announceTimer?: ReturnType<typeof setTimeout>;
  private readTimer?: ReturnType<typeof setTimeout>;
  private firstVisible = 0;
  /** When the last message from someone else arrived, and until when the burst it belongs to lasts. */
  private lastIncoming = -Infinity;
  private burstUntil = -Infinity;
  private lastVisible = -1;
  private layout: { pin?: { index: number; block: 'start' | 'end' | 'center' } } = {};
  /** Set while the history itself scrolls (cleared next frame), to tell the reader's scrolling from the page's. */
  private scrolling = false;
  private virtualizerPatched = false;

  override connectedCallback() {
    super.connectedCallback();
    if (this.data.store) this.listen(this.data.store);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopListening?.();
    this.stopListening = undefined;
    clearTimeout(this.announceTimer);
    clearTimeout(this.readTimer);
  }

  private listen(store: MessengerStore) {
    this.stopListening?.();
    this.stopListening = store.onEvent((event) => this.onStoreEvent(event));
    if (this.conversationId) void this.open();
  }

  /**
   * During a burst of incoming messages (each in a task of its own, as WebSocket
   * messages arrive), renders once a frame, so they are laid out together rather
   * than one by one. Otherwise at once, so scrolling and loading stay in step.
   */
  protected override async scheduleUpdate() {
    if (performance.now() < this.burstUntil) await new Promise((frame) => requestAnimationFrame(frame));
    super.scheduleUpdate();
  }

  override updated() {
    // The virtualizer exists once <lit-virtualizer> has rendered; its class is patched once.
    if (!this.virtualizerPatched && this.scroller) {
      void this.scroller.updateComplete.then(() => (this.virtualizerPatched ||= !!this.scroller && positionRowsInOnePass(this.scroller)));
    }
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
    this.placeAfterChange(previous, this.rows);
  }

  /** Loads the conversation and frames it: at a search hit, at the first unread, or at the end. */
  private async open() {
    const store = this.data.store;
    if (!store || !this.conversationId) return;
    const id = this.conversationId;
    this.replyTo = undefined;
    this.editing = undefined;
    this.newBelow = false;
    this.error = '';
    this.unreadAfter = store.state.conversations.get(id)?.readUpTo;
    try {
      if (this.seq) await store.loadAround(id, this.seq);
      else await store.openConversation(id);
    } catch (error) {
      this.error = describeError(ImError.from(error), this.l10n.t);
      return;
    }
    if (id !== this.conversationId) return;
    this.unreadAfter ??= store.state.conversations.get(id)?.readUpTo;
    await this.updateComplete;
    if (this.seq) {
      this.highlighted = this.seq;
      this.frame(this.rows.findIndex((r) => r.type === 'message' && r.message.seq === this.seq), 'center');
    } else {
      const unread = this.rows.findIndex((r) => r.type === 'unread');
      this.frame(unread >= 0 ? unread : this.rows.length - 1, unread >= 0 ? 'start' : 'end');
    }
    this.heading?.focus();
  }

  private frame(index: number, block: 'start' | 'end' | 'center') {
    if (index < 0) return;
    this.pin = { index, block };
    this.atBottom = block === 'end' && index === this.rows.length - 1;
    this.requestUpdate();
  }

  /**
   * Keeps the reader's place when rows change: older rows added above keep the
   * first visible row where it was; new rows at the end follow only a reader
   * who was at the bottom.
   */
  private placeAfterChange(previous: Row[], next: Row[]) {
    if (!previous.length || !next.length) return;
    const last = next.at(-1)!;
    if (next.length > previous.length && last.key !== previous.at(-1)?.key) {
      const mine = last.type === 'pending' || (last.type === 'message' && last.message.sender.id === this.data.state?.user?.id);
      const followingEnd = this.pin?.block === 'end' && this.pin.index === previous.length - 1;
      if (mine || followingEnd || (this.atBottom && !this.pin)) this.pin = { index: next.length - 1, block: 'end' };
      else this.newBelow = true;
      return;
    }
    // Only rows added above move what the reader sees; anything else leaves the place alone
    // (and reading the DOM for the anchor forces a layout).
    if (this.pin || next[0].key === previous[0].key) return;
    // Day separators change keys as older days arrive; a message row is a stable anchor.
    const anchor = this.topMessageId() ?? previous.slice(Math.max(0, this.firstVisible)).find((r) => r.type === 'message')?.key;
    if (anchor === undefined) return;
    const moved = next.findIndex((r) => r.key === anchor);
    if (moved > previous.findIndex((r) => r.key === anchor)) this.pin = { index: moved, block: 'start' };
  }

  /**
   * The first message on screen, read from the DOM: the virtualizer's visibility
   * events can be a frame behind a reader who has just scrolled. None when the
   * virtualizer has not yet rendered where the reader jumped to.
   */
  private topMessageId(): string | undefined {
    const box = this.scroller?.getBoundingClientRect();
    if (!box) return undefined;
    let top: { id: string; y: number } | undefined;
    for (const el of this.scroller!.querySelectorAll<ImMessage>(':scope > im-message')) {
      const rect = el.getBoundingClientRect();
      if (el.message && rect.bottom > box.top && rect.top < box.bottom && (!top || rect.top < top.y)) top = { id: el.message.id, y: rect.top };
    }
    return top?.id;
  }

  override render() {
    const { t } = this.l10n;
    const state = this.data.state;
    const conversation = state?.conversations.get(this.conversationId);
    if (!conversation) return html`<p class="error" role="alert">${this.error || nothing}</p>`;
    const window = state!.windows.get(this.conversationId);
    const name = conversationName(conversation, t);
    const avatar = avatarOf(conversation);
    // A new layout object only when the pin changes: the virtualizer re-frames on every new object.
    if (this.layout.pin !== this.pin) this.layout = this.pin ? { pin: this.pin } : {};
    return html`
      <div class="bar">
        <button class="icon-button back" type="button" aria-label=${t.backToConversations} title=${t.backToConversations} @click=${() => emit(this, 'im-back', {})}>
          <svg viewBox="0 0 24 24" aria-hidden="true">${backIcon}</svg>
        </button>
        <im-avatar kind=${avatar.kind} name=${avatar.name} src=${avatar.src} color=${avatar.color}></im-avatar>
        <div class="titles">
          <h2 tabindex="-1">${name}</h2>
          <p class="subtitle">${this.subtitle(conversation)}</p>
        </div>
        <button
          class="icon-button settings"
          type="button"
          aria-label=${t.conversationSettings}
          title=${t.conversationSettings}
          aria-haspopup="dialog"
          @click=${() => emit(this, 'im-settings-open', { conversationId: this.conversationId })}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">${gearIcon}</svg>
        </button>
      </div>
      <p class="error" role="alert">${this.error || nothing}</p>
      ${window?.loading === 'older' ? html`<p class="loading">${t.loadingOlder}</p>` : nothing}
      <lit-virtualizer
        scroller
        role="list"
        aria-label=${t.history(name)}
        aria-busy=${window?.loading ? 'true' : 'false'}
        .items=${this.rows}
        .keyFunction=${(row: Row) => row.key}
        .renderItem=${(row: Row) => this.renderRow(row, conversation)}
        .layout=${this.layout}
        @scroll=${this.onScroll}
        @visibilityChanged=${this.onVisibility}
        @unpinned=${this.onUnpinned}
      ></lit-virtualizer>
      ${this.newBelow
        ? html`<button part="new-messages" type="button" @click=${this.jumpToEnd}>${t.newMessagesBelow}</button>`
        : nothing}
      ${this.renderFooter(conversation)}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcer.text}</div>
    `;
  }

  /** Focuses the gear button (when the settings close). */
  focusSettings() {
    this.renderRoot.querySelector<HTMLElement>('.settings')?.focus();
  }

  private subtitle(c: ConversationSummary) {
    const { t } = this.l10n;
    if (c.kind === 'one-to-one') return c.peer?.title ?? '';
    if (c.kind === 'individual' || c.kind === 'mass' || c.kind === 'system') return t.kind[c.kind];
    return `${t.kind[c.kind]} · ${t.participantsCount(c.participantCount)}`;
  }

  private renderRow(row: Row, conversation: ConversationSummary) {
    const { t, locale } = this.l10n;
    switch (row.type) {
      case 'start':
        return html`<p class="start" role="listitem">${t.beginning}</p>`;
      case 'day':
        return html`<p class="day" role="listitem"><span>${formatDay(row.time, this.clock.now, locale)}</span></p>`;
      case 'unread':
        return html`<p class="unread-marker" role="listitem">${t.unreadMarker}</p>`;
      case 'pending':
        return html`<im-message role="listitem" mine .pending=${row.pending} @im-retry=${this.onRetry} @im-discard=${this.onDiscard}></im-message>`;
      case 'message': {
        const me = this.data.state?.user;
        const ctx = this.permissionContext(conversation);
        return html`<im-message
          role="listitem"
          .message=${row.message}
          ?mine=${row.message.sender.id === me?.id}
          ?compact=${row.compact}
          ?highlighted=${row.message.seq === this.highlighted}
          .actions=${this.actionsFor(ctx, row.message)}
          .attachmentUrl=${this.attachmentUrl}
          @im-message-action=${this.onAction}
          @im-quote-open=${this.onQuote}
        ></im-message>`;
      }
    }
  }

  private renderFooter(c: ConversationSummary) {
    const { t } = this.l10n;
    const ctx = this.permissionContext(c);
    if (ctx && canConversation('send', ctx)) {
      return html`<im-composer
        .store=${this.data.store}
        .policy=${this.policy}
        conversation-id=${c.id}
        recipient-name=${conversationName(c, t)}
        .replyTo=${this.replyTo}
        .editing=${this.editing}
        @im-message-send=${this.onSend}
        @im-message-edit=${this.onEdit}
        @im-composer-cancel=${() => {
          this.replyTo = undefined;
          this.editing = undefined;
        }}
      ></im-composer>`;
    }
    const note =
      c.access === 'reviewer'
        ? t.reviewerNote
        : c.deleted
          ? t.deletedNote
          : c.closed
            ? t.closedNote
            : t.readOnlyNote;
    return html`<p class="note" role="note">${note}</p>`;
  }

  /**
   * A message's menu items, the same array for the same answer: a new array each
   * render would make every rendered message render again on any change.
   */
  private actionsFor(ctx: PermissionContext | undefined, message: Message): MessageAction[] {
    if (!ctx) return noActions;
    const key = `${ctx.user.id}|${ctx.user.role}|${ctx.access}|${ctx.conversation.kind}|${ctx.conversation.closed}|${ctx.conversation.deleted}|${ctx.conversation.createdBy}|${message.sender.id === ctx.user.id}|${message.status}`;
    let actions = this.actionCache.get(key);
    if (!actions) this.actionCache.set(key, (actions = messageActions(ctx, { senderId: message.sender.id, status: message.status })));
    return actions;
  }

  private actionCache = new Map<string, MessageAction[]>();

  private permissionContext(c: ConversationSummary): PermissionContext | undefined {
    const user = this.data.state?.user;
    if (!user) return undefined;
    return {
      user: { id: user.id, role: user.role },
      conversation: { kind: c.kind, closed: c.closed, deleted: c.deleted, createdBy: c.createdBy },
      access: c.access,
    };
  }

  private attachmentUrl = (attachment: Parameters<MessengerStore['transport']['attachmentUrl']>[0]) =>
    this.data.store?.transport.attachmentUrl(attachment) ?? '#';

  // ---- Scrolling, reading, loading

  // Capture, so this runs before the virtualizer hears the same scroll and unpins.
  private onScroll = {
    capture: true,
    handleEvent: () => this.onHistoryScroll(),
  };

  private onHistoryScroll() {
    const el = this.scroller;
    if (!el) return;
    if (!this.scrolling) requestAnimationFrame(() => (this.scrolling = false));
    this.scrolling = true;
    this.atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM;
    if (this.atBottom) this.newBelow = false;
    // A page that has arrived but is not on screen yet (we render once a frame) moves
    // the reader's place when it is; the next scroll decides whether to load more.
    if (this.isUpdatePending) return;
    const window = this.data.state?.windows.get(this.conversationId);
    if (el.scrollTop < NEAR_TOP && window?.hasMoreBefore && !window.loading) void this.data.store?.loadOlder(this.conversationId);
    if (this.atBottom && window?.hasMoreAfter && !window.loading) void this.data.store?.loadNewer(this.conversationId);
  }

  /**
   * The virtualizer lets go of its pin on any scroll it hears, the page's included
   * (a host page scrolling, or the browser bringing the focused heading into view).
   * Only the reader scrolling the history should cost them the place we framed.
   */
  private onUnpinned() {
    if (this.scrolling || !this.pin) {
      this.pin = undefined;
      return;
    }
    this.pin = { ...this.pin };
    this.requestUpdate();
  }

  private onVisibility(event: Event & { first: number; last: number }) {
    this.firstVisible = event.first;
    this.lastVisible = event.last;
    this.scheduleRead();
  }

  /** Marks read up to the last message the reader has on screen, a moment after it got there. */
  private scheduleRead() {
    clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => {
      if (document.visibilityState === 'hidden') return;
      const seen = this.rows
        .slice(0, this.lastVisible + 1)
        .reduce((max, row) => (row.type === 'message' ? Math.max(max, row.message.seq) : max), 0);
      if (seen > 0) void this.data.store?.markRead(this.conversationId, seen).catch(() => undefined);
    }, 300);
  }

  private jumpToEnd() {
    this.newBelow = false;
    this.frame(this.rows.length - 1, 'end');
  }

  // ---- Announcements: new messages from others, once; not history loads

  private onStoreEvent(event: ImEvent) {
    if (event.type !== 'message-created' || event.message.conversationId !== this.conversationId) return;
    if (event.message.sender.id === this.data.state?.user?.id) return;
    const now = performance.now();
    if (now - this.lastIncoming < BURST_GAP) this.burstUntil = now + BURST_GAP;
    this.lastIncoming = now;
    this.announced.push(event.message);
    // A burst becomes one announcement, so a screen reader is not flooded.
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      const { t } = this.l10n;
      const burst = this.announced;
      this.announced = [];
      void this.announcer.say(
        burst.length === 1 ? t.newMessageFrom(burst[0].sender.name, previewText(burst[0].text, 200) || t.filesSent(burst[0].attachments.length)) : t.newMessagesCount(burst.length),
      );
    }, 500);
  }

  private announce(text: string) {
    void this.announcer.say(text);
  }

  // ---- Intents

  private async run(work: () => Promise<unknown>) {
    this.error = '';
    try {
      await work();
    } catch (error) {
      this.error = describeError(ImError.from(error), this.l10n.t);
    }
  }

  private onSend(event: CustomEvent<{ text: string; attachments: Message['attachments']; replyTo?: Message }>) {
    this.replyTo = undefined;
    this.atBottom = true;
    void this.run(() => this.data.store!.send(this.conversationId, event.detail));
  }

  private onEdit(event: CustomEvent<{ message: Message; text: string }>) {
    this.editing = undefined;
    void this.run(() => this.data.store!.editMessage(event.detail.message.id, event.detail.text));
  }

  private onRetry(event: CustomEvent<{ clientId: string }>) {
    void this.run(() => this.data.store!.retry(event.detail.clientId));
  }

  private onDiscard(event: CustomEvent<{ clientId: string }>) {
    this.data.store?.discard(event.detail.clientId);
  }

  private onQuote(event: CustomEvent<{ messageId: string; conversationId: string; seq: number }>) {
    const { conversationId, seq } = event.detail;
    if (conversationId !== this.conversationId) {
      emit(this, 'im-conversation-open', { conversationId, seq });
      return;
    }
    void this.run(async () => {
      await this.data.store!.loadAround(conversationId, seq);
      await this.updateComplete;
      this.highlighted = seq;
      this.frame(this.rows.findIndex((r) => r.type === 'message' && r.message.seq === seq), 'center');
    });
  }

  private onAction = async (event: CustomEvent<{ action: string; message: Message }>) => {
    const { action, message } = event.detail;
    const { t } = this.l10n;
    const store = this.data.store!;
    const conversation = this.data.state!.conversations.get(this.conversationId)!;
    switch (action) {
      case 'reply':
        this.editing = undefined;
        this.replyTo = message;
        await this.updateComplete;
        this.composer?.focus();
        break;
      case 'edit':
        this.replyTo = undefined;
        this.editing = message;
        await this.updateComplete;
        this.composer?.focus();
        break;
      case 'markUnread':
        await this.run(async () => {
          await store.markUnread(this.conversationId, message.seq);
          this.announce(t.markedUnread);
        });
        break;
      case 'delete':
      case 'moderatorDelete': {
        const own = action === 'delete';
        const answer = await askInDialog(this.renderRoot, {
          heading: t.deleteTitle,
          text: own ? t.deleteOwnText : t.moderatorDeleteText(message.sender.name, this.data.state?.user?.name ?? ''),
          confirmLabel: t.deleteConfirm,
          danger: true,
        });
        if (answer) await this.run(() => store.deleteMessage(message.id));
        break;
      }
      case 'report': {
        const answer = await askInDialog(this.renderRoot, {
          heading: t.reportTitle,
          text: conversation.kind === 'one-to-one' ? t.reportNamed : t.reportAnonymous,
          field: { label: t.reportReason, required: true },
          confirmLabel: t.reportConfirm,
        });
        if (answer) {
          await this.run(async () => {
            await store.transport.reportAbuse({ conversationId: this.conversationId, messageId: message.id, reason: answer.value });
            this.announce(t.reportSent);
          });
        }
        break;
      }
      case 'forward': {
        const targets = this.forwardTargets();
        const answer = await askInDialog(this.renderRoot, {
          heading: t.forwardTitle,
          text: targets.length ? '' : t.noForwardTargets,
          choice: targets.length ? { label: t.forwardTo, options: targets.map((c) => ({ value: c.id, label: conversationName(c, t) })) } : undefined,
          field: targets.length ? { label: t.forwardComment } : undefined,
          confirmLabel: t.forwardConfirm,
        });
        if (answer?.choice) {
          await this.run(async () => {
            await store.transport.forwardMessage({ messageId: message.id, conversationId: answer.choice, clientId: newClientId(), text: answer.value });
            emit(this, 'im-conversation-open', { conversationId: answer.choice });
          });
        }
        break;
      }
      case 'replyPrivately': {
        const answer = await askInDialog(this.renderRoot, {
          heading: t.replyPrivatelyTitle(message.sender.name),
          field: { label: t.replyPrivatelyLabel, required: true },
          confirmLabel: t.send,
        });
        if (answer) {
          await this.run(async () => {
            const { conversation: target } = await store.transport.replyPrivately({ messageId: message.id, clientId: newClientId(), text: answer.value });
            store.remember(target);
            emit(this, 'im-conversation-open', { conversationId: target.id });
          });
        }
        break;
      }
    }
  };

  /** Conversations the reader can send to, newest first. */
  private forwardTargets(): ConversationSummary[] {
    const state = this.data.state!;
    return state.order.map((id) => state.conversations.get(id)!).filter((c) => {
      const ctx = this.permissionContext(c);
      return !!ctx && canConversation('send', ctx);
    });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'im-back': CustomEvent<Record<string, never>>;
    'im-settings-open': CustomEvent<{ conversationId: string }>;
  }
}
