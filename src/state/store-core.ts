/**
 * The store's machinery: the state and who hears it, the connection kept up
 * (reconnecting with backoff, reloading after missed events), the backend's
 * events reduced into the state, the list and histories loaded, the outbox sent
 * in order and drafts kept across reloads. `MessengerStore` adds the intents.
 */
import { ImError } from '../model/errors.js';
import { READ_STATUS_EVERY_MS, type ImEvent } from '../model/events.js';
import type { ConversationId, ConversationSummary, Message, Person, UserId } from '../model/types.js';
import type { Transport, TransportEvent } from '../transport/transport.js';
import type { Persistence, SavedWork } from './persistence.js';
import {
  applyEvent,
  byActivity,
  compactMessages,
  initial,
  merge,
  withConversation,
  withoutConversation,
  withReadStatus,
  type MessageWindow,
  type PendingMessage,
  type StoreEventListener,
  type StoreListener,
  type StoreState,
} from './state.js';

const PAGE = 50;

/**
 * Waits before reconnect attempt `attempt` (0, 1, 2…): 1 s, 2 s, 4 s … up to a minute,
 * each drawn at random from its upper half, so panels that lost a restarting server
 * together do not all come back in the same second.
 */
export function reconnectDelay(attempt: number, random = Math.random): number {
  const ceiling = Math.min(60_000, 1_000 * 2 ** Math.min(attempt, 6));
  return ceiling / 2 + random() * (ceiling / 2);
}

export interface StoreOptions {
  /** How long to wait before reconnect attempt `attempt` (from 0); `reconnectDelay` by default. */
  retryDelay?: (attempt: number) => number;
  /** Hears each failed attempt to connect (the store keeps trying). */
  onConnectError?: (error: ImError) => void;
  /** Where drafts and unsent messages are kept across reloads; in memory only without it. */
  persistence?: Persistence;
}

/** How long after the last change drafts and the outbox are written down (typing is not written key by key). */
const SAVE_AFTER_MS = 150;

/** When to ask for a read status again, after opening a history or the last `read-status-changed`: past the backend's quiet time, for the reads it held back. */
const READ_STATUS_AGAIN_MS = READ_STATUS_EVERY_MS + 1_000;

export class StoreCore {
  protected current: StoreState = initial;
  private listeners = new Set<StoreListener>();
  private eventListeners = new Set<StoreEventListener>();
  private unsubscribe?: () => void;
  /** Whether the reports were asked for (only reviewers do), so a reset reloads them. */
  private reportsLoaded = false;
  /** Between `start` and `stop`: the store keeps the connection up. */
  private running = false;
  /** An attempt to connect is under way (its outcome decides what comes next). */
  private connecting = false;
  /** The list and the badge have been loaded once. */
  private loaded = false;
  /** Events were missed (`reset`): everything is reloaded once connected. */
  private stale = false;
  private attempt = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  /** The one run of the outbox at a time (see `pump`). */
  private pumping?: Promise<void>;
  /** Whose kept work is shown before the connection says who is signed in. */
  private restoredFor?: string;
  /** A save waiting to be written (`scheduleSave`); undefined when none is. */
  private saveTimer?: ReturnType<typeof setTimeout>;
  /** Stopped: it writes no more kept work. */
  private stopped = false;
  /** A conversation's read status to ask for again, once the backend's quiet time is over. */
  private readStatusTimers = new Map<ConversationId, ReturnType<typeof setTimeout>>();
  /** Each sender of the messages loaded, one object for all their messages (`compactMessages`). */
  private readonly people = new Map<UserId, Person>();

  constructor(
    readonly transport: Transport,
    private readonly options: StoreOptions = {},
  ) {}

  get state(): StoreState {
    return this.current;
  }

