/** Commands that read: the user, their conversations and messages, participants, catching up; the read position and muting. */
import { ImError } from '../../model/errors.js';
import type { ConversationSummary, Participant, User, UserId } from '../../model/types.js';
import type { CommandContext, Handlers } from '../context.js';
import type { ConversationRecord } from '../storage.js';
import { tellSenders } from './read-status.js';
import { sharedView, summaryFor, toMessages, toPerson } from '../views.js';

const DEFAULT_PAGE = 50;
const LIST_PAGE = 30;

export const reading = {
  whoAmI: async (_ctx, user) => user,

  listConversations: async (ctx, user, { cursor, limit = LIST_PAGE }) => {
    let after: { lastActivityAt: number; conversationId: string } | undefined;
    if (cursor) {
      const match = /^(\d+):(.+)$/.exec(cursor);
      if (!match) throw new ImError('invalid', 'listConversations: cursor is not one this server gave.', { field: 'cursor' });
      after = { lastActivityAt: Number(match[1]), conversationId: match[2] };
    }
    // Pinned ones head the first page, however many (`limits.pinned` bounds them); the cursor
    // pages through the others only, so none comes twice.
    const pinned = after ? [] : await ctx.storage.pinnedMemberships(user.id);
    const page = await ctx.storage.listMemberships(user.id, after, limit);
    const items: ConversationSummary[] = [];
    for (const m of [...pinned, ...page.items]) {
      const record = await ctx.storage.getConversation(m.conversationId);
      if (record) items.push(summaryFor(await sharedView(ctx.storage, record), user.id, m));
    }
    const last = page.items.at(-1);
    return page.hasMore && last ? { items, cursor: `${last.lastActivityAt}:${last.conversationId}` } : { items };
  },

  getConversation: async (ctx, user, { conversationId }) => {
    const { record, membership } = await ctx.scope(user, conversationId);
    return summaryFor(await sharedView(ctx.storage, record), user.id, membership);
  },

  getMessages: async (ctx, user, { conversationId, before, after, around, limit = DEFAULT_PAGE }) => {
    const { record } = await ctx.scope(user, conversationId);
    const last = record.lastSeq;
    let from: number;
    let to: number;
    if (around !== undefined) {
      from = Math.max(1, around - Math.floor(limit / 2));
      to = Math.min(last, from + limit - 1);
    } else if (before !== undefined) {
      to = Math.min(last, before - 1);
      from = Math.max(1, to - limit + 1);
    } else if (after !== undefined) {
      from = after + 1;
      to = Math.min(last, after + limit);
    } else {
      to = last;
      from = Math.max(1, last - limit + 1);
    }
    const records = to >= from ? await ctx.storage.messageRange(record.id, from, to) : [];
    return {
      messages: await toMessages(ctx.storage, records, user.id),
      hasMoreBefore: (records[0]?.seq ?? from) > 1 && last > 0,
      hasMoreAfter: (records.at(-1)?.seq ?? to) < last,
    };
  },

  getParticipants: async (ctx, user, { conversationId }) => {
    const scope = await ctx.scope(user, conversationId);
    ctx.requireConversation('viewParticipants', scope);
    const { record } = scope;
    // "Sent to N people": its sender and the people it went to, each with the one-to-one it went through.
    if (record.kind === 'individual') {
      const users = await ctx.storage.getUsers([record.createdBy, ...(record.recipientIds ?? [])]);
      const out: Participant[] = [];
      for (const u of users.sort(byName)) {
        const oneToOne = u.id === record.createdBy ? undefined : await ctx.storage.findOneToOne(record.createdBy, u.id);
        out.push({ ...toPerson(u), creator: u.id === record.createdBy, ...(oneToOne ? { conversationId: oneToOne.id } : {}) });
      }
      return out;
    }
    const members = await ctx.storage.members(conversationId);
    const users = await ctx.storage.getUsers(members.map((m) => m.userId));
    return users.sort(byName).map((u) => ({ ...toPerson(u), creator: u.id === record.createdBy }));
  },

  getRelationship: async (ctx, user, { userId }) => {
    const other = await ctx.storage.getUser(userId);
    // What two people share is for those who know each other here: contacts under the school's
    // rules (either way), or people in a conversation together. Anyone else looks not found.
    if (!other || !(await knownTo(ctx, user, other))) throw new ImError('not-found', 'That person was not found.');
    const theirs = new Map((await ctx.storage.coursesOf(other.id)).map((c) => [c.course.id, c.role]));
    const courses = (await ctx.storage.coursesOf(user.id))
      .filter((c) => theirs.has(c.course.id))
      .map((c) => ({ course: c.course, yourRole: c.role, theirRole: theirs.get(c.course.id)! }));
    const theirProjects = new Set((await ctx.storage.projectsOf(other.id)).map((p) => p.id));
    const projects = (await ctx.storage.projectsOf(user.id)).filter((p) => theirProjects.has(p.id));
    return { person: toPerson(other), courses, projects };
  },

  getUnreadCount: async (ctx, user) => ctx.unreadTotal(user.id),

  getEventsSince: async (ctx, user, { seq }) => {
    const { events, latestSeq, oldest } = await ctx.storage.eventsSince(user.id, seq, 1000);
    // Events the client needs were trimmed: it must reload rather than miss something.
    if (seq < latestSeq && seq + 1 < oldest) return { events: [], latestSeq, reset: true };
    return { events, latestSeq, reset: false };
  },

  markRead: async (ctx, user, { conversationId, upTo }) => {
    const scope = await ctx.scope(user, conversationId);
    ctx.requireConversation('markRead', scope);
    // A reviewer keeps no read position: they are not a participant.
    if (!scope.membership) return ctx.summary(scope.record, user.id);
    const m = scope.membership;
    const readUpTo = Math.min(upTo, scope.record.lastSeq);
    if (readUpTo > m.readUpTo || (readUpTo === scope.record.lastSeq && m.unread > 0)) {
      const position = Math.max(readUpTo, m.readUpTo);
      const unread = await ctx.storage.countFromOthers(conversationId, position, user.id);
      await ctx.storage.putMembership({ ...m, readUpTo: position, seenUpTo: Math.max(position, m.seenUpTo), unread });
      await publishOwnUpdate(ctx, scope.record, user.id);
      // Read again after marking unread, nothing is newly seen.
      if (position > m.seenUpTo) await tellSenders(ctx, scope.record, user, m.seenUpTo, position);
    }
    return ctx.summary(scope.record, user.id);
  },

  markUnread: async (ctx, user, { conversationId, fromSeq }) => {
    const scope = await ctx.scope(user, conversationId);
    ctx.requireConversation('markUnread', scope);
    const last = scope.record.lastSeq;
    if (last === 0 || !scope.membership) return ctx.summary(scope.record, user.id);
    const from = Math.min(Math.max(1, fromSeq ?? last), last);
    // Marked by hand, every message from there counts, the reader's own too: they asked to see it as new.
    await ctx.storage.putMembership({ ...scope.membership, readUpTo: from - 1, unread: last - from + 1, listed: true });
    await publishOwnUpdate(ctx, scope.record, user.id);
    return ctx.summary(scope.record, user.id);
  },

  muteConversation: async (ctx, user, { conversationId }) => setMuted(ctx, user, conversationId, true),
  unmuteConversation: async (ctx, user, { conversationId }) => setMuted(ctx, user, conversationId, false),
} satisfies Partial<Handlers>;

