import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canConversation,
  canMessage,
  canSeeReadStatus,
  conversationActions,
  isModerator,
  messageActions,
  readingShared,
  readStatusSettings,
  type ConversationAction,
  type MessageAction,
  type PermissionContext,
} from '../../src/model/permissions.js';
import type { ConversationKind, MessageStatus, Role } from '../../src/model/types.js';

const roles: Role[] = ['student', 'teacher', 'admin'];
const accesses: PermissionContext['access'][] = ['participant', 'reviewer', 'none'];
const allKinds: ConversationKind[] = ['one-to-one', 'group', 'course', 'project', 'individual', 'mass', 'system'];
const allStates = ['open', 'closed', 'deleted'] as const;
type State = (typeof allStates)[number];

const shared: ConversationKind[] = ['group', 'course', 'project'];
const writable: ConversationKind[] = ['one-to-one', 'group', 'course', 'project', 'individual'];
const searchable = allKinds.filter((kind) => kind !== 'mass' && kind !== 'system');

interface Case {
  role: Role;
  access: PermissionContext['access'];
  creator: boolean;
  kind: ConversationKind;
  state: State;
  /** The user's role in the conversation's course, if any. */
  courseRole?: Role;
}

function* cases(): Generator<Case> {
  for (const role of roles)
    for (const access of accesses)
      for (const creator of [false, true])
        for (const kind of allKinds)
          for (const state of allStates)
            for (const courseRole of [undefined, 'student', 'teacher'] as const) yield { role, access, creator, kind, state, courseRole };
}

const me = 'u-me';
const contextOf = (c: Case): PermissionContext => ({
  user: { id: me, role: c.role },
  conversation: {
    kind: c.kind,
    closed: c.state === 'closed',
    deleted: c.state === 'deleted',
    createdBy: c.creator ? me : 'u-other',
    ...(c.courseRole ? { courseRole: c.courseRole } : {}),
  },
  access: c.access,
});

// Who each row of the hub contract's "Who may do what" table names (docs/hub-contract.md).
type Who = (c: Case) => boolean;
const participants: Who = (c) => c.access === 'participant';
const anyoneWithAccess: Who = (c) => c.access !== 'none';
const moderators: Who = (c) => c.access !== 'none' && c.role !== 'student';
const participatingModerators: Who = (c) => c.access === 'participant' && c.role !== 'student';
const moderatorsOrCreator: Who = (c) => moderators(c) || (participants(c) && c.creator);
/** A course conversation is run by its course's teachers and the administrators, not by a teacher of another course. */
const runTheCourse: Who = (c) => c.access !== 'none' && (c.role === 'admin' || c.courseRole === 'teacher');
const closers: Who = (c) => (c.kind === 'course' ? runTheCourse(c) : moderatorsOrCreator(c));

interface Row<A, C = Case> {
  action: A;
  who: (c: C) => boolean;
  kinds: readonly ConversationKind[];
  states: readonly State[];
}

const conversationRows: Row<ConversationAction>[] = [
  { action: 'view', who: anyoneWithAccess, kinds: allKinds, states: allStates },
  { action: 'send', who: participants, kinds: writable, states: ['open'] },
  { action: 'markRead', who: anyoneWithAccess, kinds: allKinds, states: allStates },
  { action: 'markUnread', who: anyoneWithAccess, kinds: allKinds, states: allStates },
  { action: 'mute', who: participants, kinds: allKinds, states: allStates },
  { action: 'pin', who: participants, kinds: allKinds, states: allStates },
  // Issue 18: a one-to-one in any state; a group, course or project once it is over.
  { action: 'hide', who: (c) => participants(c) && (c.kind === 'one-to-one' || c.state !== 'open'), kinds: ['one-to-one', ...shared], states: allStates },
  { action: 'search', who: anyoneWithAccess, kinds: searchable, states: allStates },
  { action: 'viewParticipants', who: anyoneWithAccess, kinds: allKinds, states: allStates },
  { action: 'relationship', who: anyoneWithAccess, kinds: allKinds, states: allStates },
  { action: 'rename', who: participants, kinds: ['group'], states: ['open'] },
  { action: 'addParticipants', who: participants, kinds: ['group'], states: ['open'] },
  { action: 'leave', who: participants, kinds: ['group'], states: allStates },
  { action: 'removeParticipant', who: participatingModerators, kinds: ['group'], states: allStates },
  { action: 'close', who: closers, kinds: shared, states: ['open'] },
  { action: 'reopen', who: closers, kinds: shared, states: ['closed'] },
  { action: 'deleteConversation', who: runTheCourse, kinds: ['course'], states: ['open', 'closed'] },
  { action: 'restoreConversation', who: runTheCourse, kinds: ['course'], states: ['deleted'] },
  { action: 'startCourseConversation', who: (c) => participants(c) && runTheCourse(c), kinds: ['course'], states: ['deleted'] },
  { action: 'reportConversation', who: participants, kinds: shared, states: allStates },
];

