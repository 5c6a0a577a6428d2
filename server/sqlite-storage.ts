/**
 * The storage port over SQLite (better-sqlite3), for the Node server. It keeps
 * MemoryStorage's semantics (orderings, copies, paging, event trimming) in a
 * file that survives restarts. Fields that queries filter or sort on are
 * columns; the rest of a record is JSON. The file and its transactions are in
 * sqlite/connection.ts, the schema in sqlite/migrations.ts, the columns in
 * sqlite/rows.ts, the users' event logs in sqlite/event-log.ts, and how erased
 * text leaves the disk in sqlite/erase.ts.
 */
import type { ImEvent } from '../src/model/events.js';
import type { Course, CourseId, NotificationPreferences, Project, ProjectId, ReadStatus, Role, User, UserId } from '../src/model/types.js';
import type {
  AttachmentRecord,
  ConversationPage,
  ConversationRecord,
  CourseMember,
  MembershipRecord,
  MessageRecord,
  ReactionRecord,
  ReactionTally,
  ReportRecord,
  Storage,
  EventBatch,
} from '../src/backend/storage.js';
import { SqliteConnection } from './sqlite/connection.js';
import { LOG_QUERIES, SqliteEventLog } from './sqlite/event-log.js';
import { conversationColumns, decode, encode, membershipColumns, messageColumns, parse, upsert, type Row } from './sqlite/rows.js';

/** How many events a user's log keeps by default, as in MemoryStorage; a client further behind reloads instead of catching up. */
const EVENTS_KEPT = 5000;

export interface SqliteStorageOptions {
  /** How many events each user's log keeps for catching up (default 5 000). */
  eventsKept?: number;
  /** How many pages the write-ahead log may grow to while the server writes without a pause (default 16 384, 64 MB). */
  logPagesKept?: number;
}

/** The writes of a whole record, made once. */
const UPSERTS = {
  conversation: upsert('conversations', conversationColumns, ['id']),
  membership: upsert('memberships', membershipColumns, ['conversationId', 'userId']),
  message: upsert('messages', messageColumns, ['id']),
};

/** The hot reads, kept here so tests can check their query plans use the indexes. */
const QUERIES = {
  messageRange: 'SELECT * FROM messages WHERE conversation_id = ? AND seq BETWEEN ? AND ? ORDER BY seq',
  countFromOthers: 'SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND seq > ? AND sender_id <> ?',
  listMemberships: `SELECT * FROM memberships WHERE user_id = ? AND listed = 1 AND pinned_at = 0
    ORDER BY last_activity_at DESC, conversation_id LIMIT ?`,
  // `<=` first lets the index seek to the cursor instead of scanning the pages before it.
  listMembershipsAfter: `SELECT * FROM memberships WHERE user_id = @userId AND listed = 1 AND pinned_at = 0
    AND last_activity_at <= @at AND (last_activity_at < @at OR conversation_id > @id)
    ORDER BY last_activity_at DESC, conversation_id LIMIT @limit`,
  pinnedMemberships: 'SELECT * FROM memberships WHERE user_id = ? AND pinned_at > 0 AND listed = 1 ORDER BY pinned_at DESC, conversation_id',
  unreadTotal: 'SELECT TOTAL(unread) FROM memberships WHERE user_id = ? AND listed = 1 AND muted = 0',
  eventsSince: LOG_QUERIES.eventsSince,
  // The sender's latest message someone counted has seen, and its counts (Storage.readStatus), in one query.
  readStatus: `WITH readers AS (
      SELECT m.joined_at, m.seen_up_to FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.conversation_id = @conversationId AND m.user_id <> @senderId AND (@students OR json_extract(u.data, '$.role') <> 'student')
    ), latest AS (
      SELECT id, seq, created_at FROM messages
      WHERE conversation_id = @conversationId AND sender_id = @senderId AND status = 'normal' AND seq <= (SELECT max(seen_up_to) FROM readers)
        AND EXISTS (SELECT 1 FROM readers r WHERE r.joined_at <= messages.created_at AND r.seen_up_to >= messages.seq)
      ORDER BY seq DESC LIMIT 1
    )
    SELECT latest.id AS messageId, latest.seq, SUM(r.seen_up_to >= latest.seq) AS seen, COUNT(*) AS "of"
    FROM latest JOIN readers r ON r.joined_at <= latest.created_at GROUP BY latest.id`,
} as const;

/** The names of the reads whose plans `queryPlan` shows. */
export type QueryName = keyof typeof QUERIES;

