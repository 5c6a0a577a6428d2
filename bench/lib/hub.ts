/**
 * The hub under load: the real @microsoft/signalr client, hundreds of
 * connections from this process, against the project's server in child processes on
 * 127.0.0.1: alone on SQLite, or as a cluster (three instances on a PostgreSQL and a
 * Redis of their own, behind nginx, the members spread over the instances). Send and
 * receipt times are read on this process's clock alone.
 */
import * as signalR from '@microsoft/signalr';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startNginx, startPostgresServer, startRedis, freePort } from '../../scripts/local-cluster.js';
import { tokenAuth } from '../../server/auth.js';
import type { EventEnvelope } from '../../src/model/events.js';
import type { FromServer, HubSetup, ToServer } from '../hub-server.js';
import { root } from './paths.js';
import { median, percentile } from './stats.js';

export interface HubOptions {
  /** Members of the course conversation, each connected once. */
  fanoutClients: number;
  /** Messages sent into it, one after another. */
  fanoutSends: number;
  /** Clients connected for the sustained test, each in a group of `groupSize`, all sending. */
  sustainedClients: number;
  sustainedMs: number;
  groupSize: number;
}

export interface HubResult {
  connectMs: number;
  fanout: { clients: number; sends: number; lastReceiptMs: number[]; p50: number; p99: number; eachP50: number; pairP50: number; ratioToPair: number; missing: number };
  sustained: {
    clients: number;
    seconds: number;
    sent: number;
    perSecond: number;
    expected: number;
    received: number;
    lost: number;
    duplicates: number;
    ackP50: number;
    ackP99: number;
    aloneCount: number;
    alonePerSecond: number;
    ratioToAlone: number;
  };
}

