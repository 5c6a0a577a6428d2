import { ContextProvider } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { LocalizeController } from '../../l10n/localize-controller.js';
import type { AttachmentPolicy } from '../../model/attachments.js';
import type { MessengerStore } from '../../state/store.js';
import type { Transport } from '../../transport/transport.js';
import '../chat-bubble/chat-bubble.js';
import type { ImChatBubble } from '../chat-bubble/chat-bubble.component.js';
import type { ImPanel } from '../panel/panel.component.js';
import { storeContext } from '../shared/context.js';
import type { ConversationSummary, Message } from '../../model/types.js';
import { conversationName } from '../shared/conversation-name.js';
import { emit, type ElementEvent } from '../shared/events.js';
import { Announcer } from '../shared/announcer.js';
import { NewMessagesAnnouncer } from '../shared/new-messages.js';
import { theme, visuallyHidden } from '../shared/theme.styles.js';
import { noticeOf, notificationsAllowed, showNotification } from './desktop-notifications.js';
import styles from './messenger.styles.js';

/** The panel's elements, loaded apart from the badge (an object, so a test can make the load fail). */
export const panelCode = {
  load: () =>
    Promise.all([
      import('../panel/panel.js'),
      import('../conversation-view/conversation-view.js'),
      import('../settings-sheet/settings-sheet.js'),
      import('../reports/reports.js'),
      import('../new-conversation/new-conversation.js'),
    ]),
};

/** How long after the badge paints the panel's code starts loading by itself, and the longest it then waits for an idle moment. */
const PREFETCH_AFTER_MS = 2_000;
const PREFETCH_IDLE_TIMEOUT_MS = 3_000;

/** What the panel shows: the list, a conversation, the new-message form, or the reports a teacher or administrator reviews. */
type Route = { name: 'home' } | { name: 'conversation'; conversationId: string; seq?: number } | { name: 'new' } | { name: 'reports' };

/**
 * @tagname im-messenger
 * @summary The messaging panel a host page adds: the chat bubble with the unread count and, when open, the slide-in panel.
 *
 * Give it a `transport` (any implementation of the contract), or a `hub-url` and a
 * `tokenFactory` for the SignalR hub (the common case).
 *
 * New messages from others are announced politely (one with its sender and
 * conversation, a burst as a count) while the panel is closed, shows the list, or
 * shows another conversation; an open conversation announces its own. Conversations the
 * reader muted are not announced, nor counted in the bubble's badge. `quiet` turns this off.
 *
 * @attr hub-url - URL of the SignalR hub, e.g. `/hub`.
 * @attr course-participants-url - The course participant page, with `{courseId}` where the course's id goes, e.g. `/course/{courseId}/participants`.
 * @csspart bubble - The chat-bubble element (for placement).
 * @csspart bubble-button - The chat bubble's button (its `button`).
 * @csspart bubble-badge - The chat bubble's unread count (its `badge`); absent when nothing is unread.
 * @csspart panel - The panel's dialog.
 * @csspart new-message - The panel's "New message" button.
 * @csspart notifications - The panel's button that shows the reader's notification settings.
 * @csspart search - The panel's search field.
 * @csspart mark-all-read - The panel's "Mark all as read" button above the list.
 * @csspart item - A conversation's button in the list.
 * @csspart badge - A conversation's unread count in the list.
 * @csspart muted-icon - The mute icon of a conversation the reader muted, in the list.
 * @csspart pinned-icon - The pin of a conversation the reader pinned to the top, in the list.
 * @csspart new-messages - The open conversation's button that jumps to new messages.
 * @csspart recipients - The new-message form's recipient field.
 * @csspart choice - The new-message form's group or individual choice.
 * @csspart input - The new-message form's message field.
 * @csspart send - The new-message form's send button.
 * @csspart report-item - A report's button in the reports (its `item`).
 * @csspart sheet - A conversation's settings sheet (its dialog).
 * @csspart option - A button or link of the settings sheet's options list.
 * @cssprop --im-accent - Accent colour (the open conversation, the "New messages" button).
 * @cssprop --im-accent-text - Text on the accent colour.
 * @cssprop --im-primary-text - Text on the primary green.
 * @cssprop --im-hover - Background of hovered items.
 * @cssprop --im-link - Colour of links in messages.
 * @cssprop --im-radius - Corner radius of buttons, fields and menus.
 * @cssprop --im-primary - The green of "New message" and Send.
 * @cssprop --im-surface - Panel background.
 * @cssprop --im-text - Text colour.
 * @cssprop --im-muted - Secondary text.
 * @cssprop --im-border - Lines between items.
 * @cssprop --im-unread - Unread badges.
 * @cssprop --im-danger - Refusals, errors and destructive choices.
 * @cssprop --im-focus-ring - Outline of focused controls.
 * @cssprop --im-control-border - Edges of fields and outlined buttons.
 * @cssprop --im-panel-width - Width of the panel on wide screens.
 * @cssprop --im-font - Font family.
 *
 * @fires {CustomEvent<{ unread: number }>} im-unread-change - The unread count changed (for a badge of the host's own).
 * @fires {CustomEvent<{ error: ImError }>} im-error - Connecting failed, once per outage (the panel keeps trying); `error.code` says why (`unauthenticated`, `unavailable`…).
 * @fires {CustomEvent<Record<string, never>>} im-close - The panel closed.
 * @fires {CustomEvent<MessageNotice>} im-message - A new message from someone else, with what a host needs to notify its own way: conversation, sender, a plain-text preview, whether it is muted or on screen. Cancel it (`preventDefault()`) to keep the panel's own desktop notification from showing.
 */
