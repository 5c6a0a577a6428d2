/**
 * The schema of the SQLite storage, and bringing a file up to it: a new file gets
 * every step, an existing one the steps it lacks, and a file from a newer server is
 * refused rather than guessed at.
 */
import type Database from 'better-sqlite3';

/**
 * Schema steps in order: step i takes a file from `user_version` i to i + 1.
 * Never edit a step that has shipped; append a new one.
 */
export const MIGRATIONS: readonly string[] = [
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
  // 4: an event to many users stored once (a body), each user's log holding their seq, the
  // body and what of it is theirs alone; the messages whose content a body carries.
  `
  CREATE TABLE event_bodies (id INTEGER PRIMARY KEY, event TEXT NOT NULL);
  CREATE TABLE events_by_user (
    user_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    body_id INTEGER NOT NULL REFERENCES event_bodies (id),
    own TEXT,
    PRIMARY KEY (user_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE body_messages (
    message_id TEXT NOT NULL,
    body_id INTEGER NOT NULL REFERENCES event_bodies (id) ON DELETE CASCADE,
    PRIMARY KEY (message_id, body_id)
  ) WITHOUT ROWID;
  CREATE TEMP TABLE numbered AS SELECT ROW_NUMBER() OVER (ORDER BY user_id, seq) AS id, user_id, seq, event FROM events;
  INSERT INTO event_bodies (id, event) SELECT id, event FROM numbered;
  INSERT INTO events_by_user (user_id, seq, body_id) SELECT user_id, seq, id FROM numbered;
  INSERT OR IGNORE INTO body_messages (message_id, body_id)
    SELECT m.message_id, n.id FROM event_messages m JOIN numbered n ON n.user_id = m.user_id AND n.seq = m.seq;
  DROP TABLE numbered;
  DROP TABLE event_messages;
  DROP TABLE events;
  ALTER TABLE events_by_user RENAME TO events;
  ALTER TABLE body_messages RENAME TO event_messages;
  CREATE INDEX events_by_body ON events (body_id);
  CREATE INDEX event_messages_by_body ON event_messages (body_id);
  `,
  // 5: a member's own mute (issue 18): the conversation's unread stay out of their total.
  `
  ALTER TABLE memberships ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;
  `,
  // 6: a user's notification preferences (issue 18), apart from the user record the platform writes.
  `
  CREATE TABLE notification_preferences (user_id TEXT PRIMARY KEY, data TEXT NOT NULL);
  `,
  // 7: a member's own pin (issue 18): when they pinned it, 0 when not. Pinned ones head their list,
  // read through a small index of their own; the list's main index still serves the others.
  `
  ALTER TABLE memberships ADD COLUMN pinned_at INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX memberships_pinned ON memberships (user_id, pinned_at DESC, conversation_id) WHERE pinned_at > 0;
  `,
  // 8: read status (issue 18): how far each member has ever read (marking unread does not take it
  // back), when a sender was last told of reads, and a sender's own messages by seq.
  `
  ALTER TABLE memberships ADD COLUMN seen_up_to INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE memberships ADD COLUMN seen_told_at INTEGER;
  UPDATE memberships SET seen_up_to = read_up_to;
  CREATE INDEX messages_by_sender ON messages (conversation_id, sender_id, seq);
  `,
  // 9: reactions (issue 18), one a person, message and emoji; read by message, in the order made (rowid).
  `
  CREATE TABLE reactions (
    message_id TEXT NOT NULL REFERENCES messages (id),
    emoji TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (message_id, emoji, user_id)
  );
  `,
  // 10: a user's log rows are written first side by side with the other members' of the same event,
  // and folded into the logs later, in bulk (sqlite/event-log.ts); each user's latest seq, and up to
  // which their log was trimmed, in a row of its own.
  `
  CREATE TABLE event_counters (user_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, trimmed INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
  INSERT INTO event_counters (user_id, seq, trimmed) SELECT user_id, MAX(seq), MIN(seq) - 1 FROM events GROUP BY user_id;
  CREATE TABLE recent_events (user_id TEXT NOT NULL, seq INTEGER NOT NULL, body_id INTEGER NOT NULL, own TEXT);
  `,
];

/** Brings the file to the newest schema, one step a transaction; throws if it is newer than `steps` (tests of the upgrade give fewer). */
export function migrate(db: Database.Database, steps: readonly string[] = MIGRATIONS): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > steps.length) throw new Error(`The database is at schema version ${version}, newer than this server knows (${steps.length}).`);
  for (let v = version; v < steps.length; v++) {
    db.transaction(() => {
      db.exec(steps[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
