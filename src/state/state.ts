/**
 * What the panel knows, as plain data: the store's state, the records it holds,
 * and the pure helpers that keep them in order. Replaced, not mutated: a new map
 * or array on every change, so components compare by identity.
 */
import type { ImError } from '../model/errors.js';
import type { ImEvent } from '../model/events.js';
import { withReactionChange } from '../model/reactions.js';
import type { AbuseReport, Attachment, ConversationId, ConversationSummary, Message, NotificationPreferences, Person, ReadStatus, User, UserId } from '../model/types.js';
import type { ConnectionState } from '../transport/transport.js';

/** A conversation's loaded window of history, ordered by seq. */
export interface MessageWindow {
  messages: Message[];
  hasMoreBefore: boolean;
  hasMoreAfter: boolean;
  loading: 'older' | 'newer' | 'initial' | false;
}

/** A message the reader sent that the backend has not confirmed. */
export interface PendingMessage {
  clientId: string;
  conversationId: ConversationId;
  text: string;
  attachments: Attachment[];
  replyTo?: Message;
  createdAt: number;
  /** `pending` waits for the connection or the backend; `failed` needs the reader's retry. */
  status: 'pending' | 'failed';
  error?: ImError;
}

export interface StoreState {
  user?: User;
  connection: ConnectionState;
  /** The badge's count. */
  unread: number;
  conversations: ReadonlyMap<ConversationId, ConversationSummary>;
  /** The list's ids: the pinned ones first, the most recently pinned first; then by last activity, newest first. */
  order: readonly ConversationId[];
  listCursor?: string;
  listState: 'idle' | 'loading' | 'loaded' | 'error';
  listError?: ImError;
  windows: ReadonlyMap<ConversationId, MessageWindow>;
  outbox: readonly PendingMessage[];
  drafts: ReadonlyMap<ConversationId, string>;
  reports: readonly AbuseReport[];
  /** The reader's notification preferences, once loaded. */
  preferences?: NotificationPreferences;
  /** Who has seen the reader's messages, in the conversations whose history was opened (issue 18); none where nobody has, or it is not shown. */
  readStatus: ReadonlyMap<ConversationId, ReadStatus>;
}

export type StoreListener = (state: StoreState, previous: StoreState) => void;
/** What a component hears about events as they come: new messages to announce, removals to react to. */
export type StoreEventListener = (event: ImEvent) => void;

export const initial: StoreState = {
  connection: 'disconnected',
  unread: 0,
  conversations: new Map(),
  order: [],
  listState: 'idle',
  windows: new Map(),
  outbox: [],
  drafts: new Map(),
  reports: [],
  readStatus: new Map(),
};

/**
 * A client id for a send, so a retried send is stored once. `randomUUID` exists
 * only in secure contexts; a host page on plain http gets a random fallback.
 */
export const newClientId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

const listed = (c: ConversationSummary) => c.access === 'participant' && !c.hidden;
/** The list's order, as the backend pages it: pinned ones first (the most recently pinned first), then the newest activity. */
const newerFirst = (a: ConversationSummary, b: ConversationSummary) =>
  (b.pinnedAt ?? 0) - (a.pinnedAt ?? 0) || b.lastActivityAt - a.lastActivityAt || (a.id < b.id ? -1 : 1);

/** The reader's list: their own conversations (not a report's they review, not a hidden one), pinned ones first, then newest activity first. */
export function byActivity(conversations: ReadonlyMap<ConversationId, ConversationSummary>): ConversationId[] {
  return [...conversations.values()].filter(listed).sort(newerFirst).map((c) => c.id);
}

/**
 * The list's order once `conversation` has changed in `conversations`: the same array
 * when it keeps its place (a new message in the conversation already on top, message
 * after message in a burst), sorted afresh otherwise.
 */
function orderAfter(state: StoreState, conversations: ReadonlyMap<ConversationId, ConversationSummary>, conversation: ConversationSummary): readonly ConversationId[] {
  const before = state.conversations.get(conversation.id);
  if (!before || listed(before) !== listed(conversation)) return byActivity(conversations);
  if (!listed(conversation)) return state.order;
  const at = state.order.indexOf(conversation.id);
  if (at < 0) return byActivity(conversations);
  const above = conversations.get(state.order[at - 1]);
  const below = conversations.get(state.order[at + 1]);
  const inPlace = (!above || newerFirst(above, conversation) < 0) && (!below || newerFirst(conversation, below) < 0);
  return inPlace ? state.order : byActivity(conversations);
}

/** The empty file list most messages have, one for all; frozen, so nothing can add to it. */
const NO_ATTACHMENTS = Object.freeze([]) as unknown as Attachment[];

/**
 * Messages as the store keeps them: one sender object per person (`people`, kept across
 * pages) and one empty file list for all, not a copy of each per message as the wire gives
 * them. A history scrolled back through holds tens of thousands of messages, and those
 * copies (a sender's name and title among them) were about a quarter of its memory.
 */
export function compactMessages(messages: Message[], people: Map<UserId, Person>): Message[] {
  return messages.map((message) => {
    const { sender, attachments } = message;
    const known = people.get(sender.id);
    const same = !!known && samePerson(known, sender);
    // A renamed person's newer messages carry the new name: that object is the one kept from now on.
    if (!same) people.set(sender.id, sender);
    const files = attachments.length ? attachments : NO_ATTACHMENTS;
    return (same && known !== sender) || files !== attachments ? { ...message, sender: same ? known! : sender, attachments: files } : message;
  });
}

