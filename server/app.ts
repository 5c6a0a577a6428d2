import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Backend, type Limits } from '../src/backend/backend.js';
import type { ContactPolicy } from '../src/backend/contacts.js';
import { MemoryStorage } from '../src/backend/memory-storage.js';
import { seed } from '../src/backend/seed.js';
import type { Storage } from '../src/backend/storage.js';
import { ImError } from '../src/model/errors.js';
import { readStatusSettings, type ReadStatusSetting } from '../src/model/permissions.js';
import { AttachmentFiles, attachmentRoutes, deletingFiles } from './attachments.js';
import { tokenAuth, type TokenAuth } from './auth.js';
import { demoRoutes } from './demo.js';
import type { Cluster } from './cluster.js';
import { corsHeaders, preflight, sendError } from './http.js';
import { messagingHub } from './hub.js';
import { SqliteStorage } from './sqlite-storage.js';
import { staticFiles } from './static.js';

export interface AppOptions {
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  /** Address to listen on. Loopback by default: the demo is not meant for a network. */
  host?: string;
  /**
   * Folder of the database and the attachments' bytes; created if missing.
   * Without it, everything lives in memory and a temporary folder removed on close.
   */
  dataDir?: string;
  /**
   * A PostgreSQL URL (`IM_DATABASE_URL`, `postgres://user:password@host:port/database`): the
   * data lives there instead of in the data folder's SQLite file (the attachments' bytes
   * stay in the folder). Created or migrated on start; the server refuses to start, saying
   * why, if it can't use it.
   */
  databaseUrl?: string;
  /**
   * A Redis URL (`IM_REDIS_URL`, `redis://host:port`): this instance is one of several on the
   * same database (`databaseUrl`), sharing events, rate limits and used connection tokens
   * through Redis, so a load balancer may send any request to any of them. Needs `tokenSecret`,
   * the same on every instance.
   */
  redisUrl?: string;
  /**
   * Another hub's URL (`IM_HUB_REDIRECT`) to send every negotiate on to, with a token for it
   * (ten minutes at most, never longer than the one negotiate came with), as Azure SignalR
   * Service's hosts answer: this instance keeps the API and
   * hands the connections to the other. Both must share the data (`databaseUrl`, `redisUrl`).
   */
  hubRedirect?: string;
  /** Storage to use instead of the data folder's database; left open on close (tests share one across restarts). */
  storage?: Storage;
  /** Demo mode: seeds a fresh database with the demo school and mounts the sign-in-as-anyone endpoints. */
  demo?: boolean;
  /** Key of the bearer tokens; default `IM_TOKEN_SECRET`, else random per process. */
  tokenSecret?: string;
  /** How often the hub pings its clients (ms); default 10 s, well within the client's 30 s timeout. */
  pingIntervalMs?: number;
  /** Browser origins allowed on the hub and the API; default any (each echoed, with credentials). */
  allowedOrigins?: (origin: string) => boolean;
  /** How long an upload may wait to be sent before its file is deleted (ms); default a day. Swept at start and hourly. */
  unsentUploadTtlMs?: number;
  /** How many events each user's log keeps for a reconnecting client to catch up on (default 5 000); one further behind reloads. */
  eventsKept?: number;
  /** Per-user limits of new messages and abuse reports (default 60 a minute, 20 an hour). */
  limits?: Partial<Limits>;
  /** The school's communication rules, whom a user may start a conversation with (default: `schoolContacts`). */
  contacts?: ContactPolicy;
  /**
   * The school's read-status setting (`IM_READ_STATUS`): `on` (default), `off-for-students`
   * (students' reading is told to nobody, and they are told of nobody's), `off` (nothing about reading leaves the server).
   */
  readStatus?: ReadStatusSetting;
}

