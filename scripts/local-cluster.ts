/**
 * A deployment of several instances on one machine, each part its own process on
 * 127.0.0.1, for the cluster's end-to-end test and the benchmark: a PostgreSQL server and a
 * Redis server of their own (so they can be restarted mid-stream without touching the
 * machine's), instances of the server command, and nginx from `deploy/nginx/nginx.conf`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const root = fileURLToPath(new URL('../', import.meta.url));

/**
 * What is still running when this process exits, stopped then: a test that ends early
 * (an assertion in a `before`, a `process.exit`) must not leave servers behind.
 */
const leftovers = new Set<() => void>();
function stopLeftovers() {
  for (const stop of leftovers) {
    try {
      stop();
    } catch {
      // Exiting anyway: stop what else can be stopped.
    }
  }
  leftovers.clear();
}
process.once('exit', stopLeftovers);
// Stopped from outside (a runner's timeout, Ctrl+C): the same, then the exit the signal meant.
for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
  process.once(signal, () => {
    stopLeftovers();
    process.exit(code);
  });
}

/** Registers `stop` until the returned function is called (the part was stopped the normal way). */
function untilStopped(stop: () => void): () => void {
  leftovers.add(stop);
  return () => leftovers.delete(stop);
}

/** Why the cluster can't be run here (a program missing), or `undefined`. */
export function clusterUnavailable(): string | undefined {
  for (const [program, args] of [['nginx', ['-v']], ['redis-server', ['--version']], [join(postgresBin() ?? '/nonexistent', 'initdb'), ['--version']]] as const) {
    const found = spawnSync(program, args, { encoding: 'utf8' });
    if (found.error) return `${program.split('/').at(-1)} is not installed (${found.error.message})`;
  }
  return undefined;
}

/** What installs the programs `clusterUnavailable` looks for, on Debian. */
export const CLUSTER_PACKAGES = 'apt-get install -y nginx-light redis-server postgresql';

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

function postgresBin(): string | undefined {
  const found = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  return found.error || found.status !== 0 ? undefined : found.stdout.trim();
}

/** Runs a PostgreSQL program as the `postgres` user when we are root (it refuses root), else as ourselves. */
function asPostgres(program: string, args: string[]) {
  const bin = join(postgresBin()!, program);
  const run = process.getuid?.() === 0 ? spawnSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8' }) : spawnSync(bin, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${program} ${args.join(' ')} failed: ${run.stderr || run.stdout}`);
}

export interface LocalPostgres {
  url: string;
  /** A fast shutdown and start: every connection is dropped, as in a database's restart. */
  restart(): void;
  stop(): void;
}

/** A new PostgreSQL cluster in a temporary folder, listening on a free port of 127.0.0.1. */
export async function startPostgresServer(): Promise<LocalPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'im-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout));
  const data = join(dir, 'data');
  const port = await freePort();
  asPostgres('initdb', ['-D', data, '--auth=trust', '--username=postgres', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', 'start']);
  const stopped = untilStopped(() => {
    asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-m', 'fast', '-w', 'restart']),
    stop() {
      stopped();
      asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Instance {
  port: number;
  /** What it wrote to stderr, for a failure's message. */
  log: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** One instance of the server command (`server/main.ts`) with `env`, resolved once it listens. */
export async function startInstance(port: number, env: Record<string, string>): Promise<Instance> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const stopped = untilStopped(() => child.kill('SIGKILL'));
  child.once('exit', stopped);
  child.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  await new Promise<void>((listening, failed) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      failed(new Error(`instance on ${port} did not listen within 30 s: ${log.join('')}`));
    }, 30_000);
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes(`:${port}/`) && (clearTimeout(timer), listening()));
    child.once('exit', (code) => (clearTimeout(timer), failed(new Error(`instance on ${port} exited (${code}): ${log.join('')}`))));
  });
  return {
    port,
    log,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((done) => child.once('exit', done));
      child.kill(signal);
      await gone;
    },
  };
}

export interface Balancer {
  url: string;
  stop(): Promise<void>;
}

/** nginx with the repository's config, its ports replaced by the balancer's and the instances'. */
export async function startNginx(instancePorts: number[]): Promise<Balancer> {
  const prefix = mkdtempSync(join(tmpdir(), 'im-nginx-'));
  for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(prefix, 'temp', temp), { recursive: true });
  const port = await freePort();
  const template = readFileSync(join(root, 'deploy/nginx/nginx.conf'), 'utf8');
  const upstream = instancePorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n');
  const config = template
    .replace(/^ {4}server 127\.0\.0\.1:\d+ .*\n(?: {4}server 127\.0\.0\.1:\d+ .*\n)*/m, `${upstream}\n`)
    .replace(/listen 127\.0\.0\.1:\d+;/, `listen 127.0.0.1:${port};`);
  if (!config.includes(upstream) || !config.includes(`:${port};`)) throw new Error('deploy/nginx/nginx.conf no longer has the lines the test fills in');
  writeFileSync(join(prefix, 'nginx.conf'), config);
  // As root nginx would hand its workers to `nobody`, who can't write the prefix.
  const user = process.getuid?.() === 0 ? ['-g', 'user root;'] : [];
  const child = spawn('nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), ...user], { stdio: ['ignore', 'ignore', 'pipe'] });
  // The master's SIGKILL would leave its worker; SIGQUIT is nginx's own shutdown.
  const stopped = untilStopped(() => child.kill('SIGQUIT'));
  child.once('exit', stopped);
  const errors: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${errors.join('')}${readFileSync(join(prefix, 'error.log'), 'utf8')}`);
    const answered = await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
    if (answered) break;
    if (i > 100) throw new Error('nginx did not answer');
    await sleep(50);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      const gone = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await gone;
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

export interface LocalRedis {
  url: string;
  /** Stops the server as a crash would (SIGKILL). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A fresh Redis server on a free port of 127.0.0.1, keeping nothing on disk. */
export async function startRedis(): Promise<LocalRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const redis: LocalRedis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], {
        stdio: 'ignore',
      });
      child = started;
      started.once('exit', untilStopped(() => started.kill('SIGKILL')));
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
