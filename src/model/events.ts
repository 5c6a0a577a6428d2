import type { ConversationId, ConversationSummary, Message } from './types.js';

/**
 * What the backend pushes to a user. Each goes to every connection of every
 * user it concerns, wrapped in an envelope with that user's sequence number.
 */
export type ImEvent =
  | { type: 'message-created'; message: Message }
  | { type: 'message-edited'; message: Message }
  /** Deleted by its author or removed by a moderator: `message.status` says which. */
  | { type: 'message-deleted'; message: Message }
  /** A conversation this user can now see: started, joined, added to, reported to them. */
  | { type: 'conversation-added'; conversation: ConversationSummary }
  /** Name, closed/deleted, participants, last message, read position or unread count changed. */
  | { type: 'conversation-updated'; conversation: ConversationSummary }
  /** This user can no longer see it: they left or a moderator removed them. */
  | { type: 'conversation-removed'; conversationId: ConversationId; reason: 'left' | 'removed' }
  /** The user's total of unread messages, so every tab's badge stays right. */
  | { type: 'unread-changed'; total: number };

export type ImEventType = ImEvent['type'];

export interface EventEnvelope {
  /** Per user, from 1, without gaps: a client that saw N asks for what came after N. */
  seq: number;
  event: ImEvent;
}