type Author = 'own' | 'other' | 'any';
/** A case with the message's author: their role decides what a teacher may remove. */
type MessageCase = Case & { senderRole: Role };
/** Spec: "Teachers and admins can delete student's message": a teacher removes students' messages, an administrator anyone's. */
const removers = (c: MessageCase) =>
  moderators(c) && (shared.includes(c.kind) || c.access === 'reviewer') && (c.role === 'admin' || c.senderRole === 'student');
const messageRows: (Row<MessageAction, MessageCase> & { author: Author })[] = [
  // Issue 18: where one may send, but not in "Sent to N people" (its only member is its sender).
  { action: 'react', who: participants, kinds: writable.filter((kind) => kind !== 'individual'), states: ['open'], author: 'any' },
  { action: 'reply', who: participants, kinds: writable, states: ['open'], author: 'any' },
  { action: 'replyPrivately', who: participants, kinds: shared, states: allStates, author: 'other' },
  { action: 'forward', who: anyoneWithAccess, kinds: allKinds, states: allStates, author: 'any' },
  { action: 'markUnread', who: participants, kinds: allKinds, states: allStates, author: 'any' },
  { action: 'edit', who: participants, kinds: writable, states: ['open'], author: 'own' },
  { action: 'delete', who: participants, kinds: writable, states: ['open'], author: 'own' },
  { action: 'moderatorDelete', who: removers, kinds: allKinds, states: allStates, author: 'other' },
  { action: 'report', who: participants, kinds: allKinds.filter((kind) => kind !== 'system'), states: allStates, author: 'other' },
];

const allows = <C extends Case>(row: Row<unknown, C>, c: C) => row.who(c) && row.kinds.includes(c.kind) && row.states.includes(c.state);
const label = (c: Case, extra = '') => `${c.role} ${c.access}${c.creator ? ' creator' : ''} in ${c.state} ${c.kind}${extra}`;

describe('permissions: conversation actions', () => {
  it('has a row for every action the settings sheet can show', () => {
    const everyone = contextOf({ role: 'admin', access: 'participant', creator: true, kind: 'group', state: 'open' });
    const shown = new Set(conversationActions(everyone));
    for (const row of conversationRows) {
      if (row.kinds.includes('group') && row.states.includes('open') && row.who({ role: 'admin', access: 'participant', creator: true, kind: 'group', state: 'open' })) {
        assert.ok(shown.has(row.action), row.action);
      }
    }
    const somewhere = new Set([...cases()].flatMap((c) => conversationActions(contextOf(c))));
    for (const row of conversationRows) assert.ok(somewhere.has(row.action), `${row.action} is shown somewhere`);
  });

  for (const row of conversationRows) {
    it(`${row.action}: only the roles, kinds and states of its row`, () => {
      for (const c of cases()) assert.equal(canConversation(row.action, contextOf(c)), allows(row, c), label(c));
    });
  }

  it('lists every allowed action in the order of the table', () => {
    for (const c of cases()) {
      const expected = conversationRows.filter((row) => allows(row, c)).map((row) => row.action);
      assert.deepEqual(conversationActions(contextOf(c)), expected, label(c));
    }
  });

  it('gives nothing at all to someone without access, even the creator or an administrator', () => {
    for (const c of cases()) if (c.access === 'none') assert.deepEqual(conversationActions(contextOf(c)), [], label(c));
  });

  it('lets a teacher who reviews a report close the conversation, but not write in it or remove people', () => {
    const ctx = contextOf({ role: 'teacher', access: 'reviewer', creator: false, kind: 'group', state: 'open' });
    assert.equal(canConversation('close', ctx), true);
    assert.equal(canConversation('send', ctx), false);
    assert.equal(canConversation('removeParticipant', ctx), false);
  });

  it('lets a student who started a group close it, but not remove its participants', () => {
    const ctx = contextOf({ role: 'student', access: 'participant', creator: true, kind: 'group', state: 'open' });
    assert.equal(canConversation('close', ctx), true);
    assert.equal(canConversation('removeParticipant', ctx), false);
  });
});

