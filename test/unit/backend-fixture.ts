import { Backend, unlimited, type Limits } from '../../src/backend/backend.js';
import { MemoryStorage } from '../../src/backend/memory-storage.js';
import { seed, seedUsers } from '../../src/backend/seed.js';
import type { Storage } from '../../src/backend/storage.js';
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

/** A seeded backend with every user's pushed events recorded; `storage` replaces the default one, `limits` are laid over none, `readStatus` is the school's setting. */
export async function school(options: { storage?: Storage; limits?: Partial<Limits>; readStatus?: ReadStatusSetting } = {}) {
  const clock = { now: Date.UTC(2026, 10, 23, 9) };
  const storage = options.storage ?? (await defaultStorage());
  // The test school writes in bulk at one fixed time: limits are tested on their own.
  const backend = new Backend({ storage, now: () => clock.now, limits: { ...unlimited, ...options.limits }, ...(options.readStatus ? { readStatus: options.readStatus } : {}) });
  const seeded = await seed(backend, clock);
  const events = new Map<string, EventEnvelope[]>();
  backend.onEvent((userId, envelope) => {
    if (!events.has(userId)) events.set(userId, []);
    events.get(userId)!.push(envelope);
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
