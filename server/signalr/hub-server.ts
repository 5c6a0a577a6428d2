/**
 * A small SignalR hub server: negotiate, WebSockets, the JSON hub protocol.
 * It knows nothing of the methods it serves; `invoke` does. This file is the
 * server (negotiate, upgrades, who is connected); each socket's protocol is in
 * connection.ts, the options and their defaults in settings.ts. Specs:
 * https://github.com/dotnet/aspnetcore/blob/main/src/SignalR/docs/specs/TransportProtocols.md
 * https://github.com/dotnet/aspnetcore/blob/main/src/SignalR/docs/specs/HubProtocol.md
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ErrorShape } from '../../src/model/errors.js';
import { encodeHubError } from '../../src/transport/hub-errors.js';
import { Connection } from './connection.js';
import { closeMessage, invocationMessage, writeRecord } from './protocol.js';
import { hubSettings, internalError, type HubContext, type HubServerOptions, type HubSettings } from './settings.js';

export { defaultErrorShape, type HubContext, type HubServerOptions } from './settings.js';

const corsAllowHeaders = 'authorization, x-requested-with, x-signalr-user-agent, content-type';

/** What a connection token from negotiate stands for, signed so that any server with the key can check it. */
interface ConnectionTicket {
  connectionId: string;
  userId: string;
  expires: number;
}

/** Serves one hub: the negotiate endpoint over HTTP and its connections over WebSockets. */
export class HubServer {
  private readonly settings: HubSettings;
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly users = new Map<string, Set<Connection>>();
  private closed = false;

  constructor(options: HubServerOptions) {
    this.settings = hubSettings(options);
    // Up to twice the limit we read the message and answer with a Close error, as ASP.NET does;
    // beyond that ws drops the socket (1009) without buffering it.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 2 * this.settings.maxMessageBytes });
  }

  /** Handles CORS preflight and `POST {path}/negotiate`; resolves `false` for other URLs. */
  async handleRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = parseUrl(req.url);
    const negotiate = url?.pathname === `${this.settings.path}/negotiate`;
    if (!url || (!negotiate && url.pathname !== this.settings.path)) return false;
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

