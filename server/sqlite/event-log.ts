/**
 * The users' event logs in SQLite: what a reconnecting client catches up from. An event
 * to many users is stored once (a body, `event_bodies`); each user's log numbers the events
 * sent to them, with what of each is theirs alone (`own`).
 *
 * A log row added where its user's log ends lands on that user's last page: a message to a
 * course of 300 wrote 300 pages far apart (550 with the page splits), nine in ten of its commit,
 * for rows of 30 bytes. So rows are written first to `recent_events`, in the order written,
 * where one event's 300 rows sit side by side on two or three pages, and each user's next
 * number comes from `event_counters`, a small table of one row a user. Between commands, the
 * recent rows are folded into the logs (`events`, by user and number) a few thousand at a
 * time: each user's log is then written once for all its rows since the last fold. Reading a
 * log reads both parts, the folded rows first (they are older).
 *
 * A log keeps its user's last `kept` events. Older rows are deleted when rows are folded (the
 * counter keeps how far); until then reads leave them out, so a reader sees exactly the last
 * `kept`, as from MemoryStorage.
 */
import type { EventBatch, OwnFields } from '../../src/backend/storage.js';
import { eventFor, messagesIn } from '../../src/backend/storage.js';
import type { ImEvent } from '../../src/model/events.js';
import type { UserId } from '../../src/model/types.js';
import type { SqliteConnection } from './connection.js';

/** How often recent rows are folded into the logs. */
const FOLD_EVERY_MS = 1000;
/** About how many rows one fold moves (all of an event's rows go together): 10–20 ms, what a command may wait for one. */
const FOLD_ROWS = 5000;
/** Past this many recent rows a command folds a part itself: a loop of commands that never lets the timer run still keeps the table small. */
const RECENT_MAX = 20_000;

/** The log's reads whose query plans the tests check (the recent rows are few, and read whole). */
export const LOG_QUERIES = {
  eventsSince: 'SELECT e.seq, b.event, e.own FROM events e JOIN event_bodies b ON b.id = e.body_id WHERE e.user_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?',
} as const;

type LogRow = { seq: number; event: string; own: string | null };

export class SqliteEventLog {
  private readonly timer: ReturnType<typeof setInterval>;
  /** About how many rows wait in `recent_events` (a rolled-back command's rows are counted too, until the next fold counts again). */
  private waiting: number;

  constructor(
    private readonly connection: SqliteConnection,
    private readonly kept: number,
  ) {
    this.waiting = this.sql('SELECT COUNT(*) FROM recent_events').pluck().get() as number;
    this.timer = setInterval(() => this.foldBetweenCommands(), FOLD_EVERY_MS);
    this.timer.unref();
  }

  /** Stops folding, before the connection closes; rows not folded stay in the file and are folded after the next start. */
  stop(): void {
    clearInterval(this.timer);
  }

  /** Numbers and stores each batch's event for its users; the numbers batch by batch, in the order of each batch's users. */
  append(batches: readonly EventBatch[]): number[][] {
    const addBody = this.sql('INSERT INTO event_bodies (event) VALUES (?)');
    const link = this.sql('INSERT INTO event_messages (message_id, body_id) VALUES (?, ?)');
    const next = this.sql('INSERT INTO event_counters (user_id, seq) VALUES (?, 1) ON CONFLICT DO UPDATE SET seq = seq + 1 RETURNING seq').pluck();
    const add = this.sql('INSERT INTO recent_events (user_id, seq, body_id, own) VALUES (?, ?, ?, ?)');
    return this.connection.atomic(() => {
      const seqs = batches.map(({ event, users }) => {
        const bodyId = addBody.run(JSON.stringify(event)).lastInsertRowid;
        for (const messageId of new Set(messagesIn(event))) link.run(messageId, bodyId);
        return users.map(({ userId, own }) => {
          const seq = next.get(userId) as number;
          add.run(userId, seq, bodyId, own ? JSON.stringify(own) : null);
          return seq;
        });
      });
      this.waiting += seqs.reduce((sum, batch) => sum + batch.length, 0);
      if (this.waiting > RECENT_MAX) this.fold();
      return seqs;
    });
  }

  /** Rewrites the stored events that carry a message's content (see `Storage.redactEvents`). */
  redact(messageId: string, redact: (event: ImEvent) => ImEvent): void {
    const rows = this.sql('SELECT b.id, b.event FROM event_messages m JOIN event_bodies b ON b.id = m.body_id WHERE m.message_id = ?').all(messageId) as {
      id: number;
      event: string;
    }[];
    const update = this.sql('UPDATE event_bodies SET event = ? WHERE id = ?');
    for (const row of rows) update.run(JSON.stringify(redact(JSON.parse(row.event) as ImEvent)), row.id);
  }