/** `BENCH_HUB_PROFILE=<folder>`: each hub server writes a CPU profile of itself there when it stops (`node --cpu-prof`). */
const profiling = process.env.BENCH_HUB_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_HUB_PROFILE}`] : [];

class Server {
  private readonly child: ChildProcess;
  private waiting?: { resolve(m: FromServer): void; reject(e: Error): void };

  constructor() {
    this.child = fork(join(root, 'bench/hub-server.ts'), [], { execArgv: ['--import', 'tsx', ...profiling], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: FromServer) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if ('error' in message) waiting?.reject(new Error(`hub server: ${message.error}`));
      else waiting?.resolve(message);
    });
    this.child.on('exit', (code) => this.waiting?.reject(new Error(`hub server exited (${code})`)));
  }

  ask(message: ToServer): Promise<FromServer> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.child.send(message);
    });
  }

  stop(): Promise<void> {
    return new Promise((done) => {
      this.child.once('exit', () => done());
      this.child.send({ stop: true } satisfies ToServer);
    });
  }

  /** Starts the server with `setup`; resolves to its hub's URL. */
  async start(setup: HubSetup): Promise<string> {
    const ready = await this.ask({ setup });
    if (!('ready' in ready)) throw new Error('hub server did not start');
    return ready.ready.hubUrl;
  }
}

/** Where the clients connect, the backend-alone reference, and how it all stops. */
interface Deployment {
  hubUrl: string;
  /** How many sends the backend alone (one instance's, in a cluster) makes one after another in about `ms`, and in how long exactly. */
  alone(ms: number): Promise<{ count: number; ms: number }>;
  stop(): Promise<void>;
}

export type DeploymentKind = 'single' | 'cluster';

/** How many instances the cluster runs. */
export const CLUSTER_INSTANCES = 3;

async function deploy(kind: DeploymentKind, setup: Omit<HubSetup, 'populate' | 'cluster'>): Promise<Deployment> {
  const alone = (server: Server) => async (ms: number) => {
    const answer = await server.ask({ alone: { ms } });
    return 'alone' in answer ? answer.alone : { count: 0, ms: NaN };
  };
  if (kind === 'single') {
    const server = new Server();
    return { hubUrl: await server.start({ ...setup, populate: true }), alone: alone(server), stop: () => server.stop() };
  }
  const [postgres, redis] = await Promise.all([startPostgresServer(), startRedis()]);
  const servers: Server[] = [];
  const ports: number[] = [];
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await redis.stop();
    postgres.stop();
  };
  try {
    for (let i = 0; i < CLUSTER_INSTANCES; i++) {
      const server = new Server();
      servers.push(server);
      ports.push(await freePort());
      // The first makes the schema and the school; the others find them there.
      await server.start({ ...setup, populate: i === 0, cluster: { databaseUrl: postgres.url, redisUrl: redis.url, port: ports[i] } });
    }
    const balancer = await startNginx(ports);
    return {
      hubUrl: `${balancer.url}/hub`,
      alone: alone(servers[0]),
      async stop() {
        await balancer.stop();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

type Listener = (envelope: EventEnvelope, at: number) => void;

interface Client {
  userId: string;
  connection: signalR.HubConnection;
  listeners: Set<Listener>;
}

async function connectAll(hubUrl: string, ids: string[], secret: string): Promise<Client[]> {
  const auth = tokenAuth({ secret });
  const clients: Client[] = [];
  // A few dozen at a time: a school's morning, not a thundering herd.
  for (let i = 0; i < ids.length; i += 25) {
    clients.push(
      ...(await Promise.all(
        ids.slice(i, i + 25).map(async (userId) => {
          const connection = new signalR.HubConnectionBuilder()
            .withUrl(hubUrl, { accessTokenFactory: () => auth.issue(userId), transport: signalR.HttpTransportType.WebSockets })
            .configureLogging(signalR.LogLevel.None)
            .build();
          const client: Client = { userId, connection, listeners: new Set() };
          connection.on('event', (envelope: EventEnvelope) => {
            const at = performance.now();
            for (const listener of client.listeners) listener(envelope, at);
          });
          await connection.start();
          return client;
        }),
      )),
    );
  }
  return clients;
}

const createdWith = (envelope: EventEnvelope, prefix: string) =>
  envelope.event.type === 'message-created' && envelope.event.message.clientId?.startsWith(prefix) ? envelope.event.message.clientId : undefined;

/** Sends one message and waits until each of `receivers` has it; the receipt times after the send. */
async function sendAndWait(sender: Client, receivers: Client[], conversationId: string, clientId: string): Promise<number[]> {
  const times: number[] = [];
  let start = 0;
  let listener: Listener = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${clientId}: ${times.length} of ${receivers.length} receipts after 30 s`)), 30_000);
    listener = (envelope, at) => {
      if (createdWith(envelope, clientId) !== clientId) return;
      times.push(at - start);
      if (times.length === receivers.length) {
        clearTimeout(timer);
        resolve();
      }
    };
  });
  for (const r of receivers) r.listeners.add(listener);
  try {
    start = performance.now();
    await sender.connection.invoke('sendMessage', { conversationId, clientId, text: `Fan-out ${clientId}: the test is moved to Thursday.` });
    await done;
    return times;
  } finally {
    for (const r of receivers) r.listeners.delete(listener);
  }
}

