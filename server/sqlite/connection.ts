/**
 * The SQLite storage's one connection: opening the file (pragmas, schema), prepared
 * statements, transactions, closing.
 */
import Database from 'better-sqlite3';
import { Eraser } from './erase.js';
import { migrate } from './migrations.js';
import type { Row } from './rows.js';

export class SqliteConnection {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly eraser: Eraser;

  /** `logPagesKept`: see `Eraser`. */
  constructor(file: string, logPagesKept?: number) {
    this.db = new Database(file);
    // WAL: readers never block the writer and commits are one append; NORMAL sync is safe with WAL (a power cut may lose the last commits, never corrupt).
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.eraser = new Eraser(this.db, logPagesKept);
    migrate(this.db);
  }

  /** Closes the file; the connection can't be used afterwards. */
  close(): void {
    this.eraser.stop();
    if (!this.db.open) return;
    this.db.pragma('optimize');
    this.db.close();
  }

  /** False once closed: a timer that outlives the connection must not use it. */
  get isOpen(): boolean {
    return this.db.open;
  }

  /** A command's transaction (or another) is open: writes outside it must wait. */
  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  /** A prepared statement, made once per SQL text. */
  sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  /** Runs several statements as one: in a transaction of their own, or in the open one. */
  atomic<T>(work: () => T): T {
    // Inside a command's transaction (see `transaction`) a savepoint per write would only
    // cost time: a failing write fails the command, and its whole transaction rolls back.
    if (this.db.inTransaction) return work();
    return this.db.transaction(work)();
  }

  /** Runs writes that erase content (see erase.ts), as one. */
  erasing(work: () => void): void {
    this.eraser.erasing(() => this.atomic(work));
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
      this.eraser.rolledBack();
      // Some errors (a full disk) end the transaction themselves.
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    this.eraser.committed();
    return result;
  }

  /** `EXPLAIN QUERY PLAN` of `text`, one line per step. */
  queryPlan(text: string, params: unknown[] | Row): string[] {
    const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(params) as { detail: string }[];
    return rows.map((r) => r.detail);
  }
}