/**
 * Storage in a SQLite file (`':memory:'` for a throwaway one). Opening
 * creates or migrates the schema. One connection, used by one backend.
 */
export class SqliteStorage implements Storage {
  private readonly connection: SqliteConnection;
  private readonly log: SqliteEventLog;

  constructor(file: string, options: SqliteStorageOptions = {}) {
    this.connection = new SqliteConnection(file, options.logPagesKept);
    this.log = new SqliteEventLog(this.connection, options.eventsKept ?? EVENTS_KEPT);
  }

  /** Closes the file; the storage can't be used afterwards. */
  close(): void {
    this.log.stop();
    this.connection.close();
  }

  /** Folds the events written since the last fold into the users' logs now, as a timer otherwise does between commands (sqlite/event-log.ts). */
  foldEventLogs(): void {
    while (this.log.fold() > 0);
  }

  /** The connection's prepared statement for `text`. */
  private sql(text: string) {
    return this.connection.sql(text);
  }

  /** Runs several statements as one: in a transaction of their own, or in the open one. */
  private atomic<T>(work: () => T): T {
    return this.connection.atomic(work);
  }

  /** `EXPLAIN QUERY PLAN` of one of the hot reads, one line per step; for tests and benchmarks. */
  queryPlan(name: QueryName, params: unknown[] | Row): string[] {
    return this.connection.queryPlan(QUERIES[name], params);
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.connection.transaction(work);
  }

  async getUser(id: UserId) {
    return parse<User>(this.sql('SELECT data FROM users WHERE id = ?').get(id));
  }
  async getUsers(ids: readonly UserId[]) {
    const get = this.sql('SELECT data FROM users WHERE id = ?');
    return ids.flatMap((id) => parse<User>(get.get(id)) ?? []);
  }
  async listUsers() {
    return this.sql('SELECT data FROM users ORDER BY rowid').all().map((r) => parse<User>(r)!);
  }
  async putUser(user: User) {
    this.sql('INSERT INTO users (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data').run(user.id, JSON.stringify(user));
  }
  async getNotificationPreferences(userId: UserId) {
    return parse<NotificationPreferences>(this.sql('SELECT data FROM notification_preferences WHERE user_id = ?').get(userId));
  }
  async putNotificationPreferences(userId: UserId, preferences: NotificationPreferences) {
    this.sql('INSERT INTO notification_preferences (user_id, data) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET data = excluded.data').run(userId, JSON.stringify(preferences));
  }

  async getCourse(id: CourseId) {
    return parse<Course>(this.sql('SELECT data FROM courses WHERE id = ?').get(id));
  }
  async listCourses() {
    return this.sql('SELECT data FROM courses ORDER BY rowid').all().map((r) => parse<Course>(r)!);
  }
  async putCourse(course: Course) {
    this.sql('INSERT INTO courses (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data').run(course.id, JSON.stringify(course));
  }
  async courseMembers(id: CourseId) {
    return this.sql('SELECT user_id AS userId, role FROM course_members WHERE course_id = ? ORDER BY rowid').all(id) as CourseMember[];
  }
  async coursesOf(userId: UserId) {
    // In the order each course got its first member, as MemoryStorage keeps them.
    const rows = this.sql(
      `SELECT c.data, m.role FROM course_members m JOIN courses c ON c.id = m.course_id WHERE m.user_id = ?
       ORDER BY (SELECT MIN(f.rowid) FROM course_members f WHERE f.course_id = m.course_id)`,
    ).all(userId) as { data: string; role: Role }[];
    return rows.map((r) => ({ course: parse<Course>(r)!, role: r.role }));
  }
  async putCourseMember(id: CourseId, member: CourseMember) {
    this.sql('INSERT INTO course_members (course_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET role = excluded.role').run(
      id,
      member.userId,
      member.role,
    );
  }
  async deleteCourseMember(id: CourseId, userId: UserId) {
    this.sql('DELETE FROM course_members WHERE course_id = ? AND user_id = ?').run(id, userId);
  }