/** Every field of a person (the compiler checks the list is whole, so a new field is compared too). */
const PERSON_FIELDS = Object.keys({ id: 0, name: 0, title: 0, role: 0, avatarUrl: 0 } satisfies Record<keyof Person, 0>) as (keyof Person)[];

const samePerson = (a: Person, b: Person) => PERSON_FIELDS.every((field) => a[field] === b[field]);

/** Puts messages into a window in seq order, replacing ones it has. */
export function merge(window: MessageWindow, incoming: Message[]): Message[] {
  // The usual case, new messages after the last: appended, without sorting the window again.
  const after = (m: Message, i: number) => m.seq > (i > 0 ? incoming[i - 1].seq : (window.messages.at(-1)?.seq ?? -Infinity));
  if (incoming.every(after)) return window.messages.concat(incoming);
  const bySeq = new Map(window.messages.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

// ---- Reducers: a change as the patch of the state it makes

/** Keeps a conversation as a command or a look-up returned it, a reviewer's view too (it stays out of the list). */
export function withConversation(state: StoreState, conversation: ConversationSummary): Pick<StoreState, 'conversations' | 'order'> {
  const conversations = new Map(state.conversations);
  conversations.set(conversation.id, conversation);
  return { conversations, order: orderAfter(state, conversations, conversation) };
}

/** Drops a conversation the reader can no longer see, with its history. */
export function withoutConversation(state: StoreState, conversationId: ConversationId): Partial<StoreState> {
  const conversations = new Map(state.conversations);
  conversations.delete(conversationId);
  const windows = new Map(state.windows);
  windows.delete(conversationId);
  return { conversations, windows, order: state.order.filter((id) => id !== conversationId), ...withReadStatus(state, conversationId, undefined) };
}

/**
 * The conversation's read status as the backend tells it: `undefined` for none. Unless `replace`,
 * one that would go back (an answer asked for before an event that came first) is not taken: reads
 * only move a status on, to a later message or more people.
 */
export function withReadStatus(state: StoreState, conversationId: ConversationId, status: ReadStatus | undefined, replace = true): Pick<StoreState, 'readStatus'> {
  const kept = state.readStatus.get(conversationId);
  const back = !!kept && !!status && (status.seq < kept.seq || (status.seq === kept.seq && status.seen < kept.seen));
  if ((!replace && back) || kept === status || (!kept && !status)) return { readStatus: state.readStatus };
  const readStatus = new Map(state.readStatus);
  if (status) readStatus.set(conversationId, status);
  else readStatus.delete(conversationId);
  return { readStatus };
}

/** A conversation as an event tells it; a reviewer's view that the state does not hold yet is no news to the list. */
function updated(state: StoreState, conversation: ConversationSummary): Pick<StoreState, 'conversations' | 'order'> {
  if (conversation.access === 'reviewer' && !state.conversations.has(conversation.id)) return { conversations: state.conversations, order: state.order };
  return withConversation(state, conversation);
}

/** What a backend event changes. */
export function applyEvent(state: StoreState, event: ImEvent): Partial<StoreState> {
  switch (event.type) {
    case 'message-created':
    case 'message-edited':
    case 'message-deleted': {
      const window = state.windows.get(event.message.conversationId);
      // An edit's message is everyone's, without the reader's reactions: the window keeps those.
      const kept = event.type === 'message-edited' ? window?.messages.find((m) => m.id === event.message.id)?.reactions : undefined;
      const message = kept ? { ...event.message, reactions: kept } : event.message;
      // A created message joins the window only if the window reaches the end; otherwise it is loaded later.
      const joins = window && (event.type === 'message-created' ? !window.hasMoreAfter : window.messages.some((m) => m.id === message.id));
      const windows = joins ? new Map(state.windows).set(message.conversationId, { ...window, messages: merge(window, [message]) }) : state.windows;
      // The same outbox when the message is not one of ours waiting: nothing to save, nothing to re-render.
      const sent = !!message.clientId && state.outbox.some((p) => p.clientId === message.clientId);
      const outbox = sent ? state.outbox.filter((p) => p.clientId !== message.clientId) : state.outbox;
      // A new message that changed the reader's unread total brings it (the badge's number).
      const unread = event.type === 'message-created' && event.unreadTotal !== undefined ? { unread: event.unreadTotal } : {};
      return { windows, outbox, ...unread, ...updated(state, event.conversation) };
    }
    case 'reaction-changed': {
      const window = state.windows.get(event.conversationId);
      const at = window?.messages.findIndex((m) => m.id === event.messageId) ?? -1;
      // A message not loaded gets its reactions when it is; a deleted one has none.
      if (!window || at < 0 || window.messages[at].status !== 'normal') return {};
      const messages = window.messages.slice();
      messages[at] = withReactionChange(messages[at], { emoji: event.emoji, count: event.count, userId: event.person.id, added: event.added }, state.user?.id);
      return { windows: new Map(state.windows).set(event.conversationId, { ...window, messages }) };
    }
    case 'conversation-added':
    case 'conversation-updated':
      return updated(state, event.conversation);
    case 'conversation-removed':
      return withoutConversation(state, event.conversationId);
    case 'unread-changed':
      return { unread: event.total };
    case 'report-added':
      return { reports: [event.report, ...state.reports.filter((r) => r.id !== event.report.id)] };
    case 'preferences-changed':
      return { preferences: event.preferences };
    case 'read-status-changed':
      return withReadStatus(state, event.status.conversationId, event.status, false);
  }
}
