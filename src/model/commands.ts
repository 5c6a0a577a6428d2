import { ImError } from './errors.js';
import { REACTIONS } from './reactions.js';
import type { EventEnvelope } from './events.js';
import type {
  AbuseReport,
  ConversationMatch,
  ConversationSummary,
  Message,
  NotificationPreferences,
  Participant,
  Person,
  Recipient,
  RecipientRef,
  ReadStatus,
  Relationship,
  SearchHit,
  SeenBy,
  User,
} from './types.js';

/**
 * The commands of the transport contract, each with one named-argument object.
 * The hub exposes each as a method of the same name taking that object, so the
 * contract reads the same in TypeScript, on the wire and in C#.
 */
export interface CommandArgs {
  /** The signed-in user. */
  whoAmI: Record<string, never>;
  /**
   * The reader's list: the first page holds every pinned conversation, the most recently pinned
   * first, then up to `limit` others, newest activity first; `cursor` comes from the previous
   * page, and the pages after it hold only the others, so none comes twice.
   */
  listConversations: { cursor?: string; limit?: number };
  getConversation: { conversationId: string };
  /**
   * A page of messages by `seq`: the latest when neither `before` nor `after`
   * is given; `around` centres the page on a seq (jumping to a search hit).
   */
  getMessages: { conversationId: string; before?: number; after?: number; around?: number; limit?: number };
  searchConversation: { conversationId: string; query: string };
  searchConversations: { query: string; limit?: number };
  /** People, courses and projects by name; `types` narrows (adding participants wants people only). */
  searchRecipients: { query: string; types?: string[]; limit?: number };
  getParticipants: { conversationId: string };
  getRelationship: { userId: string };
  getUnreadCount: Record<string, never>;
  /** Every event for this user after `seq`, for a client catching up after a reconnect. */
  getEventsSince: { seq: number };
  /** Unique people and those who can't receive messages, for a choice of recipients. */
  checkRecipients: { recipients: RecipientRef[] };
  startConversation: {
    recipients: RecipientRef[];
    mode: 'group' | 'individual';
    text: string;
    attachmentIds?: string[];
    clientId: string;
  };
  sendMessage: { conversationId: string; clientId: string; text: string; attachmentIds?: string[]; replyTo?: string };
  /** Reply to a message's author in your one-to-one with them, quoting it. */
  replyPrivately: { messageId: string; clientId: string; text: string; attachmentIds?: string[] };
  editMessage: { messageId: string; text: string };
  /** The author deletes their own; a moderator removes anyone's. */
  deleteMessage: { messageId: string };
  forwardMessage: { messageId: string; conversationId: string; clientId: string; text?: string };
  /**
   * Reacts to a message with one of the set 👍 ❤️ 😂 😮 ✅ (`REACTIONS`), once per emoji and
   * person: reacting again changes nothing. Where the reader may send; raises no unread count.
   */
  addReaction: { messageId: string; emoji: string };
  /** Takes back the reader's reaction with `emoji`; taking back one never made changes nothing. */
  removeReaction: { messageId: string; emoji: string };
  /** Who reacted to a message with `emoji`, earliest first; for anyone who sees the message. */
  getReactions: { messageId: string; emoji: string };
  markRead: { conversationId: string; upTo: number };
  /** Marks from `fromSeq` on unread (the whole conversation's last message when absent). */
  markUnread: { conversationId: string; fromSeq?: number };
  /**
   * For this user only: the conversation's unread messages leave their unread total (the badge)
   * and new ones are not announced; its own unread count stays. Muting a muted one changes nothing.
   */
  muteConversation: { conversationId: string };
  /** Undoes `muteConversation`; unmuting one that is not muted changes nothing. */
  unmuteConversation: { conversationId: string };
  /**
   * Marks every conversation in the reader's list read, muted ones too: each unread count
   * and the unread total (the badge) become 0.
   */
  markAllRead: Record<string, never>;
  /**
   * For this user only: the conversation heads their list, above the others, the most recently
   * pinned first. Pinning a pinned one keeps its place; a hidden one comes back to the list.
   */
  pinConversation: { conversationId: string };
  /** Undoes `pinConversation`: the conversation goes back to its place by activity. */
  unpinConversation: { conversationId: string };
  /**
   * For this user only: a one-to-one, or a closed or deleted conversation, leaves their list
   * (read, unpinned) until a new message arrives in it.
   */
  hideConversation: { conversationId: string };
  /**
   * Who has seen the reader's own messages here: their latest message (not deleted) that someone
   * has seen, and how many of those it was sent to have.
   */
  getReadStatus: { conversationId: string };
  /** Who has seen one of the reader's own messages, and who has not yet. */
  getSeenBy: { messageId: string };
  renameConversation: { conversationId: string; name: string };
  addParticipants: { conversationId: string; userIds: string[] };
  removeParticipant: { conversationId: string; userId: string };
  leaveConversation: { conversationId: string };
  closeConversation: { conversationId: string };
  reopenConversation: { conversationId: string };
  deleteConversation: { conversationId: string };
  /** Undoes a course conversation's deletion; for reviewers of a report on it. */
  restoreConversation: { conversationId: string };
  /** A fresh course conversation after the old one was deleted. */
  startCourseConversation: { courseId: string };
  reportAbuse: { conversationId: string; messageId?: string; reason: string };
  /** Reports this user reviews (administrators, and teachers of the reporter). */
  listReports: Record<string, never>;
  /** The signed-in user's own notification preferences. */
  getNotificationPreferences: Record<string, never>;
  /** Changes the ones given, keeps the others; every tab of the user hears `preferences-changed`. */
  setNotificationPreferences: { desktop?: boolean; emailDigest?: boolean };
}

