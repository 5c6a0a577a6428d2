/**
 * The hub contract's "Who may do what", a row at a time, each tried as the roles it names
 * and as one it doesn't; and the 300 rule.
 */
import assert from 'node:assert/strict';
import { ImError } from '../../model/errors.js';
import type { Message } from '../../model/types.js';
import { NotTried, refusedWith } from '../context.js';
import type { Check } from '../run.js';

const section = 'Who may do what';

export const ruleChecks: Check[] = [
  {
    section,
    name: 'read, mark read or unread, view participants, "Your relationship": participants may; anyone else gets not-found',
    async run(ctx) {
      const { conversation, message } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      for (const member of [ctx.student, ctx.classmate, ctx.teacher]) {
        const page = await member.call('getMessages', { conversationId: conversation.id });
        assert.ok(page.messages.some((m) => m.id === message.id), `${member.name} reads the first message`);
        await member.call('markRead', { conversationId: conversation.id, upTo: message.seq });
        await member.call('markUnread', { conversationId: conversation.id });
        const people = await member.call('getParticipants', { conversationId: conversation.id });
        assert.equal(people.length, 3, `${member.name} sees three participants`);
      }
      assert.equal((await ctx.student.call('getConversation', { conversationId: conversation.id })).id, conversation.id);
      await refusedWith(ctx.outsider.call('getMessages', { conversationId: conversation.id }), 'not-found', 'a non-member reading');
      await refusedWith(ctx.admin.call('getConversation', { conversationId: conversation.id }), 'not-found', 'an administrator who is not a member');
      assert.equal((await ctx.student.call('getRelationship', { userId: ctx.classmate.person.id })).person.id, ctx.classmate.person.id, 'about a contact');
      assert.equal((await ctx.teacher.call('getRelationship', { userId: ctx.outsider.person.id })).person.id, ctx.outsider.person.id, 'a teacher about any student');
      await refusedWith(ctx.student.call('getRelationship', { userId: ctx.outsider.person.id }), 'not-found', 'a student asking about a student of another class they share no conversation with');
    },
  },
  {
    section,
    name: 'mute, unmute: a participant for themselves; the unread stay in the item and leave the total; others see nothing of it',
    async run(ctx) {
      const { conversation } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      const before = await ctx.classmate.call('getUnreadCount', {});
      const item = await ctx.classmate.call('getConversation', { conversationId: conversation.id });
      assert.ok(item.unreadCount > 0, 'the first message is unread for the classmate');
      const muted = await ctx.classmate.call('muteConversation', { conversationId: conversation.id });
      assert.equal(muted.muted, true, 'the answer says muted');
      assert.equal(muted.unreadCount, item.unreadCount, 'the unread count stays in the item');
      assert.equal(await ctx.classmate.call('getUnreadCount', {}), before - item.unreadCount, 'its unread left the total');
      await ctx.classmate.waitForEvent((e) => e.event.type === 'conversation-updated' && e.event.conversation.id === conversation.id && e.event.conversation.muted === true, 'conversation-updated with muted');
      await ctx.send(ctx.student, conversation.id);
      assert.equal(await ctx.classmate.call('getUnreadCount', {}), before - item.unreadCount, 'a new message there does not raise the total');
      assert.equal((await ctx.classmate.call('getConversation', { conversationId: conversation.id })).unreadCount, item.unreadCount + 1, 'but counts in the item');
      assert.ok(!(await ctx.teacher.call('getConversation', { conversationId: conversation.id })).muted, 'the mute is the classmate’s own');
      const unmuted = await ctx.classmate.call('unmuteConversation', { conversationId: conversation.id });
      assert.ok(!unmuted.muted, 'unmuted');
      assert.equal(await ctx.classmate.call('getUnreadCount', {}), before + 1, 'its unread count again');
      await refusedWith(ctx.outsider.call('muteConversation', { conversationId: conversation.id }), 'not-found', 'a non-member muting');
    },
  },
  {
    section,
    name: 'notification preferences: each user their own, changed field by field, told to every tab of theirs; not true or false is invalid',
    async run(ctx) {
      const before = await ctx.student.call('getNotificationPreferences', {});
      const classmates = await ctx.classmate.call('getNotificationPreferences', {});
      try {
        const changed = await ctx.student.call('setNotificationPreferences', { emailDigest: !before.emailDigest });
        assert.deepEqual(changed, { desktop: before.desktop, emailDigest: !before.emailDigest }, 'only the field given changes');
        await ctx.student.waitForEvent((e) => e.event.type === 'preferences-changed' && e.event.preferences.emailDigest === !before.emailDigest, 'preferences-changed');
        assert.deepEqual(await ctx.student.call('getNotificationPreferences', {}), changed, 'kept');
        assert.deepEqual(await ctx.classmate.call('getNotificationPreferences', {}), classmates, 'another user’s are their own');
        await refusedWith(ctx.student.call('setNotificationPreferences', { desktop: 'yes' } as never), 'invalid', 'desktop: "yes"');
      } finally {
        await ctx.student.call('setNotificationPreferences', before);
      }
    },
  },
  {
    section,
    name: 'read status: the sender is told who has seen their message, as people read and when asked, by name; nobody else is',
    async run(ctx) {
      const setting = ctx.fixture.readStatus ?? 'on';
      const { conversation, message } = await ctx.group(ctx.teacher, [ctx.student, ctx.admin]);
      const conversationId = conversation.id;
      for (const reader of [ctx.admin, ctx.student]) await reader.call('markRead', { conversationId, upTo: message.seq });
      const status = await ctx.teacher.call('getReadStatus', { conversationId });
      if (setting === 'off') {
        assert.equal(status, null, 'read status off: no status');
        await refusedWith(ctx.teacher.call('getSeenBy', { messageId: message.id }), 'forbidden', 'who has seen it, with read status off');
        assert.ok(!ctx.teacher.events.some((e) => e.event.type === 'read-status-changed'), 'read status off: no read-status-changed');
        return;
      }
      // Off for students, the student's reading is not told, and the student is not told of anyone's.
      const counted = setting === 'on' ? [ctx.admin, ctx.student] : [ctx.admin];
      assert.deepEqual(status, { conversationId, messageId: message.id, seq: message.seq, seen: counted.length, of: counted.length }, 'the status of the message');
      await ctx.teacher.waitForEvent((e) => e.event.type === 'read-status-changed' && e.event.status.messageId === message.id, 'read-status-changed to the sender');
      const seenBy = await ctx.teacher.call('getSeenBy', { messageId: message.id });
      assert.deepEqual(seenBy.seen.map((p) => p.id).sort(), counted.map((s) => s.person.id).sort(), 'who has seen it');
      assert.deepEqual(seenBy.notSeen, [], 'nobody left to see it');
      const reply = await ctx.send(ctx.student, conversationId);
      await ctx.teacher.call('markRead', { conversationId, upTo: reply.seq });
      const theirs = setting === 'on' ? { conversationId, messageId: reply.id, seq: reply.seq, seen: 1, of: 2 } : null;
      assert.deepEqual(await ctx.student.call('getReadStatus', { conversationId }), theirs, 'the student’s own status: the teacher has seen the reply');
      await refusedWith(ctx.student.call('getSeenBy', { messageId: message.id }), 'forbidden', 'who has seen another’s message');
      await refusedWith(ctx.outsider.call('getReadStatus', { conversationId }), 'not-found', 'a non-member asking');
    },
  },
  {
    section,
    name: 'reactions: participants, once per emoji, counted live for every member, raising no unread; not when closed; who reacted for all who see it',
    async run(ctx) {
      const { conversation, message } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      const unread = await ctx.teacher.call('getUnreadCount', {});
      const reacted = await ctx.classmate.call('addReaction', { messageId: message.id, emoji: '👍' });
      assert.deepEqual(reacted.reactions, [{ emoji: '👍', count: 1, mine: true }], 'the answer counts it, as the reader’s own');
      assert.deepEqual((await ctx.classmate.call('addReaction', { messageId: message.id, emoji: '👍' })).reactions, reacted.reactions, 'reacting again changes nothing');
      await ctx.student.waitForEvent(
        (e) => e.event.type === 'reaction-changed' && e.event.messageId === message.id && e.event.count === 1 && e.event.added && e.event.person.id === ctx.classmate.person.id,
        'reaction-changed to the author',
      );
      const page = await ctx.teacher.call('getMessages', { conversationId: conversation.id });
      assert.deepEqual(page.messages.find((m) => m.id === message.id)?.reactions, [{ emoji: '👍', count: 1 }], 'others see the count, not as theirs');
      assert.equal(await ctx.teacher.call('getUnreadCount', {}), unread, 'no unread for a reaction');
      assert.deepEqual((await ctx.teacher.call('getReactions', { messageId: message.id, emoji: '👍' })).map((p) => p.id), [ctx.classmate.person.id]);
      await refusedWith(ctx.classmate.call('addReaction', { messageId: message.id, emoji: '🍕' }), 'invalid', 'an emoji outside the set');
      await refusedWith(ctx.outsider.call('addReaction', { messageId: message.id, emoji: '👍' }), 'not-found', 'a non-member reacting');
      await refusedWith(ctx.outsider.call('getReactions', { messageId: message.id, emoji: '👍' }), 'not-found', 'a non-member asking who reacted');
      assert.equal((await ctx.classmate.call('removeReaction', { messageId: message.id, emoji: '👍' })).reactions, undefined, 'taken back, none left');
      await ctx.classmate.call('addReaction', { messageId: message.id, emoji: '👍' });
      await ctx.teacher.call('closeConversation', { conversationId: conversation.id });
      await refusedWith(ctx.classmate.call('removeReaction', { messageId: message.id, emoji: '👍' }), 'conversation-closed', 'taking a reaction back when closed');
    },
  },
  {
    section,
    name: 'search in a conversation: participants, in groups',
    async run(ctx) {
      const word = ctx.unique('pineapple').replace(/\W/g, '');
      const { conversation } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher], `Bring a ${word} tomorrow`);
      const hits = await ctx.classmate.call('searchConversation', { conversationId: conversation.id, query: word });
      assert.equal(hits.length, 1, 'the message with the word is found');
      await refusedWith(ctx.outsider.call('searchConversation', { conversationId: conversation.id, query: word }), 'not-found', 'a non-member searching');
    },
  },
  {
    section,
    name: 'mass messages and weekly updates: read-only (read-only), reactions too; not searched (forbidden); a weekly update is not reported',
    async run(ctx) {
      const readOnly = await ctx.listed(ctx.student, (c) => c.kind === 'mass' || c.kind === 'system', 20);
      const kinds = new Set(readOnly.map((c) => c.kind));
      if (!kinds.size) throw new NotTried('the student has no mass message or weekly update in their list (the platform sends them)');
      for (const kind of kinds) {
        const conversation = readOnly.find((c) => c.kind === kind)!;
        const what = kind === 'mass' ? 'a mass message' : 'a weekly update';
        await refusedWith(ctx.send(ctx.student, conversation.id), 'read-only', `answering ${what}`);
        await refusedWith(ctx.student.call('searchConversation', { conversationId: conversation.id, query: 'a' }), 'forbidden', `searching ${what}`);
        const [message] = (await ctx.student.call('getMessages', { conversationId: conversation.id })).messages;
        if (message) await refusedWith(ctx.student.call('addReaction', { messageId: message.id, emoji: '👍' }), 'read-only', `reacting to ${what}`);
        if (kind === 'system' && message) {
          await refusedWith(ctx.student.call('reportAbuse', { conversationId: conversation.id, messageId: message.id, reason: 'conformance' }), 'forbidden', `reporting ${what}`);
        }
      }
    },
  },
  {
    section,
    name: 'send: participants; not when closed (conversation-closed); reply and forward too',
    async run(ctx) {
      const { conversation, message } = await ctx.group(ctx.teacher, [ctx.student, ctx.classmate]);
      const reply = await ctx.student.call('sendMessage', { conversationId: conversation.id, clientId: ctx.unique('client'), text: 'A reply', replyTo: message.id });
      assert.equal(reply.replyTo?.messageId, message.id, 'the reply quotes the message');
      const other = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      const forwarded = await ctx.student.call('forwardMessage', { messageId: message.id, conversationId: other.conversation.id, clientId: ctx.unique('client') });
      assert.equal(forwarded.forwarded?.messageId, message.id, 'the forward names the original');
      await refusedWith(ctx.send(ctx.outsider, conversation.id), 'not-found', 'a non-member sending');
      await ctx.teacher.call('closeConversation', { conversationId: conversation.id });
      await refusedWith(ctx.send(ctx.student, conversation.id), 'conversation-closed', 'sending to a closed conversation');
    },
  },
  {
    section,
    name: 'formatted text: never taken from a hub call (an `html` sent is refused as invalid or dropped)',
    async run(ctx) {
      const { conversation } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      const html = '<b>Free phones</b> <a href="https://example.org">here</a>';
      const sent = await ctx.student.invoke<Message>('sendMessage', { conversationId: conversation.id, clientId: ctx.unique('client'), text: 'Plain words', html }).catch((error: unknown) => {
        if (error instanceof ImError && error.code === 'invalid') return undefined;
        throw error;
      });
      if (!sent) return;
      assert.equal(sent.html ?? undefined, undefined, 'the answered message has no html');
      const { messages } = await ctx.classmate.call('getMessages', { conversationId: conversation.id });
      assert.equal(messages.find((m) => m.id === sent.id)?.html ?? undefined, undefined, 'the stored message has no html');
    },
  },
  {
    section,
    name: 'start a conversation: with contacts (not-a-contact otherwise, naming them)',
    async run(ctx) {
      await ctx.group(ctx.student, [ctx.classmate]);
      const refused = await refusedWith(
        ctx.student.call('startConversation', { recipients: [{ type: 'person', id: ctx.outsider.person.id }], mode: 'group', text: 'Hi', clientId: ctx.unique('client') }),
        'not-a-contact',
        'a student writing to a student of another class',
      );
      const people = (refused.details?.people ?? []) as { id: string }[];
      assert.deepEqual(people.map((p) => p.id), [ctx.outsider.person.id], 'details.people names them');
      await ctx.group(ctx.teacher, [ctx.outsider]);
      const course = { type: 'course' as const, id: ctx.fixture.course.id };
      await refusedWith(ctx.outsider.call('startConversation', { recipients: [course], mode: 'group', text: 'Hi', clientId: ctx.unique('client') }), 'not-found', 'a student writing to a course not theirs');
    },
  },
  {
    section,
    name: 'messaging off: such a person starts nothing (messaging-disabled, details.self), and is left out of what others start',
    async run(ctx) {
      const off = ctx.messagingOff;
      const self = await refusedWith(ctx.group(off, [ctx.student]), 'messaging-disabled', 'a person whose messaging is off writing');
      assert.equal(self.details?.self, true, 'details.self says it is their own');
      const alone = await refusedWith(ctx.group(ctx.student, [off]), 'messaging-disabled', 'writing only to a person whose messaging is off');
      assert.deepEqual(((alone.details?.people ?? []) as { id: string }[]).map((p) => p.id), [off.person.id], 'details.people names them');
      const text = ctx.unique('conformance');
      const started = await ctx.student.call('startConversation', {
        recipients: [ctx.classmate, ctx.teacher, off].map((s) => ({ type: 'person' as const, id: s.person.id })),
        mode: 'group',
        text,
        clientId: ctx.unique('client'),
      });
      assert.deepEqual(started.messagingDisabled.map((p) => p.id), [off.person.id], 'the answer names who was left out');
      const people = await ctx.student.call('getParticipants', { conversationId: started.conversation.id });
      assert.ok(!people.some((p) => p.id === off.person.id), 'they are not a participant');
      await refusedWith(ctx.student.call('addParticipants', { conversationId: started.conversation.id, userIds: [off.person.id] }), 'messaging-disabled', 'adding them');
    },
  },
  {
    section,
    name: 'edit or delete one’s own message: its author only ("This message was deleted")',
    async run(ctx) {
      const { conversation } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      const mine = await ctx.send(ctx.classmate, conversation.id, 'Typo hre');
      const edited = await ctx.classmate.call('editMessage', { messageId: mine.id, text: 'Typo here' });
      assert.equal(edited.text, 'Typo here');
      assert.ok(edited.editedAt, 'editedAt is set');
      await refusedWith(ctx.student.call('editMessage', { messageId: mine.id, text: 'not mine' }), 'forbidden', 'editing another’s message');
      const deleted = await ctx.classmate.call('deleteMessage', { messageId: mine.id });
      assert.equal(deleted.status, 'deleted');
      assert.equal(deleted.text, '', 'nothing of the text is left');
    },
  },
  {
    section,
    name: 'remove another’s message: a teacher removes students’, an administrator anyone’s ("removed by NAME")',
    async run(ctx) {
      const { conversation } = await ctx.group(ctx.teacher, [ctx.student, ctx.classmate, ctx.admin]);
      const students = await ctx.send(ctx.student, conversation.id);
      await refusedWith(ctx.classmate.call('deleteMessage', { messageId: students.id }), 'forbidden', 'a student removing another student’s');
      const removed = await ctx.teacher.call('deleteMessage', { messageId: students.id });
      assert.equal(removed.status, 'removed');
      assert.ok(removed.removedBy, 'the moderator is named');
      const admins = await ctx.send(ctx.admin, conversation.id);
      await refusedWith(ctx.teacher.call('deleteMessage', { messageId: admins.id }), 'forbidden', 'a teacher removing an administrator’s');
      const teachers = await ctx.send(ctx.teacher, conversation.id);
      assert.equal((await ctx.admin.call('deleteMessage', { messageId: teachers.id })).status, 'removed', 'an administrator removes a teacher’s');
    },
  },
  {
    section,
    name: 'rename, add participants: participants of open groups; people added must be contacts',
    async run(ctx) {
      const { conversation } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      const renamed = await ctx.classmate.call('renameConversation', { conversationId: conversation.id, name: 'Study group' });
      assert.equal(renamed.name, 'Study group');
      await refusedWith(ctx.student.call('addParticipants', { conversationId: conversation.id, userIds: [ctx.outsider.person.id] }), 'not-a-contact', 'a student adding a non-contact');
      const added = await ctx.teacher.call('addParticipants', { conversationId: conversation.id, userIds: [ctx.outsider.person.id] });
      assert.equal(added.id, conversation.id);
      // Leaving again keeps the outsider a stranger to the student, for "Your relationship" in the next run.
      await ctx.outsider.call('leaveConversation', { conversationId: conversation.id });
      const oneToOne = await ctx.group(ctx.student, [ctx.classmate]);
      await refusedWith(ctx.student.call('renameConversation', { conversationId: oneToOne.conversation.id, name: 'Us' }), 'forbidden', 'renaming a one-to-one');
    },
  },
  {
    section,
    name: 'leave: group conversations only',
    async run(ctx) {
      const { conversation } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      assert.equal(await ctx.classmate.call('leaveConversation', { conversationId: conversation.id }), null);
      await refusedWith(ctx.classmate.call('getMessages', { conversationId: conversation.id }), 'not-found', 'reading after leaving');
      const course = await ctx.courseConversation(ctx.student);
      await refusedWith(ctx.student.call('leaveConversation', { conversationId: course.id }), 'forbidden', 'leaving a course conversation');
    },
  },
  {
    section,
    name: 'remove a participant: moderators who are participants, in groups',
    async run(ctx) {
      const { conversation } = await ctx.group(ctx.teacher, [ctx.student, ctx.classmate]);
      await refusedWith(ctx.student.call('removeParticipant', { conversationId: conversation.id, userId: ctx.classmate.person.id }), 'forbidden', 'a student removing someone');
      await ctx.teacher.call('removeParticipant', { conversationId: conversation.id, userId: ctx.classmate.person.id });
      const people = await ctx.teacher.call('getParticipants', { conversationId: conversation.id });
      assert.ok(!people.some((p) => p.id === ctx.classmate.person.id), 'gone from the participants');
    },
  },
  {
    section,
    name: 'close, reopen: moderators and the creator',
    async run(ctx) {
      const byTeacher = await ctx.group(ctx.teacher, [ctx.student, ctx.classmate]);
      await refusedWith(ctx.student.call('closeConversation', { conversationId: byTeacher.conversation.id }), 'forbidden', 'a student closing a teacher’s group');
      const byStudent = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      assert.equal((await ctx.student.call('closeConversation', { conversationId: byStudent.conversation.id })).closed, true, 'the creator closes');
      assert.equal((await ctx.student.call('reopenConversation', { conversationId: byStudent.conversation.id })).closed, false, 'and reopens');
      assert.equal((await ctx.teacher.call('closeConversation', { conversationId: byStudent.conversation.id })).closed, true, 'a teacher closes a student’s group');
    },
  },
  {
    section,
    name: 'delete, restore a course conversation: those who run the course; a new one after deletion',
    async run(ctx) {
      const course = await ctx.courseConversation(ctx.teacher);
      await refusedWith(ctx.student.call('deleteConversation', { conversationId: course.id }), 'forbidden', 'a student deleting the course conversation');
      assert.equal((await ctx.teacher.call('deleteConversation', { conversationId: course.id })).deleted, true);
      await refusedWith(ctx.send(ctx.student, course.id), 'conversation-deleted', 'sending to a deleted course conversation');
      assert.equal((await ctx.teacher.call('restoreConversation', { conversationId: course.id })).deleted, false, 'restored');
      await ctx.teacher.call('deleteConversation', { conversationId: course.id });
      await refusedWith(ctx.student.call('startCourseConversation', { courseId: ctx.fixture.course.id }), 'forbidden', 'a student starting the course’s conversation');
      const fresh = await ctx.teacher.call('startCourseConversation', { courseId: ctx.fixture.course.id });
      assert.equal(fresh.kind, 'course');
      assert.notEqual(fresh.id, course.id, 'a new conversation');
      await ctx.send(ctx.student, fresh.id, 'Hello in the new one');
    },
  },
  {
    section,
    name: 'report abuse: participants, of a group or a message; the reporter’s teachers and the administrators review it',
    async run(ctx) {
      const { conversation } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      const rude = await ctx.send(ctx.classmate, conversation.id, 'Something unkind');
      const reason = ctx.unique('unkind words');
      const { reportId } = await ctx.student.call('reportAbuse', { conversationId: conversation.id, messageId: rude.id, reason });
      assert.ok(reportId);
      await refusedWith(ctx.outsider.call('reportAbuse', { conversationId: conversation.id, reason: 'not mine to report' }), 'not-found', 'a non-member reporting');
      const reports = await ctx.admin.call('listReports', {});
      assert.ok(reports.some((r) => r.id === reportId), 'the administrator sees the report');
      assert.ok(!(await ctx.classmate.call('listReports', {})).some((r) => r.id === reportId), 'never the author of the reported message');
    },
  },
  {
    section,
    name: 'reviewers: the reporter’s teacher reads a reported one-to-one and removes the message, but does not write in it',
    async run(ctx) {
      const { conversation } = await ctx.group(ctx.student, [ctx.classmate]);
      const rude = await ctx.send(ctx.classmate, conversation.id, 'Something unkind, just between us');
      await refusedWith(ctx.teacher.call('getMessages', { conversationId: conversation.id }), 'not-found', 'a teacher reading a one-to-one before any report');
      const { reportId } = await ctx.student.call('reportAbuse', { conversationId: conversation.id, messageId: rude.id, reason: ctx.unique('unkind') });
      assert.ok((await ctx.teacher.call('listReports', {})).some((r) => r.id === reportId), 'the reporter’s teacher is given the report');
      const seen = await ctx.teacher.call('getConversation', { conversationId: conversation.id });
      assert.equal(seen.access, 'reviewer');
      assert.ok((await ctx.teacher.call('getMessages', { conversationId: conversation.id })).messages.some((m) => m.id === rude.id), 'the reviewer reads it');
      await refusedWith(ctx.send(ctx.teacher, conversation.id), 'forbidden', 'a reviewer writing in it');
      assert.equal((await ctx.teacher.call('deleteMessage', { messageId: rude.id })).status, 'removed', 'the reviewer removes the reported message');
      await refusedWith(ctx.outsider.call('getMessages', { conversationId: conversation.id }), 'not-found', 'anyone else reading it');
    },
  },
  {
    section,
    name: 'reply privately: to another’s message in a group, into the one-to-one with its author',
    async run(ctx) {
      const { conversation, message } = await ctx.group(ctx.teacher, [ctx.student, ctx.classmate]);
      const { conversation: private1, message: reply } = await ctx.student.call('replyPrivately', { messageId: message.id, clientId: ctx.unique('client'), text: 'Just to you' });
      assert.equal(private1.kind, 'one-to-one');
      assert.equal(reply.replyTo?.messageId, message.id, 'it quotes the message');
      const own = await ctx.send(ctx.student, conversation.id);
      await refusedWith(ctx.student.call('replyPrivately', { messageId: own.id, clientId: ctx.unique('client'), text: 'to myself' }), 'forbidden', 'replying privately to oneself');
    },
  },
  {
    section,
    name: '"Sent to N people": one-to-ones for each recipient, the participants listed to the sender only',
    async run(ctx) {
      const text = ctx.unique('Permission slips are due Friday');
      const { conversation } = await ctx.teacher.call('startConversation', {
        recipients: [{ type: 'person', id: ctx.student.person.id }, { type: 'person', id: ctx.classmate.person.id }],
        mode: 'individual',
        text,
        clientId: ctx.unique('client'),
      });
      assert.equal(conversation.kind, 'individual');
      const people = await ctx.teacher.call('getParticipants', { conversationId: conversation.id });
      assert.deepEqual(new Set(people.map((p) => p.id)), new Set([ctx.teacher.person.id, ctx.student.person.id, ctx.classmate.person.id]));
      const got = await ctx.student.waitForEvent((e) => e.event.type === 'message-created' && e.event.message.text === text, 'the message sent to N people');
      assert.ok(got.event.type === 'message-created' && got.event.conversation.kind === 'one-to-one', 'it reaches the student in their one-to-one');
    },
  },
  {
    section,
    name: 'find by name: groups, courses and projects by their names, first; never people’s names',
    async run(ctx) {
      const word = ctx.unique('walrus').replace(/\W/g, '');
      const named = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      await ctx.classmate.call('renameConversation', { conversationId: named.conversation.id, name: `Club ${word}` });
      const other = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher], `Who has seen the ${word}?`);
      const matches = await ctx.student.call('searchConversations', { query: word });
      assert.deepEqual(matches.map((m) => m.conversation.id), [named.conversation.id, other.conversation.id], 'the named group first, then the one whose message has the word');
      assert.deepEqual(matches[0].nameRanges, [[5, 5 + word.length]], 'the name’s match is given to highlight');
      assert.ok(matches[1].hit && !matches[1].nameRanges, 'the other is found by its message');
      const classmate = (await ctx.student.call('getParticipants', { conversationId: named.conversation.id })).find((p) => p.id === ctx.classmate.person.id)!;
      const byPerson = await ctx.student.call('searchConversations', { query: classmate.name });
      const byName = byPerson.filter((m) => m.nameRanges?.length && !['group', 'course', 'project'].includes(m.conversation.kind));
      assert.deepEqual(byName.map((m) => m.conversation.kind), [], `searching "${classmate.name}" matches no conversation by a person’s name`);
    },
  },
  {
    section: 'The 300 rule',
    name: 'a course over 300 alone goes to its own conversation; with anyone else it is too-many-recipients',
    async run(ctx) {
      const large = { type: 'course' as const, id: ctx.fixture.largeCourse.id };
      const { uniqueCount } = await ctx.admin.call('checkRecipients', { recipients: [large] });
      assert.ok(uniqueCount > 300, `the large course has ${uniqueCount} people`);
      const refused = await refusedWith(
        ctx.admin.call('startConversation', { recipients: [large, { type: 'person', id: ctx.student.person.id }], mode: 'group', text: 'Hi all', clientId: ctx.unique('client') }),
        'too-many-recipients',
        'the large course and one more person',
      );
      assert.equal(refused.details?.max, 300);
      const { conversation } = await ctx.admin.call('startConversation', { recipients: [large], mode: 'group', text: ctx.unique('Assembly at nine'), clientId: ctx.unique('client') });
      assert.equal(conversation.kind, 'course', 'the message went to the course conversation');
      assert.equal(conversation.course?.id, ctx.fixture.largeCourse.id);
    },
  },
  {
    section: 'The 300 rule',
    name: 'a student’s message to a course over 300 without a conversation is no-course-conversation, also after a deletion',
    async run(ctx) {
      const large = [{ type: 'course' as const, id: ctx.fixture.largeCourse.id }];
      const { conversation } = await ctx.admin.call('startConversation', { recipients: large, mode: 'group', text: ctx.unique('Assembly at nine'), clientId: ctx.unique('client') });
      await ctx.admin.call('deleteConversation', { conversationId: conversation.id });
      try {
        await refusedWith(
          ctx.student.call('startConversation', { recipients: large, mode: 'group', text: 'Hello everyone', clientId: ctx.unique('client') }),
          'no-course-conversation',
          'a student writing to the large course after its conversation was deleted',
        );
      } finally {
        await ctx.admin.call('restoreConversation', { conversationId: conversation.id });
      }
    },
  },
];

