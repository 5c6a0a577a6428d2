/**
 * The hub contract's rows for a tidy list (issue 18): pin and unpin, hide, mark all as read.
 * Each is the reader's own; a check leaves nothing pinned behind, so runs can repeat on one hub.
 */
import assert from 'node:assert/strict';
import type { ConversationSummary } from '../../model/types.js';
import { refusedWith, type Context } from '../context.js';
import type { Check } from '../run.js';
import type { Session } from '../session.js';

const section = 'Who may do what';

/** Every conversation of the session's list, page by page (at most `pages` of 100), as the pages gave them. */
async function wholeList(session: Session, pages = 20): Promise<ConversationSummary[]> {
  const all: ConversationSummary[] = [];
  for (let cursor: string | undefined, page = 0; page < pages; page++) {
    const listed = await session.call('listConversations', { limit: 100, ...(cursor ? { cursor } : {}) });
    all.push(...listed.items);
    if (!listed.cursor) break;
    cursor = listed.cursor;
  }
  return all;
}

const inList = async (ctx: Context, session: Session, conversationId: string) =>
  (await ctx.listed(session, (c) => c.id === conversationId, 1)).length === 1;

export const tidyChecks: Check[] = [
  {
    section,
    name: 'pin, unpin: a participant for themselves; pinned ones head the first page, whatever the limit, and never come twice',
    async run(ctx) {
      const { conversation } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      // Newer activity elsewhere: the pin, not the activity, must put it first.
      await ctx.group(ctx.student, [ctx.classmate]);
      const from = ctx.classmate.lastSeq;
      const pinned = await ctx.classmate.call('pinConversation', { conversationId: conversation.id });
      try {
        assert.equal(typeof pinned.pinnedAt, 'number', 'the answer says when it was pinned');
        const first = await ctx.classmate.call('listConversations', { limit: 1 });
        assert.equal(first.items[0]?.id, conversation.id, 'the most recently pinned heads the first page, even with limit 1');
        const all = await wholeList(ctx.classmate);
        assert.equal(all.filter((c) => c.id === conversation.id).length, 1, 'paging on, it never comes again');
        const firstUnpinned = all.findIndex((c) => !c.pinnedAt);
        assert.ok(firstUnpinned === -1 || all.slice(firstUnpinned).every((c) => !c.pinnedAt), 'pinned ones come before all the others');
        await ctx.classmate.waitForEvent(
          (e) => e.seq > from && e.event.type === 'conversation-updated' && e.event.conversation.id === conversation.id && !!e.event.conversation.pinnedAt,
          'conversation-updated with pinnedAt',
        );
        assert.ok(!(await ctx.teacher.call('getConversation', { conversationId: conversation.id })).pinnedAt, 'the pin is the classmate’s own');
        await refusedWith(ctx.outsider.call('pinConversation', { conversationId: conversation.id }), 'not-found', 'a non-member pinning');
      } finally {
        const unpinned = await ctx.classmate.call('unpinConversation', { conversationId: conversation.id });
        assert.ok(!unpinned.pinnedAt, 'unpinned');
      }
    },
  },
  {
    section,
    name: 'hide: a one-to-one or a closed conversation leaves the reader’s list, read, until a new message arrives; an open group is refused',
    async run(ctx) {
      const { conversation: group } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      await refusedWith(ctx.classmate.call('hideConversation', { conversationId: group.id }), 'forbidden', 'hiding an open group');

      const { conversation: oneToOne } = await ctx.group(ctx.student, [ctx.classmate]);
      const before = await ctx.classmate.call('getUnreadCount', {});
      const item = await ctx.classmate.call('getConversation', { conversationId: oneToOne.id });
      assert.ok(item.unreadCount > 0, 'the student’s message is unread for the classmate');
      const from = ctx.classmate.lastSeq;
      const hidden = await ctx.classmate.call('hideConversation', { conversationId: oneToOne.id });
      assert.equal(hidden.hidden, true, 'the answer says hidden');
      assert.equal(hidden.unreadCount, 0, 'hiding reads it');
      assert.equal(await ctx.classmate.call('getUnreadCount', {}), before - (item.muted ? 0 : item.unreadCount), 'its unread left the total');
      await ctx.classmate.waitForEvent(
        (e) => e.seq > from && e.event.type === 'conversation-updated' && e.event.conversation.id === oneToOne.id && e.event.conversation.hidden === true,
        'conversation-updated with hidden',
      );
      assert.ok(!(await inList(ctx, ctx.classmate, oneToOne.id)), 'it left the list');
      assert.ok(!(await ctx.student.call('getConversation', { conversationId: oneToOne.id })).hidden, 'hiding is the classmate’s own');
      await ctx.send(ctx.student, oneToOne.id);
      assert.ok(await inList(ctx, ctx.classmate, oneToOne.id), 'a new message brings it back');
      assert.equal((await ctx.classmate.call('getConversation', { conversationId: oneToOne.id })).unreadCount, 1, 'with the new message unread');

      await ctx.teacher.call('closeConversation', { conversationId: group.id });
      assert.equal((await ctx.classmate.call('hideConversation', { conversationId: group.id })).hidden, true, 'a closed group may be hidden');
      assert.ok(!(await inList(ctx, ctx.classmate, group.id)));
      await refusedWith(ctx.outsider.call('hideConversation', { conversationId: oneToOne.id }), 'not-found', 'a non-member hiding');
    },
  },
  {
    section,
    name: 'mark all as read: every conversation in the reader’s list, muted ones too; every item and the total go to 0',
    async run(ctx) {
      const { conversation: first } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      const { conversation: second } = await ctx.group(ctx.teacher, [ctx.classmate, ctx.student]);
      await ctx.classmate.call('muteConversation', { conversationId: second.id });
      try {
        const from = ctx.classmate.lastSeq;
        const marked = await ctx.classmate.call('markAllRead', {});
        for (const id of [first.id, second.id]) {
          assert.equal(marked.find((c) => c.id === id)?.unreadCount, 0, 'the answer holds each conversation it read, at 0');
          assert.equal((await ctx.classmate.call('getConversation', { conversationId: id })).unreadCount, 0);
        }
        assert.equal(await ctx.classmate.call('getUnreadCount', {}), 0, 'the total is 0');
        await ctx.classmate.waitForEvent((e) => e.seq > from && e.event.type === 'unread-changed' && e.event.total === 0, 'unread-changed to 0');
        await ctx.classmate.waitForEvent(
          (e) => e.seq > from && e.event.type === 'conversation-updated' && e.event.conversation.id === first.id && e.event.conversation.unreadCount === 0,
          'conversation-updated at 0',
        );
        assert.ok((await ctx.teacher.call('getConversation', { conversationId: first.id })).unreadCount > 0, 'others’ unread stay');
      } finally {
        await ctx.classmate.call('unmuteConversation', { conversationId: second.id });
      }
    },
  },
];
