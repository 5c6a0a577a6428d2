/**
 * Per-user limits against floods (a script, a stuck key): how many new messages and
 * abuse reports a user may make in a window. Counting is a port, so several servers on
 * one database can share one count (the server's Redis limiter); the default counts in
 * memory, which is right for one process and forgives on restart.
 */

export interface Limits {
  /** New messages (sends, new conversations, forwards, private replies; not retries of one) per minute. */
  sendsPerMinute: number;
  /** Reactions added or taken back per minute: each tells everyone in the conversation. */
  reactionsPerMinute: number;
  /** Abuse reports per hour. */
  reportsPerHour: number;
  /** Bytes of uploads a user may have that no message holds yet (files attached, not sent). */
  unsentUploadBytes: number;
  /** Conversations a user may have pinned at once (all of them come on the list's first page). */
  pinned: number;
}

export const defaultLimits: Limits = { sendsPerMinute: 60, reactionsPerMinute: 60, reportsPerHour: 20, unsentUploadBytes: 200 * 1024 * 1024, pinned: 15 };

/** No limits: for fixtures that write in bulk (seeded schools, benchmarks, stress tests), never for a server. */
export const unlimited: Limits = { sendsPerMinute: Infinity, reactionsPerMinute: Infinity, reportsPerHour: Infinity, unsentUploadBytes: Infinity, pinned: Infinity };

/** One count to take: at most `max` under `key` in `windowMs` before `now`. */
export interface Take {
  key: string;
  /**
   * The command counting. A command run again (a database asked it to retry) counts once:
   * taking the same `token` twice under one key is one take.
   */
  token: string;
  max: number;
  windowMs: number;
  now: number;
}

/** Counts takes in sliding windows. */
export interface RateLimiter {
  /** Counts the take and resolves to 0, or, past the limit, counts nothing and resolves to how long until one is free (ms). */
  take(take: Take): Promise<number>;
}

/** A limiter in this process's memory. */
export class MemoryLimiter implements RateLimiter {
  /** Each key's takes in the window, oldest first. */
  private readonly takes = new Map<string, { at: number; token: string }[]>();

  async take({ key, token, max, windowMs, now }: Take): Promise<number> {
    const recent = (this.takes.get(key) ?? []).filter((t) => t.at > now - windowMs);
    this.takes.set(key, recent);
    if (recent.some((t) => t.token === token)) return 0;
    if (recent.length >= max) return recent[0].at + windowMs - now;
    recent.push({ at: now, token });
    return 0;
  }
}
