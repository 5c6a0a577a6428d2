import { isSearchableKind } from './search.js';
import type { ConversationKind, ConversationSummary, MessageStatus, Role } from './types.js';

export type ConversationAction =
  | 'view'
  | 'send'
  | 'markRead'
  | 'markUnread'
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
  | 'reportConversation';

export type MessageAction = 'reply' | 'replyPrivately' | 'forward' | 'markUnread' | 'edit' | 'delete' | 'moderatorDelete' | 'report';

export interface PermissionContext {
  user: { id: string; role: Role };
  conversation: { kind: ConversationKind; closed: boolean; deleted: boolean; createdBy: string };
  /** participant, reviewer (a teacher/admin who got access through an abuse report, not a formal participant), or none */
  access: 'participant' | 'reviewer' | 'none';
}

/** What the rules need to know of a user and a conversation as the client sees it; none before the user is known. */
export function permissionContextOf(user: { id: string; role: Role } | undefined, c: ConversationSummary): PermissionContext | undefined {
  if (!user) return undefined;
  return {
    user: { id: user.id, role: user.role },
    conversation: { kind: c.kind, closed: c.closed, deleted: c.deleted, createdBy: c.createdBy },
    access: c.access,
  };
}

/** The message a message action applies to. */
export interface MessageRef {
  senderId: string;
  status: MessageStatus;
}

const conversationOrder: readonly ConversationAction[] = [
  'view', 'send', 'markRead', 'markUnread', 'search', 'viewParticipants', 'relationship', 'rename', 'addParticipants',
  'leave', 'removeParticipant', 'close', 'reopen', 'deleteConversation', 'restoreConversation', 'reportConversation',
];
const messageOrder: readonly MessageAction[] = ['reply', 'replyPrivately', 'forward', 'markUnread', 'edit', 'delete', 'moderatorDelete', 'report'];

/** Kinds that several people write in, where moderation, closing and private replies make sense. */
const shared = new Set<ConversationKind>(['group', 'course', 'project']);
/** One-way kinds: an administrator's mass message, weekly course updates. */
const readOnly = new Set<ConversationKind>(['mass', 'system']);

/** A teacher or administrator with access to the conversation, as participant or as reviewer of a report. */
export function isModerator(ctx: PermissionContext): boolean {
  return ctx.access !== 'none' && (ctx.user.role === 'teacher' || ctx.user.role === 'admin');
}

/** Whether the user may do `action` on the conversation (DESIGN.md "Moderators" table). */
export function canConversation(action: ConversationAction, ctx: PermissionContext): boolean {
  const { access, user } = ctx;
  const { kind, closed, deleted, createdBy } = ctx.conversation;
  if (access === 'none') return false;
  const participant = access === 'participant';
  switch (action) {
    // A reviewer reads what was reported to them; the spec's "all conversations" options are read-only ones.
    case 'view':
    case 'markRead':
    case 'markUnread':
    case 'viewParticipants':
      return true;
    // Spec: no search in weekly course updates or mass messages.
    case 'search':
      return isSearchableKind(kind);
    // "Your relationship" is with the other people of a one-to-one or a small group, not a whole course.
    case 'relationship':
      return participant && (kind === 'one-to-one' || kind === 'group');
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
    case 'close':
    case 'reopen':
      return (
        (isModerator(ctx) || (participant && createdBy === user.id)) &&
        shared.has(kind) &&
        !deleted &&
        (action === 'close' ? !closed : closed)
      );
    // Spec 5.7: teachers and admins delete course conversations; a reviewer of a report can restore one.
    case 'deleteConversation':
    case 'restoreConversation':
      return isModerator(ctx) && kind === 'course' && (action === 'deleteConversation' ? !deleted : deleted);
    // Spec: "Report abuse" is a group option; course and project conversations are groups too. Closed or
    // deleted conversations keep their history, so what is in it can still be reported.
    case 'reportConversation':
      return participant && shared.has(kind);
  }
}

/** Whether the user may do `action` on a message of the conversation (spec 4.5 "Message options"). */
export function canMessage(action: MessageAction, ctx: PermissionContext, message: MessageRef): boolean {
  if (ctx.access === 'none' || message.status !== 'normal') return false;
  const participant = ctx.access === 'participant';
  const own = message.senderId === ctx.user.id;
  const { kind } = ctx.conversation;
  switch (action) {
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
    case 'delete':
      return own && canConversation('send', ctx);
    // Allowed in closed and deleted conversations too, so a moderator can still clean up what was reported.
    case 'moderatorDelete':
      return isModerator(ctx) && !own && shared.has(kind);
    case 'report':
      return participant && !own && kind !== 'system';
  }
}

/** Every conversation action the user may take, in a stable order (for the settings sheet). */
export function conversationActions(ctx: PermissionContext): ConversationAction[] {
  return conversationOrder.filter((action) => canConversation(action, ctx));
}

/** Every action the user may take on a message, in a stable order (for the ⋯ menu). */
export function messageActions(ctx: PermissionContext, message: MessageRef): MessageAction[] {
  return messageOrder.filter((action) => canMessage(action, ctx, message));
}
