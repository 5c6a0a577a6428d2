/**
 * The storage port over PostgreSQL (node-postgres), for a server whose data outlives one
 * machine, and later for several servers on one database. It keeps MemoryStorage's and
 * SqliteStorage's semantics (orderings, copies, paging, event trimming) and their schema:
 * fields that queries filter or sort on are columns, the rest of a record is JSON.
 * Connections and transactions are in postgres/connection.ts, the schema in
 * postgres/migrations.ts, the columns in postgres/rows.ts, and how erased text leaves the
 * tables in postgres/erase.ts.
 */
import {
  eventFor,
  messagesIn,
  type AttachmentRecord,
  type ConversationPage,
  type CourseMember,
  type EventBatch,
  type ReactionRecord,
  type ReactionTally,
  type ReportRecord,
  type Storage,
  type OwnFields,
} from '../src/backend/storage.js';
import type { ConversationRecord, MembershipRecord, MessageRecord } from '../src/backend/storage.js';
import type { ImEvent } from '../src/model/events.js';
import type { Course, CourseId, NotificationPreferences, Project, ProjectId, ReadStatus, Role, User, UserId } from '../src/model/types.js';
import { PostgresConnection, retryAfterConflict, type PostgresOptions } from './postgres/connection.js';
import { Eraser } from './postgres/erase.js';
import { conversationColumns, decode, encode, membershipColumns, messageColumns, upsert } from './postgres/rows.js';
import type { Row } from './sqlite/rows.js';

/** Events kept a user, as in the other storages: a client further behind reloads instead of catching up. */
const EVENTS_KEPT = 5000;

export interface PostgresStorageOptions extends PostgresOptions {
  /** How many events each user's log keeps for catching up (default 5 000). */
  eventsKept?: number;
}

/** The tables that keep a whole record as JSON in `data`, by id. */
type DataTable = 'users' | 'courses' | 'projects' | 'attachments';

/**
 * Takes the next seqs of a command's users: each user's row in `event_counters` goes up by
 * how many events they get (`$2`), and the new last seq comes back.
 *
 * The upsert holds the row's lock until the transaction ends, so another writer for the same
 * user (another command, or another server on the same database) waits, then reads the
 * committed value: seqs are handed out one after another, each transaction's commit comes
 * before the next seq is taken, and a rollback takes its seqs back with its events, so there
 * are no gaps. Writers for other users don't wait; the users come sorted, so two commands
 * take their locks in one order and wait for each other instead of deadlocking. A sequence
 * would not do: it leaves gaps on rollback and may commit out of order; nor would
 * MAX(seq) + 1, which two writers can read alike.
 */
const TAKE_SEQS = `INSERT INTO event_counters AS c (user_id, last_seq)
  SELECT u.user_id, u.n FROM unnest($1::text[], $2::bigint[]) AS u (user_id, n) ORDER BY u.user_id
  ON CONFLICT (user_id) DO UPDATE SET last_seq = c.last_seq + excluded.last_seq
  RETURNING user_id, last_seq`;

/**
 * A command's events in one statement: each body once (`$1`, by its place), each user's row
 * pointing at it (`$2`…`$5`: user, seq, body's place, own fields), the messages each body
 * carries (`$6`, `$7`), and the trimming of each log to its last `$8` (the bodies trimmed away come back,
 * to be forgotten once no log holds them).
 */
const APPEND_EVENTS = `WITH bodies AS (
    SELECT nextval(pg_get_serial_sequence('event_bodies', 'id')) AS id, b.event, b.place
    FROM unnest($1::jsonb[]) WITH ORDINALITY AS b (event, place)
  ), stored AS (
    INSERT INTO event_bodies (id, event) SELECT id, event FROM bodies
  ), added AS (
    INSERT INTO events (user_id, seq, body_id, own)
    SELECT e.user_id, e.seq, bodies.id, e.own FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::jsonb[]) AS e (user_id, seq, place, own)
    JOIN bodies ON bodies.place = e.place
  ), linked AS (
    INSERT INTO event_messages (message_id, body_id)
    SELECT m.message_id, bodies.id FROM unnest($6::text[], $7::bigint[]) AS m (message_id, place) JOIN bodies ON bodies.place = m.place
  )
  DELETE FROM events e USING unnest($2::text[], $3::bigint[]) AS l (user_id, seq)
  WHERE e.user_id = l.user_id AND e.seq <= l.seq - $8::bigint
  RETURNING e.body_id`;

