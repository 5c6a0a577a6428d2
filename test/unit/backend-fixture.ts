import { Backend, unlimited, type Limits } from '../../src/backend/backend.js';
import { MemoryStorage } from '../../src/backend/memory-storage.js';
import { seed, seedUsers, type SeedResult } from '../../src/backend/seed.js';
import { envelopeOf, type Storage } from '../../src/backend/storage.js';
import type { CommandArgs, CommandName, CommandResults } from '../../src/model/commands.js';
import { ImError } from '../../src/model/errors.js';
import type { EventEnvelope, ImEvent } from '../../src/model/events.js';
import type { ReadStatusSetting } from '../../src/model/permissions.js';

export const u = seedUsers;

/** Stores one event for one user, as a command that tells only them; its seq. */
export async function appendOne(storage: Storage, userId: string, event: ImEvent): Promise<number> {
  const [[seq]] = await storage.appendEvents([{ event, users: [{ userId }] }]);
  return seq;
}

/**
 * MemoryStorage; or, so the same suite checks the server's storages, SQLite in memory
 * when `IM_STORAGE=sqlite`, PostgreSQL in a schema of the test's own, dropped when the
 * test ends, when `IM_STORAGE=postgres`. Imported only then: this file stays free of Node
 * modules.
 */
async function defaultStorage(): Promise<Storage> {
  const kind = globalThis.process?.env.IM_STORAGE;
  if (kind === 'postgres') return (await import('../server/postgres.js')).storageForThisTest();
  if (kind !== 'sqlite') return new MemoryStorage();
  const { SqliteStorage } = await import('../../server/sqlite-storage.js');
  return new SqliteStorage(':memory:');
}

/** When the test school's history ends. */
const SCHOOL_TIME = Date.UTC(2026, 10, 23, 9);

/** The test school seeded into `storage`, as `school` seeds it: what `seed` returned and the clock afterwards. */
export async function seedSchool(storage: Storage): Promise<{ seeded: SeedResult; now: number }> {
  const clock = { now: SCHOOL_TIME };
  const seeded = await seed(new Backend({ storage, now: () => clock.now, limits: unlimited }), clock);
  return { seeded, now: clock.now };
}

/** The school seeded once by the suites' runner (test/server/storage.test.ts) in a database that each test copies. */
export type SeededTemplate = { database: string } & Awaited<ReturnType<typeof seedSchool>>;

/** A copy of the seeded school for this test, when `IM_STORAGE=postgres` and the runner made one (`IM_SEEDED_POSTGRES`, a `SeededTemplate`). */
async function seededCopy(): Promise<{ storage: Storage; template: SeededTemplate } | undefined> {
  const env = globalThis.process?.env;
  if (env?.IM_STORAGE !== 'postgres' || !env.IM_SEEDED_POSTGRES) return undefined;
  const template = JSON.parse(env.IM_SEEDED_POSTGRES) as SeededTemplate;
  return { storage: await (await import('../server/postgres.js')).copyForThisTest(template.database), template };
}

/** A seeded backend with every user's pushed events recorded; `storage` replaces the default one, `limits` are laid over none, `readStatus` is the school's setting. */
export async function school(options: { storage?: Storage; limits?: Partial<Limits>; readStatus?: ReadStatusSetting } = {}) {
  const clock = { now: SCHOOL_TIME };
  const copy = options.storage ? undefined : await seededCopy();
  const storage = options.storage ?? copy?.storage ?? (await defaultStorage());
  // The test school writes in bulk at one fixed time: limits are tested on their own.
  const backend = new Backend({ storage, now: () => clock.now, limits: { ...unlimited, ...options.limits }, ...(options.readStatus ? { readStatus: options.readStatus } : {}) });
  if (copy) clock.now = copy.template.now;
  const seeded = copy?.template.seeded ?? (await seed(backend, clock));
  const events = new Map<string, EventEnvelope[]>();
  backend.onEvent((userId, stored) => {
    if (!events.has(userId)) events.set(userId, []);
    events.get(userId)!.push(envelopeOf(stored));
  });
  let n = 0;
  const as = (userId: string) =>
    <K extends CommandName>(name: K, args: CommandArgs[K]): Promise<CommandResults[K]> => backend.execute(userId, name, args);
  return {
    backend,
    storage,
    clock,
    ids: seeded.conversations,
    as,
    clientId: () => `test-${++n}`,
    /** Events pushed to a user since the fixture was made (or since `clear`). */
    eventsOf: (userId: string): ImEvent[] => (events.get(userId) ?? []).map((e) => e.event),
    envelopesOf: (userId: string) => events.get(userId) ?? [],
    clear: () => events.clear(),
  };
}

/** Awaits a refusal and returns its error, failing if the call succeeded or threw something untyped. */
export async function refusal(promise: Promise<unknown>): Promise<ImError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImError) return error;
    throw new Error(`expected an ImError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a refusal, but the command succeeded');
}
