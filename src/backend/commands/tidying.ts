/**
 * Commands that keep a reader's list tidy over a school year (issue 18): mark all read,
 * pin to the top, hide from the list. Each is the reader's own: only their membership
 * changes, and only their open panels are told.
 */
import { ImError } from '../../model/errors.js';
import type { ConversationSummary, User } from '../../model/types.js';
import type { CommandContext, Handlers } from '../context.js';

export const tidying = {
  /**
   * Every conversation in the list with unread messages, muted ones too, is read to its last
   * message: each item's count and the badge go to 0 in every open panel of the reader.
   */
  markAllRead: async (ctx, user) => {
    const marked: ConversationSummary[] = [];
    for (const m of await ctx.storage.membershipsOf(user.id)) {
      // Hidden conversations are read already: hiding reads them, and a new message lists them again.
      if (!m.listed || m.unread === 0) continue;
      const record = await ctx.storage.getConversation(m.conversationId);
      if (!record) continue;
      await ctx.storage.putMembership({ ...m, readUpTo: Math.max(m.readUpTo, record.lastSeq), unread: 0 });
      const summary = await ctx.summary(record, user.id);
      await ctx.publish(user.id, { type: 'conversation-updated', conversation: summary });
      marked.push(summary);
    }
    if (marked.length) await ctx.publishUnread(user.id);
    return marked;
  },

  pinConversation: async (ctx, user, { conversationId }) => setPinned(ctx, user, conversationId, true),
  unpinConversation: async (ctx, user, { conversationId }) => setPinned(ctx, user, conversationId, false),

  /**
   * Takes the conversation out of the reader's list until a new message arrives in it
   * (`touchMembers` lists it again). Hiding reads it, so the badge never counts what the
   * list does not show, and unpins it: it comes back by its activity, like any other.
   */
  hideConversation: async (ctx, user, { conversationId }) => {
    const scope = await ctx.scope(user, conversationId);
    ctx.requireConversation('hide', scope);
    const { record } = scope;
    const m = scope.membership!;
    if (m.listed) {
      await ctx.storage.putMembership({ ...m, listed: false, pinnedAt: 0, readUpTo: Math.max(m.readUpTo, record.lastSeq), unread: 0 });
      await ctx.publish(user.id, { type: 'conversation-updated', conversation: await ctx.summary(record, user.id) });
      if (m.unread > 0 && !m.muted) await ctx.publishUnread(user.id);
    }
    return ctx.summary(record, user.id);
  },
} satisfies Partial<Handlers>;

/**
 * The reader's own pin. Pinned anew, a conversation goes to the very top (a hidden one comes
 * back to the list); pinning a pinned one keeps its place. At most `limits.pinned` at once,
 * so they all come on the list's first page.
 */
async function setPinned(ctx: CommandContext, user: User, conversationId: string, pin: boolean) {
  const scope = await ctx.scope(user, conversationId);
  ctx.requireConversation('pin', scope);
  const m = scope.membership!;
  if (pin ? !(m.pinnedAt > 0 && m.listed) : m.pinnedAt > 0) {
    if (pin) {
      const limit = ctx.limits.pinned;
      if ((await ctx.storage.pinnedMemberships(user.id)).length >= limit) {
        throw new ImError('too-many-pinned', `You can pin up to ${limit} conversations. Unpin one first.`, { limit });
      }
    }
    await ctx.storage.putMembership({ ...m, pinnedAt: pin ? ctx.tick() : 0, listed: m.listed || pin });
    await ctx.publish(user.id, { type: 'conversation-updated', conversation: await ctx.summary(scope.record, user.id) });
    // Back in the list, its unread count in the total again.
    if (!m.listed && m.unread > 0 && !m.muted) await ctx.publishUnread(user.id);
  }
  return ctx.summary(scope.record, user.id);
}