export interface CommandResults {
  whoAmI: User;
  listConversations: { items: ConversationSummary[]; cursor?: string };
  getConversation: ConversationSummary;
  getMessages: { messages: Message[]; hasMoreBefore: boolean; hasMoreAfter: boolean };
  searchConversation: SearchHit[];
  /** Name matches first, then conversations with a matching message; newest activity first within each. */
  searchConversations: ConversationMatch[];
  searchRecipients: Recipient[];
  getParticipants: Participant[];
  getRelationship: Relationship;
  getUnreadCount: number;
  /** `reset`: the events asked for are no longer kept; reload everything instead. */
  getEventsSince: { events: EventEnvelope[]; latestSeq: number; reset: boolean };
  checkRecipients: { uniqueCount: number; messagingDisabled: Person[] };
  /** `messagingDisabled`: chosen people who were left out because they can't receive messages. */
  startConversation: { conversation: ConversationSummary; message?: Message; messagingDisabled: Person[] };
  sendMessage: Message;
  replyPrivately: { conversation: ConversationSummary; message: Message };
  editMessage: Message;
  deleteMessage: Message;
  forwardMessage: Message;
  /** The message as the reader now sees it, with its reactions. */
  addReaction: Message;
  removeReaction: Message;
  getReactions: Person[];
  markRead: ConversationSummary;
  markUnread: ConversationSummary;
  muteConversation: ConversationSummary;
  unmuteConversation: ConversationSummary;
  /** The conversations it marked read, as they are now (none when nothing was unread). */
  markAllRead: ConversationSummary[];
  pinConversation: ConversationSummary;
  unpinConversation: ConversationSummary;
  hideConversation: ConversationSummary;
  /**
   * `null` when none of the reader's messages has been seen yet, or read status is not shown to
   * them here (the school's setting, a one-way kind, a conversation of more than 300).
   */
  getReadStatus: ReadStatus | null;
  /** Each list in the order of names. */
  getSeenBy: SeenBy;
  renameConversation: ConversationSummary;
  addParticipants: ConversationSummary;
  removeParticipant: ConversationSummary;
  leaveConversation: null;
  closeConversation: ConversationSummary;
  reopenConversation: ConversationSummary;
  deleteConversation: ConversationSummary;
  restoreConversation: ConversationSummary;
  startCourseConversation: ConversationSummary;
  reportAbuse: { reportId: string };
  listReports: AbuseReport[];
  getNotificationPreferences: NotificationPreferences;
  setNotificationPreferences: NotificationPreferences;
}

export type CommandName = keyof CommandArgs;

// ---- Runtime shapes, so bad input from any client gets `invalid`, never a crash.

