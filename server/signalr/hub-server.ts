/**
 * A small SignalR hub server: negotiate, WebSockets, the JSON hub protocol.
 * It knows nothing of the methods it serves; `invoke` does. Specs:
 * https://github.com/dotnet/aspnetcore/blob/main/src/SignalR/docs/specs/TransportProtocols.md
 * https://github.com/dotnet/aspnetcore/blob/main/src/SignalR/docs/specs/HubProtocol.md
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { ImError, isErrorShape, type ErrorShape } from '../../src/model/errors.js';
import { encodeHubError } from '../../src/transport/hub-errors.js';
import {
  MessageType,
  ProtocolError,
  checkHandshake,
  closeMessage,
  completionMessage,
  handshakeResponse,
  invocationMessage,
  isObject,
  parseRecords,
  pingMessage,
  writeRecord,
} from './protocol.js';

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
  /** Larger incoming messages close the connection with an error. Default 1 MiB. */
  maxMessageBytes?: number;
  /** Which browser origins may connect; the default allows any, echoing it with credentials. */
  allowedOrigins?: (origin: string) => boolean;
  /** A connection finished its handshake and can receive `sendToUser`. */
  onConnection?(ctx: HubContext): void;
  /** A connection that had `onConnection` is gone. */
  onDisconnection?(ctx: HubContext): void;
  /** Unexpected failures (those the caller sees as `internal`); the default writes them to stderr. */
  onError?(error: unknown, ctx: Partial<HubContext> & { method?: string }): void;
}

const internalError: ErrorShape = { code: 'internal', message: 'Internal error' };

/** The default `toErrorShape`: an `ImError` passes as it is; anything else becomes a bare `internal`. */
export function defaultErrorShape(error: unknown): ErrorShape {
  const imError =
    error instanceof ImError ||
    // Another copy of the module, or a shape thrown as a plain object.
    (error instanceof Error ? error.name === 'ImError' && isErrorShape(error) : isErrorShape(error));
  return imError ? ImError.from(error).toJSON() : internalError;
}

/** Most messages a connection may have waiting; beyond, it is flooding and is closed. */
const MAX_PENDING_MESSAGES = 256;
/** Connection tokens from negotiate a user may hold unused at once (tabs opening together need a few). */
const MAX_PENDING_PER_USER = 16;
/** Most bytes waiting to go out to one client before it counts as not reading. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const corsAllowHeaders = 'authorization, x-requested-with, x-signalr-user-agent, content-type';

interface PendingConnection {
  connectionId: string;
  userId: string;
  expires: number;
}

/** Serves one hub: the negotiate endpoint over HTTP and its connections over WebSockets. */
export class HubServer {
  private readonly path: string;
  private readonly maxMessageBytes: number;
  private readonly wss: WebSocketServer;
  private readonly pending = new Map<string, PendingConnection>();
  private readonly connections = new Set<Connection>();
  private readonly users = new Map<string, Set<Connection>>();
  private closed = false;

  constructor(private readonly options: HubServerOptions) {
    this.path = options.path.replace(/\/+$/, '');
    this.maxMessageBytes = options.maxMessageBytes ?? 1024 * 1024;
    // Up to twice the limit we read the message and answer with a Close error, as ASP.NET does;
    // beyond that ws drops the socket (1009) without buffering it.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 2 * this.maxMessageBytes });
  }

