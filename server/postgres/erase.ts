/**
 * The invariant: deleted or removed message text leaves no readable copy in the tables.
 *
 * - The rows: a command that erases text overwrites the message and, through the storage's
 *   `redactEvents`, every event that carried it, in one transaction.
 * - Old row versions: PostgreSQL never overwrites a row in place. An UPDATE writes a new
 *   version and leaves the old one, text and all, in the table's pages (or its TOAST
 *   table's) until VACUUM removes it; autovacuum gets there only once a table has changed
 *   enough, and not at all where it is turned off. So once a transaction that erased text
 *   has committed, this runs VACUUM on the two tables that held the text. VACUUM can't run
 *   inside a transaction, so it runs after the commit, on a pooled connection of its own,
 *   off the command's path (the next command does not wait for it).
 * - VACUUM can't remove a version that a snapshot still open elsewhere may read (a long
 *   report, a backup, a standby with hot_standby_feedback, a prepared transaction). So
 *   before vacuuming this checks that no session, replication slot or prepared transaction
 *   holds back the horizon to the erasing transaction's id; while one does, it tries again,
 *   after a second at first, then less and less often.
 *
 * What stays even so (the page's free space, the write-ahead log, backups), and what the
 * operator does about it, is in docs/postgresql.md.
 */
import type pg from 'pg';
import { reasonOf } from './connection.js';

/** The tables that hold message text, vacuumed after an erasure (their TOAST tables go with them). */
const TABLES = 'messages, event_bodies';
const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 60_000;

/**
 * Whether anything could still read a row version deleted by transaction $1 (its 32-bit
 * id): an older snapshot or transaction in this database or a walsender, a replication
 * slot, a prepared transaction. `age` compares ids across wraparound. Other VACUUMs'
 * snapshots don't hold VACUUM back; autovacuum's are left out where we may see them.
 */
const HELD_BACK = `SELECT EXISTS (
    SELECT 1 FROM pg_stat_activity
    WHERE (datid IS NULL OR datid = (SELECT oid FROM pg_database WHERE datname = current_database()))
      AND pid <> pg_backend_pid() AND backend_type IS DISTINCT FROM 'autovacuum worker'
      AND (age(backend_xmin) >= age($1::text::xid) OR age(backend_xid) >= age($1::text::xid))
  ) OR EXISTS (SELECT 1 FROM pg_replication_slots WHERE age(xmin) >= age($1::text::xid))
    OR EXISTS (SELECT 1 FROM pg_prepared_xacts WHERE age(transaction) >= age($1::text::xid)) AS held`;

export class Eraser {
  /** The id of the latest committed transaction whose erased text may still be in old row versions. */
  private pendingXid: number | undefined;
  private running: Promise<void> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private retryMs = FIRST_RETRY_MS;
  private stopped = false;

  constructor(private readonly pool: pg.Pool) {}

  /** Whether erased text may still be in old row versions (VACUUM has not yet removed them). */
  get erasurePending(): boolean {
    return this.pendingXid !== undefined;
  }

  /** Transaction `xid` (`txid_current()`), which erased content, committed. */
  committed(xid: number): void {
    this.pendingXid = Math.max(this.pendingXid ?? 0, xid);
    this.retryMs = FIRST_RETRY_MS;
    void this.vacuum();
  }

  /** Vacuums now if an erasure is pending (after any run under way); resolves to whether none is left. */
  async vacuumNow(): Promise<boolean> {
    await this.running;
    if (this.erasurePending) await this.vacuum();
    return !this.erasurePending;
  }

  /** Stops retrying and waits for a VACUUM under way, before the pool closes. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.running;
  }

  private vacuum(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run() {
    clearTimeout(this.retry);
    const xid = this.pendingXid;
    if (xid === undefined) return;
    try {
      const [{ held }] = (await this.pool.query<{ held: boolean }>(HELD_BACK, [String(xid % 2 ** 32)])).rows;
      if (!held) {
        await this.pool.query(`VACUUM ${TABLES}`);
        // An erasure committed meanwhile waits for the next run.
        if (this.pendingXid === xid) this.pendingXid = undefined;
      }
    } catch (error) {
      console.error('[postgres] vacuuming erased text failed:', reasonOf(error));
    }
    if (this.erasurePending && !this.stopped) {
      const soon = this.pendingXid !== xid;
      this.retry = setTimeout(() => void this.vacuum(), soon ? 0 : this.retryMs);
      this.retry.unref();
      if (!soon) this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
    }
  }
}
