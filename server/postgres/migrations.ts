/**
 * The schema of the PostgreSQL storage, and bringing a database up to it: a new one gets
 * every step, an existing one the steps it lacks, and one migrated by a newer server is
 * refused rather than guessed at. Several servers may start at once on one database: an
 * advisory lock lets one migrate while the others wait, then find nothing left to do.
 *
 * The tables mirror SQLite's (sqlite/migrations.ts), with PostgreSQL's types: times and
 * seqs are `bigint`, flags `boolean`, JSON `jsonb`. Ids compare byte by byte (`COLLATE "C"`),
 * so pages sort as in the other storages whatever the database's locale. Tables whose
 * reads come back in insertion order have a `pos` taken from a sequence; an upsert keeps
 * the row and so its place, as a Map keeps a key's.
 */
import type { ClientBase } from 'pg';

/**
 * Schema steps in order: step i takes a database from version i to i + 1, in one
 * transaction with the row that records it. Never edit a step that has shipped; append one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (id text COLLATE "C" PRIMARY KEY, pos bigint GENERATED ALWAYS AS IDENTITY, data jsonb NOT NULL);
  CREATE TABLE courses (id text COLLATE "C" PRIMARY KEY, pos bigint GENERATED ALWAYS AS IDENTITY, data jsonb NOT NULL);
  CREATE TABLE projects (id text COLLATE "C" PRIMARY KEY, pos bigint GENERATED ALWAYS AS IDENTITY, data jsonb NOT NULL);
  CREATE TABLE course_members (
    course_id text COLLATE "C" NOT NULL REFERENCES courses (id),
    user_id text COLLATE "C" NOT NULL,
    role text NOT NULL,
    pos bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (course_id, user_id)
  );
  CREATE INDEX course_members_by_user ON course_members (user_id);
  CREATE TABLE project_members (
    project_id text COLLATE "C" NOT NULL REFERENCES projects (id),
    user_id text COLLATE "C" NOT NULL,
    pos bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (project_id, user_id)
  );
  CREATE INDEX project_members_by_user ON project_members (user_id);
  CREATE TABLE conversations (
    id text COLLATE "C" PRIMARY KEY,
    kind text NOT NULL,
    name text NOT NULL,
    created_by text COLLATE "C" NOT NULL,
    created_at bigint NOT NULL,
    closed boolean NOT NULL,
    deleted boolean NOT NULL,
    course_id text COLLATE "C",
    project_id text COLLATE "C",
    recipient_ids jsonb,
    last_seq bigint NOT NULL,
    last_activity_at bigint NOT NULL,
    member_count integer NOT NULL,
    pos bigint GENERATED ALWAYS AS IDENTITY
  );
  CREATE INDEX conversations_by_course ON conversations (course_id);
  CREATE INDEX conversations_by_project ON conversations (project_id);
  CREATE TABLE memberships (
    conversation_id text COLLATE "C" NOT NULL REFERENCES conversations (id),
    user_id text COLLATE "C" NOT NULL,
    joined_at bigint NOT NULL,
    read_up_to bigint NOT NULL,
    unread integer NOT NULL,
    listed boolean NOT NULL,
    last_activity_at bigint NOT NULL,
    pos bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (conversation_id, user_id)
  );
  -- One index serves a user's list (listed, newest first) and all their memberships.
  CREATE INDEX memberships_by_user ON memberships (user_id, listed, last_activity_at DESC, conversation_id);
  CREATE TABLE messages (
    id text COLLATE "C" PRIMARY KEY,
    conversation_id text COLLATE "C" NOT NULL REFERENCES conversations (id),
    seq bigint NOT NULL,
    sender_id text COLLATE "C" NOT NULL,
    created_at bigint NOT NULL,
    edited_at bigint,
    text text NOT NULL,
    html text,
    attachment_ids jsonb NOT NULL,
    reply_to_id text COLLATE "C",
    forwarded jsonb,
    status text NOT NULL,
    removed_by text,
    client_id text COLLATE "C"
  );
  CREATE UNIQUE INDEX messages_by_seq ON messages (conversation_id, seq);
  CREATE UNIQUE INDEX messages_by_client_id ON messages (sender_id, client_id) WHERE client_id IS NOT NULL;
  CREATE TABLE attachments (id text COLLATE "C" PRIMARY KEY, pos bigint GENERATED ALWAYS AS IDENTITY, data jsonb NOT NULL);
  -- Uploads no message holds yet: a user's quota of unsent bytes, and the hourly sweep.
  CREATE INDEX attachments_unsent_by_owner ON attachments ((data->>'ownerId')) WHERE jsonb_array_length(data->'conversationIds') = 0;
  CREATE INDEX attachments_unsent_by_time ON attachments (((data->>'createdAt')::bigint), pos) WHERE jsonb_array_length(data->'conversationIds') = 0;
  CREATE TABLE reports (
    id text COLLATE "C" PRIMARY KEY,
    conversation_id text COLLATE "C" NOT NULL,
    data jsonb NOT NULL,
    pos bigint GENERATED ALWAYS AS IDENTITY
  );
  CREATE INDEX reports_by_conversation ON reports (conversation_id);
  -- Who reviews what, derived from each report's reviewerIds so it can be queried by user.
  CREATE TABLE report_reviewers (
    report_id text COLLATE "C" NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    user_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (report_id, user_id)
  );
  CREATE INDEX report_reviewers_by_user ON report_reviewers (user_id);
  -- Each user's last event seq. The next one is taken by updating this row in the
  -- transaction that appends the event (see appendEvent in postgres-storage.ts).
  CREATE TABLE event_counters (user_id text COLLATE "C" PRIMARY KEY, last_seq bigint NOT NULL);
  CREATE TABLE events (
    user_id text COLLATE "C" NOT NULL,
    seq bigint NOT NULL,
    event jsonb NOT NULL,
    PRIMARY KEY (user_id, seq)
  );
  -- Which messages' content each event carries, so a deleted message can be redacted from every log.
  CREATE TABLE event_messages (
    user_id text COLLATE "C" NOT NULL,
    seq bigint NOT NULL,
    message_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (message_id, user_id, seq),
    FOREIGN KEY (user_id, seq) REFERENCES events (user_id, seq) ON DELETE CASCADE
  );
  CREATE INDEX event_messages_by_event ON event_messages (user_id, seq);
  `,
  // 2: an event to many users stored once (a body), each user's log holding their seq, the
  // body and what of it is theirs alone; the messages whose content a body carries.
  `
  CREATE TABLE event_bodies (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, event jsonb NOT NULL);
  CREATE TEMPORARY TABLE numbered ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY user_id, seq) AS id, user_id, seq, event FROM events;
  INSERT INTO event_bodies (id, event) SELECT id, event FROM numbered;
  SELECT setval(pg_get_serial_sequence('event_bodies', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM event_bodies), false);
  CREATE TABLE events_by_user (
    user_id text COLLATE "C" NOT NULL,
    seq bigint NOT NULL,
    body_id bigint NOT NULL REFERENCES event_bodies (id),
    own jsonb,
    PRIMARY KEY (user_id, seq)
  );
  INSERT INTO events_by_user (user_id, seq, body_id) SELECT user_id, seq, id FROM numbered;
  CREATE TABLE body_messages (
    message_id text COLLATE "C" NOT NULL,
    body_id bigint NOT NULL REFERENCES event_bodies (id) ON DELETE CASCADE,
    PRIMARY KEY (message_id, body_id)
  );
  INSERT INTO body_messages (message_id, body_id)
    SELECT DISTINCT m.message_id, n.id FROM event_messages m JOIN numbered n ON n.user_id = m.user_id AND n.seq = m.seq;
  DROP TABLE event_messages;
  DROP TABLE events;
  ALTER TABLE events_by_user RENAME TO events;
  ALTER TABLE events RENAME CONSTRAINT events_by_user_pkey TO events_pkey;
  ALTER TABLE body_messages RENAME TO event_messages;
  ALTER TABLE event_messages RENAME CONSTRAINT body_messages_pkey TO event_messages_pkey;
  CREATE INDEX events_by_body ON events (body_id);
  CREATE INDEX event_messages_by_body ON event_messages (body_id);
  `,
  // 3: a member's own mute (issue 18): the conversation's unread stay out of their total.
  `
  ALTER TABLE memberships ADD COLUMN muted boolean NOT NULL DEFAULT false;
  `,
  // 4: a user's notification preferences (issue 18), apart from the user record the platform writes.
  `
  CREATE TABLE notification_preferences (user_id text COLLATE "C" PRIMARY KEY, data jsonb NOT NULL);
  `,
  // 5: a member's own pin (issue 18): when they pinned it, 0 when not. Pinned ones head their list,
  // read through a small index of their own; the list's main index still serves the others.
  `
  ALTER TABLE memberships ADD COLUMN pinned_at bigint NOT NULL DEFAULT 0;
  CREATE INDEX memberships_pinned ON memberships (user_id, pinned_at DESC, conversation_id) WHERE pinned_at > 0;
  `,
  // 6: read status (issue 18): how far each member has ever read (marking unread does not take it
  // back), when a sender was last told of reads, and a sender's own messages by seq.
  `
  ALTER TABLE memberships ADD COLUMN seen_up_to bigint NOT NULL DEFAULT 0;
  ALTER TABLE memberships ADD COLUMN seen_told_at bigint;
  UPDATE memberships SET seen_up_to = read_up_to;
  CREATE INDEX messages_by_sender ON messages (conversation_id, sender_id, seq);
  `,
  // 7: reactions (issue 18), one a person, message and emoji; read by message, in the order made (pos).
  `
  CREATE TABLE reactions (
    message_id text COLLATE "C" NOT NULL REFERENCES messages (id),
    emoji text NOT NULL,
    user_id text COLLATE "C" NOT NULL,
    created_at bigint NOT NULL,
    pos bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (message_id, emoji, user_id)
  );
  `,
];

/** The version table: one row a step, with when it ran. */
const VERSION_TABLE = `CREATE TABLE IF NOT EXISTS schema_version (
  version integer PRIMARY KEY,
  migrated_at timestamptz NOT NULL DEFAULT now()
)`;

/**
 * Brings the database (the connection's current schema) to the newest schema, a step a
 * transaction; throws if it is newer than `steps`. `steps` is for tests of the upgrade.
 */
export async function migrate(client: ClientBase, steps: readonly string[] = MIGRATIONS): Promise<void> {
  for (;;) {
    await client.query('BEGIN');
    try {
      // Per schema, so test runs in schemas of their own don't wait for each other.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('im-panel migrations ' || current_schema()))");
      await client.query(VERSION_TABLE);
      const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_version');
      const version = rows[0].version ?? 0;
      if (version > steps.length) throw new Error(`The database is at schema version ${version}, newer than this server knows (${steps.length}).`);
      if (version === steps.length) {
        await client.query('COMMIT');
        return;
      }
      await client.query(steps[version]);
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [version + 1]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}