  /** Handles CORS preflight and `POST {path}/negotiate`; resolves `false` for other URLs. */
  async handleRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = parseUrl(req.url);
    const negotiate = url?.pathname === `${this.path}/negotiate`;
    if (!url || (!negotiate && url.pathname !== this.path)) return false;
    req.resume(); // negotiate has no body worth reading; drain it so the socket can be reused
    const origin = req.headers.origin;
    if (origin !== undefined && !this.originAllowed(origin)) return reply(res, 403, 'Origin not allowed.');
    // Browsers send credentials, so '*' is refused: echo the origin instead.
    const cors: OutgoingHttpHeaders = origin
      ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' }
      : {};
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
        'Access-Control-Allow-Headers': corsAllowHeaders,
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return true;
    }
    if (!negotiate) return reply(res, 400, 'This hub accepts WebSocket connections only.', cors);
    if (req.method !== 'POST') return reply(res, 405, 'Use POST.', { ...cors, Allow: 'POST, OPTIONS' });
    if (this.closed) return reply(res, 503, 'The hub is closed.', cors);

    const userId = await this.authenticate(bearerToken(req, url));
    if (userId === null) return reply(res, 500, 'Server error.', cors);
    if (userId === undefined) return reply(res, 401, 'Unauthorized.', { ...cors, 'WWW-Authenticate': 'Bearer' });
    if (this.closed) return reply(res, 503, 'The hub is closed.', cors);
    // negotiateVersion and useStatefulReconnect are ignored: we always answer version 1, never stateful.
    this.prunePending(userId);
    const connectionId = randomId(16);
    const connectionToken = randomId(32);
    this.pending.set(connectionToken, {
      connectionId,
      userId,
      expires: Date.now() + (this.options.connectionTokenTtlMs ?? 30_000),
    });
    res.writeHead(200, { ...cors, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(
      JSON.stringify({
        connectionId,
        connectionToken,
        negotiateVersion: 1,
        availableTransports: [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }],
      }),
    );
    return true;
  }

  /** Takes a WebSocket upgrade at `{path}?id=<connectionToken>`; returns `false` for other URLs. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = parseUrl(req.url);
    if (url?.pathname !== this.path) return false;
    const ignore = () => socket.destroy();
    socket.on('error', ignore);
    this.upgrade(req, socket, head, url, ignore).catch((error: unknown) => {
      this.report(error, {});
      socket.destroy();
    });
    return true;
  }

  /** Calls `target` on every connection of `userId`; returns how many it was sent to. Throws if `args` is not JSON. */
  sendToUser(userId: string, target: string, args: unknown[]): number {
    const connections = this.users.get(userId);
    if (!connections) return 0;
    const record = writeRecord(invocationMessage(target, args));
    let sent = 0;
    for (const connection of connections) if (connection.send(record)) sent++;
    return sent;
  }

  /** How many ready connections `userId` has. */
  connectionsOf(userId: string): number {
    return this.users.get(userId)?.size ?? 0;
  }

  /** Refuses new connections and closes the open ones with a Close message. */
  async close(options: { allowReconnect?: boolean; error?: string } = {}): Promise<void> {
    this.closed = true;
    this.pending.clear();
    const record = writeRecord(closeMessage(options.error, options.allowReconnect));
    await Promise.all([...this.connections].map((connection) => connection.close(record)));
    this.wss.close();
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, ignore: () => void) {
    const origin = req.headers.origin;
    // WebSockets bypass CORS, so the origin check has to happen here.
    if (origin !== undefined && !this.originAllowed(origin)) return refuseUpgrade(socket, 403, 'Origin not allowed.');
    if (this.closed) return refuseUpgrade(socket, 503, 'The hub is closed.');
    // Taken on first sight: a token is good for one attempt only.
    const pending = this.takePending(url.searchParams.get('id'));
    if (!pending) return refuseUpgrade(socket, 404, 'No connection with that id.');
    const userId = await this.authenticate(bearerToken(req, url));
    if (userId === null) return refuseUpgrade(socket, 500, 'Server error.');
    if (userId === undefined) return refuseUpgrade(socket, 401, 'Unauthorized.');
    if (userId !== pending.userId) return refuseUpgrade(socket, 403, 'The connection belongs to another user.');
    if (this.closed) return refuseUpgrade(socket, 503, 'The hub is closed.');
    if (socket.destroyed) return;
    socket.off('error', ignore);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new Connection(ws, { userId, connectionId: pending.connectionId }, this.options, {
        maxMessageBytes: this.maxMessageBytes,
        ready: (c) => this.ready(c),
        gone: (c, wasReady) => this.gone(c, wasReady),
        errorShape: (error, method) => this.errorShape(error, { userId, connectionId: pending.connectionId, method }),
        report: (error) => this.report(error, { userId, connectionId: pending.connectionId }),
      });
      this.connections.add(connection);
    });
  }

  private ready(connection: Connection) {
    const { userId } = connection.ctx;
    let set = this.users.get(userId);
    if (!set) this.users.set(userId, (set = new Set()));
    set.add(connection);
    this.callback(() => this.options.onConnection?.(connection.ctx), connection.ctx);
  }

  private gone(connection: Connection, wasReady: boolean) {
    this.connections.delete(connection);
    const set = this.users.get(connection.ctx.userId);
    set?.delete(connection);
    if (set?.size === 0) this.users.delete(connection.ctx.userId);
    if (wasReady) this.callback(() => this.options.onDisconnection?.(connection.ctx), connection.ctx);
  }

  /** `undefined`: refused; `null`: `authenticate` failed, which is ours to log, not the caller's to see. */
  private async authenticate(token: string | undefined): Promise<string | undefined | null> {
    try {
      return (await this.options.authenticate(token)) || undefined;
    } catch (error) {
      this.report(error, {});
      return null;
    }
  }

  private errorShape(error: unknown, ctx: HubContext & { method: string }): ErrorShape {
    let shape: ErrorShape;
    try {
      shape = (this.options.toErrorShape ?? defaultErrorShape)(error);
      encodeHubError(shape); // must survive JSON
    } catch (mappingError) {
      this.report(mappingError, ctx);
      shape = internalError;
    }
    if (shape.code === 'internal') this.report(error, ctx);
    return shape;
  }

  private report(error: unknown, ctx: Partial<HubContext> & { method?: string }) {
    try {
      if (this.options.onError) this.options.onError(error, ctx);
      else console.error('[hub]', ctx, error);
    } catch {
      // A failing logger must not take a socket handler down with it.
    }
  }

  private callback(run: () => void, ctx: HubContext) {
    try {
      run();
    } catch (error) {
      this.report(error, ctx);
    }
  }

  private originAllowed(origin: string): boolean {
    try {
      return this.options.allowedOrigins?.(origin) ?? true;
    } catch (error) {
      this.report(error, {});
      return false;
    }
  }

  private takePending(token: string | null): PendingConnection | undefined {
    if (!token) return undefined;
    const pending = this.pending.get(token);
    this.pending.delete(token);
    return pending && pending.expires > Date.now() ? pending : undefined;
  }

  /**
   * Unused tokens expire; pruning on each negotiate keeps the map bounded without a
   * timer. A user negotiating again and again (a loop gone wrong, or on purpose) keeps
   * only their newest few: the oldest give way.
   */
  private prunePending(userId: string) {
    const now = Date.now();
    const mine: string[] = [];
    for (const [token, pending] of this.pending) {
      if (pending.expires <= now) this.pending.delete(token);
      else if (pending.userId === userId) mine.push(token);
    }
    for (const token of mine.slice(0, Math.max(0, mine.length - MAX_PENDING_PER_USER + 1))) this.pending.delete(token);
  }
}

