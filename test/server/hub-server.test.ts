import * as signalR from '@microsoft/signalr';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { ImError } from '../../src/model/errors.js';
import { decodeHubError } from '../../src/transport/hub-errors.js';
import { HubServer, type HubContext, type HubServerOptions } from '../../server/signalr/hub-server.js';
import { parseRecords } from '../../server/signalr/protocol.js';

const users: Record<string, string> = { 'token-alice': 'alice', 'token-bob': 'bob' };
const handshake = '{"protocol":"json","version":1}\x1e';

/** The hub methods the tests call. */
async function invoke(ctx: HubContext, method: string, args: unknown[]): Promise<unknown> {
  switch (method) {
    case 'echo':
      return args[0];
    case 'add':
      return (args[0] as number) + (args[1] as number);
    case 'whoami':
      return ctx;
    case 'delay':
      await sleep(args[0] as number);
      return args[1];
    case 'record':
      recorded.push(args[0]);
      return undefined;
    case 'forbidden':
      throw new ImError('forbidden', 'Only the teacher may close this conversation.', { conversationId: 'c1' });
    case 'crash':
      throw new Error('secret internal detail');
    default:
      throw new ImError('not-found', `No hub method '${method}'.`);
  }
}

let recorded: unknown[] = [];
let reported: unknown[] = [];

interface RunningHub {
  hub: HubServer;
  http: Server;
  url: string;
  port: number;
  stop(options?: { allowReconnect?: boolean; error?: string }): Promise<void>;
}

const running = new Set<RunningHub>();
const clients: signalR.HubConnection[] = [];
const sockets: WebSocket[] = [];

