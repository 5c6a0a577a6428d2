import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Backend } from '../../src/backend/backend.js';
import { MemoryStorage } from '../../src/backend/memory-storage.js';
import { seed, seedUsers as u } from '../../src/backend/seed.js';
import { envelopeOf, type ConversationRecord, type MembershipRecord, type MessageRecord, type Storage } from '../../src/backend/storage.js';
import type { ConversationSummary } from '../../src/model/types.js';
import type { CommandArgs, CommandName } from '../../src/model/commands.js';
import type { EventEnvelope, ImEvent } from '../../src/model/events.js';
import { startApp } from '../../server/app.js';
import { appendOne, seedSchool, type SeededTemplate } from '../unit/backend-fixture.js';
import { PostgresStorage } from '../../server/postgres-storage.js';
import { MIGRATIONS, migrate } from '../../server/postgres/migrations.js';
import { MIGRATIONS as SQLITE_MIGRATIONS, migrate as migrateSqlite } from '../../server/sqlite/migrations.js';
import { conversationColumns, encode, messageColumns, upsert, type Columns } from '../../server/sqlite/rows.js';
import { SqliteStorage } from '../../server/sqlite-storage.js';
import { dropSchema, fillTemplate, openTestStorage, postgresSuite, requirePostgres, testDatabaseUrl, testSchema, type TestPostgresStorage } from './postgres.js';

// Asked before any suite is registered: suites start running at once, and SQLite's block the event loop.
const postgres = await postgresSuite();

/** Every storage keeps this many events per user (MemoryStorage does not export its constant). */
const EVENTS_KEPT = 5000;
const root = fileURLToPath(new URL('../../', import.meta.url));

/** A second process that opens a SQLite file it is sent, reads in a transaction it keeps open, says so, and ends it when its input ends. */
const READER = `
const Database = require('better-sqlite3');
process.stdin.once('data', (file) => {
  const db = new Database(String(file).trim(), { readonly: true });
  db.prepare('BEGIN').run();
  db.prepare('SELECT count(*) FROM messages').get();
  process.stdout.write('reading');
  process.stdin.on('end', () => { db.prepare('COMMIT').run(); db.close(); });
  process.stdin.resume();
});`;

const tempDir = mkdtempSync(join(tmpdir(), 'im-storage-'));
after(() => rmSync(tempDir, { recursive: true, force: true }));
let files = 0;
const tempFile = () => join(tempDir, `db-${++files}.sqlite`);

// ---- Record makers: the smallest valid record, with fields to override.

const conversation = (id: string, fields: Partial<ConversationRecord> = {}): ConversationRecord => ({
  id,
  kind: 'group',
  name: '',
  createdBy: 'u-a',
  createdAt: 1000,
  closed: false,
  deleted: false,
  lastSeq: 0,
  lastActivityAt: 1000,
  memberCount: 2,
  ...fields,
});
const membership = (conversationId: string, userId: string, fields: Partial<MembershipRecord> = {}): MembershipRecord => ({
  conversationId,
  userId,
  joinedAt: 1000,
  readUpTo: 0,
  seenUpTo: 0,
  unread: 0,
  listed: true,
  muted: false,
  pinnedAt: 0,
  lastActivityAt: 1000,
  ...fields,
});
const message = (conversationId: string, seq: number, senderId: string, fields: Partial<MessageRecord> = {}): MessageRecord => ({
  id: `${conversationId}-m${seq}`,
  conversationId,
  seq,
  senderId,
  createdAt: 1000 + seq,
  text: `message ${seq}`,
  attachmentIds: [],
  status: 'normal',
  ...fields,
});
const unread = (total: number): ImEvent => ({ type: 'unread-changed', total });

/**
 * A storage upgraded from before pins, holding u-a's memberships of c1 (newer, one unread) and c2
 * (muted): neither is pinned and both are paged; pinned, c2 leaves the pages for `pinnedMemberships`.
 */
async function pinsAfterUpgrade(upgraded: Storage) {
  assert.deepEqual(await upgraded.getMembership('c1', 'u-a'), membership('c1', 'u-a', { unread: 1, lastActivityAt: 900 }), 'not pinned');
  assert.deepEqual(await upgraded.pinnedMemberships('u-a'), []);
  assert.deepEqual((await upgraded.listMemberships('u-a', undefined, 10)).items.map((m) => m.conversationId), ['c1', 'c2']);
  await upgraded.putMembership(membership('c2', 'u-a', { muted: true, pinnedAt: 5, lastActivityAt: 800 }));
  assert.deepEqual((await upgraded.pinnedMemberships('u-a')).map((m) => m.conversationId), ['c2']);
  assert.deepEqual((await upgraded.listMemberships('u-a', undefined, 10)).items.map((m) => m.conversationId), ['c1']);
}

/** A storage a test opened, and closes when it is done. */
type Opened = Storage & { close?(): void | Promise<void> };

