import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStorage } from '../../src/backend/memory-storage.js';
import { Backend } from '../../src/backend/backend.js';
import { seedCourses } from '../../src/backend/seed.js';
import { READ_STATUS_EVERY_MS, type ImEvent } from '../../src/model/events.js';
import type { ReadStatus } from '../../src/model/types.js';
import { refusal, school, u } from './backend-fixture.js';

type School = Awaited<ReturnType<typeof school>>;

/** The read-status events a user was sent. */
const statusEvents = (s: School, userId: string) =>
  s.eventsOf(userId).flatMap((e) => (e.type === 'read-status-changed' ? [e.status] : []));

/** Every event anyone was sent that tells something about reading. */
const anythingAboutReading = (s: School, userIds: string[]): ImEvent[] => userIds.flatMap((id) => s.eventsOf(id).filter((e) => e.type === 'read-status-changed'));

/** Moves the clock past the quiet time between two read-status events of a conversation. */
const later = (s: School) => (s.clock.now += READ_STATUS_EVERY_MS);

/** `sender` writes in the conversation; the message. */
const write = (s: School, sender: string, conversationId: string, text = 'Are you coming?') =>
  s.as(sender)('sendMessage', { conversationId, clientId: s.clientId(), text });

const readAll = async (s: School, reader: string, conversationId: string) => {
  const { lastSeq } = await s.as(reader)('getConversation', { conversationId });
  return s.as(reader)('markRead', { conversationId, upTo: lastSeq });
};

