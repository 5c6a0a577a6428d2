/**
 * Redis for the tests: a server of their own (Debian's `redis-server` on a free port,
 * keeping nothing on disk), so a test can stop and restart it mid-stream without touching
 * the machine's. Where `redis-server` is missing the tests that need it are skipped with
 * one line saying so; in CI (`CI=true`) they fail instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

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

export interface TestRedis {
  url: string;
  /** Stops the server as a crash would (SIGKILL). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A fresh Redis server on a free port of 127.0.0.1. */
export async function startRedis(): Promise<TestRedis> {
  requireRedis();
  const port = await freePort();
  let child: ChildProcess | undefined;
  const redis: TestRedis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], {
        stdio: 'ignore',
      });
      for (let i = 0; i < 100; i++) {
        if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return;
        await sleep(50);
      }
      throw new Error(`redis-server did not answer on port ${port}`);
    },
    async kill() {
      const dying = child;
      if (!dying || dying.exitCode !== null) return;
      const gone = new Promise((done) => dying.once('exit', done));
      dying.kill('SIGKILL');
      await gone;
    },
    stop: () => redis.kill(),
  };
  await redis.start();
  return redis;
}

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}
