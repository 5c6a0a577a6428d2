/**
 * The storage port over SQLite (better-sqlite3), for the Node server. It keeps
 * MemoryStorage's semantics (orderings, copies, paging, event trimming) in a
 * file that survives restarts. Fields that queries filter or sort on are
 * columns; the rest of a record is JSON.
 */
import Database from 'better-sqlite3';
import type { ImEvent } from '../src/model/events.js';
import type { Course, CourseId, Project, ProjectId, Role, User, UserId } from '../src/model/types.js';
import type {
  AttachmentRecord,
  ConversationPage,
  ConversationRecord,
  CourseMember,
  MembershipRecord,
  MessageRecord,
  ReportRecord,
  Storage,
} from '../src/backend/storage.js';
import { messagesIn } from '../src/backend/storage.js';

/** How many events a user's log keeps by default, as in MemoryStorage; a client further behind reloads instead of catching up. */
const EVENTS_KEPT = 5000;

export interface SqliteStorageOptions {
  /** How many events each user's log keeps for catching up (default 5 000). */
  eventsKept?: number;
}
/** How often the write-ahead log is copied into the file (see the constructor). */
const CHECKPOINT_EVERY_MS = 1000;

/**
 * Schema steps in order: step i takes a file from `user_version` i to i + 1.
 * Never edit a step that has shipped; append a new one.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (id TEXT PRIMARY KEY, data TEXT NOT NULL);
  CREATE TABLE courses (id TEXT PRIMARY KEY, data TEXT NOT NULL);
  CREATE TABLE projects (id TEXT PRIMARY KEY, data TEXT NOT NULL);
  CREATE TABLE course_members (
    course_id TEXT NOT NULL REFERENCES courses (id),
    user_id TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (course_id, user_id)
  );
  CREATE INDEX course_members_by_user ON course_members (user_id);
  CREATE TABLE project_members (
    project_id TEXT NOT NULL REFERENCES projects (id),
    user_id TEXT NOT NULL,
    PRIMARY KEY (project_id, user_id)
  );
  CREATE INDEX project_members_by_user ON project_members (user_id);
  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    closed INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    course_id TEXT,
    project_id TEXT,
    recipient_ids TEXT,
    last_seq INTEGER NOT NULL,
    last_activity_at INTEGER NOT NULL,
    member_count INTEGER NOT NULL
  );
  CREATE INDEX conversations_by_course ON conversations (course_id);
  CREATE INDEX conversations_by_project ON conversations (project_id);
  CREATE TABLE memberships (
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    user_id TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    read_up_to INTEGER NOT NULL,
    unread INTEGER NOT NULL,
    listed INTEGER NOT NULL,
    last_activity_at INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
  );
  -- One index serves a user's list (listed, newest first) and all their memberships.
  CREATE INDEX memberships_by_user ON memberships (user_id, listed, last_activity_at DESC, conversation_id);
  CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    seq INTEGER NOT NULL,
    sender_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    edited_at INTEGER,
    text TEXT NOT NULL,
    attachment_ids TEXT NOT NULL,
    reply_to_id TEXT,
    forwarded TEXT,
    status TEXT NOT NULL,
    removed_by TEXT,
    client_id TEXT
  );
  CREATE UNIQUE INDEX messages_by_seq ON messages (conversation_id, seq);
  CREATE UNIQUE INDEX messages_by_client_id ON messages (sender_id, client_id) WHERE client_id IS NOT NULL;
  CREATE TABLE attachments (id TEXT PRIMARY KEY, data TEXT NOT NULL);
  CREATE TABLE reports (id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, data TEXT NOT NULL);
  CREATE INDEX reports_by_conversation ON reports (conversation_id);
  -- Who reviews what, derived from each report's reviewerIds so it can be queried by user.
  CREATE TABLE report_reviewers (
    report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    PRIMARY KEY (report_id, user_id)
  );
  CREATE INDEX report_reviewers_by_user ON report_reviewers (user_id);
  CREATE TABLE events (
    user_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    event TEXT NOT NULL,
    PRIMARY KEY (user_id, seq)
  ) WITHOUT ROWID;
  `,
  // 2: which messages' content each event carries, so a deleted message can be redacted from every log.
  `
  CREATE TABLE event_messages (
    user_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    message_id TEXT NOT NULL,
    PRIMARY KEY (message_id, user_id, seq)
  ) WITHOUT ROWID;
  CREATE INDEX event_messages_by_event ON event_messages (user_id, seq);
  `,
  // 3: a platform message's formatted text (mass messages, weekly updates).
  `
  ALTER TABLE messages ADD COLUMN html TEXT;
  `,
];

/** How a field is kept in its column: as it is, as 0/1, or as JSON text. */
type Codec = 'value' | 'bool' | 'json';
type Columns<T> = { [K in keyof Required<T>]: Codec };
type Row = Record<string, unknown>;