  /** The user's events after `seq`, ascending, at most `limit`; `oldest` is the first seq still kept. */
  since(userId: UserId, seq: number, limit: number) {
    const counter = this.sql('SELECT seq, trimmed FROM event_counters WHERE user_id = ?').get(userId) as { seq: number; trimmed: number } | undefined;
    const latestSeq = counter?.seq ?? 0;
    const oldest = Math.max((counter?.trimmed ?? 0) + 1, latestSeq - this.kept + 1);
    const after = Math.max(seq, oldest - 1);
    if (after >= latestSeq) return { events: [], latestSeq, oldest };
    const rows = this.sql(LOG_QUERIES.eventsSince).all(userId, after, limit) as LogRow[];
    // The recent rows are read whole (they have no index): only for a user some of whose events are among them.
    const folded = rows.at(-1)?.seq ?? (this.sql('SELECT MAX(seq) FROM events WHERE user_id = ?').pluck().get(userId) as number | null) ?? 0;
    if (rows.length < limit && folded < latestSeq) {
      const recent = this.sql(
        'SELECT r.seq, b.event, r.own FROM recent_events r JOIN event_bodies b ON b.id = r.body_id WHERE r.user_id = ? AND r.seq > ? ORDER BY r.rowid LIMIT ?',
      );
      rows.push(...(recent.all(userId, after, limit - rows.length) as LogRow[]));
    }
    const events = rows.map((r) => ({ seq: r.seq, event: eventFor(JSON.parse(r.event) as ImEvent, r.own === null ? undefined : (JSON.parse(r.own) as OwnFields)) }));
    return { events, latestSeq, oldest };
  }

  /**
   * Moves the oldest recent rows (about `FOLD_ROWS`, and the rest of the last event's) into
   * their users' logs, and trims those logs to the last `kept`; returns how many rows moved.
   * An event's rows are moved together, so a body is only ever held by rows of one table.
   */
  fold(): number {
    return this.connection.atomic(() => {
      const boundary = this.sql('SELECT rowid, body_id FROM recent_events ORDER BY rowid LIMIT 1 OFFSET ?').get(FOLD_ROWS - 1) as
        | { rowid: number; body_id: number }
        | undefined;
      // The rows are in the order written, and an event's rows were written one after another.
      const after = boundary
        ? (this.sql('SELECT rowid FROM recent_events WHERE rowid > ? AND body_id <> ? ORDER BY rowid LIMIT 1').pluck().get(boundary.rowid, boundary.body_id) as
            | number
            | undefined)
        : undefined;
      const upTo = after === undefined ? Number.MAX_SAFE_INTEGER : after - 1;
      this.sql('INSERT INTO events (user_id, seq, body_id, own) SELECT user_id, seq, body_id, own FROM recent_events WHERE rowid <= ? ORDER BY user_id, seq').run(upTo);
      const users = this.sql('SELECT DISTINCT user_id FROM recent_events WHERE rowid <= ?').pluck().all(upTo) as UserId[];
      const moved = this.sql('DELETE FROM recent_events WHERE rowid <= ?').run(upTo).changes;
      const latest = this.sql('SELECT seq FROM event_counters WHERE user_id = ?').pluck();
      for (const userId of users) this.trim(userId, (latest.get(userId) as number) - this.kept);
      this.waiting = after === undefined ? 0 : (this.sql('SELECT COUNT(*) FROM recent_events').pluck().get() as number);
      return moved;
    });
  }

  /** Forgets a user's events up to `seq`, and the bodies no other log holds. */
  private trim(userId: UserId, seq: number) {
    if (seq <= 0) return;
    // Where the log starts now, whatever `kept` is after a restart.
    this.sql('UPDATE event_counters SET trimmed = ? WHERE user_id = ? AND trimmed < ?').run(seq, userId, seq);
    const bodies = this.sql('DELETE FROM events WHERE user_id = ? AND seq <= ? RETURNING body_id').pluck().all(userId, seq) as number[];
    const forget = this.sql('DELETE FROM event_bodies WHERE id = @id AND NOT EXISTS (SELECT 1 FROM events WHERE body_id = @id)');
    for (const id of bodies) forget.run({ id });
  }

  /** The timer's fold: one part at a time, the next after the commands waiting meanwhile, never inside a command's transaction. */
  private foldBetweenCommands() {
    if (!this.connection.isOpen || this.connection.inTransaction || this.waiting === 0) return;
    try {
      if (this.fold() > 0 && this.waiting > 0) setImmediate(() => this.foldBetweenCommands());
    } catch (error) {
      // A full disk, say: the rows wait in recent_events, where reads find them, and the timer tries again.
      console.error('[sqlite] folding the event logs failed', error);
    }
  }

  private sql(text: string) {
    return this.connection.sql(text);
  }
}
