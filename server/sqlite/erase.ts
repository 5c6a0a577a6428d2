/**
 * The invariant: deleted or removed message text leaves no readable copy in the
 * database file or its write-ahead log.
 *
 * - `secure_delete` makes SQLite overwrite deleted content in the file instead of
 *   only unlinking it.
 * - The log still holds older images of the pages that had it. A command that
 *   erases text does it in one transaction that includes the storage's
 *   `redactEvents`, which runs through `erasing`. After that transaction commits, a
 *   TRUNCATE checkpoint copies every page of the log into the file and empties the
 *   log: the old images of the message row and of the events go together. If
 *   another connection is reading, the checkpoint is busy and the timer tries again.
 *
 * The connection reports `committed` and `rolledBack` for each transaction; nothing
 * else in the storage deals with erasure. The same timer does the ordinary
 * checkpoints, since SQLite's own are turned off.
 */
import type Database from 'better-sqlite3';

/** How often the write-ahead log is copied into the file (see the constructor). */
const CHECKPOINT_EVERY_MS = 1000;

/** Keeps the invariant above for one connection, and checkpoints its log. */
export class Eraser {
  private readonly checkpoints: ReturnType<typeof setInterval>;
  /** The open transaction erases content. */
  private erasingNow = false;
  /** Content was erased and committed, and the log may still hold its old text: it must be emptied. */
  private logHoldsErased = false;

  constructor(private readonly db: Database.Database) {
    // Deleted content (removed messages) is overwritten on disk, not just unlinked.
    this.db.pragma('secure_delete = ON');
    // SQLite copies the log into the file when it passes 1 000 pages, inside the commit that
    // passed it: a message to a 300-member course (600 events) paid for that every other
    // time, half its time. A timer does it instead, off the path of any command.
    this.db.pragma('wal_autocheckpoint = 0');
    this.checkpoints = setInterval(() => this.checkpoint(), CHECKPOINT_EVERY_MS);
    this.checkpoints.unref();
  }

  /** Runs a write that erases content; once it is committed, no copy may stay in the log. */
  erasing(work: () => void): void {
    this.erasingNow = true;
    work();
    if (!this.db.inTransaction) this.committed();
  }

  /** The open transaction committed: empties the log if it erased content. */
  committed(): void {
    if (this.erasingNow) this.logHoldsErased = true;
    this.erasingNow = false;
    // Committed: a failing checkpoint must not fail the command (the timer tries again).
    try {
      this.eraseLog();
    } catch (error) {
      console.error('[sqlite] erasing the log failed', error);
    }
  }

  /**
   * The open transaction rolled back: what it erased was not erased. An erasure committed
   * before it still waits for the log to be emptied (it was busy), so that is kept.
   */
  rolledBack(): void {
    this.erasingNow = false;
  }

  /** Stops the timer, before the connection closes. */
  stop(): void {
    clearInterval(this.checkpoints);
  }

  private checkpoint() {
    if (!this.db.open || this.db.inTransaction) return;
    try {
      if (this.logHoldsErased) this.eraseLog();
      else this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      // A full disk, say: the log keeps growing until there is room; the server must not fall over.
      console.error('[sqlite] checkpoint failed', error);
    }
  }

  /**
   * After content was erased: copies every page of the write-ahead log into the file
   * (where secure_delete has zeroed the old content) and empties the log, whose older
   * page images would otherwise keep the text until overwritten.
   */
  private eraseLog() {
    if (!this.logHoldsErased) return;
    const [{ busy }] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    // Busy (another connection reading): the timer tries again.
    this.logHoldsErased = busy !== 0;
  }
}