const conversationColumns: Columns<ConversationRecord> = {
  id: 'value',
  kind: 'value',
  name: 'value',
  createdBy: 'value',
  createdAt: 'value',
  closed: 'bool',
  deleted: 'bool',
  courseId: 'value',
  projectId: 'value',
  recipientIds: 'json',
  lastSeq: 'value',
  lastActivityAt: 'value',
  memberCount: 'value',
};
const membershipColumns: Columns<MembershipRecord> = {
  conversationId: 'value',
  userId: 'value',
  joinedAt: 'value',
  readUpTo: 'value',
  unread: 'value',
  listed: 'bool',
  lastActivityAt: 'value',
};
const messageColumns: Columns<MessageRecord> = {
  id: 'value',
  conversationId: 'value',
  seq: 'value',
  senderId: 'value',
  createdAt: 'value',
  editedAt: 'value',
  text: 'value',
  html: 'value',
  attachmentIds: 'json',
  replyToId: 'value',
  forwarded: 'json',
  status: 'value',
  removedBy: 'value',
  clientId: 'value',
};

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function encode<T extends object>(columns: Columns<T>, record: T): Row {
  const row: Row = {};
  for (const [field, codec] of Object.entries(columns)) {
    const value = (record as Row)[field];
    row[snake(field)] = value === undefined ? null : codec === 'bool' ? (value ? 1 : 0) : codec === 'json' ? JSON.stringify(value) : value;
  }
  return row;
}

/** A NULL column leaves its field out, as MemoryStorage's JSON copies drop `undefined`. */
function decode<T extends object>(columns: Columns<T>, row: Row): T {
  const record: Row = {};
  for (const [field, codec] of Object.entries(columns)) {
    const value = row[snake(field)];
    if (value === null || value === undefined) continue;
    record[field] = codec === 'bool' ? value === 1 : codec === 'json' ? JSON.parse(value as string) : value;
  }
  return record as T;
}

