/** Commands on who takes part: adding people, removing one, leaving. */
import { ImError } from '../../model/errors.js';
import { MAX_RECIPIENTS } from '../../model/recipients.js';
import type { Handlers } from '../context.js';

export const participants = {
  addParticipants: async (ctx, user, { conversationId, userIds }) => {
    const scope = await ctx.scope(user, conversationId);
    ctx.requireConversation('addParticipants', scope);
    const users = await ctx.storage.getUsers(userIds);
    if (users.length !== userIds.length) throw new ImError('not-found', 'A person to add was not found.');
    const disabled = users.filter((u) => u.messagingDisabled);
    if (disabled.length) throw ctx.disabledError(disabled, 'group');
    await ctx.requireContacts(user, users.filter((u) => u.id !== user.id));
    const newcomers = [];
    for (const u of users) if (!(await ctx.storage.getMembership(conversationId, u.id))) newcomers.push(u);
    if (scope.record.memberCount + newcomers.length > MAX_RECIPIENTS) {
      throw new ImError('too-many-recipients', `A group can have at most ${MAX_RECIPIENTS} participants.`, { max: MAX_RECIPIENTS });
    }
    for (const u of newcomers) await ctx.join(scope.record, u.id, false);
    await ctx.touch(scope.record, newcomers.map((u) => u.id));
    for (const u of newcomers) await ctx.publish(u.id, { type: 'conversation-added', conversation: await ctx.summary(scope.record, u.id) });
    return ctx.summary(scope.record, user.id);
  },

  removeParticipant: async (ctx, user, { conversationId, userId }) => {
    const scope = await ctx.scope(user, conversationId);
    ctx.requireConversation('removeParticipant', scope);
    if (userId === user.id) throw new ImError('invalid', 'Use "Leave conversation" to leave it yourself.');
    // Reviewers who came through a report are not participants, so they cannot be removed (spec 5.3).
    if (!(await ctx.storage.getMembership(conversationId, userId))) throw new ImError('not-found', 'That person is not a participant.');
    await ctx.leave(scope.record, userId, 'removed');
    return ctx.summary(scope.record, user.id);
  },

  leaveConversation: async (ctx, user, { conversationId }) => {
    const scope = await ctx.scope(user, conversationId);
    ctx.requireConversation('leave', scope);
    await ctx.leave(scope.record, user.id, 'left');
    return null;
  },
} satisfies Partial<Handlers>;
