/**
 * Redis for the tests: a server of their own (Debian's `redis-server` on a free port,
 * keeping nothing on disk), so a test can stop and restart it mid-stream without touching
 * the machine's. Where `redis-server` is missing the tests that need it are skipped with
 * one line saying so; in CI (`CI=true`) they fail instead.
 */
import { spawnSync } from 'node:child_process';
import { startRedis as startLocalRedis, type LocalRedis } from '../../scripts/local-cluster.js';

export { freePort } from '../../scripts/local-cluster.js';
export type TestRedis = LocalRedis;

const INSTALL = 'apt-get install -y redis-server';

/** Why Redis can't be started here, or `undefined`. */
function unavailable(): string | undefined {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return found.error ? `redis-server is not installed (${found.error.message})` : undefined;
}

/** `{}` when Redis can be started, else `{ skip }` with the reason; never skipped under `CI=true` (see `requireRedis`). */
export function redisSuite(): { skip?: string } {
  const reason = unavailable();
  if (!reason || process.env.CI === 'true') return {};
  return { skip: `${reason}: the cluster's tests are skipped here (CI=true fails them instead). Install it with: ${INSTALL}` };
}

/** Throws why Redis can't be started: a suite's `before` hook fails on it. */
export function requireRedis(): void {
  const reason = unavailable();
  if (reason) throw new Error(`${reason}; the cluster's tests need it. Install it with: ${INSTALL}`);
}

/** A fresh Redis server of the test's own; fails, saying how to install it, where there is none. */
export async function startRedis(): Promise<TestRedis> {
  requireRedis();
  return startLocalRedis();
}
