/**
 * The hub contract's "Who may do what", a row at a time, each tried as the roles it names
 * and as one it doesn't; and the 300 rule.
 */
import assert from 'node:assert/strict';
import { refusedWith } from '../context.js';
import type { Check } from '../run.js';

const section = 'Who may do what';

export const ruleChecks: Check[] = [
  {
    section,
    name: 'read, mark read or unread, view participants: participants may; anyone else gets not-found',
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
];