  async getProject(id: ProjectId) {
    return parse<Project>(this.sql('SELECT data FROM projects WHERE id = ?').get(id));
  }
  async listProjects() {
    return this.sql('SELECT data FROM projects ORDER BY rowid').all().map((r) => parse<Project>(r)!);
  }
  async putProject(project: Project) {
    this.sql('INSERT INTO projects (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data').run(project.id, JSON.stringify(project));
  }
  async projectMembers(id: ProjectId) {
    return this.sql('SELECT user_id FROM project_members WHERE project_id = ? ORDER BY rowid').pluck().all(id) as UserId[];
  }
  async projectsOf(userId: UserId) {
    const rows = this.sql(
      `SELECT p.data FROM project_members m JOIN projects p ON p.id = m.project_id WHERE m.user_id = ?
       ORDER BY (SELECT MIN(f.rowid) FROM project_members f WHERE f.project_id = m.project_id)`,
    ).all(userId);
    return rows.map((r) => parse<Project>(r)!);
  }
  async putProjectMember(id: ProjectId, userId: UserId) {
    this.sql('INSERT OR IGNORE INTO project_members (project_id, user_id) VALUES (?, ?)').run(id, userId);
  }

  private conversation(row: unknown) {
    return row === undefined ? undefined : decode(conversationColumns, row as Row);
  }
  async getConversation(id: string) {
    return this.conversation(this.sql('SELECT * FROM conversations WHERE id = ?').get(id));
  }
  async putConversation(record: ConversationRecord) {
    this.sql(UPSERTS.conversation).run(encode(conversationColumns, record));
  }
  async findOneToOne(a: UserId, b: UserId) {
    // The first of a's memberships that qualifies, as MemoryStorage walks them.
    const row = this.sql(
      `SELECT c.* FROM memberships ma JOIN conversations c ON c.id = ma.conversation_id
       WHERE ma.user_id = ? AND c.kind = 'one-to-one'
         AND EXISTS (SELECT 1 FROM memberships mb WHERE mb.conversation_id = c.id AND mb.user_id = ?)
       ORDER BY ma.rowid LIMIT 1`,
    ).get(a, b);
    return this.conversation(row);
  }
  async findCourseConversation(courseId: CourseId) {
    return this.conversation(
      this.sql("SELECT * FROM conversations WHERE course_id = ? AND kind = 'course' AND deleted = 0 ORDER BY rowid LIMIT 1").get(courseId),
    );
  }
  async findProjectConversation(projectId: ProjectId) {
    // Deleted ones count too: MemoryStorage does not skip them (projects have no delete).
    return this.conversation(this.sql("SELECT * FROM conversations WHERE project_id = ? AND kind = 'project' ORDER BY rowid LIMIT 1").get(projectId));
  }

  private memberships(rows: unknown[]) {
    return rows.map((r) => decode(membershipColumns, r as Row));
  }
  async getMembership(conversationId: string, userId: UserId) {
    const row = this.sql('SELECT * FROM memberships WHERE conversation_id = ? AND user_id = ?').get(conversationId, userId);
    return row === undefined ? undefined : decode(membershipColumns, row as Row);
  }
  async putMembership(record: MembershipRecord) {
    this.sql(UPSERTS.membership).run(encode(membershipColumns, record));
  }
  async touchMembers(conversationId: string, at: number, messageFrom?: UserId) {
    this.sql(
      `UPDATE memberships SET last_activity_at = @at,
         unread = unread + (@from IS NOT NULL AND user_id <> @from), listed = listed OR (@from IS NOT NULL AND user_id <> @from)
       WHERE conversation_id = @conversationId`,
    ).run({ conversationId, at, from: messageFrom ?? null });
  }

  async deleteMembership(conversationId: string, userId: UserId) {
    this.sql('DELETE FROM memberships WHERE conversation_id = ? AND user_id = ?').run(conversationId, userId);
  }
  async members(conversationId: string) {
    return this.memberships(this.sql('SELECT * FROM memberships WHERE conversation_id = ? ORDER BY rowid').all(conversationId));
  }
  async listMemberships(
    userId: UserId,
    after: { lastActivityAt: number; conversationId: string } | undefined,
    limit: number,
  ): Promise<ConversationPage> {
    // One row more than asked tells whether there is another page.
    const rows = after
      ? this.sql(QUERIES.listMembershipsAfter).all({ userId, at: after.lastActivityAt, id: after.conversationId, limit: limit + 1 })
      : this.sql(QUERIES.listMemberships).all(userId, limit + 1);
    return { items: this.memberships(rows.slice(0, limit)), hasMore: rows.length > limit };
  }
  async pinnedMemberships(userId: UserId) {
    return this.memberships(this.sql(QUERIES.pinnedMemberships).all(userId));
  }
  async membershipsOf(userId: UserId) {
    return this.memberships(this.sql('SELECT * FROM memberships WHERE user_id = ? ORDER BY rowid').all(userId));
  }
  async unreadTotal(userId: UserId) {
    return this.sql(QUERIES.unreadTotal).pluck().get(userId) as number;
  }
  async unreadTotals(userIds: readonly UserId[]) {
    // A statement a user is as quick here as one for all: SQLite runs in this process.
    const total = this.sql(QUERIES.unreadTotal).pluck();
    return userIds.map((id) => total.get(id) as number);
  }

