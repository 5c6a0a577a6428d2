import { MAX_RECIPIENTS } from './recipients.js';
import { isSearchableKind } from './search.js';
import type { ConversationKind, ConversationSummary, MessageStatus, Role } from './types.js';

export type ConversationAction =
  | 'view'
  | 'send'
  | 'markRead'
  | 'markUnread'
  | 'mute'
  | 'pin'
  | 'hide'
  | 'search'
  | 'viewParticipants'
  | 'relationship'
  | 'rename'
  | 'addParticipants'
  | 'leave'
  | 'removeParticipant'
  | 'close'
  | 'reopen'
  | 'deleteConversation'
  | 'restoreConversation'
  | 'startCourseConversation'
  | 'reportConversation';

export type MessageAction = 'react' | 'reply' | 'replyPrivately' | 'forward' | 'markUnread' | 'edit' | 'delete' | 'moderatorDelete' | 'report';

export interface PermissionContext {
  /** `messagingDisabled`: an administrator turned the user's messaging off; they write nowhere. */
  user: { id: string; role: Role; messagingDisabled?: boolean };
  /** `courseRole`: the user's role in the conversation's course, if they belong to it. */
  conversation: { kind: ConversationKind; closed: boolean; deleted: boolean; createdBy: string; courseRole?: Role };
  /** participant, reviewer (a teacher/admin who got access through an abuse report, not a formal participant), or none */
  access: 'participant' | 'reviewer' | 'none';
}

/** What the rules need to know of a user and a conversation as the client sees it; none before the user is known. */
export function permissionContextOf(user: { id: string; role: Role; messagingDisabled?: boolean } | undefined, c: ConversationSummary): PermissionContext | undefined {
  if (!user) return undefined;
  return {
    user: { id: user.id, role: user.role, ...(user.messagingDisabled ? { messagingDisabled: true } : {}) },
    conversation: { kind: c.kind, closed: c.closed, deleted: c.deleted, createdBy: c.createdBy, ...(c.courseRole ? { courseRole: c.courseRole } : {}) },
    access: c.access,
  };
}

/** The message a message action applies to. */
export interface MessageRef {
  senderId: string;
  senderRole: Role;
  status: MessageStatus;
}

const conversationOrder: readonly ConversationAction[] = [
  'view', 'send', 'markRead', 'markUnread', 'mute', 'pin', 'hide', 'search', 'viewParticipants', 'relationship', 'rename', 'addParticipants',
  'leave', 'removeParticipant', 'close', 'reopen', 'deleteConversation', 'restoreConversation', 'startCourseConversation', 'reportConversation',
];
const messageOrder: readonly MessageAction[] = ['react', 'reply', 'replyPrivately', 'forward', 'markUnread', 'edit', 'delete', 'moderatorDelete', 'report'];

/**
 * What writes into a conversation: refused everywhere to a user whose messaging is off. Reading,
 * muting, leaving, deleting their own messages and reporting abuse stay theirs.
 */
export const writingActions: ReadonlySet<ConversationAction | MessageAction> = new Set(['send', 'rename', 'addParticipants', 'react', 'reply', 'replyPrivately', 'forward', 'edit']);

/** Kinds that several people write in, where moderation, closing and private replies make sense. */
const shared = new Set<ConversationKind>(['group', 'course', 'project']);
/** One-way kinds: an administrator's mass message, weekly course updates. */
const readOnly = new Set<ConversationKind>(['mass', 'system']);

/** A teacher or administrator with access to the conversation, as participant or as reviewer of a report. */
export function isModerator(ctx: PermissionContext): boolean {
  return ctx.access !== 'none' && (ctx.user.role === 'teacher' || ctx.user.role === 'admin');
}

/**
 * Who runs a course conversation: its course's teachers and the administrators. A teacher of
 * another course who reviews a report on it moderates the reported messages, not the conversation.
 */
function runsCourse(ctx: PermissionContext): boolean {
  return ctx.access !== 'none' && (ctx.user.role === 'admin' || ctx.conversation.courseRole === 'teacher');
}