describe('permissions: moderators', () => {
  it('are teachers and administrators with access, as participant or reviewer', () => {
    for (const c of cases()) assert.equal(isModerator(contextOf(c)), moderators(c), label(c));
  });

  it('never moderate a conversation they have no access to', () => {
    const ctx = contextOf({ role: 'teacher', access: 'none', creator: false, kind: 'course', state: 'open', courseRole: 'teacher' });
    assert.equal(isModerator(ctx), false);
    assert.equal(canMessage('moderatorDelete', ctx, { senderId: 'u-student', senderRole: 'student', status: 'normal' }), false);
    assert.equal(canConversation('deleteConversation', ctx), false);
  });

  it("excludes students: a student can not remove another's message", () => {
    const ctx = contextOf({ role: 'student', access: 'participant', creator: true, kind: 'group', state: 'open' });
    assert.equal(canMessage('moderatorDelete', ctx, { senderId: 'u-other', senderRole: 'student', status: 'normal' }), false);
  });

  it("a teacher removes students' messages, not a colleague's or the administrator's; an administrator removes anyone's", () => {
    const teacher = contextOf({ role: 'teacher', access: 'participant', creator: false, kind: 'group', state: 'open' });
    const admin = contextOf({ role: 'admin', access: 'participant', creator: false, kind: 'group', state: 'open' });
    const by = (senderRole: Role) => ({ senderId: 'u-other', senderRole, status: 'normal' as const });
    assert.deepEqual(roles.map((r) => canMessage('moderatorDelete', teacher, by(r))), [true, false, false]);
    assert.deepEqual(roles.map((r) => canMessage('moderatorDelete', admin, by(r))), [true, true, true]);
  });

  it('a reviewer of a reported one-to-one removes the reported message; a teacher in their own one-to-one does not', () => {
    const reviewer = contextOf({ role: 'teacher', access: 'reviewer', creator: false, kind: 'one-to-one', state: 'open' });
    const participant = contextOf({ role: 'teacher', access: 'participant', creator: false, kind: 'one-to-one', state: 'open' });
    const students = { senderId: 'u-other', senderRole: 'student' as const, status: 'normal' as const };
    assert.equal(canMessage('moderatorDelete', reviewer, students), true);
    assert.equal(canMessage('moderatorDelete', participant, students), false);
  });

  it('a teacher of another course who reviews a report on a course conversation may not close, delete or restore it', () => {
    const outsider = { role: 'teacher', access: 'reviewer', creator: false, kind: 'course', state: 'open' } as const;
    assert.equal(canConversation('deleteConversation', contextOf(outsider)), false);
    assert.equal(canConversation('close', contextOf(outsider)), false);
    assert.equal(canConversation('restoreConversation', contextOf({ ...outsider, state: 'deleted' })), false);
    assert.equal(canConversation('deleteConversation', contextOf({ ...outsider, courseRole: 'teacher' })), true, 'a teacher of the course reviewing it may');
    assert.equal(canConversation('deleteConversation', contextOf({ ...outsider, access: 'participant', courseRole: 'student' })), false, 'a teacher enrolled as a student may not');
  });
});

