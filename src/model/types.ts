/**
 * The shapes every layer shares: what the backend stores and sends, what the
 * store keeps and what the components render. Times are epoch milliseconds.
 */

export type UserId = string;
export type ConversationId = string;
export type MessageId = string;
export type CourseId = string;
export type ProjectId = string;

/** A user's role in the school. Teachers and administrators moderate the conversations they take part in. */
export type Role = 'student' | 'teacher' | 'admin';

export interface User {
  id: UserId;
  name: string;
  /** Shown under the name in participant lists ("Mathematics teacher", "Class 9B"). */
  title: string;
  role: Role;
  avatarUrl?: string;
  /** An administrator turned messaging off for this user: nothing can be sent to them. */
  messagingDisabled?: boolean;
}

/**
 * Conversation kinds of the spec. `individual` is the sender's own "Sent to N
 * people" item over separate one-to-one conversations; `mass` is a one-way
 * message from an administrator; `system` holds read-only weekly course updates.
 */
export type ConversationKind = 'one-to-one' | 'group' | 'course' | 'project' | 'individual' | 'mass' | 'system';
