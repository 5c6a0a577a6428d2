/**
 * The PostgreSQL storage's connections: a pool, opening it (schema, migrations), statements,
 * transactions, closing.
 *
 * A transaction holds one pooled connection from BEGIN to COMMIT, and every statement of the
 * work it runs goes there: the work's async context carries it (AsyncLocalStorage), so no
 * other caller's statement can slip into it, and nested calls join it as in MemoryStorage.
 * Statements outside a transaction run on any pooled connection, each committed on its own.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Eraser } from './erase.js';
import { describeUrl } from '../describe-url.js';
import { migrate } from './migrations.js';
import { typeParsers } from './rows.js';

/** Seconds a connection may take to open before the attempt fails (pg waits forever by default). */
const CONNECT_TIMEOUT_MS = 10_000;

export interface PostgresOptions {
  /**
   * The schema to keep the tables in, made if missing (tests give each run one of their
   * own). Default: the connection's `search_path`, normally `public`.
   */
  schema?: string;
  /** At most this many connections (default 4: the backend runs one command at a time; the eraser's VACUUM takes another). */
  maxConnections?: number;
}

interface Transaction {
  client: pg.PoolClient;
  /** Its id (\`txid_current()\`) once it erases content (see erase.ts): after the commit, old row versions must be vacuumed away. */
  erasingXid: number | undefined;
  /** Committed or rolled back: anything still running in its context uses the pool. */
  done: boolean;
}

/** The reason an error gives, on one line (Node's connection errors may be an AggregateError with no message of its own). */
export function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map(reasonOf).join('; ');
  return error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code || error.name : String(error);
}

export class PostgresConnection {
  private readonly context = new AsyncLocalStorage<Transaction>();
  private readonly names = new Map<string, string>();
  private eraser: Eraser | undefined;

  private constructor(readonly pool: pg.Pool) {}

  /** Connects, makes the schema if asked, and migrates it; throws one line saying why it can't. */
  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresConnection> {
    const { schema } = options;
    if (!/^postgres(ql)?:\/\//i.test(url)) throw new Error(`Not a PostgreSQL URL (postgres://user:password@host:port/database): ${describeUrl(url)}`);
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Not a schema name we make: ${schema}`);
    const pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 4,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      types: typeParsers,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle connection that breaks (a database restart) must not take the server down; the pool replaces it.
    pool.on('error', (error) => console.error('[postgres] idle connection lost:', reasonOf(error)));
    try {
      const client = await pool.connect();
      try {
        if (schema) {
          // Two servers making it at once: the second finds the first's in the catalog (a unique violation), and it is there.
          const madeMeanwhile = (error: { code?: string }) => (error.code === '23505' ? undefined : Promise.reject(error));
          await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`).catch(madeMeanwhile);
        }
        await migrate(client);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new Error(`PostgreSQL at ${describeUrl(url)} can't be used: ${reasonOf(error)}`, { cause: error });
    }
    return new PostgresConnection(pool);
  }

  /** Told when a transaction that erased content commits. */
  onErased(eraser: Eraser): void {
    this.eraser = eraser;
  }

  /** Runs one statement: in the open transaction, or on its own. Prepared once per connection. */
  async query<R = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    let name = this.names.get(text);
    if (!name) this.names.set(text, (name = `im${this.names.size}`));
    const tx = this.context.getStore();
    const runner = tx && !tx.done ? tx.client : this.pool;
    return (await runner.query({ name, text, values })).rows as R[];
  }

  /** Marks the open transaction as one that erases content (redactEvents runs inside it). */
  async erasing(): Promise<void> {
    const tx = this.context.getStore();
    if (!tx || tx.done || tx.erasingXid !== undefined) return;
    const [{ xid }] = await this.query<{ xid: number }>('SELECT txid_current() AS xid');
    tx.erasingXid = xid;
  }

  /**
   * Runs `work` in a transaction on a connection of its own; a call inside one joins it.
   * Serializable: with several servers on one database, commands run side by side, and the
   * rules were written for commands one after another (the 300 limit, one one-to-one per
   * pair, a message's client id). PostgreSQL aborts one of two transactions that could not
   * have run in some order; the backend runs it again (`retryAfterConflict`).
   *
   * Those with the same `serializeOn` (a conversation's id) wait for each other instead: a
   * lock on it is taken before the transaction begins, so its snapshot comes after the one
   * before committed. Several servers writing into one busy conversation then take turns
   * rather than abort each other over its next message number, again and again.
   */
  async transaction<T>(work: () => Promise<T>, serializeOn?: string): Promise<T> {
    const open = this.context.getStore();
    if (open && !open.done) return work();
    const client = await this.pool.connect();
    const tx: Transaction = { client, erasingXid: undefined, done: false };
    let broken: Error | undefined;
    let locked = false;
    try {
      if (serializeOn !== undefined) {
        await client.query(TAKE_TURN, [serializeOn]);
        locked = true;
      }
      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      const result = await this.context.run(tx, work);
      await client.query('COMMIT');
      tx.done = true;
      if (tx.erasingXid !== undefined) this.eraser?.committed(tx.erasingXid);
      return result;
    } catch (error) {
      tx.done = true;
      // A connection that can't even roll back is dropped rather than handed to the next caller.
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw error;
    } finally {
      // A connection dropped for being broken ends its session, and the lock with it.
      if (locked && !broken) await client.query(END_TURN, [serializeOn]).catch((unlock: Error) => (broken = unlock));
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * A session's lock on a key (`transaction`'s `serializeOn`), by schema: servers of another
 * schema in the same database don't wait for it.
 */
const TAKE_TURN = "SELECT pg_advisory_lock(hashtext('im-panel turn ' || current_schema() || ' ' || $1))";
const END_TURN = "SELECT pg_advisory_unlock(hashtext('im-panel turn ' || current_schema() || ' ' || $1))";

/**
 * Runs of one command while PostgreSQL keeps aborting it for conflicts: about 12 s of pauses.
 * Commands on one conversation take turns (`transaction`), but those on different ones can
 * still meet (a person in both, the same report): a busy school can abort one command for a
 * while; it must wait its turn, not fail. Conflicts that persist longer than that are a fault.
 */
const MAX_ATTEMPTS = 100;

/**
 * What a conflict with another transaction is reported as: a serialization failure, a deadlock,
 * and, as PostgreSQL's documentation advises to retry in serializable transactions, a unique or
 * exclusion violation (two servers numbering a conversation's next message at once). A real
 * duplicate is found by the command itself when it runs again.
 */
const CONFLICTS = new Set(['40001', '40P01', '23505', '23P01']);

/**
 * Whether a transaction PostgreSQL rolled back for a conflict (`CONFLICTS`) should run again,
 * resolved after a pause: random, so that the two that conflicted don't meet again at once,
 * and growing with each attempt (from a few milliseconds to at most a quarter of a second),
 * as commands on a busy conversation queue up.
 */
export async function retryAfterConflict(error: unknown, attempt: number): Promise<boolean> {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !CONFLICTS.has(code) || attempt >= MAX_ATTEMPTS) return false;
  await sleep(Math.random() * Math.min(250, 2 ** attempt));
  return true;
}
