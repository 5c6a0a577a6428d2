/** Commands on a conversation as a whole: its name, closing and reopening, deleting and restoring, a course's new one. */
import { ImError } from '../../model/errors.js';
import type { ConversationAction } from '../../model/permissions.js';
import type { User } from '../../model/types.js';
import type { CommandContext, Handlers } from '../context.js';
import type { ConversationRecord } from '../storage.js';

export const conversations = {
  renameConversation: async (ctx, user, { conversationId, name }) => {
    const scope = await ctx.scope(user, conversationId);
    ctx.requireConversation('rename', scope);
    scope.record.name = name.trim().replace(/\s+/g, ' ');
    await ctx.touch(scope.record);
    return ctx.summary(scope.record, user.id);
  },

  closeConversation: async (ctx, user, { conversationId }) => setFlags(ctx, user, conversationId, 'close', { closed: true }),
  reopenConversation: async (ctx, user, { conversationId }) => setFlags(ctx, user, conversationId, 'reopen', { closed: false }),
  deleteConversation: async (ctx, user, { conversationId }) => setFlags(ctx, user, conversationId, 'deleteConversation', { deleted: true }),

  restoreConversation: async (ctx, user, { conversationId }) => {
    const scope = await ctx.scope(user, conversationId);
    ctx.requireConversation('restoreConversation', scope);
    if (scope.record.courseId && (await ctx.storage.findCourseConversation(scope.record.courseId))) {
      throw new ImError('invalid', 'This course has a newer conversation. Delete it before restoring this one.');
    }
    return setFlags(ctx, user, conversationId, 'restoreConversation', { deleted: false });
  },

  startCourseConversation: async (ctx, user, { courseId }) => {
    const course = await ctx.storage.getCourse(courseId);
    if (!course) throw new ImError('not-found', 'That course was not found.');
    if (user.role !== 'admin' && (await ctx.courseRole(user.id, courseId)) !== 'teacher') {
      throw new ImError('forbidden', 'Only the course teachers and administrators can start a course conversation.');
    }
    if (await ctx.storage.findCourseConversation(courseId)) throw new ImError('invalid', 'This course already has a conversation.');
    const members = await ctx.storage.getUsers((await ctx.storage.courseMembers(courseId)).map((m) => m.userId));
    const record = await ctx.newConversation({ kind: 'course', createdBy: user.id, courseId }, [
      user.id,
      ...members.filter((u) => !u.messagingDisabled).map((u) => u.id),
    ]);
    await ctx.announceNew(record);
    return ctx.summary(record, user.id);
  },
} satisfies Partial<Handlers>;

async function setFlags(ctx: CommandContext, user: User, conversationId: string, action: ConversationAction, flags: Partial<Pick<ConversationRecord, 'closed' | 'deleted'>>) {
  const scope = await ctx.scope(user, conversationId);
  ctx.requireConversation(action, scope);
  Object.assign(scope.record, flags);
  await ctx.touch(scope.record);
  return ctx.summary(scope.record, user.id);
}