export interface RunningApp {
  server: Server;
  url: string;
  /** The hub's absolute URL, for `SignalRTransport`'s `hubUrl`. */
  hubUrl: string;
  backend: Backend;
  auth: TokenAuth;
  /**
   * Stops the server. `allowReconnect` tells clients to reconnect (a restart);
   * `abort` drops every socket at once, as a crash would.
   */
  close(options?: { allowReconnect?: boolean; abort?: boolean }): Promise<void>;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const HOUR = 60 * 60_000;

/**
 * Refuses to start on a data folder it can't write: every send would fail later, as
 * "internal", with nothing said at start. Writing a file is the one test that also
 * catches read-only mounts and full disks, which permissions alone don't show.
 */
function requireWritable(dir: string) {
  const probe = join(dir, `.write-test-${process.pid}`);
  try {
    writeFileSync(probe, 'ok');
    rmSync(probe);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`The data folder ${dir} can't be written (${reason}): the server would fail every message. Give it a folder it may write (IM_DATA_DIR).`, { cause: error });
  }
}

/** PostgreSQL at `databaseUrl`, else the data folder's SQLite database, created and migrated on first open; without either, memory. */
async function openStorage({ dataDir: dir, databaseUrl, eventsKept }: AppOptions): Promise<{ storage: Storage; close(): void | Promise<void> }> {
  const kept = eventsKept ? { eventsKept } : {};
  if (databaseUrl) {
    // Loaded only then: without IM_DATABASE_URL the server is what it was.
    const { PostgresStorage } = await import('./postgres-storage.js');
    const storage = await PostgresStorage.open(databaseUrl, kept).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}. The server needs a database it can use: check IM_DATABASE_URL.`, { cause: error });
    });
    return { storage, close: () => storage.close() };
  }
  if (!dir) return { storage: new MemoryStorage(), close() {} };
  const storage = new SqliteStorage(join(dir, 'im.sqlite'), kept);
  return { storage, close: () => storage.close() };
}

/** Joins the other instances through Redis; refuses, saying why, what can't work as one of several. */
async function joinCluster({ redisUrl, databaseUrl, storage, tokenSecret }: AppOptions): Promise<Cluster> {
  if (!databaseUrl && !storage) {
    throw new Error('IM_REDIS_URL joins this server to others on one database, but it has none to share: set IM_DATABASE_URL too (SQLite is one server\'s).');
  }
  if (!tokenSecret) {
    throw new Error('IM_REDIS_URL joins this server to others, which must accept each other\'s tokens: set IM_TOKEN_SECRET, the same on every one.');
  }
  const { connectCluster } = await import('./cluster.js');
  return connectCluster(redisUrl!);
}

/**
 * Starts the server: the messaging hub at `/hub`, attachments at
 * `/api/attachments`, in demo mode the sign-in endpoints at `/api/demo/*`,
 * the demo page at `/` and the built panel at `/dist/`.
 */
export async function startApp(options: AppOptions = {}): Promise<RunningApp> {
  const { port = 0, host = '127.0.0.1', demo = false, allowedOrigins = () => true, tokenSecret = process.env.IM_TOKEN_SECRET || undefined } = options;
  // Said before anything is opened, as a setting the server can't follow would be.
  if (options.readStatus !== undefined && !readStatusSettings.includes(options.readStatus)) {
    throw new Error(`IM_READ_STATUS must be one of ${readStatusSettings.join(', ')}; it is "${String(options.readStatus)}".`);
  }
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'im-app-'));
  mkdirSync(dataDir, { recursive: true });
  requireWritable(dataDir);
  const cluster = options.redisUrl ? await joinCluster({ ...options, tokenSecret }) : undefined;
  const opened = options.storage ? { storage: options.storage, close() {} } : await openStorage(options).catch(async (error: unknown) => {
    await cluster?.close();
    throw error;
  });
  const files = new AttachmentFiles(dataDir);
  // During seeding the backend reads the seed's clock, so the demo's history spreads over the day before it starts.
  const clock = { now: Date.now(), seeding: false };
  const backend = new Backend({
    storage: deletingFiles(opened.storage, files),
    now: () => (clock.seeding ? clock.now : Date.now()),
    // Clients only hear "internal"; the cause goes to the server's log.
    onError: (error) => console.error('backend:', error),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.contacts ? { contacts: options.contacts } : {}),
    ...(options.readStatus ? { readStatus: options.readStatus } : {}),
    ...(cluster ? { limiter: cluster.limiter } : {}),
  });
  if (demo && (await backend.run((s) => s.listUsers())).length === 0) {
    clock.seeding = true;
    await seed(backend, clock).finally(() => (clock.seeding = false));
  }

  const auth = tokenAuth({ secret: tokenSecret });
  const hub = messagingHub({
    backend,
    auth,
    hub: {
      allowedOrigins,
      ...(options.pingIntervalMs ? { pingIntervalMs: options.pingIntervalMs } : {}),
      ...(tokenSecret ? { secret: tokenSecret } : {}),
      ...(cluster ? { claim: (id: string, ttlMs: number) => cluster.claims.claim(id, ttlMs) } : {}),
      // The token handed on lasts ten minutes, never longer than the one it was asked with: no way to renew a session for ever.
      ...(options.hubRedirect
        ? { redirect: (userId: string, token: string | undefined) => ({ url: options.hubRedirect!, accessToken: auth.issue(userId, Math.min(10 * 60_000, auth.remainingMs(token))) }) }
        : {}),
    },
    ...(cluster ? { bus: cluster.bus } : {}),
  });
  const attachments = attachmentRoutes({ backend, auth, files });
  const demoApi = demo ? demoRoutes({ backend, auth }) : undefined;
  const assets = [staticFiles('/dist/', here('../dist/'), { cors: true }), staticFiles('/', here('../demo/'))];

  const server = createServer(async (req, res) => {
    let cors: OutgoingHttpHeaders = {};
    try {
      if (await hub.server.handleRequest(req, res)) return;
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname.startsWith('/api/')) {
        const allowed = corsHeaders(req, allowedOrigins);
        if (!allowed) return sendError(res, new ImError('forbidden', 'Origin not allowed.'));
        cors = allowed;
        if (req.method === 'OPTIONS') return preflight(res, cors, 'GET, HEAD, POST, OPTIONS');
        if (await attachments(req, res, url, cors)) return;
        if (demoApi && (await demoApi(req, res, url, cors))) return;
        return sendError(res, new ImError('not-found', 'No such endpoint.'), cors);
      }
      for (const handle of assets) if (await handle(req, res)) return;
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    } catch (error) {
      sendError(res, error, cors);
    }
  });
  server.on('upgrade', (req, socket, head) => {
    if (!hub.server.handleUpgrade(req, socket, head)) socket.destroy();
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, done);
  }).catch(async (error: unknown) => {
    hub.dispose();
    await opened.close();
    await cluster?.close();
    throw error;
  });
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;

  // Files uploaded for a message that was never sent would fill the disk: forget them after a while.
  const sweep = () =>
    void backend.sweepUnsentAttachments(Date.now() - (options.unsentUploadTtlMs ?? 24 * HOUR)).catch((error: unknown) => console.error('[attachments]', error));
  sweep();
  const sweeping = setInterval(sweep, HOUR);
  sweeping.unref();

  return {
    server,
    url,
    hubUrl: `${url}/hub`,
    backend,
    auth,
    close: ({ allowReconnect = false, abort = false } = {}) =>
      (closing ??= (async () => {
        clearInterval(sweeping);
        if (abort) for (const socket of sockets) socket.destroy();
        await hub.server.close({ allowReconnect });
        hub.dispose();
        server.closeAllConnections();
        await new Promise((done) => server.close(done));
        // Commands already queued finish before the database goes.
        await backend.run(async () => undefined).catch(() => undefined);
        await opened.close();
        await cluster?.close();
        if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      })()),
  };
}
