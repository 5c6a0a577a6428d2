// Several server instances on one PostgreSQL database and one Redis, as a platform runs
// them behind a load balancer: the real @microsoft/signalr client (inside SignalRTransport)
// connected to different instances, a Redis server of the test's own that it stops and
// starts mid-stream, and the server command's refusals at start.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { seedUsers as u } from '../../src/backend/seed.js';
import { ImError } from '../../src/model/errors.js';
import { startApp, type RunningApp } from '../../server/app.js';
import { tokenAuth } from '../../server/auth.js';
import { PostgresStorage } from '../../server/postgres-storage.js';
import { dropSchema, postgresSuite, requirePostgres, testDatabaseUrl, testSchema } from './postgres.js';
import { recordingClient, type RecordingClient } from './recording-client.js';
import { freePort, redisSuite, requireRedis, startRedis, type TestRedis } from './redis.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const secret = 'cluster-test-secret-0123456789';
const auth = tokenAuth({ secret });
/** Sends a minute per user, counted across the instances. */
const SENDS_PER_MINUTE = 12;

interface Client extends RecordingClient {
  name: string;
}

let n = 0;
const clientId = () => `cluster-${++n}`;

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    assert.ok(Date.now() < until, `timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** The seqs of the events a client was given, in the order it was given them. */
const seqsOf = (client: Client) => client.log.flatMap((e) => (e.type === 'event' ? [e.seq] : []));

/** How many times a client was told of each message created in `conversationId`. */
function createdIn(client: Client, conversationId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of client.log) {
    if (e.type === 'event' && e.event.type === 'message-created' && e.event.message.conversationId === conversationId) {
      counts.set(e.event.message.id, (counts.get(e.event.message.id) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * Every event a client was given came once, each the one after the last; and no frame came
 * off the wire twice or out of order (the transport would hide a server's repeats).
 */
function assertInOrderOnce(client: Client) {
  const seqs = seqsOf(client);
  seqs.forEach((seq, i) => i > 0 && assert.equal(seq, seqs[i - 1] + 1, `${client.name}: event ${seq} after ${seqs[i - 1]}`));
  for (const frames of client.frames) frames.forEach((seq, i) => i > 0 && assert.ok(seq > frames[i - 1], `${client.name}: frame ${seq} after ${frames[i - 1]}`));
}

describe('several instances on one PostgreSQL and one Redis', { ...(await postgresSuite()), ...redisSuite() }, () => {
  let redis: TestRedis;
  const schema = testSchema();
  const dataDir = mkdtempSync(join(tmpdir(), 'im-cluster-test-'));
  const storages: PostgresStorage[] = [];
  const apps: RunningApp[] = [];
  const clients: Client[] = [];

  async function connectAs(userId: string, app: RunningApp, name: string): Promise<Client> {
    const client = { ...(await recordingClient(app.hubUrl, () => auth.issue(userId))), name };
    clients.push(client);
    return client;
  }

  before(async () => {
    await requirePostgres();
    requireRedis();
    redis = await startRedis();
    for (let i = 0; i < 2; i++) {
      const storage = await PostgresStorage.open(testDatabaseUrl, { schema });
      storages.push(storage);
      // The first seeds the demo school; the second finds it there.
      apps.push(
        await startApp({ storage, dataDir, demo: true, tokenSecret: secret, redisUrl: redis.url, pingIntervalMs: 200, limits: { sendsPerMinute: SENDS_PER_MINUTE } }),
      );
    }
  });

  after(async () => {
    await Promise.all(clients.map(({ t }) => t.disconnect()));
    for (const app of apps) await app.close();
    for (const storage of storages) await storage.close();
    await redis?.stop();
    await dropSchema(schema).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers what is sent on either instance to every member on both, each event once and in order', async () => {
    const [a, b] = apps;
    const kari = await connectAs(u.kari.id, a, 'kari on A');
    const kariToo = await connectAs(u.kari.id, b, 'kari on B');
    const ola = await connectAs(u.ola.id, a, 'ola on A');
    const emma = await connectAs(u.emma.id, b, 'emma on B');
    const { conversation } = await kari.t.startConversation({
      recipients: [{ type: 'person', id: u.ola.id }, { type: 'person', id: u.emma.id }],
      mode: 'group',
      text: 'Homework club',
      clientId: clientId(),
    });
    // Both write at once, each through their own instance.
    const writes = (client: Client, count: number) => (async () => {
      for (let i = 0; i < count; i++) await client.t.sendMessage({ conversationId: conversation.id, clientId: clientId(), text: `${client.name} ${i}` });
    })();
    await Promise.all([writes(ola, 10), writes(emma, 10)]);
    for (const client of [kari, kariToo, ola, emma]) {
      await waitUntil(() => createdIn(client, conversation.id).size === 21, `${client.name} to hear of all 21 messages`);
      assert.deepEqual([...createdIn(client, conversation.id).values()], Array<number>(21).fill(1), `${client.name}: each once`);
      assertInOrderOnce(client);
    }
  });

  it('keeps one one-to-one per pair when both instances start it at the same moment', async () => {
    const [a, b] = apps;
    const noah = await connectAs(u.noah.id, a, 'noah on A');
    const noahToo = await connectAs(u.noah.id, b, 'noah on B');
    const started = await Promise.all(
      [noah, noahToo].map((client) =>
        client.t.startConversation({ recipients: [{ type: 'person', id: u.sofie.id }], mode: 'individual', text: `Hi from ${client.name}`, clientId: clientId() }),
      ),
    );
    assert.equal(started[0].conversation.id, started[1].conversation.id);
    const page = await noah.t.listConversations({ limit: 50 });
    assert.equal(page.items.filter((c) => c.kind === 'one-to-one' && c.name === u.sofie.name).length, 1);
  });

  it('counts a user’s sends per minute across the instances', async () => {
    const [a, b] = apps;
    const jakobA = await connectAs(u.jakob.id, a, 'jakob on A');
    const jakobB = await connectAs(u.jakob.id, b, 'jakob on B');
    const { conversation } = await jakobA.t.startConversation({ recipients: [{ type: 'person', id: u.kari.id }], mode: 'individual', text: 'Question', clientId: clientId() });
    for (let i = 1; i < SENDS_PER_MINUTE; i++) await (i % 2 ? jakobB : jakobA).t.sendMessage({ conversationId: conversation.id, clientId: clientId(), text: `${i}` });
    const refused = await jakobA.t.sendMessage({ conversationId: conversation.id, clientId: clientId(), text: 'one too many' }).then(
      () => assert.fail('the limit was counted per instance'),
      (error: unknown) => error as ImError,
    );
    assert.equal(refused.code, 'rate-limited');
  });

  it('takes a connection token from one instance once on any: negotiated on A, used on B, refused when used again on A', async () => {
    const [a, b] = apps;
    const negotiated = await fetch(`${a.hubUrl}/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Authorization: `Bearer ${auth.issue(u.per.id)}` } });
    const { connectionToken } = (await negotiated.json()) as { connectionToken: string };
    const open = (app: RunningApp) =>
      new Promise<number>((done) => {
        const ws = new WebSocket(`${app.hubUrl.replace('http', 'ws')}?id=${connectionToken}&access_token=${auth.issue(u.per.id)}`);
        ws.on('upgrade', (res) => done(res.statusCode ?? 0));
        ws.on('unexpected-response', (_req, res) => done(res.statusCode ?? 0));
        ws.on('open', () => ws.close());
        ws.on('error', () => undefined);
      });
    assert.equal(await open(b), 101);
    assert.equal(await open(a), 404);
  });

  it('downloads on one instance what was uploaded on the other, with a link token from either', async () => {
    const [a, b] = apps;
    const bearer = { Authorization: `Bearer ${auth.issue(u.ola.id)}` };
    const uploaded = await fetch(`${a.url}/api/attachments`, { method: 'POST', headers: { ...bearer, 'X-File-Name': 'notes.txt', 'Content-Type': 'text/plain' }, body: 'chapter 4' });
    assert.equal(uploaded.status, 201);
    const { id } = (await uploaded.json()) as { id: string };
    const link = await fetch(`${b.url}/api/attachments/link-token`, { method: 'POST', headers: bearer });
    const { token } = (await link.json()) as { token: string };
    const downloaded = await fetch(`${a.url}/api/attachments/${id}?access_token=${encodeURIComponent(token)}`);
    assert.equal(downloaded.status, 200, 'a link token of B downloads on A');
    assert.equal(await downloaded.text(), 'chapter 4');
    assert.equal((await fetch(`${b.url}/api/attachments/${id}`, { headers: bearer })).status, 200, 'uploaded on A, downloaded on B');
  });

  it('when Redis restarts mid-stream, sends go on and the other instance’s members get what they missed, once and in order', async () => {
    const [a, b] = apps;
    const per = await connectAs(u.per.id, a, 'per on A');
    const kari = await connectAs(u.kari.id, b, 'kari on B, through the outage');
    const { conversation } = await per.t.startConversation({ recipients: [{ type: 'person', id: u.kari.id }], mode: 'individual', text: 'Before', clientId: clientId() });
    await waitUntil(() => createdIn(kari, conversation.id).size === 1, 'the first message');

    await redis.kill();
    const during = [];
    for (let i = 0; i < 5; i++) during.push(await per.t.sendMessage({ conversationId: conversation.id, clientId: clientId(), text: `During ${i}` }));
    assert.equal(during.length, 5, 'every send was answered with Redis away');
    await redis.start();
    await waitUntil(() => createdIn(kari, conversation.id).size === 6, 'the messages sent while Redis was away');
    await per.t.sendMessage({ conversationId: conversation.id, clientId: clientId(), text: 'After' });
    await waitUntil(() => createdIn(kari, conversation.id).size === 7, 'a message sent after');
    assert.deepEqual([...createdIn(kari, conversation.id).values()], Array<number>(7).fill(1));
    assertInOrderOnce(kari);
  });

  it('follows a negotiate redirect to another instance, as with Azure SignalR Service: connects there, catches up, and uploads to the first', async () => {
    const storage = await PostgresStorage.open(testDatabaseUrl, { schema });
    storages.push(storage);
    const front = await startApp({ storage, dataDir, tokenSecret: secret, redisUrl: redis.url, hubRedirect: apps[1].hubUrl });
    apps.push(front);
    const answer = await fetch(`${front.hubUrl}/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Authorization: `Bearer ${auth.issue(u.emma.id)}` } });
    const redirect = (await answer.json()) as { url: string; accessToken: string };
    assert.equal(redirect.url, apps[1].hubUrl);
    assert.equal(auth.verify(redirect.accessToken), u.emma.id, 'a token the other instance takes, for the same person');
    const short = await fetch(`${front.hubUrl}/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Authorization: `Bearer ${auth.issue(u.emma.id, 60_000)}` } });
    const renewed = ((await short.json()) as { accessToken: string }).accessToken;
    assert.ok(auth.remainingMs(renewed) <= 60_000, 'never longer than the token it was asked with: no renewing a session for ever');

    const emma = await connectAs(u.emma.id, front, 'emma, redirected');
    const sofie = await connectAs(u.sofie.id, apps[0], 'sofie on A');
    const { conversation } = await sofie.t.startConversation({ recipients: [{ type: 'person', id: u.emma.id }], mode: 'individual', text: 'Are you there?', clientId: clientId() });
    await waitUntil(() => createdIn(emma, conversation.id).size === 1, 'emma to hear of it live, through the instance she was sent to');

    await emma.t.disconnect();
    const whileAway = await sofie.t.sendMessage({ conversationId: conversation.id, clientId: clientId(), text: 'Sent while you were away' });
    await emma.t.connect();
    await waitUntil(() => createdIn(emma, conversation.id).has(whileAway.id), 'emma to catch up on what came while she was away');

    const file = new File(['chapter 4, exercises 1-6'], 'homework.txt', { type: 'text/plain' });
    const attachment = await emma.t.uploadAttachment(file);
    const sent = await emma.t.sendMessage({ conversationId: conversation.id, clientId: clientId(), text: 'My homework', attachmentIds: [attachment.id] });
    await waitUntil(() => createdIn(sofie, conversation.id).has(sent.id), 'sofie to get the message with the file');
    assert.deepEqual(sent.attachments.map((a) => a.name), ['homework.txt']);
    assertInOrderOnce(emma);
  });
});