/** Whether the user may do `action` on the conversation (the hub contract's "Who may do what"). */
export function canConversation(action: ConversationAction, ctx: PermissionContext): boolean {
  const { access, user } = ctx;
  const { kind, closed, deleted, createdBy } = ctx.conversation;
  if (access === 'none' || (user.messagingDisabled && writingActions.has(action))) return false;
  const participant = access === 'participant';
  switch (action) {
    // A reviewer reads what was reported to them; the spec's "all conversations" options are read-only ones.
    case 'view':
    case 'markRead':
    case 'markUnread':
    case 'viewParticipants':
      return true;
    // Muting and pinning (and undoing them) are the reader's own, in any conversation of their list, read-only
    // and closed ones too; a reviewer's view is not in their list, so there is nothing of theirs to mute or pin.
    case 'mute':
    case 'pin':
      return participant;
    // Issue 18: a one-to-one, or a conversation that is over (closed, or a deleted course
    // conversation), may leave one's list; an open group, course or project stays, and so do
    // the read-only kinds and a "Sent to N people" item.
    case 'hide':
      return participant && (kind === 'one-to-one' || (shared.has(kind) && (closed || deleted)));
    // Spec: no search in weekly course updates or mass messages.
    case 'search':
      return isSearchableKind(kind);
    // Spec 4.4: "Available for all conversations", with the people in it (a reviewer's too).
    case 'relationship':
      return true;
    // A reviewer moderates, it does not chat. `individual` lets its sender send more to the same people.
    case 'send':
      return participant && !closed && !deleted && !readOnly.has(kind);
    case 'rename':
    case 'addParticipants':
      return participant && kind === 'group' && !closed && !deleted;
    // Leaving a closed group still tidies one's list.
    case 'leave':
      return participant && kind === 'group';
    // Spec 5.6: teacher or admin, must be a participant, group conversations only (also after the start).
    case 'removeParticipant':
      return participant && isModerator(ctx) && kind === 'group';
    // A course conversation is closed, deleted and restored only by those who run the course.
    case 'close':
    case 'reopen':
      return (
        (kind === 'course' ? runsCourse(ctx) : isModerator(ctx) || (participant && createdBy === user.id)) &&
        shared.has(kind) &&
        !deleted &&
        (action === 'close' ? !closed : closed)
      );
    // Spec 5.7: the course's teachers and admins delete it; restoring is theirs too (from the report, if one was made).
    case 'deleteConversation':
    case 'restoreConversation':
      return runsCourse(ctx) && kind === 'course' && (action === 'deleteConversation' ? !deleted : deleted);
    // "New course conversation can be started" from the deleted one, by those who run the course and are in it
    // (a reviewer's way back is restoring it from the report).
    case 'startCourseConversation':
      return participant && runsCourse(ctx) && kind === 'course' && deleted;
    // Spec: "Report abuse" is a group option; course and project conversations are groups too. Closed or
    // deleted conversations keep their history, so what is in it can still be reported.
    case 'reportConversation':
      return participant && shared.has(kind);
  }
}

/** Whether the user may do `action` on a message of the conversation (spec 4.5 "Message options"). */
export function canMessage(action: MessageAction, ctx: PermissionContext, message: MessageRef): boolean {
  if (ctx.access === 'none' || message.status !== 'normal' || (ctx.user.messagingDisabled && writingActions.has(action))) return false;
  const participant = ctx.access === 'participant';
  const own = message.senderId === ctx.user.id;
  const { kind } = ctx.conversation;
  switch (action) {
    // A reaction is a small reply: where the reader may send (not in closed, deleted or one-way
    // conversations, not as a reviewer), to others' messages and their own; not in a "Sent to N
    // people" item, whose one member is its sender (its recipients react in their one-to-ones).
    case 'react':
      return canConversation('send', ctx) && kind !== 'individual';
    case 'reply':
      return canConversation('send', ctx);
    // The reply goes to a one-to-one with the author, so a closed or read-only-history conversation doesn't stop it.
    case 'replyPrivately':
      return participant && !own && shared.has(kind);
    // Forwarding copies into a conversation where the user may send; the target is checked there.
    case 'forward':
      return true;
    case 'markUnread':
      return participant;
    case 'edit':
      return own && canConversation('send', ctx);
    // Taking one's own words back is not writing: allowed with messaging off too.
    case 'delete':
      return own && canConversation('send', { ...ctx, user: { ...ctx.user, messagingDisabled: false } });
    // Spec: "Teachers and admins can delete student's message": a teacher removes students' messages, an
    // administrator anyone's; in shared conversations, and in any (a one-to-one too) they review through a
    // report. Allowed in closed and deleted conversations too, so what was reported can still be cleaned up.
    case 'moderatorDelete':
      return (
        isModerator(ctx) &&
        !own &&
        (shared.has(kind) || ctx.access === 'reviewer') &&
        (ctx.user.role === 'admin' || message.senderRole === 'student')
      );
    case 'report':
      return participant && !own && kind !== 'system';
  }
}

/**
 * The school's read-status setting (issue 18): `on`, senders see who has read their messages;
 * `off-for-students`, a student's reading is told to nobody and a student is told of nobody's
 * (staff still see each other's); `off`, nothing about reading leaves the backend.
 */
export type ReadStatusSetting = 'on' | 'off-for-students' | 'off';

export const readStatusSettings: readonly ReadStatusSetting[] = ['on', 'off-for-students', 'off'];

/** Kinds whose members write to each other; the one-way kinds and the "Sent to N people" item have no read status. */
const conversational = new Set<ConversationKind>(['one-to-one', 'group', 'course', 'project']);

/** Whether a member's reading counts in the read status others are told. */
export function readingShared(setting: ReadStatusSetting, role: Role): boolean {
  return setting === 'on' || (setting === 'off-for-students' && role !== 'student');
}

/**
 * Whether the user is told who has seen their messages in the conversation (issue 18): a participant
 * whose own reading the school shares (it goes both ways, as in messengers), where members write to
 * each other, in a conversation of at most 300 members; closed and deleted ones too, whose history stays.
 */
export function canSeeReadStatus(ctx: PermissionContext, memberCount: number, setting: ReadStatusSetting): boolean {
  return ctx.access === 'participant' && conversational.has(ctx.conversation.kind) && memberCount <= MAX_RECIPIENTS && readingShared(setting, ctx.user.role);
}

/** Every conversation action the user may take, in a stable order (for the settings sheet). */
export function conversationActions(ctx: PermissionContext): ConversationAction[] {
  return conversationOrder.filter((action) => canConversation(action, ctx));
}

/** Every action the user may take on a message, in a stable order (for the ⋯ menu). */
export function messageActions(ctx: PermissionContext, message: MessageRef): MessageAction[] {
  return messageOrder.filter((action) => canMessage(action, ctx, message));
}
