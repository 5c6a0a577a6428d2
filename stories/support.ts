/**
 * A seeded school behind a memory transport, for stories and component tests:
 * the same data the demo server starts with, in the page.
 */
import { Backend, unlimited } from '../src/backend/backend.js';
import { MemoryStorage } from '../src/backend/memory-storage.js';
import { seed, seedUsers } from '../src/backend/seed.js';
import { MessengerStore } from '../src/state/store.js';
import { MemoryTransport } from '../src/transport/memory-transport.js';

export { seedUsers };

export interface DemoOptions {
  /** Who is signed in: a key of `seedUsers`. */
  as?: keyof typeof seedUsers;
  /** Delay of every command, to show loading states. */
  latency?: number;
  /** Start the store (connect and load the list). */
  start?: boolean;
}

export async function demoSchool({ as = 'ola', latency = 0, start = true }: DemoOptions = {}) {
  // While seeding, the backend reads the seed's clock, so the history spreads over the day before now.
  const clock = { now: Date.now(), seeding: true };
  // Stories and tests write in bulk (120 messages in a moment): the limits are the server's, tested on their own.
  const backend = new Backend({ storage: new MemoryStorage(), now: () => (clock.seeding ? clock.now : Date.now()), limits: unlimited });
  const { conversations } = await seed(backend, clock);
  clock.seeding = false;
  const transport = new MemoryTransport({ backend, userId: seedUsers[as].id, latency });
  const store = new MessengerStore(transport);
  if (start) await store.start();
  /** Another user's transport on the same backend, to act for them. */
  const actAs = (who: keyof typeof seedUsers) => <K extends Parameters<Backend['execute']>[1]>(name: K, args: Parameters<Backend['execute']>[2]) =>
    backend.execute(seedUsers[who].id, name, args);
  return { backend, transport, store, ids: conversations, actAs };
}