describe('starting as one of several instances', () => {
  /** What the server command said on stderr, line by line, and how it ended. */
  function serverWith(env: Record<string, string>) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, IM_DATA_DIR: mkdtempSync(join(tmpdir(), 'im-cluster-start-')), PORT: '0', IM_TOKEN_SECRET: '', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { status: run.status, lines: run.stderr.split('\n').filter((line) => line.trim()) };
  }

  it('refuses, in one line naming what to set, IM_REDIS_URL without a shared database, without IM_TOKEN_SECRET, or with a Redis that does not answer', async () => {
    const noDatabase = serverWith({ IM_REDIS_URL: 'redis://127.0.0.1:6379', IM_TOKEN_SECRET: 's' });
    assert.equal(noDatabase.status, 1);
    assert.deepEqual(noDatabase.lines.length, 1, noDatabase.lines.join('\n'));
    assert.match(noDatabase.lines[0], /IM_REDIS_URL .*set IM_DATABASE_URL too/);

    const noSecret = serverWith({ IM_REDIS_URL: 'redis://127.0.0.1:6379', IM_DATABASE_URL: testDatabaseUrl });
    assert.equal(noSecret.status, 1);
    assert.equal(noSecret.lines.length, 1, noSecret.lines.join('\n'));
    assert.match(noSecret.lines[0], /set IM_TOKEN_SECRET, the same on every one/);

    const port = await freePort();
    const unreachable = serverWith({ IM_REDIS_URL: `redis://:hunter2@127.0.0.1:${port}`, IM_DATABASE_URL: testDatabaseUrl, IM_TOKEN_SECRET: 's' });
    assert.equal(unreachable.status, 1);
    assert.equal(unreachable.lines.length, 1, unreachable.lines.join('\n'));
    assert.match(unreachable.lines[0], new RegExp(`^Redis at redis://127\\.0\\.0\\.1:${port} can't be used \\(IM_REDIS_URL\\): .*ECONNREFUSED`));
    assert.doesNotMatch(unreachable.lines[0], /hunter2/);

    const notRedis = serverWith({ IM_REDIS_URL: 'http://127.0.0.1:6379', IM_DATABASE_URL: testDatabaseUrl, IM_TOKEN_SECRET: 's' });
    assert.match(notRedis.lines[0], /^IM_REDIS_URL is not a Redis URL/);
  });
});
