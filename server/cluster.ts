/**
 * What several server instances on one database share through Redis (`IM_REDIS_URL`):
 * events, so a user's connection on any instance hears what a command on another did;
 * the rate limits' counts; and which connection tokens have been used. Nothing an instance
 * keeps in memory is needed by another, so a load balancer may send any request anywhere.
 *
 * Events go out over pub/sub, one channel a user, which only the instances holding that
 * user's connections subscribe to. Pub/sub keeps nothing: what is published while an
 * instance's subscription is down is lost to it. That is why the delivery (delivery.ts)
 * reads the database for any gap it sees, and everything after its last delivered event
 * when the subscription comes back.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from '@redis/client';
import type { RateLimiter, Take } from '../src/backend/limits.js';
import type { EventEnvelope } from '../src/model/events.js';
import type { UserId } from '../src/model/types.js';
import { describeUrl } from './describe-url.js';

/** Seconds a Redis connection may take to open before the attempt fails. */
const CONNECT_TIMEOUT_MS = 5_000;
/** The longest wait between attempts to reconnect to Redis. */
const MAX_RECONNECT_DELAY_MS = 2_000;
/** How often each connection pings Redis, so a silent one is noticed. */
const PING_INTERVAL_MS = 5_000;
/**
 * The longest a command waits on Redis before going on without it: a limit not counted, a
 * token not checked for reuse, an event left to the delivery's catching up. A stalled Redis
 * must not stall the instance.
 */
const REDIS_WAIT_MS = 1_000;
/** A published message that is a request to read the database rather than an event. */
const RESYNC = 'resync';


/** Where several instances share what one would keep in memory. */
export interface Cluster {
  bus: EventBus;
  limiter: RateLimiter;
  claims: Claims;
  close(): Promise<void>;
}

/** Events between instances, per user. */
export interface EventBus {
  /** Sends a user's event to the other instances holding their connections. */
  publish(userId: UserId, envelope: EventEnvelope): void;
  /** Resolves once every event published so far has reached Redis or failed to. */
  flushed(): Promise<void>;
  /** Starts receiving the user's events; resolves once Redis has the subscription (or `waitMs` has passed). */
  watch(userId: UserId, waitMs: number): Promise<void>;
  /** Stops receiving the user's events. */
  unwatch(userId: UserId): void;
  /**
   * Hears each event of a watched user from another instance, and `resync` for users
   * whose events may have been lost (all watched ones after the subscription was down).
   */
  listen(listener: { event(userId: UserId, envelope: EventEnvelope): void; resync(userId: UserId | undefined): void }): void;
}

/** Single-use ids, such as connection tokens, shared by the instances. */
export interface Claims {
  /** `true` the first time `id` is claimed within `ttlMs`, `false` after. */
  claim(id: string, ttlMs: number): Promise<boolean>;
}

/**
 * A sliding window per key: a sorted set of takes by time. Atomic in Redis, so two
 * instances counting the same user at once can't both take the last one.
 */
const TAKE = `
local key, token = KEYS[1], ARGV[1]
local now, window, max = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZSCORE', key, token) then return 0 end
if redis.call('ZCARD', key) >= max then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
redis.call('ZADD', key, now, token)
redis.call('PEXPIRE', key, window)
return 0`;

/**
 * Connects to Redis at `url`; throws one line naming `IM_REDIS_URL` if it can't. Once
 * connected, a lost connection is retried for ever: meanwhile events reach only the
 * instance's own connections, limits and claims let everything through (a chat that stops
 * because its limiter is away would be worse than a flood let through for a minute), and
 * each failure is logged once per outage.
 */
export async function connectCluster(url: string, log: (line: string) => void = console.error): Promise<Cluster> {
  if (!/^rediss?:\/\//i.test(url)) throw new Error(`IM_REDIS_URL is not a Redis URL (redis://host:port): ${describeUrl(url)}`);
  let connected = false;
  const options = {
    url,
    // Commands fail at once while the connection is down, rather than queue until it is back.
    disableOfflineQueue: true,
    // A Redis that stops answering without closing the connection (a host gone, a network
    // split) is found by its missing PONG, and the connection is made again.
    pingInterval: PING_INTERVAL_MS,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // At start a failure is the answer (the server won't start); later, Redis is coming back.
      reconnectStrategy: (retries: number, cause: Error) => (connected ? Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS) : cause),
    },
  };
  const commands = newClient(options);
  // The subscriber keeps its subscriptions asked for while down, and makes them again on reconnect.
  const subscriber = newClient({ ...options, disableOfflineQueue: false });
  const outage = outageLog(log);
  for (const [name, client] of [['commands', commands], ['subscriber', subscriber]] as const) {
    // At start the failure is thrown below; after, it is an outage.
    client.on('error', (error: Error) => connected && outage.failed(`[redis] ${name}: ${error.message || error.name}`));
  }
  try {
    await Promise.all([commands.connect(), subscriber.connect()]);
    connected = true;
  } catch (error) {
    commands.destroy();
    subscriber.destroy();
    throw new Error(`Redis at ${describeUrl(url)} can't be used (IM_REDIS_URL): ${(error as Error).message || String(error)}`, { cause: error });
  }
  const origin = randomBytes(6).toString('base64url');
  const bus = new RedisBus(commands, subscriber, origin, outage);
  return {
    bus,
    limiter: {
      async take({ key, token, max, windowMs, now }: Take) {
        try {
          return Number(await bounded(commands.eval(TAKE, { keys: [`im:limit:${key}`], arguments: [token, String(now), String(windowMs), String(max)] })));
        } catch (error) {
          outage.failed(`[redis] limits not counted: ${(error as Error).message}`);
          return 0;
        }
      },
    },
    claims: {
      async claim(id: string, ttlMs: number) {
        try {
          return (await bounded(commands.set(`im:claim:${id}`, '1', { condition: 'NX', expiration: { type: 'PX', value: ttlMs } }))) === 'OK';
        } catch (error) {
          outage.failed(`[redis] connection tokens not checked for reuse: ${(error as Error).message}`);
          return true;
        }
      },
    },
    async close() {
      await bus.flushed();
      commands.destroy();
      subscriber.destroy();
    },
  };
}