describe('permissions: message actions', () => {
  const statuses: MessageStatus[] = ['normal', 'deleted', 'removed'];
  const authorOf = (own: boolean) => (own ? me : 'u-other');
  const fits = (author: Author, own: boolean) => author === 'any' || (author === 'own') === own;
  /** Every case with every author role; one's own messages have one's own role. */
  function* messageCases(own: boolean): Generator<MessageCase> {
    for (const c of cases()) for (const senderRole of own ? [c.role] : roles) yield { ...c, senderRole };
  }

  for (const row of messageRows) {
    it(`${row.action}: only the roles, kinds, states and authors of its row, on messages not gone`, () => {
      for (const own of [true, false])
        for (const c of messageCases(own))
          for (const status of statuses) {
            const expected = status === 'normal' && allows(row, c) && fits(row.author, own);
            const actual = canMessage(row.action, contextOf(c), { senderId: authorOf(own), senderRole: c.senderRole, status });
            assert.equal(actual, expected, label(c, `, ${own ? 'own' : `a ${c.senderRole}'s`} ${status} message`));
          }
    });
  }

  it('lists every allowed action for the ⋯ menu in the order of the table', () => {
    for (const own of [true, false])
      for (const c of messageCases(own)) {
        const expected = messageRows.filter((row) => allows(row, c) && fits(row.author, own)).map((row) => row.action);
        assert.deepEqual(messageActions(contextOf(c), { senderId: authorOf(own), senderRole: c.senderRole, status: 'normal' }), expected, label(c));
      }
  });

  it('offers a user whose messaging is off nothing that writes: their own message can still be deleted, another’s reported', () => {
    const on = contextOf({ role: 'student', access: 'participant', creator: true, kind: 'group', state: 'open' });
    const off: PermissionContext = { ...on, user: { ...on.user, messagingDisabled: true } };
    assert.deepEqual(messageActions(off, { senderId: me, senderRole: 'student', status: 'normal' }), ['markUnread', 'delete']);
    assert.deepEqual(messageActions(off, { senderId: 'u-other', senderRole: 'student', status: 'normal' }), ['markUnread', 'report']);
    const written = conversationActions(on).filter((a) => !conversationActions(off).includes(a));
    assert.deepEqual(written, ['send', 'rename', 'addParticipants']);
  });

  it('offers a student edit, delete, forward and mark unread on their own message (spec 4.5), and reactions first (issue 18)', () => {
    const ctx = contextOf({ role: 'student', access: 'participant', creator: false, kind: 'group', state: 'open' });
    assert.deepEqual(messageActions(ctx, { senderId: me, senderRole: 'student', status: 'normal' }), ['react', 'reply', 'forward', 'markUnread', 'edit', 'delete']);
    assert.deepEqual(messageActions(ctx, { senderId: 'u-other', senderRole: 'student', status: 'normal' }), [
      'react',
      'reply',
      'replyPrivately',
      'forward',
      'markUnread',
      'report',
    ]);
  });

  it('offers nothing on a deleted or removed message', () => {
    const ctx = contextOf({ role: 'admin', access: 'participant', creator: true, kind: 'course', state: 'open' });
    assert.deepEqual(messageActions(ctx, { senderId: 'u-other', senderRole: 'student', status: 'removed' }), []);
    assert.deepEqual(messageActions(ctx, { senderId: me, senderRole: 'admin', status: 'deleted' }), []);
  });

  it('lets a teacher remove a message in a closed course conversation, but not edit their own there', () => {
    const ctx = contextOf({ role: 'teacher', access: 'participant', creator: false, kind: 'course', state: 'closed', courseRole: 'teacher' });
    assert.equal(canMessage('moderatorDelete', ctx, { senderId: 'u-other', senderRole: 'student', status: 'normal' }), true);
    assert.equal(canMessage('edit', ctx, { senderId: me, senderRole: 'teacher', status: 'normal' }), false);
  });
});

describe('read status (issue 18)', () => {
  const conversational: ConversationKind[] = ['one-to-one', 'group', 'course', 'project'];

  it('shares a member’s reading as the school’s setting says: everyone’s, staff’s only, or nobody’s', () => {
    const shared = readStatusSettings.map((setting) => roles.filter((role) => readingShared(setting, role)));
    assert.deepEqual(shared, [['student', 'teacher', 'admin'], ['teacher', 'admin'], []]);
  });

  it('tells participants whose reading is shared, in conversations members write to each other in, of at most 300, whatever their state', () => {
    for (const setting of readStatusSettings)
      for (const c of cases())
        for (const members of [2, 300, 301]) {
          const expected = c.access === 'participant' && conversational.includes(c.kind) && members <= 300 && readingShared(setting, c.role);
          assert.equal(canSeeReadStatus(contextOf(c), members, setting), expected, label(c, `, ${members} members, ${setting}`));
        }
  });
});