/** The writes of a whole record, made once. */
const UPSERTS = {
  conversation: upsert('conversations', conversationColumns, ['id']),
  membership: upsert('memberships', membershipColumns, ['conversationId', 'userId']),
  message: upsert('messages', messageColumns, ['id']),
};

/** The hot reads, kept here so tests can check their plans use the indexes. */
const QUERIES = {
  // Each user's total, in the order of the array: one round trip for a course's members.
  unreadTotals: `SELECT coalesce((SELECT sum(m.unread) FROM memberships m WHERE m.user_id = u.id AND m.listed AND NOT m.muted), 0)::int AS total
    FROM unnest($1::text[]) WITH ORDINALITY AS u (id, n) ORDER BY u.n`,
  messageRange: 'SELECT * FROM messages WHERE conversation_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq',
  countFromOthers: 'SELECT count(*) AS n FROM messages WHERE conversation_id = $1 AND seq > $2 AND sender_id <> $3',
  findByClientId: 'SELECT * FROM messages WHERE sender_id = $1 AND client_id = $2',
  listMemberships: 'SELECT * FROM memberships WHERE user_id = $1 AND listed AND pinned_at = 0 ORDER BY last_activity_at DESC, conversation_id LIMIT $2',
  // `<=` first lets the index seek to the cursor.
  listMembershipsAfter: `SELECT * FROM memberships WHERE user_id = $1 AND listed AND pinned_at = 0 AND last_activity_at <= $2 AND (last_activity_at < $2 OR conversation_id > $3)
    ORDER BY last_activity_at DESC, conversation_id LIMIT $4`,
  pinnedMemberships: 'SELECT * FROM memberships WHERE user_id = $1 AND pinned_at > 0 AND listed ORDER BY pinned_at DESC, conversation_id',
  // A page of a user's events, with the bounds of their log, read in one snapshot.
  eventsSince: `SELECT b.latest, b.oldest, p.seq, p.event, p.own
    FROM (SELECT (SELECT last_seq FROM event_counters WHERE user_id = $1) AS latest,
                 (SELECT min(seq) FROM events WHERE user_id = $1) AS oldest) b
    LEFT JOIN LATERAL (
      SELECT e.seq, d.event, e.own FROM events e JOIN event_bodies d ON d.id = e.body_id WHERE e.user_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3
    ) p ON true
    ORDER BY p.seq`,
  // The sender's latest message someone counted has seen, and its counts (Storage.readStatus), in one query.
  readStatus: `WITH readers AS MATERIALIZED (
      SELECT m.joined_at, m.seen_up_to FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.conversation_id = $1 AND m.user_id <> $2 AND ($3::boolean OR u.data->>'role' <> 'student')
    ), latest AS (
      SELECT id, seq, created_at FROM messages
      WHERE conversation_id = $1 AND sender_id = $2 AND status = 'normal' AND seq <= (SELECT max(seen_up_to) FROM readers)
        AND EXISTS (SELECT 1 FROM readers r WHERE r.joined_at <= messages.created_at AND r.seen_up_to >= messages.seq)
      ORDER BY seq DESC LIMIT 1
    )
    SELECT latest.id AS "messageId", latest.seq, (count(*) FILTER (WHERE r.seen_up_to >= latest.seq))::int AS seen, count(*)::int AS "of"
    FROM latest JOIN readers r ON r.joined_at <= latest.created_at GROUP BY latest.id, latest.seq`,
} as const;

/** The names of the reads whose plans `queryPlan` shows. */
export type QueryName = keyof typeof QUERIES;

/**
 * Storage in a PostgreSQL database. `open` connects, and creates or migrates the schema.
 * A pool of connections; each transaction keeps one to itself (see postgres/connection.ts).
 */
