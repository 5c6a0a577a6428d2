/**
 * Read status (issue 18): who has seen a sender's messages, worked out from the members' read
 * positions when asked, and told to the sender as people read, a few seconds apart at most.
 */
import { ImError } from '../../model/errors.js';
import { READ_STATUS_EVERY_MS } from '../../model/events.js';
import { canSeeReadStatus, readingShared, type PermissionContext } from '../../model/permissions.js';
import type { User, UserId } from '../../model/types.js';
import type { CommandContext, Handlers } from '../context.js';
import type { ConversationRecord, MembershipRecord } from '../storage.js';
import { toPerson } from '../views.js';

export const readStatus = {
  getReadStatus: async (ctx, user, { conversationId }) => {
    const scope = await ctx.scope(user, conversationId);
    if (!canSeeReadStatus(scope.ctx, scope.record.memberCount, ctx.readStatus)) return null;
    return (await ctx.storage.readStatus(conversationId, user.id, studentsCount(ctx))) ?? null;
  },

  getSeenBy: async (ctx, user, { messageId }) => {
    const { message, record, ctx: permission } = await ctx.messageScope(user, messageId);
    if (message.status !== 'normal') throw new ImError('not-found', 'This message was deleted.');
    // Said alike whatever the reason, so a refusal tells nothing about anyone's reading.
    if (message.senderId !== user.id || !canSeeReadStatus(permission, record.memberCount, ctx.readStatus)) {
      throw new ImError('forbidden', 'Who has seen a message is shown only to its sender, where the school shows read status.', { action: 'seenBy' });
    }
    const readers = (await ctx.storage.seenBy(message, studentsCount(ctx))).sort((a, b) => a.user.name.localeCompare(b.user.name));
    return {
      seen: readers.filter((r) => r.seen).map((r) => toPerson(r.user)),
      notSeen: readers.filter((r) => !r.seen).map((r) => toPerson(r.user)),
    };
  },
} satisfies Partial<Handlers>;

/**
 * `reader` has now seen the conversation's messages after `from` up to `to`: tells each sender of
 * one of them whose read status that changed, at most every `READ_STATUS_EVERY_MS` a conversation
 * (the next event, or the client asking `getReadStatus`, tells the reads in between). A look-up
 * a sender, never one a member: a course of 300 costs what a one-to-one does. `members`, the
 * conversation's memberships as they stand, when the caller has them already (a new message):
 * in a busy group each of the senders before would otherwise cost a read.
 */
export async function tellSenders(
  ctx: CommandContext,
  record: ConversationRecord,
  reader: User,
  from: number,
  to: number,
  members?: ReadonlyMap<UserId, MembershipRecord>,
) {
  if (!readingShared(ctx.readStatus, reader.role)) return;
  for (const senderId of await ctx.storage.sendersBetween(record.id, from, to, reader.id)) {
    const membership = members ? members.get(senderId) : await ctx.storage.getMembership(record.id, senderId);
    if (!membership) continue;
    const now = ctx.now();
    const toldAt = membership.seenToldAt;
    // Told a moment ago (the usual case in a busy group): nothing more to read. A clock set
    // back does not silence the sender until it catches up.
    if (toldAt !== undefined && now >= toldAt && now - toldAt < READ_STATUS_EVERY_MS) continue;
    const sender = await ctx.storage.getUser(senderId);
    if (!sender || !canSeeReadStatus(asMember(sender, record), record.memberCount, ctx.readStatus)) continue;
    const status = await ctx.storage.readStatus(record.id, senderId, studentsCount(ctx));
    // The status changed only if this read reached the message it is under.
    if (!status || status.seq <= from || status.seq > to) continue;
    await ctx.storage.putMembership({ ...membership, seenToldAt: now });
    await ctx.publish(senderId, { type: 'read-status-changed', status });
  }
}

/** Whether students' reading counts: only where the school shows read status to everyone. */
const studentsCount = (ctx: CommandContext) => ctx.readStatus === 'on';

/** The rules' view of a member of the conversation. */
function asMember(user: User, record: ConversationRecord): PermissionContext {
  return {
    user: { id: user.id, role: user.role },
    conversation: { kind: record.kind, closed: record.closed, deleted: record.deleted, createdBy: record.createdBy },
    access: 'participant',
  };
}