  /** Calls `listener` after every change. Returns the unsubscribe function. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hears each backend event after the state has taken it in. */
  onEvent(listener: StoreEventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  protected set(patch: Partial<StoreState>) {
    const previous = this.current;
    this.current = { ...previous, ...patch };
    this.scheduleSave(this.current, previous);
    for (const listener of this.listeners) listener(this.current, previous);
  }

  // ---- Lifecycle

  /**
   * Connects and loads the first page of conversations and the unread count. If that
   * fails it rejects (for the host to hear) and keeps trying, with growing waits, until
   * `stop`; so does a connection the transport gave up on later.
   */
  async start(): Promise<void> {
    this.running = true;
    this.stopped = false;
    this.unsubscribe ??= this.transport.subscribe((event) => this.receive(event));
    await this.restore();
    await this.connect();
  }

  /** Shows the drafts and unsent messages kept from the last visit, before connecting (the server may be down). */
  private async restore() {
    const work = await this.options.persistence?.load().catch(() => undefined);
    if (!work) return;
    this.restoredFor = work.userId;
    const kept = new Set(this.current.outbox.map((p) => p.clientId));
    const outbox = work.outbox.filter((p) => !kept.has(p.clientId)).map((p) => ({ ...p, ...(p.error ? { error: ImError.from(p.error) } : {}) }));
    this.set({ drafts: new Map([...work.drafts, ...this.current.drafts]), outbox: [...outbox, ...this.current.outbox] });
  }

  /**
   * Someone else signed in: what was kept is not theirs. It is gone from the browser
   * before anything of the new reader loads, so no other tab can still read it.
   */
  private async forgetOthers(userId: string) {
    const others = !!this.restoredFor && this.restoredFor !== userId;
    this.restoredFor = userId;
    if (!others) return;
    this.set({ drafts: new Map(), outbox: [] });
    const persistence = this.options.persistence;
    if (persistence) await this.inOrder(() => persistence.clear());
  }

  /**
   * Runs the kept work's writes one after another, in the order they were asked for: a save
   * begun before another reader's sign-in forgot the kept work must not land after it.
   */
  private inOrder(write: () => Promise<void>): Promise<void> {
    this.writing = this.writing.then(write).catch(() => undefined);
    return this.writing;
  }

  private writing: Promise<void> = Promise.resolve();

  /** Writes drafts and the outbox down a moment after they change, so a reload or a crash loses nothing typed. */
  private scheduleSave(state: StoreState, previous: StoreState) {
    if (!this.options.persistence || this.stopped || (state.drafts === previous.drafts && state.outbox === previous.outbox)) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveNow(), SAVE_AFTER_MS);
  }

  /** Writes drafts and the outbox down now (the page is being left). */
  async saveNow(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const persistence = this.options.persistence;
    const userId = this.current.user?.id ?? this.restoredFor;
    if (!persistence || !userId) return;
    const work: SavedWork = {
      userId,
      drafts: [...this.current.drafts],
      // Errors as plain data: a class does not survive being stored.
      outbox: this.current.outbox.map((p) => (p.error ? { ...p, error: p.error.toJSON() } : p) as PendingMessage),
    };
    await this.inOrder(() => persistence.save(work));
  }

  async stop(): Promise<void> {
    this.running = false;
    // What waits to be written is written now, and nothing after: a store stopped (its element
    // removed) must not write over the kept work of the one that follows it in the page.
    if (this.saveTimer !== undefined) void this.saveNow();
    this.stopped = true;
    clearTimeout(this.retryTimer);
    for (const timer of this.readStatusTimers.values()) clearTimeout(timer);
    this.readStatusTimers.clear();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.transport.disconnect();
  }

  /** Tries to connect now rather than at the next scheduled attempt (the browser is back online, the tab is visible again, the reader asks). */
  reconnectNow() {
    if (!this.running || this.connecting || this.current.connection !== 'disconnected') return;
    void this.connect().catch(() => undefined);
  }