export type Field =
  | { type: 'string'; optional?: boolean; max: number; min?: number }
  | { type: 'int'; optional?: boolean; min: number; max: number }
  | { type: 'enum'; optional?: boolean; values: readonly string[] }
  | { type: 'boolean'; optional?: boolean }
  | { type: 'string[]'; optional?: boolean; maxItems: number; values?: readonly string[] }
  | { type: 'recipients'; optional?: boolean; maxItems: number };

/** Longest message text we store. Longer is refused, not cut, so nothing is silently lost. */
export const MAX_TEXT = 10_000;
export const MAX_NAME = 200;
const ID = { type: 'string', min: 1, max: 100 } as const;
const optional = <F extends Field>(field: F): F => ({ ...field, optional: true });
const seq = { type: 'int', min: 0, max: Number.MAX_SAFE_INTEGER } as const;
const limit = { type: 'int', min: 1, max: 200, optional: true } as const;
const text = { type: 'string', max: MAX_TEXT } as const;
const attachmentIds = { type: 'string[]', maxItems: 20, optional: true } as const;
const reaction = { type: 'enum', values: REACTIONS } as const;

type Schemas = { [K in CommandName]: { [F in keyof Required<CommandArgs[K]>]: Field } };

export const commandSchemas: Schemas = {
  whoAmI: {},
  listConversations: { cursor: optional({ type: 'string', max: 200 }), limit },
  getConversation: { conversationId: ID },
  getMessages: { conversationId: ID, before: optional(seq), after: optional(seq), around: optional(seq), limit },
  searchConversation: { conversationId: ID, query: { type: 'string', max: 200 } },
  searchConversations: { query: { type: 'string', max: 200 }, limit },
  searchRecipients: {
    query: { type: 'string', max: 200 },
    types: { type: 'string[]', maxItems: 3, values: ['person', 'course', 'project'], optional: true },
    limit,
  },
  getParticipants: { conversationId: ID },
  getRelationship: { userId: ID },
  getUnreadCount: {},
  getEventsSince: { seq },
  checkRecipients: { recipients: { type: 'recipients', maxItems: 1000 } },
  startConversation: {
    recipients: { type: 'recipients', maxItems: 1000 },
    mode: { type: 'enum', values: ['group', 'individual'] },
    text,
    attachmentIds,
    clientId: ID,
  },
  sendMessage: { conversationId: ID, clientId: ID, text, attachmentIds, replyTo: optional(ID) },
  replyPrivately: { messageId: ID, clientId: ID, text, attachmentIds },
  editMessage: { messageId: ID, text },
  deleteMessage: { messageId: ID },
  forwardMessage: { messageId: ID, conversationId: ID, clientId: ID, text: optional(text) },
  addReaction: { messageId: ID, emoji: reaction },
  removeReaction: { messageId: ID, emoji: reaction },
  getReactions: { messageId: ID, emoji: reaction },
  markRead: { conversationId: ID, upTo: seq },
  markUnread: { conversationId: ID, fromSeq: optional(seq) },
  muteConversation: { conversationId: ID },
  unmuteConversation: { conversationId: ID },
  markAllRead: {},
  pinConversation: { conversationId: ID },
  unpinConversation: { conversationId: ID },
  hideConversation: { conversationId: ID },
  getReadStatus: { conversationId: ID },
  getSeenBy: { messageId: ID },
  renameConversation: { conversationId: ID, name: { type: 'string', min: 1, max: MAX_NAME } },
  addParticipants: { conversationId: ID, userIds: { type: 'string[]', maxItems: 300 } },
  removeParticipant: { conversationId: ID, userId: ID },
  leaveConversation: { conversationId: ID },
  closeConversation: { conversationId: ID },
  reopenConversation: { conversationId: ID },
  deleteConversation: { conversationId: ID },
  restoreConversation: { conversationId: ID },
  startCourseConversation: { courseId: ID },
  reportAbuse: { conversationId: ID, messageId: optional(ID), reason: { type: 'string', max: 2000 } },
  listReports: {},
  getNotificationPreferences: {},
  setNotificationPreferences: { desktop: { type: 'boolean', optional: true }, emailDigest: { type: 'boolean', optional: true } },
};