class RedisBus implements EventBus {
  private readonly pending = new Set<Promise<unknown>>();
  /** Users whose events failed to go out: told to resync once Redis is back. */
  private readonly unpublished = new Set<UserId>();
  private readonly watched = new Set<UserId>();
  private listener: Parameters<EventBus['listen']>[0] | undefined;

  constructor(
    private readonly commands: Client,
    private readonly subscriber: Client,
    private readonly origin: string,
    private readonly outage: ReturnType<typeof outageLog>,
  ) {
    // Made once both are connected: a 'ready' from now on is a reconnect.
    subscriber.on('ready', () => {
      this.outage.recovered('[redis] subscriber back: reading what was missed');
      this.listener?.resync(undefined);
    });
    commands.on('ready', () => {
      const users = [...this.unpublished];
      this.unpublished.clear();
      for (const userId of users) this.send(userId, RESYNC);
    });
  }

  publish(userId: UserId, envelope: EventEnvelope) {
    this.send(userId, JSON.stringify(envelope));
  }

  flushed(): Promise<void> {
    return bounded(Promise.allSettled([...this.pending])).then(
      () => undefined,
      () => undefined,
    );
  }

  async watch(userId: UserId, waitMs: number) {
    this.watched.add(userId);
    let late = false;
    const subscribed = this.subscriber.subscribe(channelOf(userId), this.receive).then(
      // Subscribed after the user went on without: what was published meanwhile is read.
      () => late && this.watched.has(userId) && this.listener?.resync(userId),
      (error: Error) => this.outage.failed(`[redis] subscribing: ${error.message}`),
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([subscribed, new Promise((done) => (timer = setTimeout(done, waitMs)))]);
    clearTimeout(timer);
    late = true;
  }

  unwatch(userId: UserId) {
    this.watched.delete(userId);
    this.subscriber.unsubscribe(channelOf(userId), this.receive).catch(() => undefined);
  }

  listen(listener: Parameters<EventBus['listen']>[0]) {
    this.listener = listener;
  }

  private send(userId: UserId, body: string) {
    const sent = this.commands.publish(channelOf(userId), `${this.origin}|${body}`).then(
      () => this.outage.recovered('[redis] publishing again'),
      (error: Error) => {
        this.unpublished.add(userId);
        this.outage.failed(`[redis] events not sent to other instances: ${error.message}`);
      },
    );
    this.pending.add(sent);
    void sent.finally(() => this.pending.delete(sent));
  }

  private readonly receive = (message: string, channel: string) => {
    const bar = message.indexOf('|');
    // Our own: delivered here already.
    if (message.slice(0, bar) === this.origin) return;
    const userId = channel.slice(CHANNEL.length);
    if (!this.watched.has(userId)) return;
    const body = message.slice(bar + 1);
    if (body === RESYNC) return this.listener?.resync(userId);
    let envelope: EventEnvelope;
    try {
      envelope = JSON.parse(body) as EventEnvelope;
    } catch {
      return; // not one of ours (another program on the same Redis): what it says is not an event
    }
    this.listener?.event(userId, envelope);
  };
}

const newClient = (options: Parameters<typeof createClient>[0]) => createClient(options);
type Client = ReturnType<typeof newClient>;

const CHANNEL = 'im:user:';
const channelOf = (userId: UserId) => `${CHANNEL}${userId}`;

/** `promise`, or a rejection once Redis has had `REDIS_WAIT_MS` to answer. */
function bounded<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`Redis did not answer within ${REDIS_WAIT_MS} ms`)), REDIS_WAIT_MS)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Logs the first failure of an outage and its end, not every failed command in between. */
function outageLog(log: (line: string) => void) {
  let down = false;
  return {
    failed(line: string) {
      if (down) return;
      down = true;
      log(line);
    },
    recovered(line: string) {
      if (!down) return;
      down = false;
      log(line);
    },
  };
}