interface ConnectionHost {
  maxMessageBytes: number;
  ready(connection: Connection): void;
  gone(connection: Connection, wasReady: boolean): void;
  errorShape(error: unknown, method: string): ErrorShape;
  report(error: unknown): void;
}

/** One WebSocket: handshake, then messages processed one at a time, in order. */
class Connection {
  private isReady = false;
  private closing = false;
  private queue = Promise.resolve();
  /** Messages received and not yet handled. */
  private pending = 0;
  private lastReceived = Date.now();
  private timer: NodeJS.Timeout;
  private readonly closed: Promise<void>;

  constructor(
    private readonly ws: WebSocket,
    readonly ctx: HubContext,
    private readonly options: HubServerOptions,
    private readonly host: ConnectionHost,
  ) {
    this.timer = setTimeout(() => this.fail('Handshake was not received in time.'), options.handshakeTimeoutMs ?? 15_000);
    this.closed = new Promise((resolve) => {
      ws.on('close', () => {
        clearTimeout(this.timer);
        clearInterval(this.timer);
        this.closing = true;
        host.gone(this, this.isReady);
        resolve();
      });
    });
    ws.on('message', (data, isBinary) => {
      try {
        this.receive(data, isBinary);
      } catch (error) {
        host.report(error);
        this.fail('Internal error.');
      }
    });
    // Frame-level faults (bad UTF-8, oversized frames): ws closes the socket itself and 'close' follows.
    ws.on('error', () => {});
  }