  private async connect() {
    clearTimeout(this.retryTimer);
    this.connecting = true;
    try {
      const user = await this.transport.connect();
      this.attempt = 0;
      await this.forgetOthers(user.id);
      this.set({ user, connection: this.transport.connectionState });
      void this.pump();
      if (!this.loaded || this.stale) await this.reload();
    } catch (error) {
      const failure = ImError.from(error);
      this.set({ connection: this.transport.connectionState, ...(this.loaded ? {} : { listState: 'error' as const, listError: failure }) });
      this.options.onConnectError?.(failure);
      this.scheduleReconnect();
      throw failure;
    } finally {
      this.connecting = false;
    }
  }

  private scheduleReconnect() {
    if (!this.running) return;
    clearTimeout(this.retryTimer);
    const wait = (this.options.retryDelay ?? reconnectDelay)(this.attempt++);
    this.retryTimer = setTimeout(() => void this.connect().catch(() => undefined), wait);
  }

  /**
   * Loads what the panel shows afresh: the list, the badge, the conversations whose
   * history is loaded, and a reviewer's reports. On the first connect, and after
   * events were missed (`reset`), once the connection is up.
   */
  private async reload() {
    this.stale = false;
    await Promise.all([
      this.loadConversations(true),
      this.refreshUnread(),
      this.refreshPreferences(),
      ...[...this.current.windows.keys()].map((id) => this.load(id, 'initial', {}).catch(() => undefined)),
      this.reportsLoaded ? this.loadReports().catch(() => undefined) : undefined,
    ]);
    this.loaded = true;
  }

  private async refreshUnread() {
    try {
      this.set({ unread: await this.transport.getUnreadCount({}) });
    } catch {
      // Dropped meanwhile: the next connect reloads it.
      this.stale = true;
    }
  }

  private async refreshPreferences() {
    try {
      this.set({ preferences: await this.transport.getNotificationPreferences({}) });
    } catch {
      // Dropped meanwhile, or a backend that predates them: nothing notifies until the next reload.
    }
  }

  // ---- Reducing what the transport says

  private receive(event: TransportEvent) {
    if (event.type === 'connection') {
      const wasOnline = this.current.connection === 'connected';
      this.set({ connection: event.state });
      // A connect in progress sends the outbox itself, once it knows who signed in: kept
      // messages of another reader must never go out in this one's name.
      if (event.state === 'connected' && !wasOnline && !this.connecting) {
        if (this.stale && this.loaded) void this.reload();
        void this.pump();
      }
      // The transport gave up (or lost a connection it had): the store keeps trying.
      if (event.state === 'disconnected' && !this.connecting) this.scheduleReconnect();
      return;
    }
    if (event.type === 'reset') {
      // Events were missed: everything kept may be stale, reports a reviewer has loaded too.
      // Reloaded once the connection is up (a reset comes while it is being re-established).
      this.stale = true;
      if (this.current.connection === 'connected' && !this.connecting) void this.reload();
      return;
    }
    const before = this.current;
    this.set(applyEvent(before, event.event));
    this.followReadStatus(event.event, before);
    for (const listener of this.eventListeners) listener(event.event);
  }

  // ---- Read status (issue 18): asked for with a history, followed by events

  /**
   * Asks who has seen the reader's messages in the conversation; `replace: false` keeps a status
   * that would go back. Asked with a history, it is asked once more later (`askAgainLater`).
   */
  private async refreshReadStatus(conversationId: ConversationId, replace = true, again = false) {
    try {
      const status = await this.transport.getReadStatus({ conversationId });
      this.set(withReadStatus(this.current, conversationId, status ?? undefined, replace));
      if (again && status) this.askAgainLater(conversationId);
    } catch {
      // Offline, the next load asks again; a backend of an earlier contract has none to show.
    }
  }