/** The reader's own mute: every open panel of theirs hears of it, and their total when the conversation had unread. */
async function setMuted(ctx: CommandContext, user: User, conversationId: string, muted: boolean) {
  const scope = await ctx.scope(user, conversationId);
  ctx.requireConversation('mute', scope);
  const m = scope.membership!;
  if (m.muted !== muted) {
    await ctx.storage.putMembership({ ...m, muted });
    await ctx.publish(user.id, { type: 'conversation-updated', conversation: await ctx.summary(scope.record, user.id) });
    if (m.listed && m.unread > 0) await ctx.publishUnread(user.id);
  }
  return ctx.summary(scope.record, user.id);
}

async function publishOwnUpdate(ctx: CommandContext, record: ConversationRecord, userId: UserId) {
  await ctx.publish(userId, { type: 'conversation-updated', conversation: await ctx.summary(record, userId) });
  await ctx.publishUnread(userId);
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/**
 * Whether `user` knows `other` here: a contact either way, or someone in a one-to-one or a group
 * with them (people chosen; a whole course or a mass message does not make everyone known).
 */
async function knownTo(ctx: CommandContext, user: User, other: User): Promise<boolean> {
  if ((await ctx.contacts.reachableFrom(user))(other) || (await ctx.contacts.reachableFrom(other))(user)) return true;
  const theirs = new Set((await ctx.storage.membershipsOf(other.id)).map((m) => m.conversationId));
  for (const m of await ctx.storage.membershipsOf(user.id)) {
    if (!theirs.has(m.conversationId)) continue;
    const kind = (await ctx.storage.getConversation(m.conversationId))?.kind;
    if (kind === 'one-to-one' || kind === 'group') return true;
  }
  return false;
}
