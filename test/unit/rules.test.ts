/**
 * The spec's rules of who may do what, one role at a time, against the backend
 * (memory storage, or SQLite with IM_STORAGE=sqlite). The hub contract's
 * "Who may do what" table has a row for each.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Backend } from '../../src/backend/backend.js';
import { anyoneReachesAnyone } from '../../src/backend/contacts.js';
import { MemoryStorage } from '../../src/backend/memory-storage.js';
import { seed, seedCourses } from '../../src/backend/seed.js';
import { refusal, school, u } from './backend-fixture.js';

const person = (id: string) => ({ type: 'person' as const, id });

describe('moderation scope', () => {
  it('a reviewer of a reported one-to-one between students removes the reported message, with their name', async () => {
    const s = await school();
    const { conversation } = await s.as(u.ola.id)('startConversation', { recipients: [person(u.emma.id)], mode: 'group', text: 'Hi', clientId: s.clientId() });
    const abusive = await s.as(u.emma.id)('sendMessage', { conversationId: conversation.id, clientId: s.clientId(), text: 'Something mean' });
    assert.equal((await refusal(s.as(u.kari.id)('getMessages', { conversationId: conversation.id }))).code, 'not-found', 'private until reported');

    await s.as(u.ola.id)('reportAbuse', { conversationId: conversation.id, messageId: abusive.id, reason: 'Bullying' });
    const removed = await s.as(u.kari.id)('deleteMessage', { messageId: abusive.id });
    assert.equal(removed.status, 'removed');
    assert.equal(removed.removedBy, u.kari.name);
    const [seen] = (await s.as(u.ola.id)('getMessages', { conversationId: conversation.id })).messages.filter((m) => m.id === abusive.id);
    assert.deepEqual([seen.status, seen.removedBy, seen.text], ['removed', u.kari.name, '']);
    const stored = await s.storage.getMessage(abusive.id);
    assert.equal(stored?.text, '', 'the content is gone from storage');
  });

  it('a teacher in their own one-to-one with a student does not moderate it', async () => {
    const s = await school();
    const { messages } = await s.as(u.kari.id)('getMessages', { conversationId: s.ids.oneToOne });
    const olas = messages.find((m) => m.sender.id === u.ola.id)!;
    assert.equal((await refusal(s.as(u.kari.id)('deleteMessage', { messageId: olas.id }))).code, 'forbidden');
  });

  it('nobody reviews a report on their own message', async () => {
    const s = await school();
    const { messages } = await s.as(u.ola.id)('getMessages', { conversationId: s.ids.oneToOne });
    const karis = messages.find((m) => m.sender.id === u.kari.id)!;
    await s.as(u.ola.id)('reportAbuse', { conversationId: s.ids.oneToOne, messageId: karis.id, reason: 'Rude' });
    assert.equal((await s.as(u.kari.id)('listReports', {})).length, 0);
    assert.equal((await s.as(u.per.id)('listReports', {})).length, 1);
    assert.equal((await refusal(s.as(u.per.id)('deleteMessage', { messageId: karis.id }))).code, 'forbidden', "a teacher reviewing does not remove a colleague's message");
    assert.equal((await s.as(u.admin.id)('deleteMessage', { messageId: karis.id })).removedBy, u.admin.name);
  });

  it("a teacher removes students' messages, not a colleague's or the administrator's; an administrator removes anyone's", async () => {
    const s = await school();
    const { conversation } = await s.as(u.kari.id)('startConversation', {
      recipients: [person(u.per.id), person(u.admin.id), person(u.ola.id)],
      mode: 'group',
      text: 'Planning the trip',
      clientId: s.clientId(),
    });
    const say = (userId: string, text: string) => s.as(userId)('sendMessage', { conversationId: conversation.id, clientId: s.clientId(), text });
    const [pers, admins, olas] = [await say(u.per.id, 'From Per'), await say(u.admin.id, 'From Ingrid'), await say(u.ola.id, 'From Ola')];

    for (const message of [pers, admins]) {
      const error = await refusal(s.as(u.kari.id)('deleteMessage', { messageId: message.id }));
      assert.deepEqual([error.code, error.details?.action], ['forbidden', 'moderatorDelete'], message.text);
    }
    assert.equal((await s.as(u.kari.id)('deleteMessage', { messageId: olas.id })).removedBy, u.kari.name);
    assert.equal((await s.as(u.admin.id)('deleteMessage', { messageId: pers.id })).removedBy, u.admin.name);
    assert.equal((await refusal(s.as(u.ola.id)('deleteMessage', { messageId: admins.id }))).code, 'forbidden', 'students moderate nothing');
  });
});

describe('course conversations are run by their course', () => {
  const assembly = seedCourses.assembly.id;
  const toAssembly = (s: Awaited<ReturnType<typeof school>>, userId: string) =>
    s.as(userId)('startConversation', { recipients: [{ type: 'course', id: assembly }], mode: 'group', text: 'Hello school', clientId: s.clientId() });

  it("a student's message to a big course without a conversation is refused, saying the teacher starts one; a teacher's starts it", async () => {
    const s = await school();
    const error = await refusal(toAssembly(s, u.ola.id));
    assert.deepEqual([error.code, error.details?.courseId], ['no-course-conversation', assembly]);
    assert.equal(await s.storage.findCourseConversation(assembly), undefined, 'nothing was created');

    const { conversation } = await toAssembly(s, u.kari.id);
    assert.equal(conversation.kind, 'course');
    assert.equal(conversation.createdBy, u.kari.id);
    const { conversation: same } = await toAssembly(s, u.ola.id);
    assert.equal(same.id, conversation.id, 'once it exists, students write in it');
  });

  it('after a deletion only a teacher of the course or an administrator starts the next one', async () => {
    const s = await school();
    const { conversation } = await toAssembly(s, u.kari.id);
    await s.as(u.kari.id)('deleteConversation', { conversationId: conversation.id });
    assert.equal((await refusal(toAssembly(s, u.ola.id))).code, 'no-course-conversation');
    const { conversation: next } = await toAssembly(s, u.admin.id);
    assert.notEqual(next.id, conversation.id);
    assert.equal(next.createdBy, u.admin.id);
    assert.equal((await refusal(s.as(u.ola.id)('closeConversation', { conversationId: next.id }))).code, 'forbidden', 'a student never runs it');
  });

  it('a teacher of another course reviewing a report may remove the reported message but not close, delete or restore the conversation', async () => {
    const s = await school();
    const { messages } = await s.as(u.ola.id)('getMessages', { conversationId: s.ids.maths });
    const emmas = messages.find((m) => m.sender.id === u.emma.id)!;
    await s.as(u.ola.id)('reportAbuse', { conversationId: s.ids.maths, messageId: emmas.id, reason: 'Spam' });
    const view = await s.as(u.per.id)('getConversation', { conversationId: s.ids.maths });
    assert.deepEqual([view.access, view.courseRole], ['reviewer', undefined]);
    for (const command of ['deleteConversation', 'closeConversation'] as const) {
      assert.equal((await refusal(s.as(u.per.id)(command, { conversationId: s.ids.maths }))).code, 'forbidden', command);
    }
    assert.equal((await s.as(u.per.id)('deleteMessage', { messageId: emmas.id })).removedBy, u.per.name);

    await s.as(u.kari.id)('deleteConversation', { conversationId: s.ids.maths });
    assert.equal((await refusal(s.as(u.per.id)('restoreConversation', { conversationId: s.ids.maths }))).code, 'forbidden');
    assert.equal((await s.as(u.kari.id)('restoreConversation', { conversationId: s.ids.maths })).deleted, false, 'its own teacher restores it');
  });

  it("tells each reader their role in the conversation's course", async () => {
    const s = await school();
    const role = async (userId: string) => (await s.as(userId)('getConversation', { conversationId: s.ids.maths })).courseRole;
    assert.deepEqual([await role(u.kari.id), await role(u.ola.id)], ['teacher', 'student']);
  });
});

describe('"Sent to N people"', () => {
  it('shows its sender whom it went to, each with the one-to-one it went through', async () => {
    const s = await school();
    const item = await s.as(u.kari.id)('getConversation', { conversationId: s.ids.individual });
    assert.deepEqual([item.recipientCount, item.participantCount], [3, 4]);
    const participants = await s.as(u.kari.id)('getParticipants', { conversationId: s.ids.individual });
    assert.deepEqual(
      participants.map((p) => [p.name, p.creator]),
      [[u.emma.name, false], [u.kari.name, true], [u.noah.name, false], [u.ola.name, false]],
    );
    for (const p of participants.filter((p) => !p.creator)) {
      const oneToOne = await s.as(u.kari.id)('getConversation', { conversationId: p.conversationId! });
      assert.deepEqual([oneToOne.kind, oneToOne.peer?.id], ['one-to-one', p.id], p.name);
      const { messages } = await s.as(u.kari.id)('getMessages', { conversationId: oneToOne.id });
      assert.equal(messages.at(-1)?.text, 'Your test results are ready. Come and see me if you have questions.');
    }
  });

  it("keeps a recipient's one-to-one out of the sender's list until someone writes in it", async () => {
    const s = await school();
    const emma = (await s.as(u.kari.id)('getParticipants', { conversationId: s.ids.individual })).find((p) => p.id === u.emma.id)!;
    const listed = async () => (await s.as(u.kari.id)('listConversations', { limit: 200 })).items.map((c) => c.id);
    assert.equal((await s.as(u.kari.id)('getConversation', { conversationId: emma.conversationId! })).hidden, true);
    assert.ok(!(await listed()).includes(emma.conversationId!));

    const answer = await s.as(u.kari.id)('sendMessage', { conversationId: emma.conversationId!, clientId: s.clientId(), text: 'Emma, about question 3' });
    assert.ok((await listed()).includes(emma.conversationId!), 'the sender wrote in it: it is theirs now');
    const created = s.eventsOf(u.kari.id).find((e) => e.type === 'message-created' && e.message.id === answer.id);
    assert.ok(created?.type === 'message-created' && !created.conversation.hidden, 'and every tab of theirs hears it');
  });

  it('lets nobody but its sender see whom it went to', async () => {
    const s = await school();
    assert.equal((await refusal(s.as(u.ola.id)('getParticipants', { conversationId: s.ids.individual }))).code, 'not-found');
  });
});

describe("the school's communication rules", () => {
  // Jakob (9A) shares only the whole-school course (340+ people) and the science fair project with the 9B students.
  const find = async (s: Awaited<ReturnType<typeof school>>, userId: string, query: string) =>
    (await s.as(userId)('searchRecipients', { query, types: ['person'] })).map((r) => r.name);

  it('a student finds and reaches the teachers of their courses, their class and their project, not the whole school', async () => {
    const s = await school();
    assert.deepEqual(await find(s, u.jakob.id, 'Kari'), [u.kari.name], 'a teacher of his course');
    assert.deepEqual(await find(s, u.jakob.id, 'Emma'), [u.emma.name], 'in his project');
    assert.deepEqual(await find(s, u.jakob.id, 'Ola'), [], 'only the school-wide course in common');
    assert.deepEqual(await find(s, u.jakob.id, 'Student 00'), [], 'nor the hundreds of that course');
    assert.deepEqual(await find(s, u.ola.id, 'Noah'), [u.noah.name], 'a classmate');
    assert.deepEqual(await find(s, u.kari.id, 'Jakob'), [u.jakob.name], 'staff reach anyone');

    const error = await refusal(s.as(u.jakob.id)('startConversation', { recipients: [person(u.ola.id)], mode: 'group', text: 'Hi', clientId: s.clientId() }));
    assert.equal(error.code, 'not-a-contact');
    assert.deepEqual((error.details?.people as { name: string }[]).map((p) => p.name), [u.ola.name]);
    assert.equal(await s.storage.findOneToOne(u.jakob.id, u.ola.id), undefined, 'nothing was started');

    const error2 = await refusal(
      s.as(u.jakob.id)('startConversation', { recipients: [person(u.emma.id), person(u.ola.id)], mode: 'individual', text: 'Hi', clientId: s.clientId() }),
    );
    assert.deepEqual((error2.details?.people as { name: string }[]).map((p) => p.name), [u.ola.name], 'only the one not allowed is named');
    const { conversation } = await s.as(u.kari.id)('startConversation', { recipients: [person(u.jakob.id)], mode: 'group', text: 'Hi Jakob', clientId: s.clientId() });
    assert.equal(conversation.kind, 'one-to-one');
  });

  it('applies to adding people to a group and to replying privately', async () => {
    const s = await school();
    const adding = await refusal(s.as(u.ola.id)('addParticipants', { conversationId: s.ids.group, userIds: [u.jakob.id] }));
    assert.equal(adding.code, 'not-a-contact');
    await s.as(u.emma.id)('addParticipants', { conversationId: s.ids.group, userIds: [u.jakob.id] });

    const olas = await s.as(u.ola.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'Welcome Jakob' });
    const replying = await refusal(s.as(u.jakob.id)('replyPrivately', { messageId: olas.id, clientId: s.clientId(), text: 'Thanks' }));
    assert.equal(replying.code, 'not-a-contact', 'a group in common does not make a contact');
  });

  it('lets a student answer a conversation staff started with them, though they could not have started it', async () => {
    const s = await school();
    const tina = { id: 'u-tina', name: 'Tina Moe', title: 'Counsellor', role: 'teacher' as const };
    await s.backend.run((storage) => storage.putUser(tina));
    assert.deepEqual(await find(s, u.ola.id, 'Tina'), []);
    const { conversation } = await s.as(tina.id)('startConversation', { recipients: [person(u.ola.id)], mode: 'group', text: 'Can we talk?', clientId: s.clientId() });
    const answer = await s.as(u.ola.id)('sendMessage', { conversationId: conversation.id, clientId: s.clientId(), text: 'Yes' });
    assert.equal(answer.text, 'Yes');
    assert.equal(
      (await refusal(s.as(u.ola.id)('startConversation', { recipients: [person(tina.id), person(u.emma.id)], mode: 'group', text: 'Hi', clientId: s.clientId() }))).code,
      'not-a-contact',
      'but not start another one with her',
    );
  });

  it('is the platform’s to replace', async () => {
    const open = new Backend({ storage: new MemoryStorage(), contacts: anyoneReachesAnyone });
    await seed(open);
    const found = await open.execute(u.jakob.id, 'searchRecipients', { query: 'Ola', types: ['person'] });
    assert.deepEqual(found.map((r) => r.name), [u.ola.name]);
  });
});

describe('finding a conversation by its name', () => {
  it('matches the names of groups, courses and projects, name hits first, then messages', async () => {
    const s = await school();
    await s.as(u.ola.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'Revise for the science test tomorrow?' });
    const found = await s.as(u.ola.id)('searchConversations', { query: 'science' });
    assert.deepEqual(
      found.map((f) => [f.conversation.name, f.nameRanges ?? [], f.hit?.snippet ?? '']),
      [
        ['Science 9B', [[0, 7]], ''],
        ['Maths study group', [], 'Revise for the science test tomorrow?'],
      ],
      'the course by its name first, though the group has the newer activity',
    );
    const byGroupName = await s.as(u.noah.id)('searchConversations', { query: 'study grou' });
    assert.deepEqual(byGroupName[0].nameRanges, [[6, 11], [12, 16]], 'each word marked');
    assert.equal(byGroupName[0].conversation.id, s.ids.group);
  });

  it("never by people's names: not a one-to-one's, not an unnamed group's", async () => {
    const s = await school();
    await s.as(u.ola.id)('startConversation', { recipients: [person(u.noah.id), person(u.sofie.id)], mode: 'group', text: 'Hi both', clientId: s.clientId() });
    assert.deepEqual(await s.as(u.ola.id)('searchConversations', { query: 'Sofie' }), []);
    assert.deepEqual(await s.as(u.ola.id)('searchConversations', { query: 'Kari Nordmann' }), []);
  });

  it('only in the reader’s own conversations', async () => {
    const s = await school();
    assert.deepEqual(await s.as(u.jakob.id)('searchConversations', { query: 'Mathematics' }), []);
  });
});

describe('the communication rules and a whole course', () => {
  it('let a student send to their own course as individual messages as well as a group, and send again', async () => {
    const s = await school();
    // A year course of 60: more than a class, so its students are not each other's contacts.
    const year = { id: 'c-year9', name: 'Year 9 choir', color: '#613583' };
    await s.backend.run(async (storage) => {
      await storage.putCourse(year);
      await storage.putCourseMember(year.id, { userId: u.ola.id, role: 'student' });
      for (let i = 1; i <= 59; i++) await storage.putCourseMember(year.id, { userId: `u-student-${i}`, role: 'student' });
    });
    assert.deepEqual(await s.as(u.ola.id)('searchRecipients', { query: 'Student 001', types: ['person'] }), [], 'not contacts one by one');
    const recipients = [{ type: 'course' as const, id: year.id }];
    const group = await s.as(u.ola.id)('startConversation', { recipients, mode: 'group', text: 'Rehearsal moved', clientId: s.clientId() });
    assert.equal(group.conversation.participantCount, 60);
    const individual = await s.as(u.ola.id)('startConversation', { recipients, mode: 'individual', text: 'Rehearsal moved', clientId: s.clientId() });
    assert.equal(individual.conversation.recipientCount, 59);
    await s.as(u.ola.id)('sendMessage', { conversationId: individual.conversation.id, clientId: s.clientId(), text: 'And bring water' });
  });
});

describe('"Your relationship" stays between people who know each other here', () => {
  it('answers for a contact or someone in a conversation together, and not-found for a stranger', async () => {
    const s = await school();
    const shared = await s.as(u.ola.id)('getRelationship', { userId: u.noah.id });
    assert.ok(shared.courses.some((c) => c.course.id === seedCourses.maths.id));
    // Jakob (9A) and Ola (9B) share only the school-wide course, and no conversation.
    assert.equal((await refusal(s.as(u.jakob.id)('getRelationship', { userId: u.ola.id }))).code, 'not-found');
    await s.as(u.kari.id)('startConversation', { recipients: [person(u.jakob.id), person(u.ola.id)], mode: 'group', text: 'Project pairs', clientId: s.clientId() });
    assert.equal((await s.as(u.jakob.id)('getRelationship', { userId: u.ola.id })).person.id, u.ola.id, 'in a group together now');
  });
});