  /**
   * The backend tells reads at most every few seconds a conversation, holding back those in
   * between: after an event, and after asking when a history opens (an event may have come just
   * before, to this tab or another), the status is asked for once more when that time is surely
   * over, if a history is open by then. The message a status is under going away moves it to an
   * earlier one, or none; someone joining or leaving changes how many it counts.
   */
  private followReadStatus(event: ImEvent, before: StoreState) {
    if (event.type === 'read-status-changed') this.askAgainLater(event.status.conversationId);
    else if (event.type === 'message-deleted' && this.current.readStatus.get(event.message.conversationId)?.messageId === event.message.id) {
      void this.refreshReadStatus(event.message.conversationId);
    } else if (event.type === 'conversation-updated') {
      const { id, participantCount } = event.conversation;
      if (this.current.readStatus.has(id) && before.conversations.get(id)?.participantCount !== participantCount) void this.refreshReadStatus(id);
    }
  }

  private askAgainLater(conversationId: ConversationId) {
    clearTimeout(this.readStatusTimers.get(conversationId));
    const timer = setTimeout(() => {
      this.readStatusTimers.delete(conversationId);
      if (this.current.windows.has(conversationId)) void this.refreshReadStatus(conversationId, false);
    }, READ_STATUS_AGAIN_MS);
    this.readStatusTimers.set(conversationId, timer);
  }

  /** Keeps a conversation as a command or a look-up returned it, a reviewer's view too (it stays out of the list). */
  protected keep(conversation: ConversationSummary): ConversationSummary {
    this.set(withConversation(this.current, conversation));
    return conversation;
  }

  /** Drops a conversation the reader can no longer see, with its history. */
  protected forget(conversationId: ConversationId) {
    this.set(withoutConversation(this.current, conversationId));
  }

  // ---- The conversation list

  /** Loads the first page again (`fresh`) or the next one. */
  async loadConversations(fresh = false): Promise<void> {
    if (this.current.listState === 'loading') return;
    if (!fresh && this.current.listState === 'loaded' && !this.current.listCursor) return;
    this.set({ listState: 'loading' });
    try {
      const page = await this.transport.listConversations(fresh || !this.current.listCursor ? {} : { cursor: this.current.listCursor });
      // Afresh, but the conversations with a history open stay (a reviewer's view, an older one
      // being read): the reader is not thrown out of them by a reload.
      const kept = fresh ? [...this.current.conversations].filter(([id]) => this.current.windows.has(id)) : this.current.conversations;
      const conversations = new Map(kept);
      for (const c of page.items) conversations.set(c.id, c);
      this.set({ conversations, order: byActivity(conversations), listCursor: page.cursor, listState: 'loaded', listError: undefined });
    } catch (error) {
      this.set({ listState: 'error', listError: ImError.from(error) });
    }
  }

  /** The reader's "Try again" on a list that failed: connect first if the connection is down. */
  retryList() {
    if (this.current.connection === 'disconnected') this.reconnectNow();
    else void this.loadConversations(true);
  }

  /** Whether more conversations can be loaded. */
  get hasMoreConversations(): boolean {
    return !!this.current.listCursor;
  }

  // ---- Messages

  /** Loads the latest page of a conversation (and its summary if the list has not got it). */
  async openConversation(conversationId: ConversationId): Promise<void> {
    if (!this.current.conversations.has(conversationId)) this.keep(await this.transport.getConversation({ conversationId }));
    await this.load(conversationId, 'initial', {});
  }

  /** Loads the page before the oldest message loaded. */
  async loadOlder(conversationId: ConversationId): Promise<void> {
    const window = this.current.windows.get(conversationId);
    if (!window || !window.hasMoreBefore || window.loading) return;
    await this.load(conversationId, 'older', { before: window.messages[0]?.seq ?? 1 });
  }

  /** Loads the page after the newest message loaded (when the window was opened around a search hit). */
  async loadNewer(conversationId: ConversationId): Promise<void> {
    const window = this.current.windows.get(conversationId);
    if (!window || !window.hasMoreAfter || window.loading) return;
    await this.load(conversationId, 'newer', { after: window.messages.at(-1)?.seq ?? 0 });
  }