export class PostgresStorage implements Storage {
  private constructor(
    private readonly connection: PostgresConnection,
    private readonly eraser: Eraser,
    private readonly eventsKept: number,
  ) {}

  /** Opens the database at `url` (`postgres://user:password@host:port/database`); throws one line saying why it can't. */
  static async open(url: string, options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
    const connection = await PostgresConnection.open(url, options);
    const eraser = new Eraser(connection.pool);
    connection.onErased(eraser);
    return new PostgresStorage(connection, eraser, options.eventsKept ?? EVENTS_KEPT);
  }

  /** Waits for a VACUUM under way and closes the connections; the storage can't be used afterwards. */
  async close(): Promise<void> {
    await this.eraser.stop();
    await this.connection.close();
  }

  /** Whether deleted text may still be in old row versions, waiting for VACUUM (see postgres/erase.ts). */
  get erasurePending(): boolean {
    return this.eraser.erasurePending;
  }

  /** Vacuums away erased text now if it can; resolves to whether none is left. For tests and operators' scripts. */
  vacuumErased(): Promise<boolean> {
    return this.eraser.vacuumNow();
  }

  retryable(error: unknown, attempt: number): Promise<boolean> {
    return retryAfterConflict(error, attempt);
  }

  private query<R = Row>(text: string, values?: unknown[]): Promise<R[]> {
    return this.connection.query<R>(text, values);
  }