describe('read status', () => {
  it('one-to-one: the sender is told "seen" once the other reads, and replying counts as having seen', async () => {
    const s = await school();
    later(s);
    const question = await write(s, u.ola.id, s.ids.oneToOne, 'Can I hand it in on Monday?');
    const before = await s.as(u.ola.id)('getReadStatus', { conversationId: s.ids.oneToOne });
    assert.notEqual(before?.messageId, question.id, 'not seen yet: the status stays under the message Kari did see');
    s.clear();

    await readAll(s, u.kari.id, s.ids.oneToOne);
    const seen: ReadStatus = { conversationId: s.ids.oneToOne, messageId: question.id, seq: question.seq, seen: 1, of: 1 };
    assert.deepEqual(statusEvents(s, u.ola.id), [seen], 'Ola’s open panels are told at once');
    assert.deepEqual(await s.as(u.ola.id)('getReadStatus', { conversationId: s.ids.oneToOne }), seen);
    assert.deepEqual(statusEvents(s, u.kari.id), [], 'the reader is told nothing about themselves');

    later(s);
    s.clear();
    const answer = await write(s, u.kari.id, s.ids.oneToOne, 'Yes, Monday is fine.');
    await write(s, u.ola.id, s.ids.oneToOne, 'Thanks!');
    assert.deepEqual(statusEvents(s, u.kari.id), [{ conversationId: s.ids.oneToOne, messageId: answer.id, seq: answer.seq, seen: 1, of: 1 }], 'Ola answered, so Ola saw it');
  });

  it('a group: "seen by k of n" for the sender’s latest message someone has seen, told at most every few seconds', async () => {
    const s = await school();
    later(s);
    const first = await write(s, u.emma.id, s.ids.group, 'Library at three?');
    const question = await write(s, u.emma.id, s.ids.group, 'Or four?');
    s.clear();

    await readAll(s, u.ola.id, s.ids.group);
    const byOla = { conversationId: s.ids.group, messageId: question.id, seq: question.seq, seen: 1, of: 3 };
    assert.deepEqual(statusEvents(s, u.emma.id), [byOla], 'the first reader is told at once, as the status of the latest message only');

    await readAll(s, u.noah.id, s.ids.group);
    assert.deepEqual(statusEvents(s, u.emma.id), [byOla], 'a second reader within the quiet time is not pushed…');
    assert.deepEqual(await s.as(u.emma.id)('getReadStatus', { conversationId: s.ids.group }), { ...byOla, seen: 2 }, '…but asked for, it is there');

    later(s);
    await s.as(u.sofie.id)('markRead', { conversationId: s.ids.group, upTo: first.seq });
    assert.equal(statusEvents(s, u.emma.id).length, 1, 'a read short of the latest seen message changes nothing the sender sees');
    await readAll(s, u.sofie.id, s.ids.group);
    assert.deepEqual(statusEvents(s, u.emma.id).at(-1), { ...byOla, seen: 3 }, 'past the quiet time the next reader is pushed, with all of them');
    for (const reader of [u.ola, u.noah, u.sofie]) {
      for (const status of statusEvents(s, reader.id)) {
        const { messages } = await s.as(reader.id)('getMessages', { conversationId: s.ids.group, around: status.seq, limit: 1 });
        assert.equal(messages[0].sender.id, reader.id, `${reader.name} is told only about their own messages`);
      }
    }
  });

  it('a message in a busy group tells the senders before it from the memberships it holds: no read a sender, and their unread counts stay right', async () => {
    const storage = new MemoryStorage();
    const s = await school({ storage });
    later(s);
    // Each writes in turn, as a busy group does: the next writer has not seen the three before.
    const writers = [u.emma.id, u.noah.id, u.sofie.id];
    for (const writer of writers) await write(s, writer, s.ids.group, `From ${writer}`);
    later(s);
    s.clear();
    let reads = 0;
    const getMembership = storage.getMembership.bind(storage);
    storage.getMembership = (conversationId, userId) => (reads++, getMembership(conversationId, userId));
    await write(s, u.ola.id, s.ids.group, 'Three messages at once!');
    storage.getMembership = getMembership;
    assert.ok(reads <= 1, `one read, for Ola’s own access, not one for each of the ${writers.length} senders (${reads})`);
    for (const writer of writers) {
      // Seen by those who wrote after them, Ola now too.
      const after = writers.length - writers.indexOf(writer);
      assert.equal(statusEvents(s, writer).at(-1)?.seen, after, 'each earlier sender is told Ola has seen their message');
      const { unreadCount } = await s.as(writer)('getConversation', { conversationId: s.ids.group });
      assert.equal(unreadCount, after, 'the messages after their own, Ola’s included, are unread for them');
    }
  });

  it('counts those a message was sent to: not who joined after it, not who left; marking unread does not take back having seen', async () => {
    const s = await school();
    later(s);
    const before = await write(s, u.emma.id, s.ids.group, 'Before Jakob came');
    await s.as(u.emma.id)('addParticipants', { conversationId: s.ids.group, userIds: [u.jakob.id] });
    await readAll(s, u.jakob.id, s.ids.group);
    await readAll(s, u.ola.id, s.ids.group);
    const status = await s.as(u.emma.id)('getReadStatus', { conversationId: s.ids.group });
    assert.deepEqual(status && [status.messageId, status.seen, status.of], [before.id, 1, 3], 'Jakob joined after it: he is neither of those who saw it nor of those it went to');

    const after = await write(s, u.emma.id, s.ids.group, 'Welcome, Jakob');
    await readAll(s, u.jakob.id, s.ids.group);
    const welcome = await s.as(u.emma.id)('getReadStatus', { conversationId: s.ids.group });
    assert.deepEqual(welcome && [welcome.messageId, welcome.seen, welcome.of], [after.id, 1, 4], 'a message after he joined counts him');

    await s.as(u.jakob.id)('markUnread', { conversationId: s.ids.group, fromSeq: after.seq });
    assert.equal((await s.as(u.emma.id)('getReadStatus', { conversationId: s.ids.group }))?.seen, 1, 'Jakob marked it unread for himself: he has still seen it');

    await s.as(u.jakob.id)('leaveConversation', { conversationId: s.ids.group });
    const left = await s.as(u.emma.id)('getReadStatus', { conversationId: s.ids.group });
    assert.deepEqual(left && [left.messageId, left.seen, left.of], [before.id, 1, 3], 'who left is no longer counted');
  });

  it('lists who has seen a message and who has not yet, by name, to its sender only', async () => {
    const s = await school();
    const message = await write(s, u.emma.id, s.ids.group, 'Bring calculators');
    await readAll(s, u.sofie.id, s.ids.group);
    await readAll(s, u.noah.id, s.ids.group);
    const names = (people: { name: string }[]) => people.map((p) => p.name);
    const seenBy = await s.as(u.emma.id)('getSeenBy', { messageId: message.id });
    assert.deepEqual(names(seenBy.seen), ['Noah Johansen', 'Sofie Larsen']);
    assert.deepEqual(names(seenBy.notSeen), ['Ola Nordmann']);
    assert.deepEqual(Object.keys(seenBy.seen[0]).sort(), ['id', 'name', 'role', 'title'], 'people as others see them');

    assert.equal((await refusal(s.as(u.ola.id)('getSeenBy', { messageId: message.id }))).code, 'forbidden', 'someone else’s message');
    assert.equal((await refusal(s.as(u.jakob.id)('getSeenBy', { messageId: message.id }))).code, 'not-found', 'not a member');
    assert.equal((await refusal(s.as(u.emma.id)('getSeenBy', { messageId: 'no-such-message' }))).code, 'not-found');
    assert.equal((await refusal(s.as(u.emma.id)('getSeenBy', { messageId: '' }))).code, 'invalid');
    assert.equal((await refusal(s.as(u.emma.id)('getReadStatus', {} as { conversationId: string }))).code, 'invalid');
    await s.as(u.emma.id)('deleteMessage', { messageId: message.id });
    assert.equal((await refusal(s.as(u.emma.id)('getSeenBy', { messageId: message.id }))).code, 'not-found', 'deleted');
  });

  it('a deleted message carries no status: it moves to the sender’s latest message still there that someone has seen', async () => {
    const s = await school();
    const kept = await write(s, u.emma.id, s.ids.group, 'Kept');
    await readAll(s, u.ola.id, s.ids.group);
    const regretted = await write(s, u.emma.id, s.ids.group, 'Regretted');
    await readAll(s, u.ola.id, s.ids.group);
    assert.equal((await s.as(u.emma.id)('getReadStatus', { conversationId: s.ids.group }))?.messageId, regretted.id);
    await s.as(u.emma.id)('deleteMessage', { messageId: regretted.id });
    assert.equal((await s.as(u.emma.id)('getReadStatus', { conversationId: s.ids.group }))?.messageId, kept.id);
  });

  it('has none in one-way kinds, "Sent to N people", a conversation of more than 300, or for a reviewer', async () => {
    const s = await school();
    for (const id of [s.ids.mass, s.ids.weekly]) {
      for (const member of [u.ola, u.kari, u.admin]) await s.as(member.id)('markRead', { conversationId: id, upTo: 1 }).catch(() => undefined);
    }
    assert.equal(await s.as(u.admin.id)('getReadStatus', { conversationId: s.ids.mass }), null, 'mass message');
    assert.equal(await s.as(u.kari.id)('getReadStatus', { conversationId: s.ids.weekly }), null, 'weekly update');
    assert.equal(await s.as(u.kari.id)('getReadStatus', { conversationId: s.ids.individual }), null, '"Sent to N people"');

    const assembly = await s.as(u.admin.id)('startCourseConversation', { courseId: seedCourses.assembly.id });
    assert.ok(assembly.participantCount > 300);
    const notice = await write(s, u.admin.id, assembly.id, 'Fire drill at ten');
    s.clear();
    await s.as(u.ola.id)('markRead', { conversationId: assembly.id, upTo: notice.seq });
    assert.equal(await s.as(u.admin.id)('getReadStatus', { conversationId: assembly.id }), null, 'over 300 members');
    assert.deepEqual(statusEvents(s, u.admin.id), []);
    assert.equal((await refusal(s.as(u.admin.id)('getSeenBy', { messageId: notice.id }))).code, 'forbidden');

    const rude = await write(s, u.noah.id, s.ids.group, 'You are all idiots');
    await s.as(u.ola.id)('reportAbuse', { conversationId: s.ids.group, messageId: rude.id, reason: 'Rude' });
    assert.equal(await s.as(u.kari.id)('getReadStatus', { conversationId: s.ids.group }), null, 'a reviewer is not a member');
    assert.equal((await refusal(s.as(u.kari.id)('getReadStatus', { conversationId: s.ids.oneToOne + 'x' }))).code, 'not-found');
  });

  it('turned off for the school: nothing about reading leaves the backend, no status, no event, no list', async () => {
    const s = await school({ readStatus: 'off' });
    const everyone = Object.values(u).map((p) => p.id);
    s.clear();
    const message = await write(s, u.emma.id, s.ids.group);
    await write(s, u.kari.id, s.ids.oneToOne, 'Seen this?');
    for (const reader of [u.ola.id, u.noah.id, u.sofie.id]) await readAll(s, reader, s.ids.group);
    await readAll(s, u.ola.id, s.ids.oneToOne);
    await write(s, u.ola.id, s.ids.oneToOne, 'Yes');
    assert.deepEqual(anythingAboutReading(s, everyone), []);
    assert.equal(await s.as(u.emma.id)('getReadStatus', { conversationId: s.ids.group }), null);
    assert.equal(await s.as(u.kari.id)('getReadStatus', { conversationId: s.ids.oneToOne }), null);
    assert.equal((await refusal(s.as(u.emma.id)('getSeenBy', { messageId: message.id }))).code, 'forbidden');
    // A conversation tells its members their own read position, never anyone else's.
    const summary = await s.as(u.emma.id)('getConversation', { conversationId: s.ids.group });
    assert.deepEqual(Object.keys(summary).filter((k) => /seen|status/i.test(k)), []);
  });

  it('turned off for students: students are told of nobody’s reading and theirs is told to nobody; staff still see each other’s', async () => {
    const s = await school({ readStatus: 'off-for-students' });
    await s.backend.enrol(seedCourses.maths.id, u.per.id, 'teacher');
    later(s);
    s.clear();
    const homework = await write(s, u.kari.id, s.ids.maths, 'Homework: 4.13 to 4.20');
    for (const student of [u.ola.id, u.emma.id]) await readAll(s, student, s.ids.maths);
    assert.deepEqual(statusEvents(s, u.kari.id), [], 'students read: the teacher is not told');
    assert.equal(await s.as(u.kari.id)('getReadStatus', { conversationId: s.ids.maths }), null, 'nobody whose reading counts has seen it yet');

    await readAll(s, u.per.id, s.ids.maths);
    const byPer = { conversationId: s.ids.maths, messageId: homework.id, seq: homework.seq, seen: 1, of: 1 };
    assert.deepEqual(statusEvents(s, u.kari.id), [byPer], 'another teacher’s reading is told, counted among staff only');
    const seenBy = await s.as(u.kari.id)('getSeenBy', { messageId: homework.id });
    assert.deepEqual([seenBy.seen.map((p) => p.name), seenBy.notSeen.map((p) => p.name)], [['Per Hansen'], []], 'no student is named');

    const question = await write(s, u.emma.id, s.ids.maths, 'Is 4.20 in the test?');
    await readAll(s, u.kari.id, s.ids.maths);
    assert.deepEqual(statusEvents(s, u.emma.id), [], 'a student is told nothing');
    assert.equal(await s.as(u.emma.id)('getReadStatus', { conversationId: s.ids.maths }), null);
    assert.equal((await refusal(s.as(u.emma.id)('getSeenBy', { messageId: question.id }))).code, 'forbidden');
  });

  it('refuses a setting it does not know, rather than guessing', () => {
    assert.throws(() => new Backend({ storage: new MemoryStorage(), readStatus: 'sometimes' as 'on' }), /readStatus must be one of on, off-for-students, off/);
  });
});