/** The storage contract, one suite that every storage passes: MemoryStorage, SQLite and PostgreSQL (below); `make` opens an empty one. */
function contract(name: string, make: () => Opened | Promise<Opened>) {
  describe(`storage contract: ${name}`, () => {
    let s: Opened;
    beforeEach(async () => (s = await make()));
    afterEach(() => s.close?.());

    it('round-trips users, courses, projects and their members, in insertion order', async () => {
      const ola = { id: 'u-ola', name: 'Ola', title: 'Student', role: 'student' as const };
      const kari = { id: 'u-kari', name: 'Kari', title: 'Teacher', role: 'teacher' as const, avatarUrl: '/k.png', messagingDisabled: true };
      await s.putUser(kari);
      await s.putUser(ola);
      await s.putUser({ ...kari, name: 'Kari N.' });
      assert.deepEqual(await s.getUser('u-ola'), ola);
      assert.equal(await s.getUser('u-nobody'), undefined);
      assert.deepEqual(await s.listUsers(), [{ ...kari, name: 'Kari N.' }, ola], 'an update keeps its place');
      assert.deepEqual(
        (await s.getUsers(['u-ola', 'u-nobody', 'u-kari', 'u-ola'])).map((x) => x.id),
        ['u-ola', 'u-kari', 'u-ola'],
        'in the order asked, missing ones left out',
      );

      const maths = { id: 'c-maths', name: 'Maths', color: '#111' };
      const art = { id: 'c-art', name: 'Art', color: '#222' };
      await s.putCourse(maths);
      await s.putCourse(art);
      assert.deepEqual(await s.getCourse('c-art'), art);
      assert.deepEqual(await s.listCourses(), [maths, art]);
      await s.putCourseMember('c-art', { userId: 'u-ola', role: 'student' });
      await s.putCourseMember('c-maths', { userId: 'u-kari', role: 'teacher' });
      await s.putCourseMember('c-maths', { userId: 'u-ola', role: 'student' });
      await s.putCourseMember('c-maths', { userId: 'u-kari', role: 'admin' });
      assert.deepEqual(await s.courseMembers('c-maths'), [
        { userId: 'u-kari', role: 'admin' },
        { userId: 'u-ola', role: 'student' },
      ]);
      assert.deepEqual(await s.coursesOf('u-ola'), [
        { course: art, role: 'student' },
        { course: maths, role: 'student' },
      ]);
      await s.deleteCourseMember('c-maths', 'u-ola');
      assert.deepEqual(await s.coursesOf('u-ola'), [{ course: art, role: 'student' }]);
      assert.deepEqual(await s.courseMembers('c-nothing'), []);

      const fair = { id: 'p-fair', name: 'Fair', color: '#333' };
      const play = { id: 'p-play', name: 'Play', color: '#444' };
      await s.putProject(fair);
      await s.putProject(play);
      await s.putProjectMember('p-play', 'u-ola');
      await s.putProjectMember('p-fair', 'u-kari');
      await s.putProjectMember('p-fair', 'u-ola');
      await s.putProjectMember('p-fair', 'u-kari');
      assert.deepEqual(await s.getProject('p-fair'), fair);
      assert.deepEqual(await s.listProjects(), [fair, play]);
      assert.deepEqual(await s.projectMembers('p-fair'), ['u-kari', 'u-ola']);
      assert.deepEqual(await s.projectsOf('u-ola'), [play, fair]);
    });

    it('marks activity and a new message for all members in one write, and sums a user’s unread', async () => {
      await s.putConversation(conversation('c1'));
      await s.putConversation(conversation('c2'));
      await s.putMembership(membership('c1', 'u-a', { unread: 0, readUpTo: 3 }));
      await s.putMembership(membership('c1', 'u-b', { unread: 2, listed: false }));
      await s.putMembership(membership('c2', 'u-b', { unread: 5 }));
      await s.touchMembers('c1', 2000);
      assert.deepEqual(await s.members('c1'), [membership('c1', 'u-a', { readUpTo: 3, lastActivityAt: 2000 }), membership('c1', 'u-b', { unread: 2, listed: false, lastActivityAt: 2000 })]);
      assert.equal(await s.unreadTotal('u-b'), 5, 'only listed conversations count');
      await s.touchMembers('c1', 3000, 'u-a');
      assert.deepEqual(await s.members('c1'), [membership('c1', 'u-a', { readUpTo: 3, lastActivityAt: 3000 }), membership('c1', 'u-b', { unread: 3, lastActivityAt: 3000 })]);
      assert.equal(await s.unreadTotal('u-b'), 8);
      assert.equal(await s.unreadTotal('u-a'), 0);
      assert.equal(await s.unreadTotal('u-nobody'), 0);
      assert.deepEqual(await s.unreadTotals(['u-b', 'u-nobody', 'u-a', 'u-b']), [8, 0, 0, 8], 'many users’ totals at once, in the order asked');
      assert.deepEqual(await s.membershipsOf('u-b'), [membership('c1', 'u-b', { unread: 3, lastActivityAt: 3000 }), membership('c2', 'u-b', { unread: 5 })]);
    });

    it('leaves a muted conversation’s unread out of the user’s total, keeping them on the membership', async () => {
      await s.putConversation(conversation('c1'));
      await s.putConversation(conversation('c2'));
      await s.putMembership(membership('c1', 'u-b', { unread: 2, muted: true }));
      await s.putMembership(membership('c2', 'u-b', { unread: 5 }));
      assert.equal(await s.unreadTotal('u-b'), 5, 'the muted conversation does not count');
      await s.touchMembers('c1', 2000, 'u-a');
      assert.deepEqual(await s.getMembership('c1', 'u-b'), membership('c1', 'u-b', { unread: 3, muted: true, lastActivityAt: 2000 }), 'a new message still counts on the membership, which stays muted');
      assert.equal(await s.unreadTotal('u-b'), 5);
      assert.deepEqual(await s.unreadTotals(['u-b']), [5]);
      await s.putMembership(membership('c1', 'u-b', { unread: 3, lastActivityAt: 2000 }));
      assert.equal(await s.unreadTotal('u-b'), 8, 'unmuted, it counts again');
    });

    it('keeps a user’s notification preferences apart from the user record', async () => {
      const ola = { id: 'u-a', name: 'Ola', title: 'Student', role: 'student' as const };
      await s.putUser(ola);
      assert.equal(await s.getNotificationPreferences('u-a'), undefined, 'none until set');
      await s.putNotificationPreferences('u-a', { desktop: true, emailDigest: false });
      await s.putNotificationPreferences('u-a', { desktop: true, emailDigest: true });
      await s.putUser({ ...ola, name: 'Renamed' });
      assert.deepEqual(await s.getNotificationPreferences('u-a'), { desktop: true, emailDigest: true }, 'the last written, through a rewrite of the user');
      assert.equal(await s.getNotificationPreferences('u-b'), undefined);
    });

    it('keeps one reaction a person, message and emoji, tallies them for a viewer, lists who in order, and forgets a message’s', async () => {
      await s.putConversation(conversation('c1', { lastSeq: 2 }));
      const [m1, m2] = [message('c1', 1, 'u-a'), message('c1', 2, 'u-b')];
      await s.putMessage(m1);
      await s.putMessage(m2);
      const react = (m: MessageRecord, userId: string, emoji: string, createdAt = 2000) => s.addReaction({ messageId: m.id, userId, emoji, createdAt });
      assert.equal(await react(m1, 'u-b', '👍'), true);
      assert.equal(await react(m1, 'u-b', '👍', 3000), false, 'once a person and emoji');
      assert.equal(await react(m1, 'u-a', '👍'), true);
      assert.equal(await react(m1, 'u-a', '❤️'), true);
      assert.equal(await react(m2, 'u-c', '😂'), true);
      const tallies = async (viewer: string, ids = [m1.id, m2.id, 'c1-none']) =>
        (await s.reactionTallies(ids, viewer)).sort((a, b) => `${a.messageId}${a.emoji}`.localeCompare(`${b.messageId}${b.emoji}`));
      assert.deepEqual(await tallies('u-a'), [
        { messageId: m1.id, emoji: '❤️', count: 1, mine: true },
        { messageId: m1.id, emoji: '👍', count: 2, mine: true },
        { messageId: m2.id, emoji: '😂', count: 1, mine: false },
      ]);
      assert.deepEqual((await tallies('u-c', [m2.id])).map((t) => t.mine), [true]);
      assert.deepEqual(await s.reactionTallies([], 'u-a'), []);
      assert.deepEqual(await s.reactors(m1.id, '👍'), ['u-b', 'u-a'], 'in the order they reacted');
      assert.deepEqual(await s.reactors(m1.id, '😮'), []);

      assert.equal(await s.removeReaction(m1.id, 'u-b', '👍'), true);
      assert.equal(await s.removeReaction(m1.id, 'u-b', '👍'), false, 'gone already');
      assert.deepEqual(await s.reactors(m1.id, '👍'), ['u-a']);
      assert.equal(await react(m1, 'u-b', '👍'), true, 'again, after taking it back');
      assert.deepEqual(await s.reactors(m1.id, '👍'), ['u-a', 'u-b'], 'now last');

      await assert.rejects(
        s.transaction(async () => {
          await react(m2, 'u-a', '✅');
          await s.deleteReactions(m1.id);
          throw new Error('halfway');
        }),
        /halfway/,
      );
      assert.equal((await tallies('u-a')).length, 3, 'a failed transaction keeps every reaction it touched');
      await s.deleteReactions(m1.id);
      assert.deepEqual(await tallies('u-a'), [{ messageId: m2.id, emoji: '😂', count: 1, mine: false }], 'the other message’s stay');
    });

    it('round-trips conversations, memberships, messages, attachments and reports', async () => {
      const full = conversation('c1', {
        kind: 'individual',
        name: 'Named',
        courseId: 'c-x',
        projectId: 'p-x',
        recipientIds: ['u-b', 'u-c'],
        closed: true,
        deleted: true,
      });
      const bare = conversation('c2');
      await s.putConversation(full);
      await s.putConversation(bare);
      assert.deepEqual(await s.getConversation('c1'), full);
      assert.deepEqual(await s.getConversation('c2'), bare, 'absent fields stay absent');
      assert.equal(await s.getConversation('c3'), undefined);

      const mine = membership('c1', 'u-a', { readUpTo: 3, seenUpTo: 4, seenToldAt: 4500, unread: 2, listed: false, muted: true, lastActivityAt: 5000 });
      await s.putMembership(mine);
      await s.putMembership(membership('c1', 'u-b'));
      await s.putMembership(membership('c2', 'u-a'));
      assert.deepEqual(await s.getMembership('c1', 'u-a'), mine);
      assert.deepEqual((await s.members('c1')).map((m) => m.userId), ['u-a', 'u-b']);
      assert.deepEqual((await s.membershipsOf('u-a')).map((m) => m.conversationId), ['c1', 'c2'], 'listed or not');
      await s.deleteMembership('c1', 'u-a');
      assert.equal(await s.getMembership('c1', 'u-a'), undefined);
      assert.deepEqual((await s.members('c1')).map((m) => m.userId), ['u-b']);

      const forwarded = { messageId: 'x', conversationId: 'c9', senderName: 'Per', text: 'orig', attachmentIds: ['f1'], createdAt: 5 };
      const rich = message('c1', 1, 'u-a', {
        editedAt: 9,
        attachmentIds: ['f1', 'f2'],
        replyToId: 'c1-m0',
        forwarded,
        status: 'removed',
        removedBy: 'Kari',
        clientId: 'k1',
      });
      const plain = message('c1', 2, 'u-b');
      await s.putMessage(rich);
      await s.putMessage(plain);
      assert.deepEqual(await s.getMessage(rich.id), rich);
      assert.deepEqual(await s.getMessage(plain.id), plain);
      assert.deepEqual(await s.allMessages('c1'), [rich, plain]);
      await s.putMessage({ ...plain, text: 'edited', editedAt: 10 });
      assert.equal((await s.getMessageBySeq('c1', 2))?.text, 'edited', 'a put replaces the message');

      const file = { id: 'f1', name: 'a.pdf', size: 10, type: 'application/pdf', ownerId: 'u-a', createdAt: 7, conversationIds: ['c1'] };
      await s.putAttachment(file);
      await s.putAttachment({ ...file, id: 'f2' });
      assert.deepEqual(await s.getAttachments(['f2', 'nope', 'f1']), [{ ...file, id: 'f2' }, file]);
      await s.deleteAttachments(['f1', 'nope']);
      assert.deepEqual(await s.getAttachments(['f1', 'f2']), [{ ...file, id: 'f2' }]);
      // Never sent (in no conversation) and old enough: what the hourly sweep forgets.
      await s.putAttachment({ ...file, id: 'unsent-old', createdAt: 5, conversationIds: [] });
      await s.putAttachment({ ...file, id: 'unsent-older', createdAt: 2, conversationIds: [] });
      await s.putAttachment({ ...file, id: 'unsent-new', createdAt: 50, conversationIds: [] });
      assert.deepEqual((await s.unsentAttachments(10, 10)).map((a) => a.id), ['unsent-older', 'unsent-old']);
      assert.deepEqual((await s.unsentAttachments(10, 1)).map((a) => a.id), ['unsent-older']);
      assert.equal(await s.unsentBytes('u-a'), 30, 'three unsent files of 10 bytes; the sent one does not count');
      assert.equal(await s.unsentBytes('u-b'), 0);

      const report = { id: 'r1', conversationId: 'c1', messageId: 'c1-m1', reason: 'rude', createdAt: 3, reporterId: 'u-b', reviewerIds: ['u-z', 'u-y'] };
      await s.putReport(report);
      assert.deepEqual(await s.getReport('r1'), report);
      assert.equal(await s.getReport('r2'), undefined);
    });

    it('keeps a platform message’s formatted text, and forgets it when the message is put without it (a removal)', async () => {
      await s.putConversation(conversation('c1', { kind: 'mass', lastSeq: 1 }));
      const formatted = message('c1', 1, 'u-a', { text: 'Hi all', html: '<p>Hi <strong>all</strong></p>' });
      await s.putMessage(formatted);
      assert.deepEqual(await s.getMessage(formatted.id), formatted);
      assert.deepEqual(await s.messageRange('c1', 1, 1), [formatted]);
      const { html: _, ...gone } = { ...formatted, text: '', status: 'removed' as const, removedBy: 'Kari' };
      await s.putMessage(gone);
      assert.deepEqual(await s.getMessage(formatted.id), gone);
      assert.deepEqual(await s.allMessages('c1'), [gone], 'no html field left, not even empty');
    });

    it('pages a user’s listed conversations newest first, ties by id, continuing after a cursor', async () => {
      const activity: [string, number, boolean][] = [
        ['a', 500, true],
        ['b', 900, true],
        ['c', 700, true],
        ['d', 700, true],
        ['e', 900, false],
        ['f', 100, true],
        ['g', 700, true],
      ];
      for (const [id, at, listed] of activity) {
        await s.putConversation(conversation(id, { lastActivityAt: at }));
        await s.putMembership(membership(id, 'u-a', { lastActivityAt: at, listed }));
        await s.putMembership(membership(id, 'u-other', { lastActivityAt: at + 1 }));
      }
      const seen: string[] = [];
      const hasMore: boolean[] = [];
      let cursor: { lastActivityAt: number; conversationId: string } | undefined;
      do {
        const page = await s.listMemberships('u-a', cursor, 2);
        seen.push(...page.items.map((m) => m.conversationId));
        hasMore.push(page.hasMore);
        const last = page.items.at(-1)!;
        cursor = page.hasMore ? { lastActivityAt: last.lastActivityAt, conversationId: last.conversationId } : undefined;
      } while (cursor);
      assert.deepEqual(seen, ['b', 'c', 'd', 'g', 'a', 'f']);
      assert.deepEqual(hasMore, [true, true, false]);
      const afterC = await s.listMemberships('u-a', { lastActivityAt: 700, conversationId: 'c' }, 10);
      assert.deepEqual(afterC.items.map((m) => m.conversationId), ['d', 'g', 'a', 'f']);
      assert.deepEqual(await s.listMemberships('u-a', { lastActivityAt: 100, conversationId: 'f' }, 10), { items: [], hasMore: false });
      assert.deepEqual(await s.listMemberships('u-a', undefined, 6), { items: (await s.listMemberships('u-a', undefined, 100)).items, hasMore: false });
      assert.deepEqual(await s.listMemberships('u-nobody', undefined, 5), { items: [], hasMore: false });
    });

    it('keeps a user’s pinned conversations apart from their pages: the most recently pinned first, hidden ones left out', async () => {
      const rows: [string, number, number, boolean][] = [
        ['a', 500, 0, true],
        ['b', 900, 20, true],
        ['c', 700, 30, true],
        ['d', 100, 10, true],
        ['e', 950, 40, false],
        ['f', 800, 0, true],
      ];
      for (const [id, at, pinnedAt, listed] of rows) {
        await s.putConversation(conversation(id, { lastActivityAt: at }));
        await s.putMembership(membership(id, 'u-a', { lastActivityAt: at, pinnedAt, listed }));
        await s.putMembership(membership(id, 'u-other', { lastActivityAt: at }));
      }
      assert.deepEqual((await s.pinnedMemberships('u-a')).map((m) => m.conversationId), ['c', 'b', 'd']);
      assert.deepEqual(await s.pinnedMemberships('u-a').then((items) => items[0]), membership('c', 'u-a', { lastActivityAt: 700, pinnedAt: 30 }));
      assert.deepEqual((await s.listMemberships('u-a', undefined, 10)).items.map((m) => m.conversationId), ['f', 'a'], 'the pages hold the others only');
      assert.deepEqual((await s.listMemberships('u-a', { lastActivityAt: 800, conversationId: 'f' }, 10)).items.map((m) => m.conversationId), ['a']);
      assert.deepEqual(await s.pinnedMemberships('u-other'), []);
      await s.putMembership(membership('c', 'u-a', { lastActivityAt: 700 }));
      assert.deepEqual((await s.listMemberships('u-a', undefined, 10)).items.map((m) => m.conversationId), ['f', 'c', 'a'], 'unpinned, it is paged again');
    });

    it('reads messages by seq range, by seq, by client id, and counts unread from others', async () => {
      await s.putConversation(conversation('c1', { lastSeq: 10 }));
      await s.putConversation(conversation('c2'));
      for (let seq = 1; seq <= 10; seq++) await s.putMessage(message('c1', seq, seq % 3 ? 'u-a' : 'u-b', { clientId: `k${seq}` }));
      await s.putMessage(message('c2', 1, 'u-a'));
      const seqs = async (from: number, to: number) => (await s.messageRange('c1', from, to)).map((m) => m.seq);
      assert.deepEqual(await seqs(3, 5), [3, 4, 5]);
      assert.deepEqual(await seqs(-4, 2), [1, 2]);
      assert.deepEqual(await seqs(9, 50), [9, 10]);
      assert.deepEqual(await seqs(6, 5), []);
      assert.deepEqual(await s.messageRange('c-none', 1, 5), []);
      assert.equal((await s.getMessageBySeq('c1', 4))?.id, 'c1-m4');
      assert.equal(await s.getMessageBySeq('c1', 11), undefined);
      assert.equal(await s.getMessageBySeq('c1', 0), undefined);
      assert.equal(await s.countFromOthers('c1', 0, 'u-a'), 3, 'seqs 3, 6, 9');
      assert.equal(await s.countFromOthers('c1', 6, 'u-a'), 1);
      assert.equal(await s.countFromOthers('c1', 6, 'u-b'), 3);
      assert.equal(await s.countFromOthers('c1', 10, 'u-b'), 0);
      assert.equal((await s.findByClientId('u-b', 'k6'))?.id, 'c1-m6');
      assert.equal(await s.findByClientId('u-a', 'k6'), undefined, 'client ids are per sender');
      await s.putMessage({ ...message('c1', 6, 'u-b', { clientId: 'k6' }), text: '', status: 'deleted' });
      assert.equal((await s.findByClientId('u-b', 'k6'))?.status, 'deleted', 'still found after a change');
    });

    it('says who has seen a sender’s latest message, counting those it was sent to, students only when asked', async () => {
      const person = (id: string, role: 'student' | 'teacher') => ({ id, name: id, title: '', role });
      for (const user of [person('u-a', 'teacher'), person('u-b', 'student'), person('u-c', 'student'), person('u-d', 'teacher'), person('u-late', 'student')]) await s.putUser(user);
      await s.putConversation(conversation('c1', { lastSeq: 5, memberCount: 6 }));
      await s.putConversation(conversation('c2', { lastSeq: 1 }));
      const at = (seq: number) => ({ createdAt: 1000 + 10 * seq });
      await s.putMessage(message('c1', 1, 'u-a', at(1)));
      await s.putMessage(message('c1', 2, 'u-b', at(2)));
      await s.putMessage(message('c1', 3, 'u-a', at(3)));
      await s.putMessage(message('c1', 4, 'u-a', { ...at(4), text: '', status: 'deleted' }));
      await s.putMessage(message('c1', 5, 'u-c', at(5)));
      await s.putMessage(message('c2', 1, 'u-a', at(1)));
      await s.putMembership(membership('c1', 'u-a', { seenUpTo: 5 }));
      await s.putMembership(membership('c1', 'u-b', { seenUpTo: 3, readUpTo: 1 }));
      await s.putMembership(membership('c1', 'u-c', { seenUpTo: 5 }));
      await s.putMembership(membership('c1', 'u-d', { seenUpTo: 1 }));
      await s.putMembership(membership('c1', 'u-late', { joinedAt: 1015, seenUpTo: 5 }));
      // A member whose account is gone is nobody to count.
      await s.putMembership(membership('c1', 'u-gone', { seenUpTo: 5 }));

      assert.deepEqual(await s.readStatus('c1', 'u-a', true), { conversationId: 'c1', messageId: 'c1-m3', seq: 3, seen: 3, of: 4 }, 'the deleted 4 is passed over; u-late joined before 3');
      assert.deepEqual(await s.readStatus('c1', 'u-a', false), { conversationId: 'c1', messageId: 'c1-m1', seq: 1, seen: 1, of: 1 }, 'without students only u-d counts, who has seen 1');
      assert.deepEqual(await s.readStatus('c1', 'u-b', true), { conversationId: 'c1', messageId: 'c1-m2', seq: 2, seen: 3, of: 4 });
      assert.equal(await s.readStatus('c1', 'u-d', true), undefined, 'no messages of theirs');
      assert.deepEqual(await s.readStatus('c1', 'u-c', false), { conversationId: 'c1', messageId: 'c1-m5', seq: 5, seen: 1, of: 2 }, 'a teacher’s reading counts for a student’s message');
      await s.putMembership(membership('c2', 'u-b'));
      assert.equal(await s.readStatus('c2', 'u-a', true), undefined, 'nobody has seen it yet');

      const seenBy = async (seq: number, sender: string, students: boolean) =>
        (await s.seenBy({ conversationId: 'c1', seq, senderId: sender, ...at(seq) }, students)).map((r) => `${r.user.id}:${r.seen}`);
      assert.deepEqual(await seenBy(3, 'u-a', true), ['u-b:true', 'u-c:true', 'u-d:false', 'u-late:true']);
      assert.deepEqual(await seenBy(1, 'u-a', true), ['u-b:true', 'u-c:true', 'u-d:true'], 'u-late joined after 1');
      assert.deepEqual(await seenBy(3, 'u-a', false), ['u-d:false']);
      assert.deepEqual((await s.seenBy({ conversationId: 'c1', seq: 3, senderId: 'u-a', ...at(3) }, true))[0].user, person('u-b', 'student'));

      assert.deepEqual(await s.sendersBetween('c1', 0, 5, 'u-c'), ['u-a', 'u-b'], 'each once, in the order they first wrote');
      assert.deepEqual(await s.sendersBetween('c1', 1, 5, 'u-a'), ['u-b', 'u-c']);
      assert.deepEqual(await s.sendersBetween('c1', 3, 4, 'u-b'), [], 'a deleted message tells no one');
    });

    it('finds one-to-ones by their two people and the live course conversation', async () => {
      await s.putConversation(conversation('g', { kind: 'group' }));
      await s.putConversation(conversation('o', { kind: 'one-to-one' }));
      for (const id of ['g', 'o']) for (const user of ['u-a', 'u-b']) await s.putMembership(membership(id, user));
      assert.equal((await s.findOneToOne('u-a', 'u-b'))?.id, 'o');
      assert.equal((await s.findOneToOne('u-b', 'u-a'))?.id, 'o');
      assert.equal(await s.findOneToOne('u-a', 'u-c'), undefined);

      await s.putConversation(conversation('old', { kind: 'course', courseId: 'c-1' }));
      await s.putConversation(conversation('sys', { kind: 'system', courseId: 'c-1' }));
      assert.equal((await s.findCourseConversation('c-1'))?.id, 'old');
      await s.putConversation(conversation('old', { kind: 'course', courseId: 'c-1', deleted: true }));
      assert.equal(await s.findCourseConversation('c-1'), undefined, 'a deleted one does not count');
      await s.putConversation(conversation('new', { kind: 'course', courseId: 'c-1' }));
      assert.equal((await s.findCourseConversation('c-1'))?.id, 'new');

      await s.putConversation(conversation('p', { kind: 'project', projectId: 'p-1' }));
      assert.equal((await s.findProjectConversation('p-1'))?.id, 'p');
      assert.equal(await s.findProjectConversation('p-2'), undefined);
    });

    it('answers who reviews which reports', async () => {
      const report = (id: string, conversationId: string, reviewerIds: string[]) =>
        ({ id, conversationId, reason: 'r', createdAt: 1, reporterId: 'u-x', reviewerIds });
      await s.putReport(report('r1', 'c2', ['u-admin', 'u-kari']));
      await s.putReport(report('r2', 'c1', ['u-admin']));
      await s.putReport(report('r3', 'c2', ['u-admin']));
      assert.deepEqual((await s.reportsFor('u-admin')).map((r) => r.id), ['r1', 'r2', 'r3']);
      assert.deepEqual((await s.reportsFor('u-kari')).map((r) => r.id), ['r1']);
      assert.deepEqual((await s.reportsOn('c2')).map((r) => r.id), ['r1', 'r3']);
      assert.deepEqual(await s.reviewedBy('u-admin'), ['c2', 'c1']);
      assert.equal(await s.isReviewer('c2', 'u-kari'), true);
      assert.equal(await s.isReviewer('c1', 'u-kari'), false);
      await s.putReport(report('r1', 'c2', ['u-per']));
      assert.equal(await s.isReviewer('c2', 'u-kari'), false, 'a changed report changes its reviewers');
      assert.deepEqual(await s.reviewedBy('u-per'), ['c2']);
      assert.deepEqual(await s.reportsFor('u-nobody'), []);
    });

    it('numbers each user’s events from 1 without gaps and reads them after a seq', async () => {
      assert.deepEqual(await s.eventsSince('u-a', 0, 10), { events: [], latestSeq: 0, oldest: 1 });
      const seqs = [];
      for (let i = 1; i <= 5; i++) seqs.push(await appendOne(s, 'u-a', unread(i)), await appendOne(s, i % 2 ? 'u-b' : 'u-c', unread(i)));
      assert.deepEqual(seqs, [1, 1, 2, 1, 3, 2, 4, 2, 5, 3]);
      assert.deepEqual(await s.eventsSince('u-a', 2, 2), { events: [{ seq: 3, event: unread(3) }, { seq: 4, event: unread(4) }], latestSeq: 5, oldest: 1 });
      assert.deepEqual(await s.eventsSince('u-a', 5, 10), { events: [], latestSeq: 5, oldest: 1 });
      assert.deepEqual((await s.eventsSince('u-b', 0, 10)).events.map((e) => e.seq), [1, 2, 3]);
    });

    it('stores an event to many once, each user reading it with their own fields and seq, in the order of the batches', async () => {
      await appendOne(s, 'u-b', unread(1));
      const summary = { id: 'c1', kind: 'group', name: 'Maths', lastSeq: 4, readUpTo: 4, unreadCount: 0, access: 'reviewer' } as unknown as ConversationSummary;
      const updated: ImEvent = { type: 'conversation-updated', conversation: summary };
      const seqs = await s.appendEvents([
        { event: updated, users: [{ userId: 'u-a', own: { unreadCount: 2, readUpTo: 2, access: 'participant' } }, { userId: 'u-b', own: { unreadCount: 0, hidden: true } }, { userId: 'u-c' }] },
        { event: unread(7), users: [{ userId: 'u-b' }] },
      ]);
      assert.deepEqual(seqs, [[1, 2, 1], [3]]);
      const read = async (userId: string) => (await s.eventsSince(userId, 0, 10)).events;
      assert.deepEqual(await read('u-a'), [{ seq: 1, event: { type: 'conversation-updated', conversation: { ...summary, unreadCount: 2, readUpTo: 2, access: 'participant' } } }]);
      assert.deepEqual(await read('u-b'), [
        { seq: 1, event: unread(1) },
        { seq: 2, event: { type: 'conversation-updated', conversation: { ...summary, hidden: true } } },
        { seq: 3, event: unread(7) },
      ]);
      assert.deepEqual(await read('u-c'), [{ seq: 1, event: updated }], 'no own fields: the event as stored');
      assert.deepEqual(await s.appendEvents([]), []);
    });

    it('redacts a message from an event stored once for many, for every one of them', async () => {
      const preview = { id: 'm1', senderName: 'Ada', text: 'my phone number is 555', createdAt: 1, status: 'normal' } as unknown as ConversationSummary['lastMessage'];
      const event: ImEvent = { type: 'conversation-updated', conversation: { id: 'c1', lastMessage: preview } as unknown as ConversationSummary };
      await s.appendEvents([{ event, users: [{ userId: 'u-a', own: { unreadCount: 1 } }, { userId: 'u-b', own: { unreadCount: 3 } }] }]);
      await s.transaction(() =>
        s.redactEvents('m1', (e) => (e.type === 'conversation-updated' ? { ...e, conversation: { ...e.conversation, lastMessage: { ...e.conversation.lastMessage!, text: '' } } } : e)),
      );
      for (const [userId, unreadCount] of [['u-a', 1], ['u-b', 3]] as const) {
        const [{ event: read }] = (await s.eventsSince(userId, 0, 10)).events;
        assert.ok(read.type === 'conversation-updated');
        assert.equal(read.conversation.lastMessage?.text, '', `${userId}'s copy is redacted`);
        assert.equal(read.conversation.unreadCount, unreadCount, `${userId} keeps their own fields`);
      }
    });

    it(`keeps the last ${EVENTS_KEPT} events of a user and says which is the oldest kept`, async () => {
      await s.transaction(async () => {
        for (let i = 1; i <= EVENTS_KEPT + 3; i++) await appendOne(s, 'u-a', unread(i));
      });
      await appendOne(s, 'u-b', unread(1));
      const since = await s.eventsSince('u-a', 0, 2);
      assert.deepEqual(since, { events: [{ seq: 4, event: unread(4) }, { seq: 5, event: unread(5) }], latestSeq: EVENTS_KEPT + 3, oldest: 4 });
      assert.equal((await s.eventsSince('u-a', 0, 10_000)).events.length, EVENTS_KEPT);
      assert.equal(await appendOne(s, 'u-a', unread(0)), EVENTS_KEPT + 4, 'numbering goes on after trimming');
      assert.equal((await s.eventsSince('u-a', 0, 1)).oldest, 5);
      assert.equal((await s.eventsSince('u-b', 0, 1)).oldest, 1, 'per user');
    });

    it('rolls back every write of a transaction whose work throws, and stays usable', async () => {
      await s.putUser({ id: 'u-a', name: 'A', title: '', role: 'student' });
      await s.putConversation(conversation('c1', { lastSeq: 1 }));
      await s.putMessage(message('c1', 1, 'u-a'));
      await appendOne(s, 'u-a', unread(1));
      const failure = new Error('disk full');
      await assert.rejects(
        s.transaction(async () => {
          await s.putUser({ id: 'u-a', name: 'changed', title: '', role: 'admin' });
          await s.putUser({ id: 'u-b', name: 'B', title: '', role: 'student' });
          await s.putConversation(conversation('c1', { lastSeq: 2, name: 'half-written' }));
          await s.putMembership(membership('c1', 'u-b'));
          // A nested transaction joins the outer one: it goes too.
          await s.transaction(async () => s.putMessage(message('c1', 2, 'u-b', { clientId: 'k' })));
          await appendOne(s, 'u-a', unread(2));
          await appendOne(s, 'u-b', unread(1));
          await s.putReport({ id: 'r', conversationId: 'c1', reason: 'x', createdAt: 1, reporterId: 'u-b', reviewerIds: ['u-a'] });
          throw failure;
        }),
        (error) => error === failure,
      );
      assert.equal((await s.getUser('u-a'))?.name, 'A');
      assert.equal(await s.getUser('u-b'), undefined);
      assert.deepEqual(await s.getConversation('c1'), conversation('c1', { lastSeq: 1 }));
      assert.deepEqual(await s.members('c1'), []);
      assert.deepEqual((await s.allMessages('c1')).map((m) => m.seq), [1]);
      assert.equal(await s.findByClientId('u-b', 'k'), undefined);
      assert.deepEqual(await s.eventsSince('u-a', 0, 10), { events: [{ seq: 1, event: unread(1) }], latestSeq: 1, oldest: 1 });
      assert.equal((await s.eventsSince('u-b', 0, 10)).latestSeq, 0);
      assert.equal(await s.isReviewer('c1', 'u-a'), false);

      assert.equal(await s.transaction(async () => appendOne(s, 'u-a', unread(2))), 2, 'the next transaction commits');
      assert.equal((await s.eventsSince('u-a', 0, 10)).latestSeq, 2);
    });

    it('hands out copies: changing a record read or written does not change storage', async () => {
      const user = { id: 'u-a', name: 'A', title: '', role: 'student' as const };
      const record = conversation('c1', { recipientIds: ['u-b'] });
      const sent = message('c1', 1, 'u-a', { attachmentIds: ['f'] });
      const report = { id: 'r', conversationId: 'c1', reason: 'x', createdAt: 1, reporterId: 'u-b', reviewerIds: ['u-a'] };
      const file = { id: 'f', name: 'a', size: 1, type: 'text/plain', ownerId: 'u-a', createdAt: 1, conversationIds: ['c1'] };
      await s.putUser(user);
      await s.putConversation(record);
      await s.putMembership(membership('c1', 'u-a'));
      await s.putMessage(sent);
      await s.putReport(report);
      await s.putAttachment(file);
      await appendOne(s, 'u-a', unread(1));
      user.name = 'written';
      record.recipientIds!.push('written');
      sent.attachmentIds.push('written');
      report.reviewerIds.push('written');
      file.conversationIds.push('written');

      (await s.getUser('u-a'))!.name = 'read';
      (await s.getConversation('c1'))!.recipientIds!.push('read');
      (await s.getMembership('c1', 'u-a'))!.unread = 99;
      (await s.members('c1'))[0].unread = 99;
      (await s.listMemberships('u-a', undefined, 5)).items[0].unread = 99;
      (await s.getMessage(sent.id))!.attachmentIds.push('read');
      (await s.messageRange('c1', 1, 1))[0].text = 'read';
      (await s.getReport('r'))!.reviewerIds.push('read');
      (await s.reportsFor('u-a'))[0].reviewerIds.push('read');
      (await s.getAttachments(['f']))[0].conversationIds.push('read');
      const event = (await s.eventsSince('u-a', 0, 1)).events[0].event;
      if (event.type === 'unread-changed') event.total = 99;

      assert.equal((await s.getUser('u-a'))?.name, 'A');
      assert.deepEqual((await s.getConversation('c1'))?.recipientIds, ['u-b']);
      assert.equal((await s.getMembership('c1', 'u-a'))?.unread, 0);
      assert.deepEqual((await s.getMessage('c1-m1'))?.attachmentIds, ['f']);
      assert.equal((await s.getMessageBySeq('c1', 1))?.text, 'message 1');
      assert.deepEqual((await s.getReport('r'))?.reviewerIds, ['u-a']);
      assert.deepEqual((await s.getAttachments(['f']))[0].conversationIds, ['c1']);
      assert.deepEqual((await s.eventsSince('u-a', 0, 1)).events[0].event, unread(1));
    });
  });
}