  /** Replaces the window with the page around a message, for jumping to a search hit or a quoted message. */
  async loadAround(conversationId: ConversationId, seq: number): Promise<void> {
    const window = this.current.windows.get(conversationId);
    if (window?.messages.some((m) => m.seq === seq)) return;
    this.setWindow(conversationId, { messages: [], hasMoreBefore: false, hasMoreAfter: false, loading: 'initial' });
    await this.load(conversationId, 'initial', { around: seq });
  }

  private async load(conversationId: ConversationId, loading: MessageWindow['loading'], range: { before?: number; after?: number; around?: number }) {
    const window = this.current.windows.get(conversationId) ?? { messages: [], hasMoreBefore: false, hasMoreAfter: false, loading: false };
    this.setWindow(conversationId, { ...window, loading });
    if (loading === 'initial') void this.refreshReadStatus(conversationId, true, true);
    try {
      const page = await this.transport.getMessages({ conversationId, limit: PAGE, ...range });
      const messages = compactMessages(page.messages, this.people);
      const base = this.current.windows.get(conversationId) ?? window;
      const fresh = loading === 'initial';
      this.setWindow(conversationId, {
        messages: fresh ? messages : merge(base, messages),
        hasMoreBefore: loading === 'newer' ? base.hasMoreBefore : page.hasMoreBefore,
        hasMoreAfter: loading === 'older' ? base.hasMoreAfter : page.hasMoreAfter,
        loading: false,
      });
    } catch (error) {
      this.setWindow(conversationId, { ...(this.current.windows.get(conversationId) ?? window), loading: false });
      throw ImError.from(error);
    }
  }

  protected setWindow(conversationId: ConversationId, window: MessageWindow) {
    const windows = new Map(this.current.windows);
    windows.set(conversationId, window);
    this.set({ windows });
  }

  /**
   * Sends what waits in the outbox, one message at a time in the order written, so
   * the stored order is the written order (a message written as the connection comes
   * back queues behind those written before). Resolves when nothing pending is left
   * that can go now.
   */
  protected pump(): Promise<void> {
    return (this.pumping ??= this.drain().finally(() => (this.pumping = undefined)));
  }

  private async drain() {
    const tried = new Set<string>();
    for (;;) {
      const next = this.current.outbox.find((p) => p.status === 'pending' && !tried.has(p.clientId));
      if (!next || this.current.connection !== 'connected') return;
      tried.add(next.clientId);
      if (!(await this.deliver(next))) return;
    }
  }

  /** Sends one message; false when the connection went (it stays pending, and goes next time). */
  private async deliver(pending: PendingMessage): Promise<boolean> {
    try {
      const message = await this.transport.sendMessage({
        conversationId: pending.conversationId,
        clientId: pending.clientId,
        text: pending.text,
        attachmentIds: pending.attachments.map((a) => a.id),
        ...(pending.replyTo ? { replyTo: pending.replyTo.id } : {}),
      });
      this.confirm(message);
      return true;
    } catch (error) {
      const failure = ImError.from(error);
      // Offline: it stays pending and goes out on reconnect. Anything else needs the reader.
      if (failure.code === 'unavailable') return false;
      this.updatePending(pending.clientId, { status: 'failed', error: failure });
      return true;
    }
  }

  private confirm(message: Message) {
    const windows = new Map(this.current.windows);
    const window = windows.get(message.conversationId);
    if (window && !window.hasMoreAfter) windows.set(message.conversationId, { ...window, messages: merge(window, [message]) });
    this.set({ windows, outbox: this.current.outbox.filter((p) => p.clientId !== message.clientId) });
  }

  protected updatePending(clientId: string, patch: Partial<PendingMessage>) {
    this.set({ outbox: this.current.outbox.map((p) => (p.clientId === clientId ? { ...p, ...patch } : p)) });
  }
  protected withDraft(conversationId: ConversationId, text: string) {
    const drafts = new Map(this.current.drafts);
    if (text) drafts.set(conversationId, text);
    else drafts.delete(conversationId);
    return drafts;
  }
  async loadReports(): Promise<void> {
    this.reportsLoaded = true;
    this.set({ reports: await this.transport.listReports({}) });
  }
}