export class ImMessenger extends LitElement {
  static override styles = [theme, visuallyHidden, styles];

  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** The transport to the backend. Takes precedence over `hubUrl`. */
  @property({ attribute: false }) transport?: Transport;

  /** URL of the SignalR hub; used with `tokenFactory` when no `transport` is given. */
  @property({ attribute: 'hub-url' }) hubUrl = '';

  /** Returns the bearer token for the hub and the attachment endpoints; called again on reconnects. */
  @property({ attribute: false }) tokenFactory?: () => string | Promise<string>;

  /** Size and type rules for files; set it to what the backend allows, so refusals come before the upload. Unset, `defaultAttachmentPolicy`. */
  @property({ attribute: false }) attachmentPolicy?: AttachmentPolicy;

  /** Don't announce new messages from outside the open conversation (the host says it its own way). */
  @property({ type: Boolean }) quiet = false;

  /** Link to a course's participant page, offered in a course conversation's settings; `{courseId}` is replaced. */
  @property({ attribute: 'course-participants-url' }) courseParticipantsUrl = '';

  @state() private route: Route = { name: 'home' };
  /** Going back: the list is shown and takes focus before the view goes, so focus never rests on a removed element. */
  @state() private leavingView = false;
  /** The conversation whose settings are open. */
  @state() private settingsFor = '';
  @state() private unread = 0;
  /** The panel's code is loaded on first use: a page shows the badge without it. */
  @state() private panelReady = false;
  /** The panel was opened and its code could not be loaded: shown until "Try again" or closing. */
  @state() private panelFailed = false;

  @query('im-chat-bubble') private bubble!: ImChatBubble;
  @query('im-panel') private panel!: ImPanel;

  private readonly provider = new ContextProvider(this, { context: storeContext });
  private readonly l10n = new LocalizeController(this);
  private readonly announcer = new Announcer(this);
  /** New messages from others: said here while the panel is closed, inside it while it shows the list. */
  private readonly newMessages = new NewMessagesAnnouncer(
    (text) => (this.open ? this.panel?.announce(text) : void this.announcer.say(text)),
    (burst) => {
      const { t } = this.l10n;
      const where = this.store?.state.conversations.get(burst[0].conversationId);
      return burst.length === 1 && where ? t.newMessageIn(burst[0].sender.name, conversationName(where, t)) : t.newMessagesCount(burst.length);
    },
  );
  /** Why the open conversation went away, when the backend said (the reader left, or was removed). */
  private goneReason?: 'left' | 'removed';
  private store?: MessengerStore;
  private unsubscribe?: () => void;

  /** The store this messenger runs; there is one while connected to a transport. */
  get messengerStore(): MessengerStore | undefined {
    return this.store;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.addEventListener('im-toggle', this.onToggle);
    this.addEventListener('im-conversation-open', this.onOpenConversation);
    this.addEventListener('im-close', this.onClose);
    this.addEventListener('im-reports-open', this.onReportsOpen);
    this.addEventListener('im-new-conversation-open', this.onNewMessage);
    window.addEventListener('online', this.onWake);
    document.addEventListener('visibilitychange', this.onWake);
    window.addEventListener('beforeunload', this.onLeave);
    window.addEventListener('pagehide', this.onPagehide);
    if (this.hasUpdated) void this.connectTransport();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.removeEventListener('im-toggle', this.onToggle);
    this.removeEventListener('im-conversation-open', this.onOpenConversation);
    this.removeEventListener('im-close', this.onClose);
    this.removeEventListener('im-reports-open', this.onReportsOpen);
    this.removeEventListener('im-new-conversation-open', this.onNewMessage);
    window.removeEventListener('online', this.onWake);
    document.removeEventListener('visibilitychange', this.onWake);
    window.removeEventListener('beforeunload', this.onLeave);
    window.removeEventListener('pagehide', this.onPagehide);
    clearTimeout(this.prefetchTimer);
    void this.release();
  }

