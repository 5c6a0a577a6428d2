/**
 * Delivers each user's events to their connections on this instance in sequence order,
 * each once, with no gaps. With one instance that is simply the order the backend commits
 * in. With several, a user's events come from every instance through Redis, and two
 * instances' events can cross on the way, or one can be lost (an instance killed between
 * its commit and its publish, Redis restarting): whenever an event arrives past a gap, or
 * the subscription comes back after an outage, what is missing is read from the database,
 * where every event is before anyone hears of it. A user's seqs are handed out one commit
 * after another, so an event past a gap means the events in the gap are committed.
 *
 * Nothing is ever sent past a gap: a client counts on its events arriving without one
 * (it catches up from the last it has). If the database can't be read to fill it, the
 * user's connections here are closed with a request to reconnect instead.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { StoredEvent } from '../src/backend/storage.js';
import type { UserId } from '../src/model/types.js';

/** Events read a time when filling a gap. */
const PAGE = 500;
/** Waits before reading again after a failed read; `undefined` gives up. */
const READ_RETRIES_MS = [100, 500, undefined];

export interface DeliveryOptions {
  /** Sends an event to the user's connections here. */
  send(userId: UserId, event: StoredEvent): void;
  /**
   * Closes the user's connections here, asking their clients to reconnect: for when their
   * events can't be delivered in order (the store could not be read). Each client then
   * catches up from the last event it has, which is before anything missing.
   */
  reset(userId: UserId): void;
  /** The user's stored events after `seq` (at most `limit`), and their latest seq. */
  read(userId: UserId, seq: number, limit: number): Promise<{ events: StoredEvent[]; latestSeq: number }>;
  /** Hears failures to read. */
  report(error: unknown): void;
}

interface Watched {
  /** Connections of the user here. */
  connections: number;
  /** The last seq sent to them. */
  delivered: number;
  /** Work for this user runs one step at a time, in order. */
  tail: Promise<void>;
  /** Steps waiting in `tail`; none means an event in order can go at once. */
  queued: number;
  /** Counting has started: the user's latest seq has been read. */
  ready: Promise<void>;
  /**
   * Nothing more goes out: the user's last connection here left (steps still queued must
   * not reach a later one), or their events could not be kept in order and their
   * connections were reset.
   */
  done: boolean;
}

export class Delivery {
  private readonly watched = new Map<UserId, Watched>();

  constructor(private readonly options: DeliveryOptions) {}

  /**
   * A connection of the user's arrived. On their first, counting starts from their latest
   * stored event: what came before is the client's to catch up on (`getEventsSince`), after
   * `ready`; what comes after is delivered here.
   */
  watch(userId: UserId, before: () => Promise<void> = async () => undefined) {
    const known = this.watched.get(userId);
    if (known) return void known.connections++;
    const watched: Watched = { connections: 1, delivered: 0, tail: Promise.resolve(), queued: 0, ready: Promise.resolve(), done: false };
    this.watched.set(userId, watched);
    watched.ready = this.step(userId, watched, async () => {
      await before();
      watched.delivered = (await this.retried(() => this.options.read(userId, Number.MAX_SAFE_INTEGER, 0))).latestSeq;
    });
  }

  /** A connection of the user's left; returns whether it was their last here. */
  unwatch(userId: UserId): boolean {
    const watched = this.watched.get(userId);
    if (!watched || --watched.connections > 0) return false;
    watched.done = true;
    this.watched.delete(userId);
    return true;
  }

  /** Resolves once the user's events are being counted (at once for a user with no connection here). */
  ready(userId: UserId): Promise<void> {
    return this.watched.get(userId)?.ready ?? Promise.resolve();
  }

  /** One of the user's events, from this instance or another, in whatever order they came. */
  deliver(userId: UserId, envelope: StoredEvent) {
    const watched = this.watched.get(userId);
    if (!watched) return;
    if (watched.queued === 0 && envelope.seq === watched.delivered + 1) return this.send(userId, watched, envelope);
    void this.step(userId, watched, async () => {
      if (envelope.seq > watched.delivered + 1) await this.retried(() => this.fill(userId, watched));
      this.send(userId, watched, envelope);
    });
  }

  /** Reads and delivers whatever the user (every watched user without one) may have missed. */
  resync(userId?: UserId) {
    for (const [id, watched] of this.watched) {
      if (userId === undefined || id === userId) void this.step(id, watched, () => this.retried(() => this.fill(id, watched)));
    }
  }

  private send(userId: UserId, watched: Watched, envelope: StoredEvent) {
    // Sent already (it crossed another instance's, or a fill read it first).
    if (watched.done || envelope.seq <= watched.delivered) return;
    watched.delivered = envelope.seq;
    this.options.send(userId, envelope);
  }

  private async fill(userId: UserId, watched: Watched) {
    while (!watched.done) {
      const { events, latestSeq } = await this.options.read(userId, watched.delivered, PAGE);
      for (const envelope of events) this.send(userId, watched, envelope);
      if (events.length < PAGE || watched.delivered >= latestSeq) return;
    }
  }

  /** Runs a read, again a little later if the store could not answer; throws the last failure. */
  private async retried<T>(read: () => Promise<T>): Promise<T> {
    for (const wait of READ_RETRIES_MS) {
      try {
        return await read();
      } catch (error) {
        if (wait === undefined) throw error;
        await sleep(wait);
      }
    }
    throw new Error('unreachable');
  }

  /**
   * Runs `work` after the user's earlier steps. If it fails (the store could not be read
   * even on retries), the user's events here can't be kept in order: nothing more is sent,
   * and their connections are reset so that each client catches up from what it has.
   */
  private step(userId: UserId, watched: Watched, work: () => Promise<void>): Promise<void> {
    watched.queued++;
    const run = () =>
      (watched.done ? Promise.resolve() : work())
        .catch((error: unknown) => {
          this.options.report(error);
          if (watched.done) return;
          watched.done = true;
          if (this.watched.get(userId) === watched) this.watched.delete(userId);
          this.options.reset(userId);
        })
        .finally(() => watched.queued--);
    watched.tail = watched.tail.then(run);
    return watched.tail;
  }
}