  /** `EXPLAIN` of one of the hot reads, one line per step; for tests and benchmarks. */
  async queryPlan(name: QueryName, values: unknown[]): Promise<string[]> {
    return (await this.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${QUERIES[name]}`, values)).map((r) => r['QUERY PLAN']);
  }

  transaction<T>(work: () => Promise<T>, serializeOn?: string): Promise<T> {
    return this.connection.transaction(work, serializeOn);
  }

  private async getData<T>(table: DataTable, id: string): Promise<T | undefined> {
    return (await this.query<{ data: T }>(`SELECT data FROM ${table} WHERE id = $1`, [id]))[0]?.data;
  }
  /** The records of `ids` in the order asked, missing ones left out; each a copy of its own. */
  private async getDataByIds<T>(table: DataTable, ids: readonly string[]): Promise<T[]> {
    // A message without attachments asks for none: no round trip for that.
    if (ids.length === 0) return [];
    const rows = await this.query<{ id: string; data: T }>(`SELECT id, data FROM ${table} WHERE id = ANY ($1)`, [ids]);
    const found = new Map(rows.map((r) => [r.id, r.data]));
    return ids.flatMap((id) => (found.has(id) ? [structuredClone(found.get(id)!)] : []));
  }
  private async listData<T>(table: DataTable): Promise<T[]> {
    return (await this.query<{ data: T }>(`SELECT data FROM ${table} ORDER BY pos`)).map((r) => r.data);
  }
  private async putData(table: DataTable, id: string, record: object): Promise<void> {
    await this.query(`INSERT INTO ${table} (id, data) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET data = excluded.data`, [id, JSON.stringify(record)]);
  }

  getUser = (id: UserId) => this.getData<User>('users', id);
  getUsers = (ids: readonly UserId[]) => this.getDataByIds<User>('users', ids);
  listUsers = () => this.listData<User>('users');
  putUser = (user: User) => this.putData('users', user.id, user);
  async getNotificationPreferences(userId: UserId) {
    return (await this.query<{ data: NotificationPreferences }>('SELECT data FROM notification_preferences WHERE user_id = $1', [userId]))[0]?.data;
  }
  async putNotificationPreferences(userId: UserId, preferences: NotificationPreferences) {
    await this.query('INSERT INTO notification_preferences (user_id, data) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET data = excluded.data', [
      userId,
      JSON.stringify(preferences),
    ]);
  }

  getCourse = (id: CourseId) => this.getData<Course>('courses', id);
  listCourses = () => this.listData<Course>('courses');
  putCourse = (course: Course) => this.putData('courses', course.id, course);
  courseMembers(id: CourseId) {
    return this.query<CourseMember>('SELECT user_id AS "userId", role FROM course_members WHERE course_id = $1 ORDER BY pos', [id]);
  }
  async coursesOf(userId: UserId) {
    // In the order each course got its first member, as MemoryStorage keeps them.
    const rows = await this.query<{ data: Course; role: Role }>(
      `SELECT c.data, m.role FROM course_members m JOIN courses c ON c.id = m.course_id WHERE m.user_id = $1
       ORDER BY (SELECT min(f.pos) FROM course_members f WHERE f.course_id = m.course_id)`,
      [userId],
    );
    return rows.map((r) => ({ course: r.data, role: r.role }));
  }
  async putCourseMember(id: CourseId, member: CourseMember) {
    await this.query(
      'INSERT INTO course_members (course_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (course_id, user_id) DO UPDATE SET role = excluded.role',
      [id, member.userId, member.role],
    );
  }
  async deleteCourseMember(id: CourseId, userId: UserId) {
    await this.query('DELETE FROM course_members WHERE course_id = $1 AND user_id = $2', [id, userId]);
  }

  getProject = (id: ProjectId) => this.getData<Project>('projects', id);
  listProjects = () => this.listData<Project>('projects');
  putProject = (project: Project) => this.putData('projects', project.id, project);
  async projectMembers(id: ProjectId) {
    return (await this.query<{ user_id: UserId }>('SELECT user_id FROM project_members WHERE project_id = $1 ORDER BY pos', [id])).map((r) => r.user_id);
  }
  async projectsOf(userId: UserId) {
    const rows = await this.query<{ data: Project }>(
      `SELECT p.data FROM project_members m JOIN projects p ON p.id = m.project_id WHERE m.user_id = $1
       ORDER BY (SELECT min(f.pos) FROM project_members f WHERE f.project_id = m.project_id)`,
      [userId],
    );
    return rows.map((r) => r.data);
  }
  async putProjectMember(id: ProjectId, userId: UserId) {
    await this.query('INSERT INTO project_members (project_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, userId]);
  }

  private async conversation(text: string, values: unknown[]) {
    const [row] = await this.query(text, values);
    return row && decode(conversationColumns, row);
  }
  getConversation(id: string) {
    return this.conversation('SELECT * FROM conversations WHERE id = $1', [id]);
  }
  async putConversation(record: ConversationRecord) {
    await this.query(UPSERTS.conversation, encode(conversationColumns, record));
  }
  findOneToOne(a: UserId, b: UserId) {
    // The first of a's memberships that qualifies, as MemoryStorage walks them.
    return this.conversation(
      `SELECT c.* FROM memberships ma JOIN conversations c ON c.id = ma.conversation_id
       WHERE ma.user_id = $1 AND c.kind = 'one-to-one'
         AND EXISTS (SELECT 1 FROM memberships mb WHERE mb.conversation_id = c.id AND mb.user_id = $2)
       ORDER BY ma.pos LIMIT 1`,
      [a, b],
    );
  }
  findCourseConversation(courseId: CourseId) {
    return this.conversation("SELECT * FROM conversations WHERE course_id = $1 AND kind = 'course' AND NOT deleted ORDER BY pos LIMIT 1", [courseId]);
  }
  findProjectConversation(projectId: ProjectId) {
    // Deleted ones count too: MemoryStorage does not skip them (projects have no delete).
    return this.conversation("SELECT * FROM conversations WHERE project_id = $1 AND kind = 'project' ORDER BY pos LIMIT 1", [projectId]);
  }

  private async memberships(text: string, values: unknown[]) {
    return (await this.query(text, values)).map((r) => decode(membershipColumns, r));
  }
  async getMembership(conversationId: string, userId: UserId) {
    return (await this.memberships('SELECT * FROM memberships WHERE conversation_id = $1 AND user_id = $2', [conversationId, userId]))[0];
  }
  async putMembership(record: MembershipRecord) {
    await this.query(UPSERTS.membership, encode(membershipColumns, record));
  }  async touchMembers(conversationId: string, at: number, messageFrom?: UserId) {
    await this.query(
      `UPDATE memberships SET last_activity_at = $2,
         unread = unread + ((user_id <> $3::text) IS TRUE)::int, listed = listed OR (user_id <> $3::text) IS TRUE
       WHERE conversation_id = $1`,
      [conversationId, at, messageFrom ?? null],
    );
  }

  async deleteMembership(conversationId: string, userId: UserId) {
    await this.query('DELETE FROM memberships WHERE conversation_id = $1 AND user_id = $2', [conversationId, userId]);
  }
  members(conversationId: string) {
    return this.memberships('SELECT * FROM memberships WHERE conversation_id = $1 ORDER BY pos', [conversationId]);
  }
  async listMemberships(userId: UserId, after: { lastActivityAt: number; conversationId: string } | undefined, limit: number): Promise<ConversationPage> {
    // One row more than asked tells whether there is another page.
    const items = after
      ? await this.memberships(QUERIES.listMembershipsAfter, [userId, after.lastActivityAt, after.conversationId, limit + 1])
      : await this.memberships(QUERIES.listMemberships, [userId, limit + 1]);
    return { items: items.slice(0, limit), hasMore: items.length > limit };
  }
  pinnedMemberships(userId: UserId) {
    return this.memberships(QUERIES.pinnedMemberships, [userId]);
  }
  membershipsOf(userId: UserId) {
    return this.memberships('SELECT * FROM memberships WHERE user_id = $1 ORDER BY pos', [userId]);
  }
  async unreadTotal(userId: UserId) {
    const [total] = await this.unreadTotals([userId]);
    return total;
  }
  async unreadTotals(userIds: readonly UserId[]) {
    const rows = await this.query<{ total: number }>(QUERIES.unreadTotals, [userIds]);
    return rows.map((r) => r.total);
  }


  async readStatus(conversationId: string, senderId: UserId, students: boolean) {
    const [row] = await this.query<Omit<ReadStatus, 'conversationId'>>(QUERIES.readStatus, [conversationId, senderId, students]);
    return row && { conversationId, ...row };
  }
  async seenBy(message: Pick<MessageRecord, 'conversationId' | 'seq' | 'senderId' | 'createdAt'>, students: boolean) {
    const rows = await this.query<{ data: User; seen: boolean }>(
      `SELECT u.data, m.seen_up_to >= $3 AS seen FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.conversation_id = $1 AND m.user_id <> $2 AND m.joined_at <= $4 AND ($5::boolean OR u.data->>'role' <> 'student')
       ORDER BY m.pos`,
      [message.conversationId, message.senderId, message.seq, message.createdAt, students],
    );
    return rows.map((r) => ({ user: r.data, seen: r.seen }));
  }
  async sendersBetween(conversationId: string, afterSeq: number, upTo: number, except: UserId) {
    const rows = await this.query<{ sender_id: UserId }>(
      `SELECT sender_id FROM messages WHERE conversation_id = $1 AND seq > $2 AND seq <= $3 AND sender_id <> $4 AND status = 'normal'
       GROUP BY sender_id ORDER BY min(seq)`,
      [conversationId, afterSeq, upTo, except],
    );
    return rows.map((r) => r.sender_id);
  }

  private async messages(text: string, values: unknown[]) {
    return (await this.query(text, values)).map((r) => decode(messageColumns, r));
  }
  async getMessage(id: string) {
    return (await this.messages('SELECT * FROM messages WHERE id = $1', [id]))[0];
  }
  async getMessageBySeq(conversationId: string, seq: number) {
    return (await this.messages('SELECT * FROM messages WHERE conversation_id = $1 AND seq = $2', [conversationId, seq]))[0];
  }
  async findByClientId(senderId: UserId, clientId: string) {
    return (await this.messages(QUERIES.findByClientId, [senderId, clientId]))[0];
  }
  async putMessage(record: MessageRecord) {
    await this.query(UPSERTS.message, encode(messageColumns, record));
  }
  messageRange(conversationId: string, from: number, to: number) {
    return this.messages(QUERIES.messageRange, [conversationId, from, to]);
  }
  allMessages(conversationId: string) {
    return this.messages('SELECT * FROM messages WHERE conversation_id = $1 ORDER BY seq', [conversationId]);
  }
  async countFromOthers(conversationId: string, afterSeq: number, userId: UserId) {
    const [{ n }] = await this.query<{ n: number }>(QUERIES.countFromOthers, [conversationId, afterSeq, userId]);
    return n;
  }

  async addReaction({ messageId, userId, emoji, createdAt }: ReactionRecord) {
    const rows = await this.query(
      'INSERT INTO reactions (message_id, emoji, user_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1 AS added',
      [messageId, emoji, userId, createdAt],
    );
    return rows.length > 0;
  }
  async removeReaction(messageId: string, userId: UserId, emoji: string) {
    const rows = await this.query('DELETE FROM reactions WHERE message_id = $1 AND emoji = $2 AND user_id = $3 RETURNING 1 AS removed', [messageId, emoji, userId]);
    return rows.length > 0;
  }
  reactionTallies(messageIds: readonly string[], viewerId: UserId) {
    return this.query<ReactionTally>(
      `SELECT message_id AS "messageId", emoji, count(*)::int AS count, bool_or(user_id = $2) AS mine FROM reactions
       WHERE message_id = ANY ($1) GROUP BY message_id, emoji`,
      [messageIds, viewerId],
    );
  }
  async reactors(messageId: string, emoji: string) {
    const rows = await this.query<{ user_id: UserId }>('SELECT user_id FROM reactions WHERE message_id = $1 AND emoji = $2 ORDER BY pos', [messageId, emoji]);
    return rows.map((r) => r.user_id);
  }
  async deleteReactions(messageId: string) {
    await this.query('DELETE FROM reactions WHERE message_id = $1', [messageId]);
  }

  getAttachments = (ids: readonly string[]) => this.getDataByIds<AttachmentRecord>('attachments', ids);
  putAttachment = (record: AttachmentRecord) => this.putData('attachments', record.id, record);
  async deleteAttachments(ids: readonly string[]) {
    await this.query('DELETE FROM attachments WHERE id = ANY ($1)', [ids]);
  }
  async unsentAttachments(createdBefore: number, limit: number) {
    // The partial index on unsent uploads answers this (migrations.ts).
    const rows = await this.query<{ data: AttachmentRecord }>(
      `SELECT data FROM attachments
       WHERE jsonb_array_length(data->'conversationIds') = 0 AND (data->>'createdAt')::bigint < $1
       ORDER BY (data->>'createdAt')::bigint, pos LIMIT $2`,
      [createdBefore, limit],
    );
    return rows.map((r) => r.data);
  }
  async unsentBytes(ownerId: string) {
    const [{ total }] = await this.query<{ total: number }>(
      `SELECT coalesce(sum((data->>'size')::bigint), 0)::bigint AS total FROM attachments
       WHERE data->>'ownerId' = $1 AND jsonb_array_length(data->'conversationIds') = 0`,
      [ownerId],
    );
    return total;
  }

  putReport(record: ReportRecord) {
    // Several statements, one change: in a transaction of their own, or in the open one.
    return this.connection.transaction(async () => {
      await this.query(
        `INSERT INTO reports (id, conversation_id, data) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET conversation_id = excluded.conversation_id, data = excluded.data`,
        [record.id, record.conversationId, JSON.stringify(record)],
      );
      await this.query('DELETE FROM report_reviewers WHERE report_id = $1', [record.id]);
      await this.query('INSERT INTO report_reviewers (report_id, user_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [record.id, record.reviewerIds]);
    });
  }
  getReport(id: string) {
    return this.query<{ data: ReportRecord }>('SELECT data FROM reports WHERE id = $1', [id]).then((rows) => rows[0]?.data);
  }
  async reportsFor(reviewerId: UserId) {
    const rows = await this.query<{ data: ReportRecord }>(
      'SELECT r.data FROM report_reviewers v JOIN reports r ON r.id = v.report_id WHERE v.user_id = $1 ORDER BY r.pos',
      [reviewerId],
    );
    return rows.map((r) => r.data);
  }
  async reportsOn(conversationId: string) {
    return (await this.query<{ data: ReportRecord }>('SELECT data FROM reports WHERE conversation_id = $1 ORDER BY pos', [conversationId])).map((r) => r.data);
  }
  async isReviewer(conversationId: string, userId: UserId) {
    const [{ yes }] = await this.query<{ yes: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM report_reviewers v JOIN reports r ON r.id = v.report_id WHERE v.user_id = $1 AND r.conversation_id = $2) AS yes',
      [userId, conversationId],
    );
    return yes;
  }
  async reviewedBy(userId: UserId) {
    // Each conversation once, in the order of its first report, as MemoryStorage's Set gives them.
    const rows = await this.query<{ conversation_id: string }>(
      `SELECT r.conversation_id FROM report_reviewers v JOIN reports r ON r.id = v.report_id WHERE v.user_id = $1
       GROUP BY r.conversation_id ORDER BY min(r.pos)`,
      [userId],
    );
    return rows.map((r) => r.conversation_id);
  }

  async appendEvents(batches: readonly EventBatch[]) {
    const counts = new Map<UserId, number>();
    for (const { users } of batches) for (const { userId } of users) counts.set(userId, (counts.get(userId) ?? 0) + 1);
    if (counts.size === 0) return batches.map(() => []);
    const ids = [...counts.keys()].sort();
    const taken = await this.query<{ user_id: string; last_seq: number }>(TAKE_SEQS, [ids, ids.map((id) => counts.get(id))]);
    const next = new Map(taken.map((r) => [r.user_id, r.last_seq - counts.get(r.user_id)! + 1]));
    const rows = { users: [] as UserId[], seqs: [] as number[], places: [] as number[], owns: [] as (string | null)[] };
    const links = { messages: [] as string[], places: [] as number[] };
    const seqs = batches.map(({ event, users }, b) => {
      for (const id of new Set(messagesIn(event))) {
        links.messages.push(id);
        links.places.push(b + 1);
      }
      return users.map(({ userId, own }) => {
        const seq = next.get(userId)!;
        next.set(userId, seq + 1);
        rows.users.push(userId);
        rows.seqs.push(seq);
        rows.places.push(b + 1);
        rows.owns.push(own ? JSON.stringify(own) : null);
        return seq;
      });
    });
    const bodies = batches.map(({ event }) => JSON.stringify(event));
    const trimmed = await this.query<{ body_id: number }>(APPEND_EVENTS, [bodies, rows.users, rows.seqs, rows.places, rows.owns, links.messages, links.places, this.eventsKept]);
    // A body goes once no log holds it (it was trimmed from its last one).
    if (trimmed.length) {
      await this.query('DELETE FROM event_bodies d WHERE id = ANY($1::bigint[]) AND NOT EXISTS (SELECT 1 FROM events e WHERE e.body_id = d.id)', [trimmed.map((r) => r.body_id)]);
    }
    return seqs;
  }
  redactEvents(messageId: string, redact: (event: ImEvent) => ImEvent) {
    // Erasing a message's content is what this is for: once committed, its old row versions must go (erase.ts).
    return this.connection.transaction(async () => {
      await this.connection.erasing();
      const rows = await this.query<{ id: number; event: ImEvent }>('SELECT d.id, d.event FROM event_messages m JOIN event_bodies d ON d.id = m.body_id WHERE m.message_id = $1', [
        messageId,
      ]);
      if (rows.length === 0) return;
      await this.query('UPDATE event_bodies d SET event = u.event FROM unnest($1::bigint[], $2::jsonb[]) AS u (id, event) WHERE d.id = u.id', [
        rows.map((r) => r.id),
        rows.map((r) => JSON.stringify(redact(r.event))),
      ]);
    });
  }
  async eventsSince(userId: UserId, seq: number, limit: number) {
    const rows = await this.query<{ latest: number | null; oldest: number | null; seq: number | null; event: ImEvent; own: OwnFields | null }>(QUERIES.eventsSince, [
      userId,
      seq,
      limit,
    ]);
    const latestSeq = rows[0].latest ?? 0;
    const events = rows.flatMap((r) => (r.seq === null ? [] : [{ seq: r.seq, event: eventFor(r.event, r.own ?? undefined) }]));
    return { events, latestSeq, oldest: rows[0].oldest ?? latestSeq + 1 };
  }
}