    const token = bearerToken(req, url);
    const userId = await this.authenticate(token);
    if (userId === null) return reply(res, 500, 'Server error.', cors);
    if (userId === undefined) return reply(res, 401, 'Unauthorized.', { ...cors, 'WWW-Authenticate': 'Bearer' });
    if (this.closed) return reply(res, 503, 'The hub is closed.', cors);
    const redirect = await this.settings.redirect(userId, token).catch((error: unknown) => {
      this.report(error, { userId });
      return null;
    });
    if (redirect === null) return reply(res, 500, 'Server error.', cors);
    if (redirect) return json(res, { url: redirect.url, accessToken: redirect.accessToken }, cors);
    // negotiateVersion and useStatefulReconnect are ignored: we always answer version 1, never stateful.
    const connectionId = randomId(16);
    const connectionToken = this.ticket({ connectionId, userId, expires: Date.now() + this.settings.connectionTokenTtlMs });
    return json(
      res,
      { connectionId, connectionToken, negotiateVersion: 1, availableTransports: [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }] },
      cors,
    );
  }

  /** Takes a WebSocket upgrade at `{path}?id=<connectionToken>`; returns `false` for other URLs. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = parseUrl(req.url);
    if (url?.pathname !== this.settings.path) return false;
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
    return this.users.has(userId) ? this.sendRecord(userId, writeRecord(invocationMessage(target, args))) : 0;
  }

  /** Sends a record (an invocation written already) to every connection of `userId`; returns how many it was sent to. */
  sendRecord(userId: string, record: string): number {
    const connections = this.users.get(userId);
    if (!connections) return 0;
    let sent = 0;
    for (const connection of connections) if (connection.send(record)) sent++;
    return sent;
  }

  /** Closes every connection of `userId` with a Close message; with `allowReconnect` their clients come back (and catch up). */
  closeUser(userId: string, options: { allowReconnect?: boolean; error?: string } = {}): void {
    const record = writeRecord(closeMessage(options.error, options.allowReconnect));
    for (const connection of [...(this.users.get(userId) ?? [])]) void connection.close(record);
  }

  /** How many ready connections `userId` has. */
  connectionsOf(userId: string): number {
    return this.users.get(userId)?.size ?? 0;
  }

  /** Refuses new connections and closes the open ones with a Close message. */
  async close(options: { allowReconnect?: boolean; error?: string } = {}): Promise<void> {
    this.closed = true;
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
    const ticket = this.readTicket(url.searchParams.get('id'));
    if (!ticket || !(await this.claim(ticket))) return refuseUpgrade(socket, 404, 'No connection with that id.');
    const userId = await this.authenticate(bearerToken(req, url));
    if (userId === null) return refuseUpgrade(socket, 500, 'Server error.');
    if (userId === undefined) return refuseUpgrade(socket, 401, 'Unauthorized.');
    if (userId !== ticket.userId) return refuseUpgrade(socket, 403, 'The connection belongs to another user.');
    if (this.closed) return refuseUpgrade(socket, 503, 'The hub is closed.');
    if (socket.destroyed) return;
    socket.off('error', ignore);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new Connection(ws, { userId, connectionId: ticket.connectionId }, this.settings, {
        ready: (c) => this.ready(c),
        gone: (c, wasReady) => this.gone(c, wasReady),
        errorShape: (error, method) => this.errorShape(error, { userId, connectionId: ticket.connectionId, method }),
        report: (error) => this.report(error, { userId, connectionId: ticket.connectionId }),
      });
      this.connections.add(connection);
    });
  }

  private ready(connection: Connection) {
    const { userId } = connection.ctx;
    let set = this.users.get(userId);
    if (!set) this.users.set(userId, (set = new Set()));
    set.add(connection);
    this.callback(() => this.settings.onConnection(connection.ctx), connection.ctx);
  }

  private gone(connection: Connection, wasReady: boolean) {
    this.connections.delete(connection);
    const set = this.users.get(connection.ctx.userId);
    set?.delete(connection);
    if (set?.size === 0) this.users.delete(connection.ctx.userId);
    if (wasReady) this.callback(() => this.settings.onDisconnection(connection.ctx), connection.ctx);
  }

  /** `undefined`: refused; `null`: `authenticate` failed, which is ours to log, not the caller's to see. */
  private async authenticate(token: string | undefined): Promise<string | undefined | null> {
    try {
      return (await this.settings.authenticate(token)) || undefined;
    } catch (error) {
      this.report(error, {});
      return null;
    }
  }

  private errorShape(error: unknown, ctx: HubContext & { method: string }): ErrorShape {
    let shape: ErrorShape;
    try {
      shape = this.settings.toErrorShape(error);
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
      this.settings.onError(error, ctx);
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
      return this.settings.allowedOrigins(origin);
    } catch (error) {
      this.report(error, {});
      return false;
    }
  }

  /** `base64url(JSON).signature`: the ticket, and an HMAC of it under the settings' key. */
  private ticket(ticket: ConnectionTicket): string {
    const payload = Buffer.from(JSON.stringify([ticket.connectionId, ticket.userId, ticket.expires])).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The ticket a connection token stands for, if it is ours, whole and not expired. */
  private readTicket(token: string | null): ConnectionTicket | undefined {
    const [payload, signature, ...rest] = (token ?? '').slice(0, 2000).split('.');
    if (!payload || !signature || rest.length > 0) return undefined;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const [connectionId, userId, expires] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [string, string, number];
    return expires > Date.now() ? { connectionId, userId, expires } : undefined;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.settings.tokenKey).update(payload).digest('base64url');
  }

  private async claim(ticket: ConnectionTicket): Promise<boolean> {
    try {
      return await this.settings.claim(ticket.connectionId, Math.max(1, ticket.expires - Date.now()));
    } catch (error) {
      this.report(error, {});
      return false;
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

function json(res: ServerResponse, body: object, headers: OutgoingHttpHeaders): true {
  res.writeHead(200, { ...headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
  return true;
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
