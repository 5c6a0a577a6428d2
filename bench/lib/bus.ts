/**
 * The choice of fan-out between instances, measured: a message to a course of 300 is 300
 * member events to pass on. Through Redis pub/sub (what the server uses: one PUBLISH each,
 * to the member's channel) against PostgreSQL's NOTIFY (a pg_notify each, all in one
 * statement of the transaction, delivered at its commit), each to one listening connection, on a PostgreSQL
 * and a Redis of the benchmark's own. Also four such messages committed at once, as
 * instances do, since NOTIFY serializes committing transactions.
 */
import { createClient } from '@redis/client';
import pg from 'pg';
import { startPostgresServer, startRedis } from '../../scripts/local-cluster.js';
import { median, percentile } from './stats.js';

export interface BusOptions {
  /** Member events a message makes. */
  members: number;
  /** Messages timed, one after another. */
  messages: number;
}

export interface BusFigures {
  p50: number;
  p99: number;
  /** Four messages at once, from four connections: until the listener has all four's events. */
  fourAtOnceP50: number;
}

export interface BusResult {
  members: number;
  messages: number;
  payloadBytes: number;
  redis: BusFigures;
  notify: BusFigures;
}

/** An event envelope of the size a course message makes (its text, the conversation summary). */
function envelope(i: number): string {
  const text = 'The test is moved to Thursday. Bring a calculator and the exercises from chapter 4, please. '.repeat(3);
  return JSON.stringify({
    seq: 1000 + i,
    event: {
      type: 'message-created',
      message: { id: `m-${i}`, conversationId: 'c-course', seq: i, sender: { id: 'u-1', name: 'Kari Nordmann', title: 'Teacher' }, createdAt: Date.now(), text, attachments: [], status: 'normal' },
      conversation: { id: 'c-course', kind: 'course', name: 'Mathematics 9B', unread: 3, lastActivityAt: Date.now(), memberCount: 300 },
    },
  });
}

/** Times `send` until `received()` reaches `count`. */
async function timed(count: number, received: () => number, send: () => Promise<void>): Promise<number> {
  const start = performance.now();
  const target = received() + count;
  await send();
  while (received() < target) await new Promise((done) => setImmediate(done));
  return performance.now() - start;
}

export async function measureBus({ members, messages }: BusOptions, log: (line: string) => void): Promise<BusResult> {
  const [postgres, redis] = await Promise.all([startPostgresServer(), startRedis()]);
  const payloads = Array.from({ length: members }, (_, i) => envelope(i));
  const redisClients = [createClient({ url: redis.url }), createClient({ url: redis.url })];
  const pgClients = Array.from({ length: 5 }, () => new pg.Client({ connectionString: postgres.url }));
  try {
    const [publisher, subscriber] = redisClients;
    await Promise.all([...redisClients.map((c) => c.connect()), ...pgClients.map((c) => c.connect())]);
    let redisReceived = 0;
    await subscriber.subscribe(
      payloads.map((_, i) => `im:user:u-${i}`),
      () => void redisReceived++,
    );
    const [listener, ...writers] = pgClients;
    let notified = 0;
    listener.on('notification', () => void notified++);
    await listener.query('LISTEN im_events');

    const viaRedis = (client = publisher) => Promise.all(payloads.map((p, i) => client.publish(`im:user:u-${i}`, p))).then(() => undefined);
    // At its best: every notification in one statement, so round trips don't count against it.
    const viaNotify = async (client: pg.Client) => {
      await client.query('BEGIN');
      await client.query("SELECT pg_notify('im_events', p) FROM unnest($1::text[]) AS p", [payloads]);
      await client.query('COMMIT');
    };
    const extraPublishers = [1, 2, 3].map(() => createClient({ url: redis.url }));
    await Promise.all(extraPublishers.map((c) => c.connect()));
    redisClients.push(...extraPublishers);

    const redisTimes: number[] = [];
    const notifyTimes: number[] = [];
    const redisFour: number[] = [];
    const notifyFour: number[] = [];
    // Warm both, then alternate, so drift reaches both alike.
    await timed(members, () => redisReceived, () => viaRedis());
    await timed(members, () => notified, () => viaNotify(writers[0]));
    for (let k = 0; k < messages; k++) {
      redisTimes.push(await timed(members, () => redisReceived, () => viaRedis()));
      notifyTimes.push(await timed(members, () => notified, () => viaNotify(writers[0])));
      redisFour.push(await timed(4 * members, () => redisReceived, () => Promise.all([publisher, ...extraPublishers].map((c) => viaRedis(c))).then(() => undefined)));
      notifyFour.push(await timed(4 * members, () => notified, () => Promise.all(writers.map((c) => viaNotify(c))).then(() => undefined)));
    }
    const figures = (times: number[], four: number[]): BusFigures => ({ p50: median(times), p99: percentile(times, 99), fourAtOnceP50: median(four) });
    const result = { members, messages, payloadBytes: Buffer.byteLength(payloads[0]), redis: figures(redisTimes, redisFour), notify: figures(notifyTimes, notifyFour) };
    log(`  ${members} events of ${result.payloadBytes} B: Redis p50 ${result.redis.p50.toFixed(1)} ms, NOTIFY p50 ${result.notify.p50.toFixed(1)} ms`);
    return result;
  } finally {
    await Promise.all(redisClients.map((c) => c.close().catch(() => undefined)));
    await Promise.all(pgClients.map((c) => c.end().catch(() => undefined)));
    await redis.stop();
    postgres.stop();
  }
}
