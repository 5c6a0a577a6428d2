/**
 * The project's real hub server (server/app.ts, SQLite in a temporary folder, or one
 * instance of a cluster on PostgreSQL and Redis) in a process of its own, so the clients
 * that load it do not share its thread.
 * Started by bench/lib/hub.ts with `fork`; talks over the IPC channel:
 *   → { setup }                    ← { ready: { hubUrl } }
 *   → { alone: { ms } }            ← { alone: { count, ms } }   (the backend's own pace, no hub, the reference)
 *   → { stop: true }               ← exits
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../server/app.js';
import { unlimited } from '../src/backend/backend.js';
import type { Storage } from '../src/backend/storage.js';

export interface HubSetup {
  tokenSecret: string;
  /** Users `u-1` … `u-N`; `u-1` is a teacher. */
  users: number;
  /** The course conversation `c-course` holds `u-1` … `u-<courseMembers>`. */
  courseMembers: number;
  /** Groups `g-1` … of `groupSize` consecutive users each, covering every user. */
  groupSize: number;
  /** One instance of several: the shared database and Redis (else SQLite, alone). */
  cluster?: { databaseUrl: string; redisUrl: string; port: number };
  /** Writes the people and conversations above (the first instance of a cluster only). */
  populate: boolean;
}

export type ToServer = { setup: HubSetup } | { alone: { ms: number } } | { stop: true };
export type FromServer = { ready: { hubUrl: string } } | { alone: { count: number; ms: number } } | { error: string };

const send = (message: FromServer) => process.send!(message);

async function populate(storage: Storage, setup: HubSetup) {
  const now = Date.now();
  for (let i = 1; i <= setup.users; i++) {
    await storage.putUser({ id: `u-${i}`, name: `Person ${i}`, title: i === 1 ? 'Teacher' : 'Student', role: i === 1 ? 'teacher' : 'student' });
  }
  await storage.putCourse({ id: 'course', name: 'Whole year 9', color: '#1a5fb4' });
  const conversation = (id: string, kind: 'course' | 'group', members: string[]) => ({
    id,
    kind,
    name: id,
    createdBy: 'u-1',
    createdAt: now,
    closed: false,
    deleted: false,
    lastSeq: 0,
    lastActivityAt: now,
    memberCount: members.length,
    ...(kind === 'course' ? { courseId: 'course' } : {}),
  });
  const define = async (id: string, kind: 'course' | 'group', members: string[]) => {
    await storage.putConversation(conversation(id, kind, members));
    for (const userId of members) {
      await storage.putMembership({ conversationId: id, userId, joinedAt: now, readUpTo: 0, seenUpTo: 0, unread: 0, listed: true, muted: false, pinnedAt: 0, lastActivityAt: now });
    }
  };
  const course = Array.from({ length: setup.courseMembers }, (_, i) => `u-${i + 1}`);
  for (const userId of course) await storage.putCourseMember('course', { userId, role: userId === 'u-1' ? 'teacher' : 'student' });
  await define('c-course', 'course', course);
  // The fan-out's reference: the same send to one other person.
  await define('c-pair', 'group', ['u-1', 'u-2']);
  for (let g = 0; g * setup.groupSize < setup.users; g++) {
    const members = Array.from({ length: Math.min(setup.groupSize, setup.users - g * setup.groupSize) }, (_, i) => `u-${g * setup.groupSize + i + 1}`);
    await define(`g-${g + 1}`, 'group', members);
  }
  // Nobody connected is in it: the backend's own work, with no socket to write to.
  const apart = Array.from({ length: 10 }, (_, i) => `x-${i + 1}`);
  for (const id of apart) await storage.putUser({ id, name: `Apart ${id}`, title: 'Student', role: 'student' });
  await define('c-alone', 'group', apart);
}

const dataDir = mkdtempSync(join(tmpdir(), 'im-bench-'));
/** Each reference send has a client id of its own, or the backend would take it for a repeat. */
let aloneSent = 0;
let app: Awaited<ReturnType<typeof startApp>> | undefined;

process.on('message', async (message: ToServer) => {
  try {
    if ('setup' in message) {
      // Load is the point here: the per-user limits would refuse it.
      const { cluster, tokenSecret } = message.setup;
      app = await startApp({ port: cluster?.port ?? 0, dataDir, tokenSecret, pingIntervalMs: 10_000, limits: unlimited, ...(cluster ?? {}) });
      if (message.setup.populate) await app.backend.run((storage) => populate(storage, message.setup));
      send({ ready: { hubUrl: app.hubUrl } });
    } else if ('alone' in message) {
      // Ten members, as the sustained test's groups: the backend's work per message without sockets,
      // for as long as the sustained test, so the same share of the storage's upkeep (the log's
      // checkpoints, folding the event logs: timers) falls into it.
      const start = performance.now();
      let count = 0;
      while (performance.now() - start < message.alone.ms) {
        count++;
        await app!.backend.execute(`x-${1 + (count % 10)}`, 'sendMessage', { conversationId: 'c-alone', clientId: `alone-${++aloneSent}`, text: `Reference message ${count}` });
        // As a server's commands come from sockets, one an event-loop turn: else its timers would never run.
        await new Promise((resolve) => setImmediate(resolve));
      }
      send({ alone: { count, ms: performance.now() - start } });
    } else if ('stop' in message) {
      await app?.close();
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    }
  } catch (error) {
    send({ error: String((error as Error).stack ?? error) });
  }
});
