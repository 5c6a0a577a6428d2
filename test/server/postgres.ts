/**
 * PostgreSQL for the tests: whether it is there, and a schema of its own for each storage
 * a test opens, dropped afterwards, so parallel runs and reruns never meet.
 *
 * The database is `IM_TEST_DATABASE_URL`, by default the `test` database of the local
 * server as `postgres` (a superuser: the erasure tests read the tables' files on disk). Tests that need
 * it run whenever it answers. When it does not, they are skipped with one line saying so,
 * but in CI (`CI=true`) they fail: CI must run them. `postgresSuite` and `requirePostgres`
 * are that check, for every test that needs it.
 */
import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import pg from 'pg';
import { PostgresStorage, type PostgresStorageOptions } from '../../server/postgres-storage.js';
import { reasonOf } from '../../server/postgres/connection.js';

export const testDatabaseUrl = process.env.IM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const START = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

let reachable: Promise<string | undefined> | undefined;

/** Resolves to why PostgreSQL can't be used, or to `undefined` when it answers. */
function unreachable(): Promise<string | undefined> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return undefined;
    } catch (error) {
      return `PostgreSQL at ${testDatabaseUrl} does not answer (${reasonOf(error)})`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

/**
 * The options of the suite that holds every test needing PostgreSQL: `{}` when it answers,
 * else `{ skip }` with the reason, which the test report shows on the suite's one line.
 * In CI (`CI=true`) it is never skipped: give the suite `before(requirePostgres)`, which
 * then fails it, saying why.
 */
export async function postgresSuite(): Promise<{ skip?: string }> {
  const reason = await unreachable();
  if (!reason || process.env.CI === 'true') return {};
  return { skip: `${reason}: its tests are skipped here (CI=true fails them instead). Start it with: ${START}` };
}

/** Throws why PostgreSQL can't be used, if it can't: a suite's `before` hook, and IM_STORAGE=postgres, fail on it. */
export async function requirePostgres(): Promise<void> {
  const reason = await unreachable();
  if (reason) throw new Error(`${reason}; the PostgreSQL tests need it${process.env.CI === 'true' ? ' (CI=true)' : ''}. Start it with: ${START}`);
}

let schemas = 0;

/** A new schema name, unique to this process and moment (and so to this run). */
export function testSchema(): string {
  return `im_test_${Date.now().toString(36)}_${process.pid}_${randomBytes(3).toString('hex')}_${++schemas}`;
}

/** Runs one statement on the test database in a connection of its own. */
async function run(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Drops a schema made by `testSchema`, and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  await run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

/** The address of another database on the test server. */
function databaseUrl(database: string): string {
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${database}`;
  return url.href;
}

export type TestPostgresStorage = PostgresStorage & { schema: string; close(): Promise<void> };

/** A storage in a new schema of its own; `close` closes it and drops the schema. */
export async function openTestStorage(options: PostgresStorageOptions = {}): Promise<TestPostgresStorage> {
  const schema = options.schema ?? testSchema();
  const storage = await PostgresStorage.open(testDatabaseUrl, { ...options, schema });
  const close = storage.close.bind(storage);
  return Object.assign(storage, {
    schema,
    close: async () => {
      await close();
      await dropSchema(schema);
    },
  });
}

/** For the backend fixture: a storage for the test being run, closed and dropped when it ends. */
export async function storageForThisTest(): Promise<PostgresStorage> {
  await requirePostgres();
  const storage = await openTestStorage();
  // Called inside a test, `after` runs when that test ends.
  after(() => storage.close());
  return storage;
}

/**
 * A database filled once by `fill` (for the backend suites, the seeded school), to be copied
 * for each test by `copyForThisTest`: PostgreSQL copies a database from a template in about a
 * fifth of a second, where seeding it again through the backend's commands takes a second or
 * more, for each of the suites' hundred-odd tests. `drop` removes it once no copy is being made.
 */
export async function fillTemplate<T>(fill: (storage: PostgresStorage) => Promise<T>): Promise<{ database: string; filled: T; drop(): Promise<void> }> {
  await requirePostgres();
  const database = testSchema();
  await run(`CREATE DATABASE ${database}`);
  // Copies are made while nothing is connected to the template: the storage is closed first.
  const storage = await PostgresStorage.open(databaseUrl(database), { schema: database });
  const filled = await fill(storage).finally(() => storage.close());
  return { database, filled, drop: () => run(`DROP DATABASE IF EXISTS ${database}`) };
}

/** For the backend fixture: a storage in a copy of a `fillTemplate` database, closed and dropped when the test ends. */
export async function copyForThisTest(template: string): Promise<PostgresStorage> {
  const database = testSchema();
  await run(`CREATE DATABASE ${database} TEMPLATE ${template}`);
  const storage = await PostgresStorage.open(databaseUrl(database), { schema: template });
  after(async () => {
    await storage.close();
    await run(`DROP DATABASE IF EXISTS ${database}`);
  });
  return storage;
}
