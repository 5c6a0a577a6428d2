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
 * else in the storage deals with erasure. The same timer starts the ordinary
 * checkpoints, since SQLite's own are turned off; they run on a thread of their own
 * (checkpointer.ts).
 */
import type Database from 'better-sqlite3';
import { Checkpointer } from './checkpointer.js';

/** How often the write-ahead log is copied into the file (see the constructor). */
const CHECKPOINT_EVERY_MS = 1000;
/** How long the log may grow (pages, 64 MB) before the server's thread copies what the checkpoints' thread could not. */
const LOG_PAGES_KEPT = 16_384;

/** Keeps the invariant above for one connection, and checkpoints its log. */
export class Eraser {
  private readonly checkpoints: ReturnType<typeof setInterval>;
  /** The open transaction erases content. */
  private erasingNow = false;
  /** Content was erased and committed, and the log may still hold its old text: it must be emptied. */
  private logHoldsErased = false;
  /** A file's ordinary checkpoints, off the server's thread; none for a database in memory, which has no log. */
  private readonly checkpointer: Checkpointer | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly logPagesKept = LOG_PAGES_KEPT,
  ) {
    // Deleted content (removed messages) is overwritten on disk, not just unlinked.
    this.db.pragma('secure_delete = ON');
    // SQLite copies the log into the file when it passes 1 000 pages, inside the commit that
    // passed it: a message to a 300-member course (600 events) paid for that every other
    // time, half its time. A timer does it instead, off the path of any command.
    this.db.pragma('wal_autocheckpoint = 0');
    this.checkpointer = db.memory ? undefined : new Checkpointer(db.name, (pages) => this.copyRest(pages));
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

  /** Stops the timer and the checkpoints' thread, before the connection closes. */
  stop(): void {
    clearInterval(this.checkpoints);
    this.checkpointer?.stop();
  }

  private checkpoint() {
    if (!this.db.open) return;
    if (!this.logHoldsErased && this.checkpointer?.start()) return;
    if (this.db.inTransaction) return;
    try {
      if (this.logHoldsErased) this.eraseLog();
      else this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      // A full disk, say: the log keeps growing until there is room; the server must not fall over.
      console.error('[sqlite] checkpoint failed', error);
    }
  }

  /**
   * After the thread's checkpoint, with the log `pages` long: the log starts afresh only once
   * a write finds all of it copied, and while the server writes without a pause there is
   * always something new by the time the thread is done. Past `logPagesKept`, this thread
   * copies that little rest itself, between two commands, so that the log does not grow forever.
   */
  private copyRest(pages: number) {
    if (pages < this.logPagesKept || !this.db.open || this.db.inTransaction) return;
    try {
      this.checkpointer!.exclusive(() => this.db.pragma('wal_checkpoint(PASSIVE)'));
    } catch (error) {
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
    const truncate = () => this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    const [{ busy }] = this.checkpointer ? this.checkpointer.exclusive(truncate) : truncate();
    // Busy (another connection reading): the timer tries again.
    this.logHoldsErased = busy !== 0;
  }
}