  async readStatus(conversationId: string, senderId: UserId, students: boolean) {
    const row = this.sql(QUERIES.readStatus).get({ conversationId, senderId, students: students ? 1 : 0 }) as Omit<ReadStatus, 'conversationId'> | undefined;
    return row && { conversationId, ...row };
  }
  async seenBy(message: Pick<MessageRecord, 'conversationId' | 'seq' | 'senderId' | 'createdAt'>, students: boolean) {
    const rows = this.sql(
      `SELECT u.data, m.seen_up_to >= @seq AS seen FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.conversation_id = @conversationId AND m.user_id <> @senderId AND m.joined_at <= @createdAt
         AND (@students OR json_extract(u.data, '$.role') <> 'student')
       ORDER BY m.rowid`,
    ).all({ ...message, students: students ? 1 : 0 }) as { data: string; seen: number }[];
    return rows.map((r) => ({ user: parse<User>(r)!, seen: r.seen === 1 }));
  }
  async sendersBetween(conversationId: string, afterSeq: number, upTo: number, except: UserId) {
    return this.sql(
      `SELECT sender_id FROM messages WHERE conversation_id = ? AND seq > ? AND seq <= ? AND sender_id <> ? AND status = 'normal'
       GROUP BY sender_id ORDER BY MIN(seq)`,
    )
      .pluck()
      .all(conversationId, afterSeq, upTo, except) as UserId[];
  }

  private messages(rows: unknown[]) {
    return rows.map((r) => decode(messageColumns, r as Row));
  }
  private message(row: unknown) {
    return row === undefined ? undefined : decode(messageColumns, row as Row);
  }
  async getMessage(id: string) {
    return this.message(this.sql('SELECT * FROM messages WHERE id = ?').get(id));
  }
  async getMessageBySeq(conversationId: string, seq: number) {
    return this.message(this.sql('SELECT * FROM messages WHERE conversation_id = ? AND seq = ?').get(conversationId, seq));
  }
  async findByClientId(senderId: UserId, clientId: string) {
    return this.message(this.sql('SELECT * FROM messages WHERE sender_id = ? AND client_id = ?').get(senderId, clientId));
  }
  async putMessage(record: MessageRecord) {
    this.sql(UPSERTS.message).run(encode(messageColumns, record));
  }
  /** Not part of the port: stores many messages at once, for imports, tests and benchmarks. */
  putMessages(records: readonly MessageRecord[]): void {
    const insert = this.sql(UPSERTS.message);
    this.atomic(() => {
      for (const record of records) insert.run(encode(messageColumns, record));
    });
  }
  async messageRange(conversationId: string, from: number, to: number) {
    return this.messages(this.sql(QUERIES.messageRange).all(conversationId, from, to));
  }
  async allMessages(conversationId: string) {
    return this.messages(this.sql('SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq').all(conversationId));
  }
  async countFromOthers(conversationId: string, afterSeq: number, userId: UserId) {
    return this.sql(QUERIES.countFromOthers).pluck().get(conversationId, afterSeq, userId) as number;
  }

  async addReaction({ messageId, userId, emoji, createdAt }: ReactionRecord) {
    const insert = this.sql('INSERT OR IGNORE INTO reactions (message_id, emoji, user_id, created_at) VALUES (?, ?, ?, ?)');
    return insert.run(messageId, emoji, userId, createdAt).changes > 0;
  }
  async removeReaction(messageId: string, userId: UserId, emoji: string) {
    return this.sql('DELETE FROM reactions WHERE message_id = ? AND emoji = ? AND user_id = ?').run(messageId, emoji, userId).changes > 0;
  }
  async reactionTallies(messageIds: readonly string[], viewerId: UserId) {
    const rows = this.sql(
      `SELECT message_id AS messageId, emoji, COUNT(*) AS count, MAX(user_id = ?) AS mine FROM reactions
       WHERE message_id IN (SELECT value FROM json_each(?)) GROUP BY message_id, emoji`,
    ).all(viewerId, JSON.stringify(messageIds)) as (Omit<ReactionTally, 'mine'> & { mine: number })[];
    return rows.map((r) => ({ ...r, mine: r.mine === 1 }));
  }
  async reactors(messageId: string, emoji: string) {
    return this.sql('SELECT user_id FROM reactions WHERE message_id = ? AND emoji = ? ORDER BY rowid').pluck().all(messageId, emoji) as UserId[];
  }
  async deleteReactions(messageId: string) {
    this.sql('DELETE FROM reactions WHERE message_id = ?').run(messageId);
  }