async function startHub(options: Partial<HubServerOptions> = {}, port = 0): Promise<RunningHub> {
  const hub = new HubServer({
    path: '/hub',
    authenticate: (token) => (token !== undefined && Object.hasOwn(users, token) ? users[token] : undefined),
    invoke,
    onError: (error) => reported.push(error),
    ...options,
  });
  const http = createServer(async (req, res) => {
    if (!(await hub.handleRequest(req, res))) res.writeHead(404).end();
  });
  http.on('upgrade', (req, socket, head) => {
    if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = (http.address() as AddressInfo).port;
  const server: RunningHub = {
    hub,
    http,
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}`,
    async stop(closeOptions) {
      running.delete(server);
      await hub.close(closeOptions);
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
  running.add(server);
  return server;
}

function client(url: string, token: string | null = 'token-alice', delays = [0, 100, 200, 200, 200, 200, 200, 200, 200, 200]) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${url}/hub`, token === null ? {} : { accessTokenFactory: () => token })
    .withAutomaticReconnect(delays)
    .configureLogging(signalR.LogLevel.None)
    .build();
  clients.push(connection);
  return connection;
}

async function connected(url: string, token = 'token-alice') {
  const connection = client(url, token);
  await connection.start();
  return connection;
}

async function negotiate(url: string, token = 'token-alice') {
  const res = await fetch(`${url}/hub/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  return (await res.json()) as { connectionId: string; connectionToken: string };
}

/** Opens a raw WebSocket; resolves with the HTTP status it got (101 when upgraded) and the socket. */
function openSocket(url: string, headers: Record<string, string> = { Authorization: 'Bearer token-alice' }) {
  return new Promise<{ status: number; ws: WebSocket }>((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), { headers });
    sockets.push(ws);
    ws.once('open', () => resolve({ status: 101, ws }));
    ws.once('unexpected-response', (req, res) => {
      resolve({ status: res.statusCode ?? 0, ws });
      req.destroy();
    });
    ws.once('error', reject);
  });
}

/** A hand-written protocol client for what the real one never sends. */
class RawClient {
  readonly records: unknown[] = [];
  /** How many records each frame carried. */
  readonly frames: number[] = [];
  readonly closed: Promise<number>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      assert.equal(isBinary, false, 'the server only sends text frames');
      const records = parseRecords(String(data));
      this.frames.push(records.length);
      this.records.push(...records);
    });
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
  }

  static async connect(url: string, first = handshake) {
    const { connectionToken } = await negotiate(url);
    const { status, ws } = await openSocket(`${url}/hub?id=${connectionToken}`);
    assert.equal(status, 101);
    const raw = new RawClient(ws);
    if (first) ws.send(first);
    return raw;
  }

  async ready() {
    assert.deepEqual(await this.next(() => true), {});
    return this;
  }

  /** Waits for the first record that matches and has not been taken yet. */
  async next(match: (record: Record<string, unknown>) => boolean, timeoutMs = 2_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const index = this.records.findIndex((record) => match(record as Record<string, unknown>));
      if (index !== -1) return this.records.splice(index, 1)[0] as Record<string, unknown>;
      assert.ok(Date.now() < until, `no matching record; got ${JSON.stringify(this.records)}`);
      await sleep(5);
    }
  }
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 2_000) {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    assert.ok(Date.now() < until, `timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** After a misbehaving client, a well-behaved one still gets served. */
async function stillServes(url: string) {
  const connection = await connected(url, 'token-bob');
  assert.equal(await connection.invoke('add', 40, 2), 42);
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((connection) => connection.stop()));
  for (const ws of sockets.splice(0)) ws.terminate();
  recorded = [];
  reported = [];
});

after(async () => {
  await Promise.all([...running].map((server) => server.stop()));
});

describe('hub server: negotiate', () => {
  it('answers negotiate with a WebSockets-only, version 1 response and a fresh token each time', async () => {
    const { url } = await startHub();
    const res = await fetch(`${url}/hub/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Authorization: 'Bearer token-alice' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), null, 'no CORS headers without an Origin');
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['availableTransports', 'connectionId', 'connectionToken', 'negotiateVersion']);
    assert.equal(body.negotiateVersion, 1);
    assert.deepEqual(body.availableTransports, [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }]);
    assert.notEqual(body.connectionId, body.connectionToken);
    const again = await negotiate(url);
    assert.notEqual(again.connectionToken, body.connectionToken);
    assert.equal((await fetch(`${url}/hub/negotiate`)).status, 405);
    assert.equal((await fetch(`${url}/elsewhere`)).status, 404, 'other URLs are left to the host');
  });

  it('sends a negotiate on to another hub when told to, which the real client follows there, with the token it was given', async () => {
    const target = await startHub();
    const front = await startHub({
      redirect: (userId) => (userId === 'alice' ? { url: `${target.url}/hub`, accessToken: 'token-bob' } : undefined),
    });
    const res = await fetch(`${front.url}/hub/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Authorization: 'Bearer token-alice' } });
    assert.deepEqual(await res.json(), { url: `${target.url}/hub`, accessToken: 'token-bob' });
    const followed = await connected(front.url);
    assert.equal(((await followed.invoke('whoami')) as HubContext).userId, 'bob', 'connected to the target as the token it was handed says');
    assert.equal(front.hub.connectionsOf('alice') + front.hub.connectionsOf('bob'), 0);
    assert.equal(target.hub.connectionsOf('bob'), 1);
    const stays = await connected(front.url, 'token-bob');
    assert.equal(((await stays.invoke('whoami')) as HubContext).userId, 'bob', 'no redirect: connected here');
    assert.equal(front.hub.connectionsOf('bob'), 1);

    const failing = await startHub({
      redirect: () => {
        throw new Error('the service is misconfigured');
      },
    });
    assert.equal((await fetch(`${failing.url}/hub/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Authorization: 'Bearer token-alice' } })).status, 500);
    assert.match(String(reported.at(-1)), /misconfigured/, 'the cause is logged, not told');
  });

  it('echoes the Origin with credentials on preflight and negotiate, never *, and refuses disallowed origins', async () => {
    const { url } = await startHub({ allowedOrigins: (origin) => origin === 'https://lms.example' });
    const preflight = await fetch(`${url}/hub/negotiate?negotiateVersion=1`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://lms.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://lms.example');
    assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(preflight.headers.get('access-control-allow-headers'), 'authorization, x-requested-with, x-signalr-user-agent, content-type');
    const res = await fetch(`${url}/hub/negotiate?negotiateVersion=1`, {
      method: 'POST',
      headers: { Origin: 'https://lms.example', Authorization: 'Bearer token-alice' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://lms.example');
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
    const evil = await fetch(`${url}/hub/negotiate?negotiateVersion=1`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', Authorization: 'Bearer token-alice' },
    });
    assert.equal(evil.status, 403);
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    const { connectionToken } = await negotiate(url);
    const socket = await openSocket(`${url}/hub?id=${connectionToken}`, { Authorization: 'Bearer token-alice', Origin: 'https://evil.example' });
    assert.equal(socket.status, 403, 'WebSockets skip CORS, so the server checks the origin itself');
  });

  it('refuses start() without a token or with a wrong one', async () => {
    const { url, hub } = await startHub();
    for (const token of [null, 'token-mallory']) {
      const connection = client(url, token);
      // The client wraps negotiate's HttpError; only its message keeps the status.
      await assert.rejects(connection.start(), /negotiation.*Status code '401'/);
      assert.equal(connection.state, signalR.HubConnectionState.Disconnected);
    }
    assert.equal(hub.connectionsOf('alice'), 0);
  });

  it('accepts a connection token once, only before it expires, and only for the user who negotiated', async () => {
    const { url } = await startHub({ connectionTokenTtlMs: 100 });
    const { connectionToken } = await negotiate(url);
    assert.equal((await openSocket(`${url}/hub?id=${connectionToken}`)).status, 101);
    assert.equal((await openSocket(`${url}/hub?id=${connectionToken}`)).status, 404, 'second use');

    const forBob = await negotiate(url, 'token-bob');
    assert.equal((await openSocket(`${url}/hub?id=${forBob.connectionToken}`)).status, 403, "alice on bob's token");
    assert.equal((await openSocket(`${url}/hub?id=${forBob.connectionToken}`, { Authorization: 'Bearer token-bob' })).status, 404, 'spent by the refused attempt');

    const noUser = await negotiate(url);
    assert.equal((await openSocket(`${url}/hub?id=${noUser.connectionToken}`, {})).status, 401);
    assert.equal((await openSocket(`${url}/hub`)).status, 404, 'no id');

    const stale = await negotiate(url);
    await sleep(150);
    assert.equal((await openSocket(`${url}/hub?id=${stale.connectionToken}`)).status, 404, 'expired');
  });

  it('keeps nothing per negotiate: tokens negotiated in a loop each work once, and a forged or altered one never', async () => {
    const { url } = await startHub();
    const alices = [];
    for (let i = 0; i < 40; i++) alices.push((await negotiate(url)).connectionToken);
    assert.equal((await openSocket(`${url}/hub?id=${alices[0]}`)).status, 101, 'the oldest still works');
    assert.equal((await openSocket(`${url}/hub?id=${alices[39]}`)).status, 101);
    const [payload, signature] = alices[1].split('.');
    const forged = Buffer.from(JSON.stringify(['c', 'alice', Date.now() + 60_000])).toString('base64url');
    assert.equal((await openSocket(`${url}/hub?id=${forged}.${signature}`)).status, 404, 'another payload under a signature');
    assert.equal((await openSocket(`${url}/hub?id=${payload}.${signature.slice(0, -2)}xx`)).status, 404, 'an altered signature');
    assert.equal((await openSocket(`${url}/hub?id=${alices[1]}`)).status, 101, 'the genuine one still works after those');
  });

  it('accepts a token negotiated on another server with the same secret and claims, once across both, and never one of another secret', async () => {
    const used = new Set<string>();
    const claim = async (id: string) => !used.has(id) && !!used.add(id);
    const first = await startHub({ secret: 'shared', claim });
    const second = await startHub({ secret: 'shared', claim });
    const stranger = await startHub({ secret: 'another' });
    const { connectionToken } = await negotiate(first.url);
    assert.equal((await openSocket(`${stranger.url}/hub?id=${connectionToken}`)).status, 404, 'another secret');
    assert.equal((await openSocket(`${second.url}/hub?id=${connectionToken}`)).status, 101, 'negotiated on the first, connected on the second');
    assert.equal((await openSocket(`${first.url}/hub?id=${connectionToken}`)).status, 404, 'used on the second: spent on the first too');
  });

  it('takes the token from access_token in the WebSocket URL, as browsers send it', async () => {
    const { url } = await startHub();
    const { connectionToken } = await negotiate(url);
    const { status, ws } = await openSocket(`${url}/hub?id=${connectionToken}&access_token=token-alice`, {});
    assert.equal(status, 101);
    const raw = new RawClient(ws);
    ws.send(handshake);
    await raw.ready();
  });
});

describe('hub server: invocations', () => {
  it('returns what the hub method returns, for the signed-in user', async () => {
    const { url } = await startHub();
    const connection = await connected(url);
    assert.equal(await connection.invoke('add', 2, 3), 5);
    assert.deepEqual(await connection.invoke('echo', { text: 'Hei på deg', n: [1, null] }), { text: 'Hei på deg', n: [1, null] });
    assert.equal(await connection.invoke('record', 'x'), undefined, 'a void method completes without a result');
    const me = (await connection.invoke('whoami')) as HubContext;
    assert.equal(me.userId, 'alice');
    assert.equal(me.connectionId, connection.connectionId);
  });

  it('rejects with a structured error that decodeHubError rebuilds', async () => {
    const { url } = await startHub();
    const connection = await connected(url);
    const error = await connection.invoke('forbidden').then(
      () => assert.fail('should reject'),
      (rejection: Error) => rejection,
    );
    const decoded = decodeHubError(error.message);
    assert.ok(decoded instanceof ImError);
    assert.equal(decoded.code, 'forbidden');
    assert.equal(decoded.message, 'Only the teacher may close this conversation.');
    assert.deepEqual(decoded.details, { conversationId: 'c1' });
    assert.equal(decodeHubError((await connection.invoke('nope').catch((e: Error) => e)).message)?.code, 'not-found');
    assert.deepEqual(reported, [], 'refusals are not server faults');
  });

  it("turns an unexpected failure into 'internal' without its message, and reports the original", async () => {
    const { url } = await startHub();
    const connection = await connected(url);
    const error = (await connection.invoke('crash').catch((e: Error) => e)) as Error;
    assert.doesNotMatch(error.message, /secret|at invoke|\.ts/);
    const decoded = decodeHubError(error.message);
    assert.equal(decoded?.code, 'internal');
    assert.equal(decoded?.message, 'Internal error');
    assert.equal((reported[0] as Error).message, 'secret internal detail');
    assert.equal(await connection.invoke('echo', 'still here'), 'still here');
  });

  it('answers one connection in the order it asked, even when the first call is slow', async () => {
    const { url } = await startHub();
    const connection = await connected(url);
    const order: string[] = [];
    await Promise.all([
      connection.invoke('delay', 80, 'slow').then((value: string) => order.push(value)),
      connection.invoke('echo', 'fast').then((value: string) => order.push(value)),
    ]);
    assert.deepEqual(order, ['slow', 'fast']);
  });

  it('runs a fire-and-forget send without answering it', async () => {
    const { url } = await startHub();
    const raw = await (await RawClient.connect(url)).ready();
    raw.ws.send('{"type":1,"target":"record","arguments":["sent"]}\x1e{"type":1,"invocationId":"7","target":"echo","arguments":["ok"]}\x1e');
    assert.deepEqual(await raw.next((r) => r.type === 3), { type: 3, invocationId: '7', result: 'ok' });
    assert.deepEqual(recorded, ['sent']);
    await sleep(30);
    assert.deepEqual(raw.records.filter((r) => (r as { type: number }).type === 3), [], 'exactly one completion');

    const connection = await connected(url);
    await connection.send('record', 'from the client');
    await waitUntil(() => recorded.length === 2, 'the send to run');
    assert.equal(recorded[1], 'from the client');
  });
});

describe('hub server: pushes', () => {
  it("reaches every connection of the user and nobody else's", async () => {
    const connectedUsers: string[] = [];
    const disconnectedUsers: string[] = [];
    const { url, hub } = await startHub({
      onConnection: (ctx) => connectedUsers.push(ctx.userId),
      onDisconnection: (ctx) => disconnectedUsers.push(ctx.userId),
    });
    const [tab1, tab2, bob] = await Promise.all([connected(url), connected(url), connected(url, 'token-bob')]);
    const received = { tab1: [] as unknown[], tab2: [] as unknown[], bob: [] as unknown[] };
    tab1.on('event', (e) => received.tab1.push(e));
    tab2.on('event', (e) => received.tab2.push(e));
    bob.on('event', (e) => received.bob.push(e));
    assert.deepEqual(connectedUsers.sort(), ['alice', 'alice', 'bob']);
    assert.equal(hub.connectionsOf('alice'), 2);

    assert.equal(hub.sendToUser('alice', 'event', [{ seq: 1, type: 'message-created' }]), 2);
    assert.equal(hub.sendToUser('bob', 'event', [{ seq: 9 }]), 1);
    assert.equal(hub.sendToUser('carol', 'event', [{ seq: 1 }]), 0);
    await waitUntil(() => received.tab1.length + received.tab2.length + received.bob.length === 3, 'the pushes');
    assert.deepEqual(received.tab1, [{ seq: 1, type: 'message-created' }]);
    assert.deepEqual(received.tab2, [{ seq: 1, type: 'message-created' }]);
    assert.deepEqual(received.bob, [{ seq: 9 }], 'bob got only his own push');

    await tab2.stop();
    await waitUntil(() => hub.connectionsOf('alice') === 1, 'the closed tab to leave the registry');
    assert.deepEqual(disconnectedUsers, ['alice']);
    assert.equal(hub.sendToUser('alice', 'event', [{ seq: 2 }]), 1);
    await waitUntil(() => received.tab1.length === 2, 'the second push');
  });
});

describe('hub server: closing', () => {
  it('sends what it has for a connection in one turn of the event loop as one frame, in order', async () => {
    const { url, hub } = await startHub({});
    const raw = await (await RawClient.connect(url)).ready();
    const pushed = () => raw.records.map((r) => (r as { arguments: { seq: number }[] }).arguments[0].seq);
    for (let seq = 1; seq <= 3; seq++) hub.sendToUser('alice', 'event', [{ seq }]);
    await waitUntil(() => raw.records.length === 3, 'three pushes');
    await sleep(20);
    hub.sendToUser('alice', 'event', [{ seq: 4 }]);
    await waitUntil(() => raw.records.length === 4, 'the fourth');
    assert.deepEqual(pushed(), [1, 2, 3, 4]);
    assert.deepEqual(raw.frames.slice(-2), [3, 1], 'three pushes in one turn went as one frame; the next alone');
    raw.ws.close();
  });

  it('closes with allowReconnect and the client reconnects to a new server on the same port', async () => {
    const first = await startHub();
    const connection = await connected(first.url);
    const firstId = connection.connectionId;
    let reconnecting = 0;
    const reconnected = new Promise<string | undefined>((resolve) => connection.onreconnected(resolve));
    connection.onreconnecting(() => reconnecting++);
    let closed = false;
    connection.onclose(() => (closed = true));

    await first.stop({ allowReconnect: true });
    await waitUntil(() => reconnecting === 1, 'onreconnecting');
    assert.equal(connection.state, signalR.HubConnectionState.Reconnecting);

    const second = await startHub({}, first.port);
    const newId = await reconnected;
    assert.ok(newId);
    assert.notEqual(newId, firstId);
    assert.equal(second.hub.connectionsOf('alice'), 1);
    assert.equal(await connection.invoke('echo', 'back'), 'back');
    assert.equal(closed, false);
  });

  it('closes for good without allowReconnect, passing the error to onclose', async () => {
    const server = await startHub();
    const connection = await connected(server.url);
    let reconnecting = 0;
    connection.onreconnecting(() => reconnecting++);
    const closed = new Promise<Error | undefined>((resolve) => connection.onclose(resolve));
    await server.stop({ error: 'The server is shutting down.' });
    const error = await closed;
    assert.match(error?.message ?? '', /The server is shutting down\./);
    assert.equal(connection.state, signalR.HubConnectionState.Disconnected);
    await sleep(150);
    assert.equal(reconnecting, 0);
    assert.equal(server.hub.connectionsOf('alice'), 0);
  });
});

describe('hub server: misbehaving clients', () => {
  /** The server's last words to a client it drops: a Close with an error and no reconnect, then the socket closes. */
  async function expectClose(raw: RawClient, error: RegExp) {
    const close = await raw.next((r) => r.type === 7);
    assert.match(String(close.error), error);
    assert.equal(close.allowReconnect, undefined);
    assert.equal(await raw.closed, 1000);
  }

  it('closes on records that are not JSON, partial or not messages', async () => {
    const { url } = await startHub();
    for (const [text, error] of [
      ['not json\x1e', /not valid JSON/],
      ['{"type":1,"invocationId":"1","target":"echo","arguments":[]}', /Incomplete message/],
      ['[1,2]\x1e', /numeric type/],
      ['{"type":1,"target":"echo"}\x1e', /target and an arguments array/],
      ['{"type":1,"invocationId":5,"target":"echo","arguments":[]}\x1e', /invocationId must be a string/],
    ] as const) {
      const raw = await (await RawClient.connect(url)).ready();
      raw.ws.send(text);
      await expectClose(raw, error);
    }
    await stillServes(url);
  });

  it('closes on a binary frame', async () => {
    const { url } = await startHub();
    const raw = await (await RawClient.connect(url)).ready();
    raw.ws.send(Buffer.from('{"type":6}\x1e'), { binary: true });
    await expectClose(raw, /Binary frames are not supported/);
    await stillServes(url);
  });

  it('closes a connection that floods it with more messages than it can have waiting', async () => {
    const { url } = await startHub();
    const raw = await (await RawClient.connect(url)).ready();
    const flood = Array.from({ length: 300 }, (_, i) => `{"type":1,"invocationId":"${i}","target":"echo","arguments":[${i}]}\x1e`).join('');
    raw.ws.send(flood);
    await expectClose(raw, /Too many messages in flight/);
    await stillServes(url);
  });

  it('closes on a message over the size limit, and drops one far over it unread', async () => {
    const { url } = await startHub();
    const raw = await (await RawClient.connect(url)).ready();
    raw.ws.send(`{"type":1,"target":"echo","arguments":["${'x'.repeat(1024 * 1024)}"]}\x1e`);
    await expectClose(raw, /exceeds the limit of 1048576 bytes/);

    const huge = await (await RawClient.connect(url)).ready();
    huge.ws.send('x'.repeat(2 * 1024 * 1024 + 1));
    assert.equal(await huge.closed, 1009, 'ws refuses it from the frame header');
    assert.deepEqual(recorded, []);
    await stillServes(url);
  });

  it('answers unknown message types and streaming with an error completion and keeps the connection', async () => {
    const { url } = await startHub();
    const raw = await (await RawClient.connect(url)).ready();
    raw.ws.send('{"type":99,"invocationId":"1"}\x1e{"type":4,"invocationId":"2","target":"echo","arguments":[]}\x1e');
    raw.ws.send('{"type":1,"invocationId":"3","target":"echo","arguments":[],"streamIds":["s1"]}\x1e{"type":42}\x1e');
    for (const [id, message] of [['1', /type 99/], ['2', /Streaming methods/], ['3', /Streaming arguments/]] as const) {
      const completion = await raw.next((r) => r.type === 3 && r.invocationId === id);
      const error = decodeHubError(String(completion.error));
      assert.equal(error?.code, 'invalid');
      assert.match(error?.message ?? '', message);
    }
    raw.ws.send('{"type":6}\x1e{"type":1,"invocationId":"4","target":"add","arguments":[1,1]}\x1e');
    assert.deepEqual(await raw.next((r) => r.type === 3), { type: 3, invocationId: '4', result: 2 });
    assert.equal(raw.ws.readyState, WebSocket.OPEN);
  });

  it('refuses a handshake for another protocol, and one that never comes', async () => {
    const { url } = await startHub({ handshakeTimeoutMs: 100 });
    const messagepack = await RawClient.connect(url, '{"protocol":"messagepack","version":1}\x1e');
    assert.match(String((await messagepack.next(() => true)).error), /'messagepack' is not supported/);
    assert.equal(await messagepack.closed, 1000);

    const silent = await RawClient.connect(url, '');
    assert.match(String((await silent.next(() => true)).error), /not received in time/);
    assert.equal(await silent.closed, 1000);
    await stillServes(url);
  });

  it('pings on its interval and closes a client that stays silent past the timeout', async () => {
    const { url } = await startHub({ pingIntervalMs: 30, clientTimeoutMs: 200 });
    const raw = await (await RawClient.connect(url)).ready();
    const start = Date.now();
    for (let i = 0; i < 3; i++) assert.deepEqual(await raw.next((r) => r.type === 6), { type: 6 });
    assert.ok(Date.now() - start >= 80, 'three pings take three intervals');
    await expectClose(raw, /Server timeout elapsed/);
  });
});