/** Insert-or-update that keeps the row (and its rowid, hence its place in insertion order), as a Map keeps a key's place. */
function upsert<T extends object>(table: string, columns: Columns<T>, key: (keyof T & string)[]): string {
  const names = Object.keys(columns).map(snake);
  const keys = key.map(snake);
  const set = names.filter((n) => !keys.includes(n)).map((n) => `${n} = excluded.${n}`);
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})
    ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${set.join(', ')}`;
}

const parse = <T>(row: unknown): T | undefined => (row === undefined ? undefined : (JSON.parse((row as { data: string }).data) as T));

/** The hot reads, kept here so tests can check their query plans use the indexes. */
const QUERIES = {
  messageRange: 'SELECT * FROM messages WHERE conversation_id = ? AND seq BETWEEN ? AND ? ORDER BY seq',
  countFromOthers: 'SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND seq > ? AND sender_id <> ?',
  listMemberships: `SELECT * FROM memberships WHERE user_id = ? AND listed = 1
    ORDER BY last_activity_at DESC, conversation_id LIMIT ?`,
  // `<=` first lets the index seek to the cursor instead of scanning the pages before it.
  listMembershipsAfter: `SELECT * FROM memberships WHERE user_id = @userId AND listed = 1
    AND last_activity_at <= @at AND (last_activity_at < @at OR conversation_id > @id)
    ORDER BY last_activity_at DESC, conversation_id LIMIT @limit`,
  eventsSince: 'SELECT seq, event FROM events WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?',
} as const;

/** The names of the reads whose plans `queryPlan` shows. */
export type QueryName = keyof typeof QUERIES;

/**
 * Storage in a SQLite file (`':memory:'` for a throwaway one). Opening
 * creates or migrates the schema. One connection, used by one backend.
 */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  private readonly eventsKept: number;

  constructor(file: string, options: SqliteStorageOptions = {}) {
    this.eventsKept = options.eventsKept ?? EVENTS_KEPT;
    this.db = new Database(file);
    // WAL: readers never block the writer and commits are one append; NORMAL sync is safe with WAL (a power cut may lose the last commits, never corrupt).
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    // Deleted content (removed messages) is overwritten on disk, not just unlinked.
    this.db.pragma('secure_delete = ON');
    // SQLite copies the log into the file when it passes 1 000 pages, inside the commit that
    // passed it: a message to a 300-member course (600 events) paid for that every other
    // time, half its time. A timer does it instead, off the path of any command.
    this.db.pragma('wal_autocheckpoint = 0');
    this.checkpoints = setInterval(() => this.checkpoint(), CHECKPOINT_EVERY_MS);
    this.checkpoints.unref();
    this.migrate();
  }

  private readonly checkpoints: ReturnType<typeof setInterval>;
  private contentErased = false;

  /** Closes the file; the storage can't be used afterwards. */
  close(): void {
    clearInterval(this.checkpoints);
    if (!this.db.open) return;
    this.db.pragma('optimize');
    this.db.close();
  }

  private checkpoint() {
    if (!this.db.open || this.db.inTransaction) return;
    try {
      if (this.contentErased) this.eraseLog();
      else this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      // A full disk, say: the log keeps growing until there is room; the server must not fall over.
      console.error('[sqlite] checkpoint failed', error);
    }
  }

  private migrate() {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) throw new Error(`The database is at schema version ${version}, newer than this server knows (${MIGRATIONS.length}).`);
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  /** A prepared statement, made once per SQL text. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  /** Runs several statements as one: in a transaction of their own, or in the open one. */
  private atomic<T>(work: () => T): T {
    // Inside a command's transaction (see `transaction`) a savepoint per write would only
    // cost time: a failing write fails the command, and its whole transaction rolls back.
    if (this.db.inTransaction) return work();
    return this.db.transaction(work)();
  }

  /** `EXPLAIN QUERY PLAN` of one of the hot reads, one line per step; for tests and benchmarks. */
  queryPlan(name: QueryName, params: unknown[] | Row): string[] {
    const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${QUERIES[name]}`).all(params) as { detail: string }[];
    return rows.map((r) => r.detail);
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    // A nested call joins the open transaction, as in MemoryStorage. The backend
    // runs one command at a time, so no other work interleaves with it.
    if (this.db.inTransaction) return work();
    // IMMEDIATE takes the write lock now, so the commit can't fail on a lock another connection took meanwhile.
    this.db.exec('BEGIN IMMEDIATE');
    let result: T;
    try {
      result = await work();
      this.db.exec('COMMIT');
    } catch (error) {
      this.contentErased = false;
      // Some errors (a full disk) end the transaction themselves.
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    // Committed: a failing checkpoint must not fail the command (the timer tries again).
    try {
      this.eraseLog();
    } catch (error) {
      console.error('[sqlite] erasing the log failed', error);
    }
    return result;
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
    this.sql(upsert('conversations', conversationColumns, ['id'])).run(encode(conversationColumns, record));
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
    this.sql(upsert('memberships', membershipColumns, ['conversationId', 'userId'])).run(encode(membershipColumns, record));
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
  async membershipsOf(userId: UserId) {
    return this.memberships(this.sql('SELECT * FROM memberships WHERE user_id = ? ORDER BY rowid').all(userId));
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
    this.sql(upsert('messages', messageColumns, ['id'])).run(encode(messageColumns, record));
  }
  /** Not part of the port: stores many messages at once, for imports, tests and benchmarks. */
  putMessages(records: readonly MessageRecord[]): void {
    const insert = this.sql(upsert('messages', messageColumns, ['id']));
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

  async appendEvent(userId: UserId, event: ImEvent) {
    return this.atomic(() => {
      const seq = ((this.sql('SELECT MAX(seq) FROM events WHERE user_id = ?').pluck().get(userId) as number | null) ?? 0) + 1;
      this.sql('INSERT INTO events (user_id, seq, event) VALUES (?, ?, ?)').run(userId, seq, JSON.stringify(event));
      for (const messageId of new Set(messagesIn(event))) {
        this.sql('INSERT INTO event_messages (user_id, seq, message_id) VALUES (?, ?, ?)').run(userId, seq, messageId);
      }
      // Seqs have no gaps, so this keeps exactly the last `eventsKept`; each append drops at most one.
      if (seq > this.eventsKept) {
        this.sql('DELETE FROM events WHERE user_id = ? AND seq <= ?').run(userId, seq - this.eventsKept);
        this.sql('DELETE FROM event_messages WHERE user_id = ? AND seq <= ?').run(userId, seq - this.eventsKept);
      }
      return seq;
    });
  }
  async redactEvents(messageId: string, redact: (event: ImEvent) => ImEvent) {
    // Erasing a message's content is what this is for: once committed, no copy may stay in the log.
    this.contentErased = true;
    this.atomic(() => {
      const rows = this.sql(
        'SELECT e.user_id AS userId, e.seq AS seq, e.event AS event FROM event_messages m JOIN events e ON e.user_id = m.user_id AND e.seq = m.seq WHERE m.message_id = ?',
      ).all(messageId) as { userId: string; seq: number; event: string }[];
      const update = this.sql('UPDATE events SET event = ? WHERE user_id = ? AND seq = ?');
      for (const row of rows) update.run(JSON.stringify(redact(JSON.parse(row.event) as ImEvent)), row.userId, row.seq);
    });
    if (!this.db.inTransaction) this.eraseLog();
  }

  /**
   * After content was erased: copies every page of the write-ahead log into the file
   * (where secure_delete has zeroed the old content) and empties the log, whose older
   * page images would otherwise keep the text until overwritten.
   */
  private eraseLog() {
    if (!this.contentErased) return;
    const [{ busy }] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    // Busy (another connection reading): the timer tries again.
    this.contentErased = busy !== 0;
  }

  async eventsSince(userId: UserId, seq: number, limit: number) {
    // Two subqueries, as SQLite answers a lone MIN or MAX from the index without a scan.
    const bounds = this.sql(
      `SELECT (SELECT MIN(seq) FROM events WHERE user_id = @userId) AS oldest,
              (SELECT MAX(seq) FROM events WHERE user_id = @userId) AS latest`,
    ).get({ userId }) as { oldest: number | null; latest: number | null };
    const latestSeq = bounds.latest ?? 0;
    const rows = this.sql(QUERIES.eventsSince).all(userId, seq, limit) as { seq: number; event: string }[];
    return { events: rows.map((r) => ({ seq: r.seq, event: JSON.parse(r.event) as ImEvent })), latestSeq, oldest: bounds.oldest ?? latestSeq + 1 };
  }
}