contract('MemoryStorage', () => new MemoryStorage());
contract('SqliteStorage', () => new SqliteStorage(':memory:'));

// ---- The seeded backend over SQLite (and PostgreSQL, below)

/** A backend over `storage` with a fixed clock and ids, so two runs over different storages answer alike. */
async function seeded(storage: Storage) {
  const clock = { now: Date.UTC(2026, 10, 23, 9) };
  let n = 0;
  const backend = new Backend({ storage, now: () => clock.now, newId: () => `id-${++n}` });
  const envelopes: { userId: string; envelope: EventEnvelope }[] = [];
  backend.onEvent((userId, stored) => envelopes.push({ userId, envelope: envelopeOf(stored) }));
  const { conversations: ids } = await seed(backend, clock);
  return { backend, clock, ids, envelopes };
}

type Seeded = Awaited<ReturnType<typeof seeded>>;

/** What a user sees of the seeded school: every read worth comparing across storages and restarts. */
async function snapshot({ backend, ids }: Pick<Seeded, 'backend' | 'ids'>, userId: string) {
  // A refusal is part of what the user sees: compare its code too.
  const as = <K extends CommandName>(name: K, args: CommandArgs[K]) =>
    backend.execute(userId, name, args).catch((error: { code?: string }) => ({ refused: error.code }));
  const pages = [];
  let cursor: string | undefined;
  do {
    const page = await backend.execute(userId, 'listConversations', { limit: 3, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.cursor;
  } while (cursor);
  return {
    pages,
    unread: await as('getUnreadCount', {}),
    latest: await as('getMessages', { conversationId: ids.group, limit: 10 }),
    older: await as('getMessages', { conversationId: ids.group, before: 20, limit: 10 }),
    newer: await as('getMessages', { conversationId: ids.group, after: 40, limit: 10 }),
    around: await as('getMessages', { conversationId: ids.group, around: 25, limit: 5 }),
    search: await as('searchConversations', { query: 'practice' }),
    participants: await as('getParticipants', { conversationId: ids.group }),
    relationship: await as('getRelationship', { userId: u.kari.id }),
    recipients: await as('searchRecipients', { query: 'a' }),
    events: await as('getEventsSince', { seq: 0 }),
    readStatus: await Promise.all([ids.group, ids.maths, ids.oneToOne].map((conversationId) => as('getReadStatus', { conversationId }))),
  };
}

/** Commands of every kind, run the same way over each storage; returns their results. */
async function script({ backend, ids }: Seeded) {
  const results: unknown[] = [];
  const run = async <K extends CommandName>(userId: string, name: K, args: CommandArgs[K]) => {
    results.push(await backend.execute(userId, name, args));
    return results.at(-1) as { id: string };
  };
  const rude = await run(u.ola.id, 'sendMessage', { conversationId: ids.group, clientId: 'x-1', text: 'rude words' });
  await run(u.ola.id, 'sendMessage', { conversationId: ids.group, clientId: 'x-1', text: 'rude words' });
  await run(u.emma.id, 'markRead', { conversationId: ids.group, upTo: 30 });
  await run(u.emma.id, 'markUnread', { conversationId: ids.group, fromSeq: 20 });
  await run(u.noah.id, 'markRead', { conversationId: ids.group, upTo: 50 });
  await run(u.ola.id, 'getSeenBy', { messageId: rude.id });
  const file = await backend.registerAttachment(u.noah.id, { name: 'notes.pdf', size: 100, type: 'application/pdf' });
  const withFile = await run(u.noah.id, 'sendMessage', { conversationId: ids.group, clientId: 'x-3', text: '', attachmentIds: [file.id] });
  await run(u.ola.id, 'forwardMessage', { messageId: withFile.id, conversationId: ids.oneToOne, clientId: 'x-4', text: 'look' });
  await run(u.emma.id, 'addParticipants', { conversationId: ids.group, userIds: [u.jakob.id] });
  await run(u.emma.id, 'reportAbuse', { conversationId: ids.group, messageId: rude.id, reason: 'Rude' });
  await run(u.admin.id, 'listReports', {});
  await run(u.admin.id, 'deleteMessage', { messageId: rude.id });
  const { messages } = await backend.execute(u.noah.id, 'getMessages', { conversationId: ids.group, limit: 50 });
  await run(u.noah.id, 'editMessage', { messageId: messages.find((m) => m.sender.id === u.noah.id)!.id, text: 'edited' });
  await run(u.emma.id, 'renameConversation', { conversationId: ids.group, name: 'Renamed' });
  await run(u.kari.id, 'closeConversation', { conversationId: ids.maths });
  await run(u.kari.id, 'deleteConversation', { conversationId: ids.maths });
  await run(u.kari.id, 'startCourseConversation', { courseId: 'c-maths' });
  const recipients = [u.emma, u.noah].map((p) => ({ type: 'person' as const, id: p.id }));
  await run(u.ola.id, 'startConversation', { recipients, mode: 'individual', text: 'hi both', clientId: 'x-2' });
  await run(u.emma.id, 'leaveConversation', { conversationId: ids.group });
  await backend.enrol('c-science', u.jakob.id, 'student');
  return results;
}

/** Every read and command over `storage` answers as over MemoryStorage, events included; closes it. */
async function answersAsMemory(storage: Opened) {
  const memory = await seeded(new MemoryStorage());
  try {
    const db = await seeded(storage);
    for (const user of [u.ola, u.kari, u.admin, u.emma]) assert.deepEqual(await snapshot(db, user.id), await snapshot(memory, user.id), user.id);
    assert.deepEqual(await script(db), await script(memory));
    assert.deepEqual(db.envelopes, memory.envelopes);
    for (const user of [u.ola, u.emma, u.admin, u.jakob]) assert.deepEqual(await snapshot(db, user.id), await snapshot(memory, user.id), user.id);
  } finally {
    await storage.close?.();
  }
}

/** Conversations, messages, unread counts and event numbering survive a restart; `open` opens the same database each time. */
async function keepsAcrossRestart(open: () => Opened | Promise<Opened>) {
  const first = await open();
  const school = await seeded(first);
  const { items } = await school.backend.execute(u.ola.id, 'listConversations', {});
  const { group, oneToOne, maths, mass, individual } = school.ids;
  for (const id of [group, oneToOne, maths, mass]) assert.ok(items.some((c) => c.id === id), id);
  assert.ok(!items.some((c) => c.id === individual), "the sender's item only");
  assert.deepEqual(items.map((c) => c.lastActivityAt), items.map((c) => c.lastActivityAt).sort((a, b) => b - a), 'newest activity first');
  const page = await school.backend.execute(u.ola.id, 'getMessages', { conversationId: school.ids.group, limit: 10 });
  const before = await school.backend.execute(u.ola.id, 'getMessages', { conversationId: school.ids.group, before: page.messages[0].seq, limit: 10 });
  assert.deepEqual([...before.messages, ...page.messages].map((m) => m.seq), Array.from({ length: 20 }, (_, i) => page.messages[9].seq - 19 + i));
  assert.equal(before.hasMoreBefore, true);

  const resend = { conversationId: school.ids.group, clientId: 'restart-1', text: 'before the restart' };
  const sent = await school.backend.execute(u.emma.id, 'sendMessage', resend);
  const olaEvents = await school.backend.execute(u.ola.id, 'getEventsSince', { seq: 0 });
  assert.deepEqual(olaEvents.events.map((e) => e.seq), Array.from({ length: olaEvents.latestSeq }, (_, i) => i + 1));
  assert.equal(olaEvents.events.at(-2)?.event.type, 'message-created');
  const seen = await snapshot(school, u.ola.id);
  await first.close?.();

  const second = await open();
  try {
    const backend = new Backend({ storage: second, now: () => school.clock.now + 60_000, newId: () => `after-${Math.random().toString(36).slice(2)}` });
    assert.deepEqual(await snapshot({ backend, ids: school.ids }, u.ola.id), seen);
    const retried = await backend.execute(u.emma.id, 'sendMessage', resend);
    assert.equal(retried.id, sent.id, 'a send retried after the restart is still stored once');
    const pushed: EventEnvelope[] = [];
    backend.onEvent((userId, stored) => userId === u.ola.id && pushed.push(envelopeOf(stored)));
    const next = await backend.execute(u.emma.id, 'sendMessage', { conversationId: school.ids.group, clientId: 'restart-2', text: 'after the restart' });
    assert.equal(next.seq, sent.seq + 1);
    assert.equal(pushed[0].seq, olaEvents.latestSeq + 1, 'event numbering goes on');
    assert.equal(await backend.execute(u.ola.id, 'getUnreadCount', {}), Number(seen.unread) + 1);
  } finally {
    await second.close?.();
  }
}

/**
 * The backend unit suites pass over a server's storage (`IM_STORAGE`, see test/unit/backend-fixture.ts).
 * Over PostgreSQL each test copies a school seeded once here (`IM_SEEDED_POSTGRES`).
 */
async function unitSuitesPass(storage: 'sqlite' | 'postgres') {
  // The child must not think it reports to this test runner.
  const env: NodeJS.ProcessEnv = { ...process.env, IM_STORAGE: storage };
  delete env.NODE_TEST_CONTEXT;
  const template = storage === 'postgres' ? await fillTemplate(seedSchool) : undefined;
  if (template) env.IM_SEEDED_POSTGRES = JSON.stringify({ database: template.database, ...template.filled } satisfies SeededTemplate);
  // PostgreSQL's round trips leave the processor idle between them: both files at once take about two thirds of the time.
  const concurrency = storage === 'postgres' ? ['--test-concurrency=2'] : [];
  const files = ['test/unit/backend.test.ts', 'test/unit/rules.test.ts', 'test/unit/read-status.test.ts'];
  const run = promisify(execFile)(process.execPath, ['--import', 'tsx', '--test', ...concurrency, ...files], { cwd: root, env, maxBuffer: 1 << 26 });
  const { stdout } = await run
    .catch((error: { stdout?: string }) => assert.fail(`the unit suite failed over ${storage}:\n${error.stdout ?? error}`))
    .finally(() => template?.drop());
  assert.match(stdout, /# fail 0/);
}


describe('the seeded backend over SqliteStorage', () => {
  it('answers every read and command as over MemoryStorage, events included', () => answersAsMemory(new SqliteStorage(':memory:')));

  it('keeps conversations, messages, unread counts and event numbering across a restart', async () => {
    const file = tempFile();
    await keepsAcrossRestart(() => new SqliteStorage(file));
    const raw = new Database(file, { readonly: true });
    assert.equal(raw.pragma('user_version', { simple: true }), SQLITE_MIGRATIONS.length, 'the schema was made once (every migration), then left alone');
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    raw.close();
  });

  it('leaves no trace of a removed message in the database or its log, while the server runs', async () => {
    const file = tempFile();
    const storage = new SqliteStorage(file);
    try {
      const school = await seeded(storage);
      const secret = 'zebra-quartz-4711 is the password';
      const sent = await school.backend.execute(u.emma.id, 'sendMessage', { conversationId: school.ids.maths, clientId: 'secret', text: secret });
      for (let i = 0; i < 40; i++) await school.backend.execute(u.ola.id, 'sendMessage', { conversationId: school.ids.maths, clientId: `after-${i}`, text: `Reply ${i}` });
      // Copied from the log into the file, as the checkpoint timer does (here from a second
      // connection, at once): the file itself must be cleaned, not only the log.
      const other = new Database(file);
      other.pragma('wal_checkpoint(PASSIVE)');
      other.close();
      const onDisk = () => ['', '-wal'].filter((end) => existsSync(file + end)).some((end) => readFileSync(file + end).includes(secret));
      assert.ok(readFileSync(file).includes(secret), 'the text was in the file before');
      await school.backend.execute(u.kari.id, 'deleteMessage', { messageId: sent.id });
      assert.ok(!onDisk(), 'the text is gone from the file and the write-ahead log');
    } finally {
      storage.close();
    }
  });

  it('empties the log of a removed message once a reader that kept it busy is done, though a failed command came in between', async () => {
    const file = tempFile();
    const storage = new SqliteStorage(file);
    // Another process reading the file (a backup, say) holds a snapshot: the log can't be emptied meanwhile.
    const reader = spawn(process.execPath, ['-e', READER], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const school = await seeded(storage);
      const secret = 'walrus-quince-0815 is the code';
      const sent = await school.backend.execute(u.emma.id, 'sendMessage', { conversationId: school.ids.maths, clientId: 'secret', text: secret });
      reader.stdin.write(`${file}\n`);
      await once(reader.stdout, 'data');
      const inLog = () => existsSync(`${file}-wal`) && readFileSync(`${file}-wal`).includes(secret);
      await school.backend.execute(u.kari.id, 'deleteMessage', { messageId: sent.id });
      assert.ok(inLog(), 'while the reader holds its snapshot, the old text is still in the log');
      // A command that fails rolls back its own transaction, and must not forget the erasure before it.
      await assert.rejects(school.backend.execute(u.ola.id, 'sendMessage', { conversationId: 'no-such', clientId: 'x', text: 'hi' }), { code: 'not-found' });
      reader.stdin.end();
      await once(reader, 'exit');
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // the checkpoint timer's next turn
      assert.ok(!inLog(), 'the log was emptied once the reader let go');
    } finally {
      reader.kill();
      storage.close();
    }
  });

  it('brings a file made by an older server (schema 2) up to date, keeping its messages and each user’s events and their numbering', async () => {
    const file = tempFile();
    const old = new Database(file);
    migrateSqlite(old, SQLITE_MIGRATIONS.slice(0, 2));
    old.prepare(upsert('conversations', conversationColumns, ['id'])).run(encode(conversationColumns, conversation('c1', { lastSeq: 1 })));
    const first = message('c1', 1, 'u-a');
    // Schema 2 had no formatted text.
    const { html: _, ...schema2Columns } = messageColumns;
    const { html: __, ...schema2Message } = first;
    old.prepare(upsert('messages', schema2Columns as Columns<typeof schema2Message>, ['id'])).run(encode(schema2Columns as Columns<typeof schema2Message>, schema2Message));
    const created = (userId: string): ImEvent => ({ type: 'message-deleted', message: { id: first.id, text: `for ${userId}` } } as unknown as ImEvent);
    const addEvent = old.prepare('INSERT INTO events (user_id, seq, event) VALUES (?, ?, ?)');
    for (const [userId, seq] of [['u-a', 1], ['u-a', 2], ['u-b', 1]] as const) addEvent.run(userId, seq, JSON.stringify(seq === 1 ? created(userId) : unread(5)));
    old.exec(`INSERT INTO event_messages (user_id, seq, message_id) VALUES ('u-a', 1, '${first.id}'), ('u-b', 1, '${first.id}')`);
    old.exec(`INSERT INTO memberships (conversation_id, user_id, joined_at, read_up_to, unread, listed, last_activity_at) VALUES ('c1', 'u-b', 1000, 1, 1, 1, 1000)`);
    old.close();
    const upgraded = new SqliteStorage(file);
    try {
      assert.equal((await upgraded.getMessage(first.id))?.text, 'message 1');
      const formatted = message('c1', 2, 'u-a', { html: '<p>Formatted</p>' });
      await upgraded.putMessage(formatted);
      assert.deepEqual(await upgraded.getMessage(formatted.id), formatted, 'schema 3: formatted text');
      assert.deepEqual(
        await upgraded.getMembership('c1', 'u-b'),
        membership('c1', 'u-b', { unread: 1, readUpTo: 1, seenUpTo: 1 }),
        'schema 5: a membership from before is not muted; schema 6: it has seen what it had read',
      );
      assert.equal(await upgraded.unreadTotal('u-b'), 1);
      assert.equal(await upgraded.addReaction({ messageId: first.id, userId: 'u-b', emoji: '👍', createdAt: 2000 }), true, 'schema 9: a message from before takes reactions');
      assert.deepEqual(await upgraded.reactors(first.id, '👍'), ['u-b']);
      assert.deepEqual((await upgraded.eventsSince('u-a', 0, 10)).events, [{ seq: 1, event: created('u-a') }, { seq: 2, event: unread(5) }]);
      assert.equal(await appendOne(upgraded, 'u-a', unread(6)), 3, 'numbering goes on');
      await upgraded.transaction(() => upgraded.redactEvents(first.id, () => unread(0)));
      assert.deepEqual((await upgraded.eventsSince('u-b', 0, 10)).events, [{ seq: 1, event: unread(0) }], 'an old event is still found by the message it carries');
    } finally {
      upgraded.close();
    }
    const raw = new Database(file, { readonly: true });
    assert.equal(raw.pragma('user_version', { simple: true }), SQLITE_MIGRATIONS.length);
    raw.close();
  });

  it('adds pins to a file from before them: every membership unpinned, still paged, and pinned ones read through their own index', async () => {
    const file = tempFile();
    const old = new Database(file);
    const step = SQLITE_MIGRATIONS.findIndex((sql) => sql.includes('pinned_at'));
    assert.ok(step > 0);
    migrateSqlite(old, SQLITE_MIGRATIONS.slice(0, step));
    old.prepare(upsert('conversations', conversationColumns, ['id'])).run(encode(conversationColumns, conversation('c1', { lastActivityAt: 900 })));
    old.prepare(upsert('conversations', conversationColumns, ['id'])).run(encode(conversationColumns, conversation('c2', { lastActivityAt: 800 })));
    old.exec(`INSERT INTO memberships (conversation_id, user_id, joined_at, read_up_to, unread, listed, muted, last_activity_at)
      VALUES ('c1', 'u-a', 1000, 0, 1, 1, 0, 900), ('c2', 'u-a', 1000, 0, 0, 1, 1, 800)`);
    old.close();
    const upgraded = new SqliteStorage(file);
    try {
      await pinsAfterUpgrade(upgraded);
      assert.match(upgraded.queryPlan('pinnedMemberships', ['u-a']).join('\n'), /USING INDEX memberships_pinned/);
    } finally {
      upgraded.close();
    }
  });

  it('refuses a file made by a newer schema', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    assert.throws(() => new SqliteStorage(file), /schema version 99/);
  });

  it('passes the backend unit suites (IM_STORAGE=sqlite)', () => unitSuitesPass('sqlite'));
});

// ---- Scale

/** Fills logs of three events with one event to two users, then trims one log past it and then the other: the body goes with the last. */
async function forgetsTrimmedBodies(storage: Storage, bodies: () => Promise<number>) {
  await storage.appendEvents([{ event: unread(1), users: [{ userId: 'u-a' }, { userId: 'u-b' }] }]);
  for (let i = 2; i <= 3; i++) await appendOne(storage, 'u-a', unread(i));
  assert.equal(await bodies(), 3);
  await appendOne(storage, 'u-a', unread(4));
  assert.equal(await bodies(), 4, 'u-b still holds the shared one');
  assert.deepEqual((await storage.eventsSince('u-b', 0, 10)).events, [{ seq: 1, event: unread(1) }]);
  for (let i = 2; i <= 4; i++) await appendOne(storage, 'u-b', unread(i));
  assert.deepEqual((await storage.eventsSince('u-b', 0, 10)).events.map((e) => e.seq), [2, 3, 4]);
  assert.equal(await bodies(), 6, 'the shared body went with its last log');
}

describe('SqliteStorage at scale', () => {
  it('forgets a body stored once for many when the last log holding it is trimmed', async () => {
    const file = tempFile();
    const storage = new SqliteStorage(file, { eventsKept: 3 });
    const raw = new Database(file, { readonly: true });
    try {
      // Logs are trimmed as their recent rows are folded in (sqlite/event-log.ts).
      await forgetsTrimmedBodies(storage, async () => {
        storage.foldEventLogs();
        return raw.prepare('SELECT COUNT(*) FROM event_bodies').pluck().get() as number;
      });
    } finally {
      raw.close();
      storage.close();
    }
  });

  it('writes a message’s events for 300 members on a few pages, and finds each member’s whole log before and after folding and a restart', async () => {
    const file = tempFile();
    let storage = new SqliteStorage(file);
    const raw = new Database(file);
    const members = Array.from({ length: 300 }, (_, i) => ({ userId: `m-${i}` }));
    const toAll = (total: number) => storage.appendEvents([{ event: unread(total), users: members }]);
    const seqsOf = async (userId: string) => (await storage.eventsSince(userId, 0, 100)).events.map((e) => e.seq);
    try {
      // Logs long enough to fill pages of their own, each member's ending on a page of its own.
      for (let i = 1; i <= 40; i++) await toAll(i);
      storage.foldEventLogs();
      raw.pragma('wal_checkpoint(TRUNCATE)');
      assert.deepEqual(await toAll(41), [members.map(() => 41)]);
      const frames = (readFileSync(`${file}-wal`).length - 32) / (24 + 4096);
      // Rows added at the end of each member's log wrote every page of the logs (about 90 here;
      // 550 in the benchmark's course, whose members' logs are longer).
      assert.ok(frames <= 20, `${frames} pages written`);
      const whole = Array.from({ length: 41 }, (_, i) => i + 1);
      assert.deepEqual(await seqsOf('m-7'), whole, 'folded rows, then the recent one');
      assert.deepEqual((await storage.eventsSince('m-299', 39, 100)).events, [
        { seq: 40, event: unread(40) },
        { seq: 41, event: unread(41) },
      ]);
      storage.close();
      storage = new SqliteStorage(file);
      assert.deepEqual(await seqsOf('m-7'), whole, 'recent rows are kept in the file');
      assert.deepEqual(await toAll(42), [members.map(() => 42)], 'numbering goes on after a restart');
      storage.foldEventLogs();
      assert.equal(raw.prepare('SELECT COUNT(*) FROM recent_events').pluck().get(), 0);
      assert.deepEqual(await seqsOf('m-0'), [...whole, 42]);
      assert.equal((await storage.eventsSince('m-0', 0, 100)).latestSeq, 42);
    } finally {
      raw.close();
      storage.close();
    }
  });

  it('keeps where a log was trimmed: opened again keeping more, it does not claim the events it dropped', async () => {
    const file = tempFile();
    let storage = new SqliteStorage(file, { eventsKept: 3 });
    try {
      for (let i = 1; i <= 6; i++) await appendOne(storage, 'u-a', unread(i));
      storage.foldEventLogs();
      storage.close();
      storage = new SqliteStorage(file, { eventsKept: 10 });
      const { events, latestSeq, oldest } = await storage.eventsSince('u-a', 0, 10);
      assert.deepEqual({ seqs: events.map((e) => e.seq), latestSeq, oldest }, { seqs: [4, 5, 6], latestSeq: 6, oldest: 4 });
    } finally {
      storage.close();
    }
  });

  it('folds part of the recent events in a command that finds too many waiting, never all of them at once', async () => {
    const file = tempFile();
    const storage = new SqliteStorage(file);
    const raw = new Database(file, { readonly: true });
    const users = Array.from({ length: 300 }, (_, i) => ({ userId: `m-${i}` }));
    try {
      // No turn of the event loop in between, so the timer never folds: 70 events of 300 rows pass 20 000.
      for (let i = 1; i <= 70; i++) await storage.appendEvents([{ event: unread(i), users }]);
      const waiting = raw.prepare('SELECT COUNT(*) FROM recent_events').pluck().get() as number;
      assert.ok(waiting > 10_000 && waiting <= 20_000, `${waiting} rows wait`);
      assert.deepEqual((await storage.eventsSince('m-42', 0, 100)).events.map((e) => e.seq), Array.from({ length: 70 }, (_, i) => i + 1));
    } finally {
      raw.close();
      storage.close();
    }
  });

  it('folds recent events into the logs part by part, an event’s rows together, and on its own between commands', async () => {
    const file = tempFile();
    const storage = new SqliteStorage(file);
    const raw = new Database(file, { readonly: true });
    const waiting = () => raw.prepare('SELECT COUNT(*) FROM recent_events').pluck().get();
    const users = Array.from({ length: 3000 }, (_, i) => ({ userId: `m-${i}` }));
    try {
      for (let i = 1; i <= 3; i++) await storage.appendEvents([{ event: unread(i), users }]);
      storage.foldEventLogs();
      assert.equal(waiting(), 0);
      for (let i = 4; i <= 6; i++) await storage.appendEvents([{ event: unread(i), users }]);
      // The timer folds about 5 000 rows at a time: the first two events' 6 000, then the third's.
      const deadline = Date.now() + 5_000;
      const seen = new Set<unknown>();
      while (Number(waiting()) > 0 && Date.now() < deadline) {
        seen.add(waiting());
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.equal(waiting(), 0, 'folded without a command');
      assert.ok([...seen].every((n) => Number(n) % 3000 === 0), `never part of an event: ${[...seen].join(', ')}`);
      for (const userId of ['m-0', 'm-1500', 'm-2999']) {
        assert.deepEqual((await storage.eventsSince(userId, 2, 10)).events, [3, 4, 5, 6].map((total) => ({ seq: total, event: unread(total) })));
      }
    } finally {
      raw.close();
      storage.close();
    }
  });

  it('starts its write-ahead log afresh while it is written to without a pause', async () => {
    const file = tempFile();
    const storage = new SqliteStorage(file, { logPagesKept: 64 });
    // The log's header counts the times it started afresh (its "checkpoint sequence number").
    const restarts = () => readFileSync(`${file}-wal`).readUInt32BE(12);
    try {
      await storage.putConversation(conversation('busy'));
      const before = restarts();
      const text = 'x'.repeat(500);
      let seq = 0;
      // A commit every few milliseconds, as on a busy server: copying the log, the checkpoints' thread never finds it all copied.
      for (const end = Date.now() + 3_500; Date.now() < end; ) {
        storage.putMessages(Array.from({ length: 5 }, () => message('busy', ++seq, 'u-a', { text })));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      assert.ok(restarts() > before, 'the log started afresh');
    } finally {
      storage.close();
    }
  });

  const total = 100_000;
  let s: SqliteStorage;
  before(async () => {
    s = new SqliteStorage(tempFile());
    await s.putConversation(conversation('big', { lastSeq: total }));
    const records = Array.from({ length: total }, (_, i) => message('big', i + 1, `u-${i % 3}`, i % 10 ? {} : { clientId: `k${i}` }));
    await s.transaction(async () => s.putMessages(records));
  });
  after(() => s.close());

  it(`reads pages of a ${total}-message conversation`, async () => {
    const last = await s.messageRange('big', total - 49, total);
    assert.deepEqual(last.map((m) => m.seq), Array.from({ length: 50 }, (_, i) => total - 49 + i));
    assert.deepEqual(last.at(-1), message('big', total, `u-${(total - 1) % 3}`));
    const middle = await s.messageRange('big', 50_001, 50_050);
    assert.deepEqual(middle.map((m) => m.id), Array.from({ length: 50 }, (_, i) => `big-m${50_001 + i}`));
    assert.equal((await s.getMessageBySeq('big', 77_777))?.id, 'big-m77777');
    assert.equal((await s.findByClientId('u-0', 'k99990'))?.seq, 99_991);
    assert.equal(await s.countFromOthers('big', total - 9, 'u-0'), 6);
  });

  it('says who of 300 members has seen a sender’s latest of 100000 messages, in one query from indexes', async () => {
    for (let k = 1; k <= 300; k++) {
      await s.putUser({ id: `r-${k}`, name: `Reader ${k}`, title: '', role: 'student' });
      // Every other member has seen the last message; the rest the one before.
      await s.putMembership(membership('big', `r-${k}`, { seenUpTo: total - (k % 2) }));
    }
    // The last message is u-0's (seqs go round u-0, u-1, u-2 from 1).
    assert.deepEqual(await s.readStatus('big', 'u-0', true), { conversationId: 'big', messageId: `big-m${total}`, seq: total, seen: 150, of: 300 });
    assert.deepEqual(await s.readStatus('big', 'u-2', true), { conversationId: 'big', messageId: `big-m${total - 1}`, seq: total - 1, seen: 300, of: 300 });
    const plan = s.queryPlan('readStatus', { conversationId: 'big', senderId: 'u-0', students: 1 });
    assert.match(plan.join('\n'), /SEARCH messages USING INDEX messages_by_sender \(conversation_id=\? AND sender_id=\? AND seq<\?\)/);
    assert.match(plan.join('\n'), /SEARCH m USING INDEX sqlite_autoindex_memberships_1 \(conversation_id=\?\)/);
    assert.ok(!plan.some((step) => /^SCAN (messages|memberships|users|m|u)\b/.test(step)), plan.join('; '));
  });

  it('answers the hot reads from indexes, never a table scan or a sort', () => {
    const plans = {
      messageRange: s.queryPlan('messageRange', ['big', 1, 50]),
      countFromOthers: s.queryPlan('countFromOthers', ['big', 1, 'u-0']),
      listMemberships: s.queryPlan('listMemberships', ['u-0', 30]),
      listMembershipsAfter: s.queryPlan('listMembershipsAfter', { userId: 'u-0', at: 1, id: 'c', limit: 30 }),
      pinnedMemberships: s.queryPlan('pinnedMemberships', ['u-0']),
      eventsSince: s.queryPlan('eventsSince', ['u-0', 1, 1000]),
    };
    assert.match(plans.messageRange.join('\n'), /SEARCH messages USING INDEX messages_by_seq \(conversation_id=\? AND seq>\? AND seq<\?\)/);
    assert.match(plans.listMembershipsAfter.join('\n'), /USING INDEX memberships_by_user \(user_id=\? AND listed=\? AND last_activity_at<\?\)/);
    for (const [name, plan] of Object.entries(plans)) {
      assert.ok(plan.every((step) => step.startsWith('SEARCH')), `${name}: ${plan.join('; ')}`);
      assert.ok(!plan.some((step) => step.includes('TEMP B-TREE')), `${name}: ${plan.join('; ')}`);
    }
  });
});

// ---- PostgreSQL: the same contract and seeded backend, and what only a database server has

/** Spawns the server command with `IM_DATABASE_URL`; what it said on stderr, line by line, and how it ended. */
function serverWith(databaseUrl: string) {
  const env = { ...process.env, IM_DATABASE_URL: databaseUrl, IM_DATA_DIR: join(tempDir, 'server'), PORT: '0' };
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env, encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, lines: run.stderr.split('\n').filter((line) => line.trim()) };
}

describe('starting on a PostgreSQL database it cannot reach', () => {
  it('the server command says so in one line naming IM_DATABASE_URL, without the password, and exits', () => {
    const { status, lines } = serverWith('postgres://im:secret@127.0.0.1:1/im');
    assert.equal(status, 1);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0], /^PostgreSQL at postgres:\/\/im@127\.0\.0\.1:1\/im can't be used: connect ECONNREFUSED .*check IM_DATABASE_URL\.$/);
  });
});

/** A superuser connection to the test database in `schema`, for looking under the storage. */
async function connect(schema: string) {
  const client = new pg.Client({ connectionString: testDatabaseUrl, options: `-c search_path=${schema}` });
  await client.connect();
  return client;
}

/** Waits until `done` answers true (at most 10 s, polling). */
async function eventually(done: () => boolean | Promise<boolean>) {
  for (const start = Date.now(); !(await done()); await new Promise((resolve) => setTimeout(resolve, 100))) {
    if (Date.now() - start > 10_000) assert.fail('still not done after 10 s');
  }
}

/**
 * Where `text` lies in the files of the schema's tables and their TOAST tables, once a
 * CHECKPOINT has written every page: for each place, whether it is inside the page's
 * tuples (a row version that a query, or a tool reading pages, can read) or in its free
 * space (between the line pointers and the first tuple: bytes no row holds, left until a
 * new row takes the space). Needs a superuser; `undefined` when the connection is not one.
 */
async function onDisk(client: pg.Client, schema: string, text: string): Promise<{ table: string; inTuples: boolean }[] | undefined> {
  const { rows: role } = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
  if (!role[0]?.rolsuper) return undefined;
  await client.query('CHECKPOINT');
  const { rows } = await client.query<{ name: string; file: Buffer; page: number }>(
    `SELECT c.relname AS name, pg_read_binary_file(pg_relation_filepath(f.oid)) AS file, current_setting('block_size')::int AS page
     FROM pg_class c JOIN pg_class f ON f.oid IN (c.oid, c.reltoastrelid)
     WHERE c.relkind = 'r' AND c.relnamespace = $1::regnamespace`,
    [schema],
  );
  const places = [];
  for (const { name, file, page } of rows) {
    for (let at = file.indexOf(text); at >= 0; at = file.indexOf(text, at + 1)) {
      // The page header: pd_lower at byte 12, pd_upper (where the tuples begin) at 14.
      const upper = file.readUInt16LE(at - (at % page) + 14);
      places.push({ table: name, inTuples: at % page >= upper });
    }
  }
  return places;
}

/** The tables in which some row, read as text, holds `text`. */
async function rowsHolding(client: pg.Client, schema: string, text: string) {
  const { rows: tables } = await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1", [schema]);
  const holding = [];
  for (const { name } of tables) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name} t WHERE t::text LIKE $1`, [`%${text}%`]);
    if (rows[0].n > 0) holding.push(name);
  }
  return holding;
}

describe('PostgreSQL', postgres, () => {
  before(requirePostgres);

  contract('PostgresStorage', () => openTestStorage());

  describe('the seeded backend over PostgresStorage', () => {
    it('answers every read and command as over MemoryStorage, events included', async () => answersAsMemory(await openTestStorage()));

    it('keeps conversations, messages, unread counts and event numbering across a restart, migrating once', async () => {
      const schema = testSchema();
      try {
        await keepsAcrossRestart(() => PostgresStorage.open(testDatabaseUrl, { schema }));
        const client = await connect(schema);
        const { rows } = await client.query('SELECT version FROM schema_version');
        await client.end();
        assert.deepEqual(rows, MIGRATIONS.map((_, i) => ({ version: i + 1 })), 'the schema was made once, a row a step, then left alone');
      } finally {
        await dropSchema(schema);
      }
    });

    it('passes the backend unit suites (IM_STORAGE=postgres)', () => unitSuitesPass('postgres'));
  });

  describe('PostgresStorage with several connections, as several servers on one database', () => {
    it('shows a transaction’s writes to other connections only once it commits, and none of them when a statement fails', async () => {
      const s = await openTestStorage();
      const other = await PostgresStorage.open(testDatabaseUrl, { schema: s.schema });
      try {
        let written!: () => void;
        let commit!: () => void;
        const inside = new Promise<void>((resolve) => (written = resolve));
        const gate = new Promise<void>((resolve) => (commit = resolve));
        const done = s.transaction(async () => {
          await s.putUser({ id: 'u-a', name: 'A', title: '', role: 'student' });
          await appendOne(s, 'u-a', unread(1));
          written();
          await gate;
        });
        await inside;
        assert.equal(await other.getUser('u-a'), undefined, 'not yet committed');
        assert.equal((await other.eventsSince('u-a', 0, 10)).latestSeq, 0);
        commit();
        await done;
        assert.equal((await other.getUser('u-a'))?.name, 'A');

        // The database refuses a statement (a membership of no conversation): the transaction fails whole.
        await assert.rejects(
          s.transaction(async () => {
            await s.putUser({ id: 'u-b', name: 'B', title: '', role: 'student' });
            await appendOne(s, 'u-a', unread(2));
            await s.putMembership(membership('no-such-conversation', 'u-b'));
          }),
          /foreign key/,
        );
        assert.equal(await other.getUser('u-b'), undefined);
        assert.equal((await other.eventsSince('u-a', 0, 10)).latestSeq, 1);
        assert.equal(await appendOne(s, 'u-a', unread(3)), 2, 'the failed transaction took no seq');
      } finally {
        await other.close();
        await s.close();
      }
    });

    it('numbers a user’s events from 1 without gaps when two servers append at once, rollbacks and retries included', async () => {
      const first = await openTestStorage();
      const second = await PostgresStorage.open(testDatabaseUrl, { schema: first.schema });
      try {
        const taken = new Map<number, number>();
        let retries = 0;
        /** Runs `work` as the backend does: again while the database says the conflict was only that. */
        const retrying = async <T,>(s: PostgresStorage, work: () => Promise<T>): Promise<T> => {
          for (let attempt = 1; ; attempt++) {
            try {
              return await s.transaction(work);
            } catch (error) {
              if (!(await s.retryable(error, attempt))) throw error;
              retries++;
            }
          }
        };
        const writes = [first, second].flatMap((s, server) =>
          Array.from({ length: 20 }, async (_, i) => {
            const total = server * 100 + i;
            try {
              const seq = await retrying(s, async () => {
                const seq = await appendOne(s, 'u-a', unread(total));
                await appendOne(s, `u-only-${server}`, unread(i));
                // Hold the user's counter a moment, so the other writers queue behind it.
                await new Promise((resolve) => setTimeout(resolve, i % 3));
                if (i % 5 === 4) throw new Error('rolled back');
                return seq;
              });
              taken.set(seq, total);
            } catch (error) {
              assert.equal((error as Error).message, 'rolled back');
            }
          }),
        );
        await Promise.all(writes);
        const { events, latestSeq } = await second.eventsSince('u-a', 0, 100);
        assert.deepEqual(events.map((e) => e.seq), Array.from({ length: 32 }, (_, i) => i + 1), '40 appends, 8 rolled back');
        assert.equal(latestSeq, 32);
        assert.deepEqual(events.map((e) => (e.event.type === 'unread-changed' ? e.event.total : -1)), events.map((e) => taken.get(e.seq)), 'each under the seq its writer was given');
        assert.equal((await first.eventsSince('u-only-1', 0, 100)).latestSeq, 16);
        assert.ok(retries > 0, 'the two servers did conflict, and PostgreSQL said so rather than let both through');
      } finally {
        await second.close();
        await first.close();
      }
    });
  });

  describe('PostgresStorage, several servers in one conversation', () => {
    it('takes turns on a conversation named to the transaction: no conflict to run again, where without a turn there are', async () => {
      const first = await openTestStorage();
      const second = await PostgresStorage.open(testDatabaseUrl, { schema: first.schema });
      try {
        await first.putConversation(conversation('c-busy'));
        /** Each server writes ten messages into it at once, as a server's command does: the next number, then the message. */
        const race = async (serializeOn?: string) => {
          let retries = 0;
          const post = (s: PostgresStorage) =>
            Array.from({ length: 10 }, async () => {
              for (let attempt = 1; ; attempt++) {
                try {
                  return await s.transaction(async () => {
                    const record = (await s.getConversation('c-busy'))!;
                    const seq = record.lastSeq + 1;
                    await s.putConversation({ ...record, lastSeq: seq });
                    await s.putMessage(message('c-busy', seq, 'u-a'));
                  }, serializeOn);
                } catch (error) {
                  if (!(await s.retryable(error, attempt))) throw error;
                  retries++;
                }
              }
            });
          await Promise.all([...post(first), ...post(second)]);
          return retries;
        };
        assert.ok((await race()) > 0, 'without a turn, the two servers conflict over the next number');
        assert.equal(await race('c-busy'), 0, 'with one, each waits for the other’s commit');
        assert.equal((await second.getConversation('c-busy'))?.lastSeq, 40);
        assert.equal((await first.getMessageBySeq('c-busy', 40))?.seq, 40, 'every message numbered, none twice');
      } finally {
        await second.close();
        await first.close();
      }
    });
  });

  describe('PostgresStorage migrations', () => {
    it('makes the schema once, even when several servers start at once on a new database', async () => {
      const schema = testSchema();
      try {
        const servers = await Promise.all([1, 2, 3].map(() => PostgresStorage.open(testDatabaseUrl, { schema })));
        await servers[0].putUser({ id: 'u-a', name: 'A', title: '', role: 'student' });
        assert.equal((await servers[2].getUser('u-a'))?.name, 'A');
        await Promise.all(servers.map((s) => s.close()));
        const client = await connect(schema);
        const { rows } = await client.query('SELECT version FROM schema_version');
        await client.end();
        assert.deepEqual(rows, MIGRATIONS.map((_, i) => ({ version: i + 1 })));
      } finally {
        await dropSchema(schema);
      }
    });

    it('upgrades an existing database a step at a time, keeping its data, and then refuses it to an older server', async () => {
      const schema = testSchema();
      const client = await connect(schema);
      try {
        // A database of the first schema, with a message and two users' events in it.
        await client.query(`CREATE SCHEMA "${schema}"`);
        await migrate(client, MIGRATIONS.slice(0, 1));
        await client.query(`INSERT INTO conversations (id, kind, name, created_by, created_at, closed, deleted, last_seq, last_activity_at, member_count)
          VALUES ('c1', 'group', '', 'u-a', 1, false, false, 1, 1, 2)`);
        await client.query(`INSERT INTO messages (id, conversation_id, seq, sender_id, created_at, text, attachment_ids, status) VALUES ('c1-m1', 'c1', 1, 'u-a', 1001, 'message 1', '[]', 'normal')`);
        const carrying: ImEvent = { type: 'message-deleted', message: { id: 'c1-m1', text: 'message 1' } } as unknown as ImEvent;
        await client.query(`INSERT INTO event_counters VALUES ('u-a', 2), ('u-b', 1)`);
        await client.query('INSERT INTO events (user_id, seq, event) VALUES ($1, 1, $2), ($1, 2, $3), ($4, 1, $2)', ['u-a', carrying, unread(5), 'u-b']);
        await client.query(`INSERT INTO event_messages VALUES ('u-a', 1, 'c1-m1'), ('u-b', 1, 'c1-m1')`);
        await client.query(`INSERT INTO memberships (conversation_id, user_id, joined_at, read_up_to, unread, listed, last_activity_at) VALUES ('c1', 'u-b', 1000, 1, 1, true, 1000)`);
        const upgraded = await PostgresStorage.open(testDatabaseUrl, { schema });
        try {
          assert.equal((await upgraded.getMessage('c1-m1'))?.text, 'message 1');
          assert.deepEqual(
            await upgraded.getMembership('c1', 'u-b'),
            membership('c1', 'u-b', { unread: 1, readUpTo: 1, seenUpTo: 1 }),
            'schema 3: a membership from before is not muted; schema 4: it has seen what it had read',
          );
          assert.equal(await upgraded.addReaction({ messageId: 'c1-m1', userId: 'u-b', emoji: '👍', createdAt: 2000 }), true, 'schema 7: a message from before takes reactions');
          assert.deepEqual(await upgraded.reactors('c1-m1', '👍'), ['u-b']);
          assert.deepEqual((await upgraded.eventsSince('u-a', 0, 10)).events, [{ seq: 1, event: carrying }, { seq: 2, event: unread(5) }]);
          assert.equal(await appendOne(upgraded, 'u-a', unread(6)), 3, 'numbering goes on');
          assert.deepEqual(await upgraded.appendEvents([{ event: unread(7), users: [{ userId: 'u-b' }, { userId: 'u-c' }] }]), [[2, 1]], 'new bodies get ids after the old ones');
          await upgraded.transaction(() => upgraded.redactEvents('c1-m1', () => unread(0)));
          assert.deepEqual((await upgraded.eventsSince('u-b', 0, 1)).events, [{ seq: 1, event: unread(0) }], 'an old event is still found by the message it carries');
        } finally {
          await upgraded.close();
        }
        // What a newer server does on start: the step this one lacks (say, reactions on messages).
        await migrate(client, [...MIGRATIONS, 'ALTER TABLE messages ADD COLUMN reactions jsonb']);
        const versions = [...MIGRATIONS, ''].map((_, i) => ({ version: i + 1 }));
        assert.deepEqual((await client.query('SELECT version FROM schema_version ORDER BY version')).rows, versions);
        assert.deepEqual((await client.query('SELECT id, text, reactions FROM messages')).rows, [{ id: 'c1-m1', text: 'message 1', reactions: null }]);
        await assert.rejects(PostgresStorage.open(testDatabaseUrl, { schema }), {
          message: new RegExp(`can't be used: The database is at schema version ${versions.length}, newer than this server knows \\(${MIGRATIONS.length}\\)\\.$`),
        });
      } finally {
        await client.end();
        await dropSchema(schema);
      }
    });
  });

  describe('PostgresStorage pins', () => {
    it('adds pins to a database from before them: every membership unpinned, still paged, and pinned ones read through their own index', async () => {
      const schema = testSchema();
      const client = await connect(schema);
      try {
        await client.query(`CREATE SCHEMA "${schema}"`);
        const step = MIGRATIONS.findIndex((sql) => sql.includes('pinned_at'));
        assert.ok(step > 0);
        await migrate(client, MIGRATIONS.slice(0, step));
        await client.query(`INSERT INTO conversations (id, kind, name, created_by, created_at, closed, deleted, last_seq, last_activity_at, member_count)
          VALUES ('c1', 'group', '', 'u-a', 1000, false, false, 0, 900, 2), ('c2', 'group', '', 'u-a', 1000, false, false, 0, 800, 2)`);
        await client.query(`INSERT INTO memberships (conversation_id, user_id, joined_at, read_up_to, unread, listed, muted, last_activity_at)
          VALUES ('c1', 'u-a', 1000, 0, 1, true, false, 900), ('c2', 'u-a', 1000, 0, 0, true, true, 800)`);
        const upgraded = await PostgresStorage.open(testDatabaseUrl, { schema });
        try {
          await pinsAfterUpgrade(upgraded);
        } finally {
          await upgraded.close();
        }
        const { rows } = await client.query("SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = 'memberships_pinned'", [schema]);
        assert.match(rows[0]?.indexdef ?? '', /\(user_id, pinned_at DESC, conversation_id\) WHERE \(pinned_at > 0\)/);
      } finally {
        await client.end();
        await dropSchema(schema);
      }
    });
  });

  describe('PostgresStorage erasing removed messages', () => {
    it('leaves no removed text in any row, nor in any row version once vacuumed, while the server runs', async (t) => {
      const storage = await openTestStorage();
      const client = await connect(storage.schema);
      try {
        const school = await seeded(storage);
        const secret = 'zebra-quartz-4711 is the password';
        const sent = await school.backend.execute(u.emma.id, 'sendMessage', { conversationId: school.ids.maths, clientId: 'secret', text: secret });
        for (let i = 0; i < 40; i++) await school.backend.execute(u.ola.id, 'sendMessage', { conversationId: school.ids.maths, clientId: `after-${i}`, text: `Reply ${i}` });
        assert.deepEqual((await rowsHolding(client, storage.schema, secret)).sort(), ['event_bodies', 'messages']);
        await school.backend.execute(u.kari.id, 'deleteMessage', { messageId: sent.id });
        assert.deepEqual(await rowsHolding(client, storage.schema, secret), [], 'no row holds it');
        // The eraser vacuums after the commit; another session's snapshot (another test run on this database) may make it wait.
        await eventually(() => storage.vacuumErased());
        const places = await onDisk(client, storage.schema, secret);
        if (!places) return t.diagnostic('not a superuser: the tables’ files were not read');
        // What is left of it lies in free space until new rows take it: docs/postgresql.md says so.
        assert.deepEqual(places.filter((p) => p.inTuples), [], 'no row version holds it');
      } finally {
        await client.end();
        await storage.close();
      }
    });

    it('vacuums the old row versions away once a reader holding an older snapshot is done, though a failed command came in between', async () => {
      const storage = await openTestStorage();
      const client = await connect(storage.schema);
      // Another session reading in one snapshot (a report, a backup): VACUUM must keep what it may read.
      const reader = await connect(storage.schema);
      try {
        const school = await seeded(storage);
        const secret = 'walrus-quince-0815 is the code';
        const sent = await school.backend.execute(u.emma.id, 'sendMessage', { conversationId: school.ids.maths, clientId: 'secret', text: secret });
        await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
        await reader.query('SELECT count(*) FROM messages');
        await school.backend.execute(u.kari.id, 'deleteMessage', { messageId: sent.id });
        assert.equal(await storage.vacuumErased(), false, 'held back by the reader');
        assert.equal(storage.erasurePending, true);
        const held = await onDisk(client, storage.schema, secret);
        if (held) assert.ok(held.some((p) => p.table === 'messages' && p.inTuples), 'the old row version is still there');
        // A command that fails rolls back its own transaction, and must not forget the erasure before it.
        await assert.rejects(school.backend.execute(u.ola.id, 'sendMessage', { conversationId: 'no-such', clientId: 'x', text: 'hi' }), { code: 'not-found' });
        await reader.query('COMMIT');
        await eventually(() => !storage.erasurePending); // the eraser's own retry, a second later
        const places = await onDisk(client, storage.schema, secret);
        if (places) assert.deepEqual(places.filter((p) => p.inTuples), [], 'no row version holds it');
      } finally {
        await reader.end();
        await client.end();
        await storage.close();
      }
    });
  });

  describe('PostgresStorage at scale', () => {
    it('forgets a body stored once for many when the last log holding it is trimmed', async () => {
      const storage = await openTestStorage({ eventsKept: 3 });
      const client = await connect(storage.schema);
      try {
        await forgetsTrimmedBodies(storage, async () => (await client.query('SELECT count(*)::int AS n FROM event_bodies')).rows[0].n);
      } finally {
        await client.end();
        await storage.close();
      }
    });

    let s: TestPostgresStorage;
    before(async () => {
      s = await openTestStorage();
      const client = await connect(s.schema);
      // Filled by the database itself, which is quicker than a storage call a row: 100 000 messages in
      // one conversation, 200 users in 200 conversations each, 1 000 events each.
      await client.query(`INSERT INTO conversations (id, kind, name, created_by, created_at, closed, deleted, last_seq, last_activity_at, member_count)
        SELECT 'c' || g, 'group', '', 'u-0', 1, false, false, 0, g, 200 FROM generate_series(0, 199) g
        UNION ALL SELECT 'big', 'group', '', 'u-0', 1, false, false, 100000, 1, 3`);
      await client.query(`INSERT INTO messages (id, conversation_id, seq, sender_id, created_at, text, attachment_ids, status, client_id)
        SELECT 'big-m' || g, 'big', g, 'u-' || (g % 3), 1000 + g, 'message ' || g, '[]', 'normal', CASE WHEN g % 10 = 1 THEN 'k' || g END
        FROM generate_series(1, 100000) g`);
      await client.query(`INSERT INTO memberships (conversation_id, user_id, joined_at, read_up_to, unread, listed, last_activity_at)
        SELECT 'c' || (g % 200), 'u-' || (g / 200), 1, 0, 0, g % 7 <> 0, g FROM generate_series(0, 39999) g`);
      await client.query("INSERT INTO event_counters SELECT 'u-' || g, 1000 FROM generate_series(0, 199) g");
      await client.query(`INSERT INTO event_bodies (id, event) SELECT g, jsonb_build_object('type', 'unread-changed', 'total', g) FROM generate_series(0, 199999) g`);
      await client.query(`INSERT INTO events (user_id, seq, body_id) SELECT 'u-' || (g / 1000), g % 1000 + 1, g FROM generate_series(0, 199999) g`);
      await client.query('ANALYZE');
      await client.end();
    });
    after(() => s.close());

    it('reads pages of a 100000-message conversation, a long list and a long event log', async () => {
      const last = await s.messageRange('big', 99_951, 100_000);
      assert.deepEqual(last.map((m) => m.seq), Array.from({ length: 50 }, (_, i) => 99_951 + i));
      assert.deepEqual(last.at(-1), message('big', 100_000, 'u-1'));
      assert.equal((await s.findByClientId('u-1', 'k99991'))?.seq, 99_991);
      assert.equal(await s.countFromOthers('big', 99_990, 'u-0'), 7);
      const page = await s.listMemberships('u-3', undefined, 30);
      assert.equal(page.items.length, 30);
      assert.deepEqual(page.items.map((m) => m.lastActivityAt), page.items.map((m) => m.lastActivityAt).sort((a, b) => b - a));
      const since = await s.eventsSince('u-3', 990, 100);
      assert.deepEqual([since.events.length, since.latestSeq, since.oldest], [10, 1000, 1]);
    });

    it('says who of 300 members has seen a sender’s latest of 100000 messages, in one query from indexes', async () => {
      const client = await connect(s.schema);
      try {
        await client.query(`INSERT INTO users (id, data) SELECT 'r-' || k, jsonb_build_object('id', 'r-' || k, 'name', 'Reader ' || k, 'title', '', 'role', 'student')
          FROM generate_series(1, 300) k`);
        // Every other member has seen the last message; the rest the one before.
        await client.query(`INSERT INTO memberships (conversation_id, user_id, joined_at, read_up_to, seen_up_to, unread, listed, last_activity_at)
          SELECT 'big', 'r-' || k, 1, 0, 100000 - k % 2, 0, true, 1 FROM generate_series(1, 300) k`);
        await client.query('ANALYZE');
      } finally {
        await client.end();
      }
      // The last message is u-1's (seqs go round u-1, u-2, u-0 from 1).
      assert.deepEqual(await s.readStatus('big', 'u-1', true), { conversationId: 'big', messageId: 'big-m100000', seq: 100_000, seen: 150, of: 300 });
      assert.deepEqual(await s.readStatus('big', 'u-0', true), { conversationId: 'big', messageId: 'big-m99999', seq: 99_999, seen: 300, of: 300 });
      const plan = (await s.queryPlan('readStatus', ['big', 'u-1', true])).join('\n');
      assert.match(plan, /Index (Only )?Scan (Backward )?using messages_by_sender on messages/, plan);
      assert.doesNotMatch(plan, /Seq Scan on (messages|memberships)\b/, plan);
    });

    it('answers the hot reads from our indexes, never a whole-table scan', async () => {
      const plans = {
        messageRange: await s.queryPlan('messageRange', ['big', 99_951, 100_000]),
        countFromOthers: await s.queryPlan('countFromOthers', ['big', 99_990, 'u-0']),
        findByClientId: await s.queryPlan('findByClientId', ['u-1', 'k99991']),
        listMemberships: await s.queryPlan('listMemberships', ['u-3', 31]),
        listMembershipsAfter: await s.queryPlan('listMembershipsAfter', ['u-3', 700, 'c9', 31]),
        pinnedMemberships: await s.queryPlan('pinnedMemberships', ['u-3']),
        eventsSince: await s.queryPlan('eventsSince', ['u-3', 990, 100]),
      };
      for (const [name, plan] of Object.entries(plans)) {
        const text = plan.join('\n');
        assert.match(text, /Index (Only )?Scan (using|on) (messages_by_seq|messages_by_client_id|memberships_by_user|memberships_pinned|events_pkey)/, `${name}:\n${text}`);
        // PostgreSQL may sort the few rows of a page itself; it must never read a whole big table.
        assert.doesNotMatch(text, /Seq Scan on (messages|memberships|events)\b/, `${name}:\n${text}`);
      }
    });
  });

  describe('the server on PostgreSQL (IM_DATABASE_URL)', () => {
    it('seeds a new database once, serves the demo from it, and finds it again after a restart', async () => {
      const schema = testSchema();
      const client = await connect(schema);
      try {
        // A schema other than `public`, as an operator would choose one: in the URL, made beforehand.
        await client.query(`CREATE SCHEMA ${schema}`);
        const url = new URL(testDatabaseUrl);
        url.searchParams.set('options', `-c search_path=${schema}`);
        const people = async () => {
          const app = await startApp({ demo: true, databaseUrl: url.toString() });
          try {
            return ((await (await fetch(`${app.url}/api/demo/users`)).json()) as { id: string }[]).map((p) => p.id);
          } finally {
            await app.close();
          }
        };
        const first = await people();
        assert.ok(first.includes(u.ola.id));
        assert.deepEqual(await people(), first);
        const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
        assert.ok(rows[0].n >= first.length, 'the users are in the schema given');
      } finally {
        await client.end();
        await dropSchema(schema);
      }
    });

    it('the server command says in one line that the database IM_DATABASE_URL names does not exist, and exits', () => {
      const url = new URL(testDatabaseUrl);
      url.pathname = `/${testSchema()}`;
      const { status, lines } = serverWith(url.toString());
      assert.equal(status, 1);
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0], /can't be used: database "im_test_\w+" does not exist\. The server needs a database it can use: check IM_DATABASE_URL\.$/);
    });
  });
});