export async function measureHub(options: HubOptions, log: (line: string) => void, kind: DeploymentKind = 'single'): Promise<HubResult> {
  const secret = randomBytes(24).toString('hex');
  const setup = { tokenSecret: secret, users: Math.max(options.fanoutClients, options.sustainedClients), courseMembers: options.fanoutClients, groupSize: options.groupSize };
  const deployment = await deploy(kind, setup);
  let clients: Client[] = [];
  try {
    const { hubUrl } = deployment;
    const connectStart = performance.now();
    clients = await connectAll(hubUrl, Array.from({ length: options.fanoutClients }, (_, i) => `u-${i + 1}`), secret);
    const connectMs = performance.now() - connectStart;
    log(`  ${clients.length} clients connected in ${Math.round(connectMs)} ms`);

    // Fan-out: the teacher (u-1) writes to the course; every member's connection gets it, the teacher's own too.
    const course = clients.slice(0, options.fanoutClients);
    await sendAndWait(clients[0], course, 'c-course', 'warm-course');
    await sendAndWait(clients[0], [clients[1]], 'c-pair', 'warm-pair');
    const last: number[] = [];
    const each: number[] = [];
    const pair: number[] = [];
    let missing = 0;
    for (let k = 1; k <= options.fanoutSends; k++) {
      // Alternate, so drift (GC, the database growing) reaches both the same.
      try {
        const times = await sendAndWait(clients[0], course, 'c-course', `fan-${k}`);
        last.push(Math.max(...times));
        each.push(...times);
      } catch (error) {
        missing++;
        log(`  ${(error as Error).message}`);
      }
      pair.push(...(await sendAndWait(clients[0], [clients[1]], 'c-pair', `pair-${k}`)));
    }
    const fanout = {
      clients: course.length,
      sends: options.fanoutSends,
      lastReceiptMs: last,
      p50: median(last),
      p99: percentile(last, 99),
      eachP50: median(each),
      pairP50: median(pair),
      ratioToPair: median(last) / median(pair),
      missing,
    };

    // Sustained: everyone connected, each in a group, each sending again as soon as the hub accepted the last.
    const more = Array.from({ length: Math.max(0, options.sustainedClients - clients.length) }, (_, i) => `u-${clients.length + i + 1}`);
    clients.push(...(await connectAll(hubUrl, more, secret)));
    log(`  ${clients.length} clients connected for the sustained test`);
    const groupOf = (index: number) => Math.floor(index / options.groupSize);
    const groupSizes = new Map<number, number>();
    clients.forEach((_, i) => groupSizes.set(groupOf(i), (groupSizes.get(groupOf(i)) ?? 0) + 1));
    let received = 0;
    const seen = new Set<string>();
    let duplicates = 0;
    for (const client of clients) {
      client.listeners.add((envelope) => {
        const id = createdWith(envelope, 's-');
        if (!id) return;
        const key = `${client.userId} ${id}`;
        if (seen.has(key)) duplicates++;
        else {
          seen.add(key);
          received++;
        }
      });
    }
    let sent = 0;
    let expected = 0;
    const acks: number[] = [];
    const start = performance.now();
    const deadline = start + options.sustainedMs;
    let lastAck = start;
    await Promise.all(
      clients.map(async (client, index) => {
        for (let n = 1; performance.now() < deadline; n++) {
          const before = performance.now();
          await client.connection.invoke('sendMessage', { conversationId: `g-${groupOf(index) + 1}`, clientId: `s-${client.userId}-${n}`, text: `Message ${n} from ${client.userId}` });
          lastAck = performance.now();
          acks.push(lastAck - before);
          sent++;
          expected += groupSizes.get(groupOf(index))!;
        }
      }),
    );
    const seconds = (lastAck - start) / 1000;
    // Whatever is still on its way gets a few seconds to arrive before it counts as lost.
    const drainUntil = performance.now() + 10_000;
    while (received < expected && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));
    const alone = await deployment.alone(options.sustainedMs);
    const perSecond = sent / seconds;
    const alonePerSecond = alone.count / (alone.ms / 1000);
    return {
      connectMs,
      fanout,
      sustained: {
        clients: clients.length,
        seconds,
        sent,
        perSecond,
        expected,
        received,
        lost: expected - received,
        duplicates,
        ackP50: median(acks),
        ackP99: percentile(acks, 99),
        aloneCount: alone.count,
        alonePerSecond,
        ratioToAlone: perSecond / alonePerSecond,
      },
    };
  } finally {
    await Promise.all(clients.map((c) => c.connection.stop().catch(() => undefined)));
    await deployment.stop();
  }
}