  async getAttachments(ids: readonly string[]) {
    const get = this.sql('SELECT data FROM attachments WHERE id = ?');
    return ids.flatMap((id) => parse<AttachmentRecord>(get.get(id)) ?? []);
  }
  async putAttachment(record: AttachmentRecord) {
    this.sql('INSERT INTO attachments (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data').run(
      record.id,
      JSON.stringify(record),
    );
  }
  async deleteAttachments(ids: readonly string[]) {
    const remove = this.sql('DELETE FROM attachments WHERE id = ?');
    this.atomic(() => ids.forEach((id) => remove.run(id)));
  }
  async unsentAttachments(createdBefore: number, limit: number) {
    // A scan, but an hourly one: the attachments table holds only what is not stored elsewhere.
    const rows = this.sql(
      `SELECT data FROM attachments
       WHERE json_array_length(data, '$.conversationIds') = 0 AND json_extract(data, '$.createdAt') < ?
       ORDER BY json_extract(data, '$.createdAt') LIMIT ?`,
    ).all(createdBefore, limit);
    return rows.map((row) => parse<AttachmentRecord>(row)!);
  }

  async unsentBytes(ownerId: string) {
    const row = this.sql(
      `SELECT COALESCE(SUM(json_extract(data, '$.size')), 0) AS total FROM attachments
       WHERE json_extract(data, '$.ownerId') = ? AND json_array_length(data, '$.conversationIds') = 0`,
    ).get(ownerId) as { total: number };
    return row.total;
  }

  async putReport(record: ReportRecord) {
    this.atomic(() => {
      this.sql(
        `INSERT INTO reports (id, conversation_id, data) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET conversation_id = excluded.conversation_id, data = excluded.data`,
      ).run(record.id, record.conversationId, JSON.stringify(record));
      this.sql('DELETE FROM report_reviewers WHERE report_id = ?').run(record.id);
      const add = this.sql('INSERT OR IGNORE INTO report_reviewers (report_id, user_id) VALUES (?, ?)');
      for (const userId of record.reviewerIds) add.run(record.id, userId);
    });
  }
  async getReport(id: string) {
    return parse<ReportRecord>(this.sql('SELECT data FROM reports WHERE id = ?').get(id));
  }
  async reportsFor(reviewerId: UserId) {
    const rows = this.sql('SELECT r.data FROM report_reviewers v JOIN reports r ON r.id = v.report_id WHERE v.user_id = ? ORDER BY r.rowid').all(reviewerId);
    return rows.map((r) => parse<ReportRecord>(r)!);
  }
  async reportsOn(conversationId: string) {
    return this.sql('SELECT data FROM reports WHERE conversation_id = ? ORDER BY rowid').all(conversationId).map((r) => parse<ReportRecord>(r)!);
  }
  async isReviewer(conversationId: string, userId: UserId) {
    const row = this.sql(
      'SELECT 1 FROM report_reviewers v JOIN reports r ON r.id = v.report_id WHERE v.user_id = ? AND r.conversation_id = ? LIMIT 1',
    ).get(userId, conversationId);
    return row !== undefined;
  }
  async reviewedBy(userId: UserId) {
    // Each conversation once, in the order of its first report, as MemoryStorage's Set gives them.
    return this.sql(
      `SELECT r.conversation_id FROM report_reviewers v JOIN reports r ON r.id = v.report_id WHERE v.user_id = ?
       GROUP BY r.conversation_id ORDER BY MIN(r.rowid)`,
    )
      .pluck()
      .all(userId) as string[];
  }

  async appendEvents(batches: readonly EventBatch[]) {
    return this.log.append(batches);
  }
  async redactEvents(messageId: string, redact: (event: ImEvent) => ImEvent) {
    // Erasing a message's content is what this is for: once committed, no copy may stay in the log.
    this.connection.erasing(() => this.log.redact(messageId, redact));
  }
  async eventsSince(userId: UserId, seq: number, limit: number) {
    return this.log.since(userId, seq, limit);
  }
}