  /** Sends a record if the connection is open and past its handshake. */
  send(record: string): boolean {
    if (!this.isReady || this.closing || this.ws.readyState !== WebSocket.OPEN) return false;
    // A client that stops reading would make us buffer every push: let it go and catch up on reconnect.
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ws.terminate();
      return false;
    }
    this.ws.send(record, () => {}); // a failed write surfaces as 'close'
    return true;
  }

  /** Sends `record` (a Close message) if past the handshake, closes, and resolves once the socket is gone. */
  close(record: string): Promise<void> {
    if (!this.closing) {
      this.send(record);
      this.closing = true;
      this.ws.close(1000);
      // A peer that never answers the close frame must not hold up shutdown.
      const force = setTimeout(() => this.ws.terminate(), 2_000);
      void this.closed.then(() => clearTimeout(force));
    }
    return this.closed;
  }

  private receive(data: RawData, isBinary: boolean) {
    if (this.closing) return;
    this.lastReceived = Date.now();
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    if (isBinary) return this.fail('Binary frames are not supported: the JSON protocol uses text frames.');
    if (bytes.length > this.host.maxMessageBytes) {
      return this.fail(`The message of ${bytes.length} bytes exceeds the limit of ${this.host.maxMessageBytes} bytes.`);
    }
    let records: unknown[];
    try {
      records = parseRecords(bytes.toString('utf8'));
    } catch (error) {
      return this.fail(error instanceof ProtocolError ? error.message : 'Invalid message.');
    }
    if (!this.isReady) {
      const error = checkHandshake(records.shift());
      if (error) return this.fail(error);
      clearTimeout(this.timer);
      this.ws.send(handshakeResponse());
      this.isReady = true;
      this.timer = setInterval(() => this.tick(), this.options.pingIntervalMs ?? 10_000);
      this.host.ready(this);
    }
    // Invocations run one at a time; a client sending far faster than they complete is flooding.
    this.pending += records.length;
    if (this.pending > MAX_PENDING_MESSAGES) {
      this.fail('Too many messages in flight.');
      return;
    }
    for (const message of records) {
      this.queue = this.queue
        .then(() => this.dispatch(message))
        .catch((error: unknown) => {
          if (!(error instanceof ProtocolError)) this.host.report(error);
          this.fail(error instanceof ProtocolError ? error.message : 'Internal error.');
        })
        .finally(() => this.pending--);
    }
  }

  private async dispatch(message: unknown): Promise<void> {
    if (this.closing) return;
    if (!isObject(message) || typeof message.type !== 'number') throw new ProtocolError('A message must be an object with a numeric type.');
    const { invocationId } = message;
    if (invocationId !== undefined && typeof invocationId !== 'string') throw new ProtocolError('invocationId must be a string.');
    switch (message.type) {
      case MessageType.Invocation: {
        const { target, arguments: args, streamIds } = message;
        if (typeof target !== 'string' || !Array.isArray(args)) {
          return this.refuse(invocationId, 'An invocation needs a target and an arguments array.');
        }
        if (Array.isArray(streamIds) && streamIds.length > 0) {
          return this.refuse(invocationId, 'Streaming arguments are not supported.');
        }
        return this.run(invocationId, target, args);
      }
      case MessageType.StreamInvocation:
        return this.refuse(invocationId, 'Streaming methods are not supported.');
      case MessageType.Close:
        this.closing = true;
        this.ws.close(1000);
        return;
      case MessageType.Ping:
      case MessageType.StreamItem:
      case MessageType.Completion:
      case MessageType.CancelInvocation:
      case MessageType.Ack:
      case MessageType.Sequence:
        return; // nothing of ours to stream, cancel, acknowledge or resend
      default:
        // Newer message types are ignored, as the spec asks; one awaiting a reply gets an error.
        if (invocationId !== undefined) return this.refuse(invocationId, `Message type ${message.type} is not supported.`);
    }
  }

  private async run(invocationId: string | undefined, target: string, args: unknown[]) {
    let outcome: { result: unknown } | { error: string };
    try {
      outcome = { result: await this.options.invoke(this.ctx, target, args) };
    } catch (error) {
      outcome = { error: encodeHubError(this.host.errorShape(error, target)) };
    }
    if (invocationId === undefined) return; // sent with `send`: nobody waits for the reply
    let record: string;
    try {
      record = writeRecord(completionMessage(invocationId, outcome));
    } catch (error) {
      record = writeRecord(completionMessage(invocationId, { error: encodeHubError(this.host.errorShape(error, target)) }));
    }
    this.send(record);
  }

  /** Answers a malformed request with an error Completion, or closes if there is nobody to answer. */
  private refuse(invocationId: string | undefined, message: string) {
    if (invocationId === undefined) throw new ProtocolError(message);
    this.send(writeRecord(completionMessage(invocationId, { error: encodeHubError({ code: 'invalid', message }) })));
  }

  private tick() {
    // The client pings every 15 s; silence this long means the peer is gone without a FIN.
    if (Date.now() - this.lastReceived > (this.options.clientTimeoutMs ?? 30_000)) {
      return this.fail('Server timeout elapsed without receiving a message from the client.');
    }
    this.send(writeRecord(pingMessage));
  }

  /** Before the handshake a handshake error, after it a Close message; then the socket closes. */
  private fail(error: string) {
    if (this.closing) return;
    if (this.isReady) void this.close(writeRecord(closeMessage(error)));
    else {
      if (this.ws.readyState === WebSocket.OPEN) this.ws.send(handshakeResponse(error));
      void this.close('');
    }
  }
}

function parseUrl(url: string | undefined): URL | undefined {
  try {
    return new URL(url ?? '', 'http://localhost');
  } catch {
    return undefined;
  }
}

/** `Authorization: Bearer` from Node clients and on negotiate; `access_token` from browsers' WebSockets. */
function bearerToken(req: IncomingMessage, url: URL): string | undefined {
  const header = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return header?.[1] ?? url.searchParams.get('access_token') ?? undefined;
}

function randomId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

function reply(res: ServerResponse, status: number, text: string, headers: OutgoingHttpHeaders = {}): true {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
  return true;
}

function refuseUpgrade(socket: Duplex, status: number, text: string) {
  if (socket.destroyed) return;
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' }[status];
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}
