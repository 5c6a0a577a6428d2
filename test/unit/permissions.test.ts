import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canConversation,
  canMessage,
  conversationActions,
  isModerator,
  messageActions,
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
}

function* cases(): Generator<Case> {
  for (const role of roles)
    for (const access of accesses)
      for (const creator of [false, true])
        for (const kind of allKinds) for (const state of allStates) yield { role, access, creator, kind, state };
}

const me = 'u-me';
const contextOf = (c: Case): PermissionContext => ({
  user: { id: me, role: c.role },
  conversation: { kind: c.kind, closed: c.state === 'closed', deleted: c.state === 'deleted', createdBy: c.creator ? me : 'u-other' },
  access: c.access,
});

// Who each row of DESIGN.md's tables names.
type Who = (c: Case) => boolean;
const participants: Who = (c) => c.access === 'participant';
const anyoneWithAccess: Who = (c) => c.access !== 'none';
const moderators: Who = (c) => c.access !== 'none' && c.role !== 'student';
const participatingModerators: Who = (c) => c.access === 'participant' && c.role !== 'student';
const moderatorsOrCreator: Who = (c) => moderators(c) || (participants(c) && c.creator);

interface Row<A> {
  action: A;
  who: Who;
  kinds: readonly ConversationKind[];
  states: readonly State[];
}

const conversationRows: Row<ConversationAction>[] = [
  { action: 'view', who: anyoneWithAccess, kinds: allKinds, states: allStates },
  { action: 'send', who: participants, kinds: writable, states: ['open'] },
  { action: 'markRead', who: anyoneWithAccess, kinds: allKinds, states: allStates },
  { action: 'markUnread', who: anyoneWithAccess, kinds: allKinds, states: allStates },
  { action: 'search', who: anyoneWithAccess, kinds: searchable, states: allStates },
  { action: 'viewParticipants', who: anyoneWithAccess, kinds: allKinds, states: allStates },
  { action: 'relationship', who: participants, kinds: ['one-to-one', 'group'], states: allStates },
  { action: 'rename', who: participants, kinds: ['group'], states: ['open'] },
  { action: 'addParticipants', who: participants, kinds: ['group'], states: ['open'] },
  { action: 'leave', who: participants, kinds: ['group'], states: allStates },
  { action: 'removeParticipant', who: participatingModerators, kinds: ['group'], states: allStates },
  { action: 'close', who: moderatorsOrCreator, kinds: shared, states: ['open'] },
  { action: 'reopen', who: moderatorsOrCreator, kinds: shared, states: ['closed'] },
  { action: 'deleteConversation', who: moderators, kinds: ['course'], states: ['open', 'closed'] },
  { action: 'restoreConversation', who: moderators, kinds: ['course'], states: ['deleted'] },
  { action: 'reportConversation', who: participants, kinds: shared, states: allStates },
];

type Author = 'own' | 'other' | 'any';
const messageRows: (Row<MessageAction> & { author: Author })[] = [
  { action: 'reply', who: participants, kinds: writable, states: ['open'], author: 'any' },
  { action: 'replyPrivately', who: participants, kinds: shared, states: allStates, author: 'other' },
  { action: 'forward', who: anyoneWithAccess, kinds: allKinds, states: allStates, author: 'any' },
  { action: 'markUnread', who: participants, kinds: allKinds, states: allStates, author: 'any' },
  { action: 'edit', who: participants, kinds: writable, states: ['open'], author: 'own' },
  { action: 'delete', who: participants, kinds: writable, states: ['open'], author: 'own' },
  { action: 'moderatorDelete', who: moderators, kinds: shared, states: allStates, author: 'other' },
  { action: 'report', who: participants, kinds: allKinds.filter((kind) => kind !== 'system'), states: allStates, author: 'other' },
];

const allows = (row: Row<unknown>, c: Case) => row.who(c) && row.kinds.includes(c.kind) && row.states.includes(c.state);
const label = (c: Case, extra = '') => `${c.role} ${c.access}${c.creator ? ' creator' : ''} in ${c.state} ${c.kind}${extra}`;

describe('permissions: conversation actions', () => {
  it('has a row for every action the settings sheet can show', () => {
    const everyone = contextOf({ role: 'admin', access: 'participant', creator: true, kind: 'group', state: 'open' });
    const shown = new Set(conversationActions(everyone));
    for (const row of conversationRows) if (row.kinds.includes('group') && row.states.includes('open')) assert.ok(shown.has(row.action), row.action);
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
    const ctx = contextOf({ role: 'teacher', access: 'none', creator: false, kind: 'course', state: 'open' });
    assert.equal(isModerator(ctx), false);
    assert.equal(canMessage('moderatorDelete', ctx, { senderId: 'u-student', status: 'normal' }), false);
    assert.equal(canConversation('deleteConversation', ctx), false);
  });

  it('excludes students: a student can not remove another\'s message', () => {
    const ctx = contextOf({ role: 'student', access: 'participant', creator: true, kind: 'group', state: 'open' });
    assert.equal(canMessage('moderatorDelete', ctx, { senderId: 'u-other', status: 'normal' }), false);
  });
});

describe('permissions: message actions', () => {
  const statuses: MessageStatus[] = ['normal', 'deleted', 'removed'];
  const authorOf = (own: boolean) => (own ? me : 'u-other');
  const fits = (author: Author, own: boolean) => author === 'any' || (author === 'own') === own;

  for (const row of messageRows) {
    it(`${row.action}: only the roles, kinds, states and authors of its row, on messages not gone`, () => {
      for (const c of cases())
        for (const own of [true, false])
          for (const status of statuses) {
            const expected = status === 'normal' && allows(row, c) && fits(row.author, own);
            const actual = canMessage(row.action, contextOf(c), { senderId: authorOf(own), status });
            assert.equal(actual, expected, label(c, `, ${own ? 'own' : 'other\'s'} ${status} message`));
          }
    });
  }

  it('lists every allowed action for the ⋯ menu in the order of the table', () => {
    for (const c of cases())
      for (const own of [true, false]) {
        const expected = messageRows.filter((row) => allows(row, c) && fits(row.author, own)).map((row) => row.action);
        assert.deepEqual(messageActions(contextOf(c), { senderId: authorOf(own), status: 'normal' }), expected, label(c));
      }
  });

  it('offers a student edit, delete, forward and mark unread on their own message (spec 4.5)', () => {
    const ctx = contextOf({ role: 'student', access: 'participant', creator: false, kind: 'group', state: 'open' });
    assert.deepEqual(messageActions(ctx, { senderId: me, status: 'normal' }), ['reply', 'forward', 'markUnread', 'edit', 'delete']);
    assert.deepEqual(messageActions(ctx, { senderId: 'u-other', status: 'normal' }), ['reply', 'replyPrivately', 'forward', 'markUnread', 'report']);
  });

  it('offers nothing on a deleted or removed message', () => {
    const ctx = contextOf({ role: 'admin', access: 'participant', creator: true, kind: 'course', state: 'open' });
    assert.deepEqual(messageActions(ctx, { senderId: 'u-other', status: 'removed' }), []);
    assert.deepEqual(messageActions(ctx, { senderId: me, status: 'deleted' }), []);
  });

  it('lets a teacher remove a message in a closed course conversation, but not edit their own there', () => {
    const ctx = contextOf({ role: 'teacher', access: 'participant', creator: false, kind: 'course', state: 'closed' });
    assert.equal(canMessage('moderatorDelete', ctx, { senderId: 'u-other', status: 'normal' }), true);
    assert.equal(canMessage('edit', ctx, { senderId: me, status: 'normal' }), false);
  });
});
