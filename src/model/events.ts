import type { AbuseReport, ConversationId, ConversationSummary, Message, MessageId, NotificationPreferences, Person, ReadStatus } from './types.js';

/**
 * What the backend pushes to a user. Each goes to every connection of every
 * user it concerns, wrapped in an envelope with that user's sequence number.
 */
export type ImEvent =
  /**
   * Message events carry the conversation as this user now sees it (last message, unread count).
   * A new message that changed the user's unread total (one more for a member, none left for a
   * sender who had some) carries the new total too, in place of an `unread-changed` of its own.
   */
  | { type: 'message-created'; message: Message; conversation: ConversationSummary; unreadTotal?: number }
  | { type: 'message-edited'; message: Message; conversation: ConversationSummary }
  /** Deleted by its author or removed by a moderator: `message.status` says which. */
  | { type: 'message-deleted'; message: Message; conversation: ConversationSummary }
  /**
   * Someone reacted to a message with `emoji` (`added`) or took it back; `count` is how many
   * have reacted with it now. Changes nothing else: no unread, no activity, no order.
   */
  | { type: 'reaction-changed'; conversationId: ConversationId; messageId: MessageId; emoji: string; count: number; person: Person; added: boolean }
  /** A conversation this user can now see: started, joined, added to, reported to them. */
  | { type: 'conversation-added'; conversation: ConversationSummary }
  /** Name, closed/deleted, participants, last message, read position, unread count, or the user's mute, pin or hiding changed. */
  | { type: 'conversation-updated'; conversation: ConversationSummary }
  /** This user can no longer see it: they left or a moderator removed them. */
  | { type: 'conversation-removed'; conversationId: ConversationId; reason: 'left' | 'removed' }
  /** The user's total of unread messages, so every tab's badge stays right. */
  | { type: 'unread-changed'; total: number }
  /** A report this user reviews (administrators, and teachers of the reporter). */
  | { type: 'report-added'; report: AbuseReport }
  /** The user changed their notification preferences (in this tab or another). */
  | { type: 'preferences-changed'; preferences: NotificationPreferences }
  /**
   * Someone read this user's messages: their read status in that conversation now. At most one a
   * conversation every 5 s (`READ_STATUS_EVERY_MS`): reads in between are told by the next one, or
   * by `getReadStatus`, which a client showing the status asks once more that long after the last
   * event it got, and after it first asked.
   */
  | { type: 'read-status-changed'; status: ReadStatus };

export type ImEventType = ImEvent['type'];

export interface EventEnvelope {
  /** Per user, from 1, without gaps: a client that saw N asks for what came after N. */
  seq: number;
  event: ImEvent;
}

/**
 * The least time between two `read-status-changed` of one conversation to one user (ms), so a
 * course of 300 reading a teacher's message tells the teacher every few seconds, not 300 times.
 */
export const READ_STATUS_EVERY_MS = 5_000;