/**
 * Every command's name, in the contract's order: a table apart from the schemas, so a
 * client that installs a method per name (the SignalR transport) ships the names
 * without the checks only a backend runs. A name missing or one too many fails the type-check.
 */
const commandTable: Record<CommandName, true> = {
  whoAmI: true,
  listConversations: true,
  getConversation: true,
  getMessages: true,
  searchConversation: true,
  searchConversations: true,
  searchRecipients: true,
  getParticipants: true,
  getRelationship: true,
  getUnreadCount: true,
  getEventsSince: true,
  checkRecipients: true,
  startConversation: true,
  sendMessage: true,
  replyPrivately: true,
  editMessage: true,
  deleteMessage: true,
  forwardMessage: true,
  addReaction: true,
  removeReaction: true,
  getReactions: true,
  markRead: true,
  markUnread: true,
  muteConversation: true,
  unmuteConversation: true,
  markAllRead: true,
  pinConversation: true,
  unpinConversation: true,
  hideConversation: true,
  getReadStatus: true,
  getSeenBy: true,
  renameConversation: true,
  addParticipants: true,
  removeParticipant: true,
  leaveConversation: true,
  closeConversation: true,
  reopenConversation: true,
  deleteConversation: true,
  restoreConversation: true,
  startCourseConversation: true,
  reportAbuse: true,
  listReports: true,
  getNotificationPreferences: true,
  setNotificationPreferences: true,
};

export const commandNames = Object.keys(commandTable) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commandSchemas, name);
}

/**
 * Checks a command's arguments against its shape and returns a clean copy with
 * only the known fields. Throws `invalid` naming the first bad field.
 */
export function validateArgs<K extends CommandName>(name: K, args: unknown): CommandArgs[K] {
  const schema: Record<string, Field> = commandSchemas[name];
  const input = args ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) throw invalid(name, '(arguments)', 'an object');
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema)) {
    const value = (input as Record<string, unknown>)[key];
    if (value === undefined || value === null) {
      if (field.optional) continue;
      throw invalid(name, key, 'present');
    }
    out[key] = checkField(name, key, field, value);
  }
  return out as CommandArgs[K];
}

function checkField(command: string, key: string, field: Field, value: unknown): unknown {
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') throw invalid(command, key, 'a string');
      // U+0000 is in no text a person writes, and databases' text types refuse it.
      if (value.includes('\u0000')) throw invalid(command, key, 'free of NUL characters');
      if (value.length > field.max) throw invalid(command, key, `at most ${field.max} characters`, { max: field.max });
      if (field.min !== undefined && value.trim().length < field.min) throw invalid(command, key, 'not empty');
      return value;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(command, key, 'a whole number');
      if (value < field.min || value > field.max) throw invalid(command, key, `between ${field.min} and ${field.max}`);
      return value;
    case 'enum':
      if (typeof value !== 'string' || !field.values.includes(value)) throw invalid(command, key, `one of ${field.values.join(', ')}`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(command, key, 'true or false');
      return value;
    case 'string[]':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0 || v.length > 100)) {
        throw invalid(command, key, 'a list of ids');
      }
      if (value.length > field.maxItems) throw invalid(command, key, `at most ${field.maxItems} items`);
      if (field.values && value.some((v) => !field.values!.includes(v))) throw invalid(command, key, `made of ${field.values.join(', ')}`);
      return [...new Set(value)];
    case 'recipients': {
      if (!Array.isArray(value)) throw invalid(command, key, 'a list of recipients');
      if (value.length > field.maxItems) throw invalid(command, key, `at most ${field.maxItems} items`);
      const seen = new Set<string>();
      const out: RecipientRef[] = [];
      for (const item of value) {
        const { type, id } = (item ?? {}) as Record<string, unknown>;
        if ((type !== 'person' && type !== 'course' && type !== 'project') || typeof id !== 'string' || !id || id.length > 100) {
          throw invalid(command, key, 'a list of { type: person | course | project, id }');
        }
        if (!seen.has(`${type}:${id}`)) out.push({ type, id });
        seen.add(`${type}:${id}`);
      }
      return out;
    }
  }
}

function invalid(command: string, key: string, expected: string, details: Record<string, unknown> = {}) {
  return new ImError('invalid', `${command}: ${key} must be ${expected}.`, { field: key, ...details });
}