  /** While a message is unsent, leaving the page asks first (it is kept, but not delivered until the reader is back). */
  private onLeave = (event: BeforeUnloadEvent) => {
    if (!this.store?.state.outbox.length) return;
    event.preventDefault();
    event.returnValue = '';
  };

  private onPagehide = () => void this.store?.saveNow();

  /** Back online, or the tab is seen again: a panel that lost its connection tries at once. */
  private onWake = () => {
    if (document.visibilityState === 'visible') this.store?.reconnectNow();
  };

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('transport') || changed.has('hubUrl') || changed.has('tokenFactory')) void this.connectTransport();
    if (changed.has('open') && !this.open) this.panelFailed = false;
    if (this.open && !this.panelReady && !this.panelFailed) this.openPanel();
  }

  /** Loads the panel's code for a reader who opened it; a failure is shown, with a way to try again. */
  private openPanel() {
    this.loadPanel().catch(() => {
      if (this.open) this.panelFailed = true;
    });
  }

  private retryPanel = () => {
    // The button goes while the code loads: focus waits on the bubble, and the panel takes it when it opens.
    this.bubble.focus();
    this.panelFailed = false;
  };

  private onLoadFailedKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') this.close();
  };

  /**
   * Once the badge has painted and the page has been quiet for a while, the panel's code
   * loads in the background, so the first click only has to render. Not when the reader
   * asked the browser to save data: then it loads on the way to the bubble, as below.
   */
  override firstUpdated() {
    const saveData = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData;
    if (saveData) return;
    this.prefetchTimer = setTimeout(() => {
      // Only ahead of time: if it fails, opening the panel loads it again.
      const load = () => void this.loadPanel().catch(() => undefined);
      if ('requestIdleCallback' in window) requestIdleCallback(load, { timeout: PREFETCH_IDLE_TIMEOUT_MS });
      else load();
    }, PREFETCH_AFTER_MS);
  }

  private prefetchTimer?: ReturnType<typeof setTimeout>;

  /** Loads the panel's elements; also started early when the reader points at or focuses the bubble. */
  loadPanel(): Promise<void> {
    this.panelLoading ??= panelCode.load().then(
      ([panel]) => {
        panel.prepareFormats(this.l10n.locale);
        this.panelReady = true;
      },
      (error: unknown) => {
        // A load that failed (the network dropped) is tried again by the next call, not kept failing.
        this.panelLoading = undefined;
        throw error;
      },
    );
    return this.panelLoading;
  }

  private panelLoading?: Promise<void>;

  override render() {
    return html`
      <im-chat-bubble
        part="bubble"
        exportparts="button: bubble-button, badge: bubble-badge"
        .unread=${this.unread}
        ?expanded=${this.open}
        @pointerenter=${this.preload}
        @focusin=${this.preload}
      ></im-chat-bubble>
      ${this.panelReady ? this.renderPanel() : this.open && this.panelFailed ? this.renderLoadFailed() : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcer.text}</div>
    `;
  }

  private renderLoadFailed() {
    const { t } = this.l10n;
    return html`<div class="load-failed" role="alert" @keydown=${this.onLoadFailedKeydown}>
      <p>${t.panelLoadFailed}</p>
      <button type="button" @click=${this.retryPanel}>${t.retry}</button>
    </div>`;
  }

  private renderPanel() {
    return html`
      <im-panel
        exportparts="panel, new-message, notifications, search, mark-all-read, item, badge, muted-icon, pinned-icon"
        .store=${this.store}
        ?open=${this.open}
        ?view-open=${this.route.name !== 'home' && !this.leavingView}
        current-id=${this.route.name === 'conversation' ? this.route.conversationId : ''}
      >
        ${this.renderView()}
      </im-panel>
      ${this.settingsFor
        ? html`<im-settings-sheet
            exportparts="sheet, option"
            .store=${this.store}
            open
            conversation-id=${this.settingsFor}
            participants-url=${this.courseParticipantsUrl}
            @im-close=${this.onSettingsClose}
            @im-conversation-hide=${this.onConversationHide}
          ></im-settings-sheet>`
        : nothing}
    `;
  }

  private renderView() {
    switch (this.route.name) {
      case 'conversation':
        return html`<im-conversation-view
          slot="view"
          exportparts="new-messages"
          .store=${this.store}
          conversation-id=${this.route.conversationId}
          .seq=${this.route.seq}
          .policy=${this.attachmentPolicy}
          @im-back=${this.onBack}
          @im-settings-open=${this.onSettingsOpen}
        ></im-conversation-view>`;
      case 'reports':
        return html`<im-reports slot="view" exportparts="item: report-item" .store=${this.store} @im-back=${this.onBack}></im-reports>`;
      case 'new':
        return html`<im-new-conversation slot="view" exportparts="recipients, choice, input, send" .store=${this.store} .policy=${this.attachmentPolicy} @im-back=${this.onBack}></im-new-conversation>`;
      default:
        return nothing;
    }
  }

  override updated(changed: PropertyValues<this>) {
    // The form and the reports take focus when they open; a conversation focuses its own heading.
    if ((changed as Map<string, unknown>).has('route') && (this.route.name === 'new' || this.route.name === 'reports')) {
      const view = this.shadowRoot!.querySelector<LitElement>('[slot="view"]');
      void view?.updateComplete.then(() => view.focus());
    }
    // A panel that could not load says so where it would have opened; focus goes to "Try again".
    if ((changed as Map<string, unknown>).has('panelFailed') && this.panelFailed) this.shadowRoot!.querySelector<HTMLButtonElement>('.load-failed button')?.focus();
    // Closing returns focus to the bubble (APG dialog); only when it was open before, not on first render.
    if (changed.has('open') && changed.get('open') === true && !this.open) this.bubble.focus();
  }

  /** Opens the panel. */
  show() {
    this.open = true;
  }

  /** Closes the panel; focus returns to the bubble. */
  close() {
    this.panel?.close();
    this.open = false;
  }

  /** Makes a store for the configured transport and starts it, replacing any previous one. */
  private async connectTransport() {
    // The badge paints first: the store, and IndexedDB's code for kept work (drafts, unsent messages), load after it.
    const [transport, { MessengerStore }, { indexedDbPersistence }] = await Promise.all([
      this.transport ?? this.hubTransport(),
      import('../../state/store.js'),
      import('../../state/persistence.js'),
    ]);
    if (!transport || transport === this.store?.transport) return;
    await this.release();
    // The store keeps trying to connect; the host hears of a failure once per outage.
    let told = false;
    const store = new MessengerStore(transport, {
      persistence: indexedDbPersistence(),
      onConnectError: (error) => {
        if (told || this.store !== store) return;
        told = true;
        emit(this, 'im-error', { error });
      },
    });
    this.store = store;
    this.provider.setValue(store);
    this.unsubscribe = store.subscribe((state, previous) => {
      if (state.connection === 'connected') told = false;
      if (state.unread !== previous.unread) {
        this.unread = state.unread;
        emit(this, 'im-unread-change', { unread: state.unread });
      }
      // The open conversation went away (left, removed by a moderator): back to the list.
      const open = this.route.name === 'conversation' ? previous.conversations.get(this.route.conversationId) : undefined;
      if (open && !state.conversations.has(open.id)) void this.leaveGone(open.id, conversationName(open, this.l10n.t));
    });
    const stopEvents = store.onEvent((event) => {
      if (event.type === 'conversation-removed') this.goneReason = event.reason;
      if (event.type === 'message-created' && event.message.sender.id !== store.state.user?.id) this.onMessageFromOthers(event.message, event.conversation);
    });
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = () => (unsubscribe(), stopEvents());
    this.requestUpdate();
    // A failure has been told through onConnectError; the store tries again by itself.
    await store.start().catch(() => undefined);
  }

  /**
   * A new message from someone else: the host hears of it (`im-message`), the reader too
   * unless it is in front of them or muted: announced, and with desktop notifications on,
   * notified while the panel is closed or the tab hidden (unless the host cancelled the event).
   */
  private onMessageFromOthers(message: Message, conversation: ConversationSummary) {
    const inOpen = this.open && this.route.name === 'conversation' && this.route.conversationId === conversation.id;
    const notice = noticeOf(message, conversation, conversationName(conversation, this.l10n.t), inOpen && document.visibilityState === 'visible');
    const notify = emit(this, 'im-message', notice, { cancelable: true });
    if (conversation.muted) return;
    // The open conversation says its own.
    if (!inOpen && !this.quiet) this.newMessages.add(message);
    const looking = this.open && document.visibilityState === 'visible';
    if (notify && !looking && this.store?.state.preferences?.desktop && notificationsAllowed()) {
      showNotification(notice, this.l10n.t.locale, () => void this.openConversation(conversation.id));
    }
  }

  /**
   * Opens the panel on a conversation (a notification was clicked). The panel opens first:
   * its dialog takes focus as it opens, and the conversation takes it from there once loaded.
   */
  private async openConversation(conversationId: string) {
    this.open = true;
    await this.loadPanel().catch(() => undefined);
    await this.updateComplete;
    await this.panel?.updateComplete;
    this.route = { name: 'conversation', conversationId };
    this.settingsFor = '';
  }

  /**
   * Back to the list when the open conversation is gone, with focus on the list (its
   * settings close too) and the reason said: "You left Maths study group".
   */
  private async leaveGone(conversationId: string, name: string) {
    this.route = { name: 'home' };
    if (this.settingsFor === conversationId) this.settingsFor = '';
    // The backend's event with the reason comes right after the state change.
    await this.updateComplete;
    const { t } = this.l10n;
    const reason = this.goneReason;
    this.goneReason = undefined;
    await this.panel?.focusHome();
    this.panel?.announce(reason === 'left' ? t.youLeft(name) : reason === 'removed' ? t.youWereRemoved(name) : t.conversationGone(name));
  }

  /** The SignalR transport for `hubUrl`, loaded only when a page uses it. */
  private async hubTransport(): Promise<Transport | undefined> {
    if (!this.hubUrl || !this.tokenFactory) return undefined;
    const { SignalRTransport } = await import('../../transport/signalr-transport.js');
    const tokenFactory = this.tokenFactory;
    return new SignalRTransport({ hubUrl: new URL(this.hubUrl, document.baseURI).href, accessTokenFactory: () => tokenFactory() });
  }

  private async release() {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    const store = this.store;
    this.store = undefined;
    await store?.stop().catch(() => undefined);
  }

  private preload = () => void this.loadPanel().catch(() => undefined);

  private onToggle = (event: ElementEvent<'im-toggle'>) => {
    this.open = event.detail.expanded;
  };

  private onClose = (event: Event) => {
    // The settings sheet closing is not the panel closing.
    if (event.composedPath()[0] !== this.panel) return;
    this.open = false;
  };

  private onSettingsOpen = (event: ElementEvent<'im-settings-open'>) => {
    this.settingsFor = event.detail.conversationId;
  };

  private onSettingsClose = async (event: Event) => {
    event.stopPropagation();
    this.settingsFor = '';
    // Back to the gear that opened it, if the conversation is still open (not left for the list).
    await this.updateComplete;
    if (this.leavingView) return;
    this.shadowRoot!.querySelector('im-conversation-view')?.focusSettings();
  };

  /**
   * The reader hid the open conversation from their list: they are tidying it, so they go
   * back to it, on the conversation that took its place (or on the list), and hear it done.
   */
  private onConversationHide = async (event: ElementEvent<'im-conversation-hide'>) => {
    event.stopPropagation();
    const { conversationId, next } = event.detail;
    this.settingsFor = '';
    if (this.route.name === 'conversation' && this.route.conversationId === conversationId) {
      // As going back does: focus is on the list before the view goes.
      this.leavingView = true;
      await this.updateComplete;
      if (next) await this.panel.focusConversation(next);
      else await this.panel.focusHome();
      this.route = { name: 'home' };
      this.leavingView = false;
    }
    this.panel?.announce(this.l10n.t.settings.hiddenSaid);
  };

  private onReportsOpen = () => {
    this.route = { name: 'reports' };
  };

  private onNewMessage = () => {
    this.route = { name: 'new' };
  };

  private onOpenConversation = (event: ElementEvent<'im-conversation-open'>) => {
    this.route = { name: 'conversation', ...event.detail };
    this.settingsFor = '';
  };

  private onBack = async () => {
    const from = this.route.name === 'conversation' ? this.route.conversationId : this.route.name;
    // Back where the reader left: on the conversation they came from. Focus moves there while
    // the view is still in place (all before the next paint), and only then does the view go:
    // a screen reader whose focused element disappears first says nothing of where it lands.
    this.leavingView = true;
    await this.updateComplete;
    await this.panel.focusConversation(from);
    this.route = { name: 'home' };
    this.leavingView = false;
  };
}