/** Runs near the end: it leaves the outsider unable to send for a minute. */
export const limitCheck: Check = {
  section: 'Limits',
  name: 'many new messages: past the limit a minute, a message is rate-limited with when to try again, and not stored',
  async run(ctx) {
    const limit = ctx.fixture.messagesPerMinute ?? 60;
    const { conversation } = await ctx.group(ctx.teacher, [ctx.outsider]);
    const tag = ctx.unique('limit');
    let sent = 0;
    let refusal;
    while (!refusal && sent <= limit) {
      try {
        await ctx.send(ctx.outsider, conversation.id, `${tag} #${sent + 1}`);
        sent++;
      } catch (error) {
        refusal = error;
      }
    }
    assert.ok(refusal, `${sent} messages in a row were all answered: the limit is ${limit} a minute`);
    const refused = await refusedWith(Promise.reject(refusal), 'rate-limited', `message ${sent + 1} in a minute`);
    // The outsider's refused sends earlier in the run may count too; a run less than a minute ago would have used the limit up.
    assert.ok(sent >= limit - 5, `refused after only ${sent} messages, the limit being ${limit} a minute (was the suite run less than a minute ago?)`);
    const retryAfterMs = Number(refused.details?.retryAfterMs);
    assert.ok(retryAfterMs > 0 && retryAfterMs <= 60_000, `details.retryAfterMs says when to try again (${refused.details?.retryAfterMs})`);
    const { messages } = await ctx.teacher.call('getMessages', { conversationId: conversation.id, limit: Math.min(200, limit + 10) });
    assert.equal(messages.filter((m) => m.text.startsWith(tag)).length, sent, 'only the answered messages were stored');
  },
};
