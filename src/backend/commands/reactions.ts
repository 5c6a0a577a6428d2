/** Commands on reactions (issue 18): reacting to a message, taking it back, and who reacted. */
import type { User } from '../../model/types.js';
import type { CommandContext, Handlers } from '../context.js';
import { toPerson } from '../views.js';

export const reactions = {
  addReaction: async (ctx, user, { messageId, emoji }) => setReaction(ctx, user, messageId, emoji, true),
  removeReaction: async (ctx, user, { messageId, emoji }) => setReaction(ctx, user, messageId, emoji, false),

  getReactions: async (ctx, user, { messageId, emoji }) => {
    // Whoever sees the message sees who reacted to it, as they see who wrote it.
    const { message } = await ctx.messageScope(user, messageId);
    return (await ctx.storage.getUsers(await ctx.storage.reactors(message.id, emoji))).map(toPerson);
  },
} satisfies Partial<Handlers>;

/**
 * Reacts or takes a reaction back, once per person and emoji (two tabs may both ask). Every
 * open panel of the conversation hears the new count; nobody's unread count, list order or
 * activity changes: a reaction is not a message.
 */
async function setReaction(ctx: CommandContext, user: User, messageId: string, emoji: string, added: boolean) {
  const scope = await ctx.messageScope(user, messageId);
  // The reason a person can act on first (messaging off, closed, deleted, read only), then the message's own rule.
  if (scope.membership) ctx.requireConversation('send', scope);
  await ctx.requireMessage('react', scope, scope.message);
  await ctx.limit('react', user.id);
  const changed = added
    ? await ctx.storage.addReaction({ messageId, userId: user.id, emoji, createdAt: ctx.tick() })
    : await ctx.storage.removeReaction(messageId, user.id, emoji);
  if (changed) {
    const count = (await ctx.storage.reactionTallies([messageId], user.id)).find((t) => t.emoji === emoji)?.count ?? 0;
    const members = (await ctx.storage.members(scope.record.id)).filter((m) => m.listed);
    const users = [...members.map((m) => ({ userId: m.userId })), ...(await ctx.reviewersOnly(scope.record.id)).map((userId) => ({ userId }))];
    const event = { type: 'reaction-changed', conversationId: scope.record.id, messageId, emoji, count, person: toPerson(user), added } as const;
    await ctx.broadcast({ event, users });
  }
  return ctx.one(scope.message, user.id);
}
