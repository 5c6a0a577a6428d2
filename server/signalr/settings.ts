/**
 * What a host configures on the hub server, and the settings those options resolve
 * to: every default applied once, in `hubSettings`, so the server and each
 * connection read plain values.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { ImError, isErrorShape, type ErrorShape } from '../../src/model/errors.js';

/** Who is calling, on which connection. */
export interface HubContext {
  userId: string;
  connectionId: string;
}

/** What the host supplies: authentication, the hub's methods, and the knobs with ASP.NET's defaults. */
export interface HubServerOptions {
  /** The hub's URL path, e.g. `/hub`; negotiate is at `{path}/negotiate`. */
  path: string;
  /** Maps a bearer token to a user id; `undefined` refuses (401). */
  authenticate(token: string | undefined): Promise<string | undefined> | string | undefined;
  /** Runs a hub method; what it throws reaches the caller through `toErrorShape`. */
  invoke(ctx: HubContext, method: string, args: unknown[]): Promise<unknown>;
  /** Maps a thrown value to what the caller sees; the default hides everything but `ImError`s. */
  toErrorShape?(error: unknown): ErrorShape;
  /** How often the server pings; well within the client's 30 s server timeout. Default 10 s. */
  pingIntervalMs?: number;
  /** How long a new socket may take to send its handshake. Default 15 s. */
  handshakeTimeoutMs?: number;
  /** Closes a connection that sent nothing for this long (the client pings every 15 s). Default 30 s. */
  clientTimeoutMs?: number;
  /** How long a connection token from negotiate stays usable. Default 30 s. */
  connectionTokenTtlMs?: number;
  /**
   * The key connection tokens are signed with, so the server keeps nothing between a
   * negotiate and its WebSocket: servers with the same key accept each other's tokens
   * (behind a load balancer, without sticky sessions). Default: random per process.
   */
  secret?: string;
  /**
   * Marks a connection id used; resolves `false` if it was already. A token is good for one
   * attempt; servers sharing tokens must share this too. Default: this process's memory.
   */
  claim?(connectionId: string, ttlMs: number): Promise<boolean>;
  /** Larger incoming messages close the connection with an error. Default 1 MiB. */
  maxMessageBytes?: number;
  /**
   * Sends a signed-in user's negotiate elsewhere, as Azure SignalR Service's hosts do:
   * answered with `{ url, accessToken }`, the client negotiates again at `url` with that
   * token. `undefined` keeps the connection here. Given the bearer token negotiate came
   * with, so the one handed on need not outlive it. Default: never.
   */
  redirect?(userId: string, token: string | undefined): Promise<Redirect | undefined> | Redirect | undefined;
  /** Which browser origins may connect; the default allows any, echoing it with credentials. */
  allowedOrigins?: (origin: string) => boolean;
  /** A connection finished its handshake and can receive `sendToUser`. */
  onConnection?(ctx: HubContext): void;
  /** A connection that had `onConnection` is gone. */
  onDisconnection?(ctx: HubContext): void;
  /** Unexpected failures (those the caller sees as `internal`); the default writes them to stderr. */
  onError?(error: unknown, ctx: Partial<HubContext> & { method?: string }): void;
}

/** Where a negotiate is sent on to: another hub's URL, and the token that hub takes. */
export interface Redirect {
  url: string;
  accessToken: string;
}

export const internalError: ErrorShape = { code: 'internal', message: 'Internal error' };

/** The default `toErrorShape`: an `ImError` passes as it is; anything else becomes a bare `internal`. */
export function defaultErrorShape(error: unknown): ErrorShape {
  const imError =
    error instanceof ImError ||
    // Another copy of the module, or a shape thrown as a plain object.
    (error instanceof Error ? error.name === 'ImError' && isErrorShape(error) : isErrorShape(error));
  return imError ? ImError.from(error).toJSON() : internalError;
}

/** The options with their defaults applied; what the server and each connection read. */
export interface HubSettings {
  /** `path` without a trailing slash. */
  path: string;
  authenticate: HubServerOptions['authenticate'];
  invoke: HubServerOptions['invoke'];
  toErrorShape(error: unknown): ErrorShape;
  pingIntervalMs: number;
  handshakeTimeoutMs: number;
  clientTimeoutMs: number;
  connectionTokenTtlMs: number;
  /** The key connection tokens are signed with (derived from `secret`). */
  tokenKey: Buffer;
  claim(connectionId: string, ttlMs: number): Promise<boolean>;
  maxMessageBytes: number;
  redirect(userId: string, token: string | undefined): Promise<Redirect | undefined>;
  allowedOrigins(origin: string): boolean;
  onConnection(ctx: HubContext): void;
  onDisconnection(ctx: HubContext): void;
  onError(error: unknown, ctx: Partial<HubContext> & { method?: string }): void;
}

/** Resolves `options` with ASP.NET's defaults (see `HubServerOptions`). */
export function hubSettings(options: HubServerOptions): HubSettings {
  // The host's methods are called on `options`, as before, so a host object's methods keep their `this`.
  return {
    path: options.path.replace(/\/+$/, ''),
    authenticate: (token) => options.authenticate(token),
    invoke: (ctx, method, args) => options.invoke(ctx, method, args),
    toErrorShape: options.toErrorShape ?? defaultErrorShape,
    pingIntervalMs: options.pingIntervalMs ?? 10_000,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? 15_000,
    clientTimeoutMs: options.clientTimeoutMs ?? 30_000,
    connectionTokenTtlMs: options.connectionTokenTtlMs ?? 30_000,
    // A key of its own, so a connection token can never pass for another kind of token made with the same secret.
    tokenKey: createHmac('sha256', options.secret ?? randomBytes(32)).update('signalr connection tokens').digest(),
    claim: options.claim ? (id, ttlMs) => options.claim!(id, ttlMs) : memoryClaims(),
    maxMessageBytes: options.maxMessageBytes ?? 1024 * 1024,
    redirect: async (userId, token) => options.redirect?.(userId, token),
    allowedOrigins: (origin) => options.allowedOrigins?.(origin) ?? true,
    onConnection: (ctx) => options.onConnection?.(ctx),
    onDisconnection: (ctx) => options.onDisconnection?.(ctx),
    onError: (error, ctx) => (options.onError ? options.onError(error, ctx) : console.error('[hub]', ctx, error)),
  };
}

/** Used connection ids in this process's memory, each kept until its token has expired anyway. */
function memoryClaims(): HubSettings['claim'] {
  const claimed = new Map<string, number>();
  return async (id, ttlMs) => {
    const now = Date.now();
    // Swept when it grows, so a long-lived server holds only the claims still in their time.
    if (claimed.size > 1000) for (const [key, until] of claimed) if (until <= now) claimed.delete(key);
    if ((claimed.get(id) ?? 0) > now) return false;
    claimed.set(id, now + ttlMs);
    return true;
  };
}
