// The messaging hub end to end: the real @microsoft/signalr client (inside
// SignalRTransport, and bare where a test needs to misbehave) against the real
// server on 127.0.0.1, with SQLite in a temporary folder.
import * as signalR from '@microsoft/signalr';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { seedUsers } from '../../src/backend/seed.js';
import { commandNames, type CommandArgs, type CommandName, type CommandResults } from '../../src/model/commands.js';
import { ImError } from '../../src/model/errors.js';
import type { Attachment, Message } from '../../src/model/types.js';
import { decodeHubError } from '../../src/transport/hub-errors.js';
import { SignalRTransport } from '../../src/transport/signalr-transport.js';
import type { TransportEvent } from '../../src/transport/transport.js';
import { startApp, type RunningApp } from '../../server/app.js';
import { tokenAuth } from '../../server/auth.js';
import { parseRecords } from '../../server/signalr/protocol.js';
import { recordingClient, type RecordingClient } from './recording-client.js';

const u = seedUsers;
const secret = 'hub-test-secret-0123456789';
const auth = tokenAuth({ secret });
const dataDir = mkdtempSync(join(tmpdir(), 'im-hub-test-'));
let app: RunningApp;

const startServer = (port = 0) => startApp({ port, dataDir, demo: true, tokenSecret: secret, pingIntervalMs: 200 });

type Client = Pick<RecordingClient, 't' | 'log'>;
const clients: Client[] = [];

/** A SignalRTransport signed in as `userId`, recording everything it tells its listeners. */
async function connectAs(userId: string): Promise<Client> {
  const client = await recordingClient(app.hubUrl, () => auth.issue(userId));
  clients.push(client);
  return client;
}

/** A bare HubConnection, for calls the transport's types would not let through. */
async function bareConnection(token: string | undefined) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(app.hubUrl, token === undefined ? {} : { accessTokenFactory: () => token })
    .configureLogging(signalR.LogLevel.None)
    .build();
  await connection.start();
  return connection;
}

/** Hub methods that answered successfully somewhere in this file; the last test wants all of them. */
const covered = new Set<CommandName>();

async function call<K extends CommandName>(client: Client, name: K, args: CommandArgs[K]): Promise<CommandResults[K]> {
  const command = client.t[name] as unknown as (a: CommandArgs[K]) => Promise<CommandResults[K]>;
  const result = await command(args);
  covered.add(name);
  return result;
}

/** The refusal of a call, failing if it succeeded or failed without an ImError. */
async function refusal(promise: Promise<unknown>): Promise<ImError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImError) return error;
    throw new Error(`expected an ImError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a refusal, but the call succeeded');
}

/** The hub's error for a bare connection's invoke. */
async function hubRefusal(promise: Promise<unknown>): Promise<ImError> {
  const error = await promise.then(
    () => assert.fail('expected the hub to refuse'),
    (e: unknown) => e as Error,
  );
  const decoded = decodeHubError(error.message);
  assert.ok(decoded, `not an ImError: ${error.message}`);
  return decoded;
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 3_000) {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    assert.ok(Date.now() < until, `timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** How many times a client was told that message `id` was created. */
const createdCount = (client: Client, id: string) =>
  client.log.filter((e) => e.type === 'event' && e.event.type === 'message-created' && e.event.message.id === id).length;

let n = 0;
const clientId = () => `hub-test-${++n}`;

const bearer = (userId: string) => ({ Authorization: `Bearer ${auth.issue(userId)}` });

function upload(userId: string | undefined, name: string, type: string, body: BodyInit, extra: RequestInit = {}) {
  return fetch(`${app.url}/api/attachments`, {
    method: 'POST',
    headers: { ...(userId ? bearer(userId) : {}), 'X-File-Name': encodeURIComponent(name), 'Content-Type': type },
    body,
    ...extra,
  });
}

const MB20 = 20 * 1024 * 1024;

before(async () => {
  app = await startServer();
});

after(async () => {
  await Promise.all(clients.map(({ t }) => t.disconnect()));
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('messaging hub over SignalR', () => {
  it('answers every command of the contract as a hub method', async () => {
    const [kari, ola, emma, noah, admin] = await Promise.all([u.kari, u.ola, u.emma, u.noah, u.admin].map((p) => connectAs(p.id)));

    assert.equal((await call(kari, 'whoAmI', {})).id, u.kari.id);
    const listed = await call(kari, 'listConversations', { limit: 50 });
    const maths = listed.items.find((c) => c.kind === 'course' && c.course?.id === 'c-maths');
    assert.ok(maths, 'the seeded maths conversation is listed');
    assert.ok((await call(kari, 'searchRecipients', { query: 'Ola', types: ['person'] })).some((r) => r.id === u.ola.id));
    assert.equal((await call(kari, 'checkRecipients', { recipients: [{ type: 'person', id: u.ola.id }, { type: 'person', id: u.emma.id }] })).uniqueCount, 2);

    const started = await call(kari, 'startConversation', {
      recipients: [{ type: 'person', id: u.ola.id }, { type: 'person', id: u.emma.id }],
      mode: 'group',
      text: 'Hello class, questions about homework here',
      clientId: clientId(),
    });
    const group = started.conversation.id;
    const first = started.message!;
    assert.equal((await call(ola, 'getConversation', { conversationId: group })).kind, 'group');
    const reply = await call(ola, 'sendMessage', { conversationId: group, clientId: clientId(), text: 'Hi Kari' });
    assert.deepEqual((await call(kari, 'getMessages', { conversationId: group })).messages.map((m) => m.text), [first.text, 'Hi Kari']);
    assert.ok((await call(ola, 'editMessage', { messageId: reply.id, text: 'Hi Kari!' })).editedAt);
    assert.equal((await call(kari, 'searchConversation', { conversationId: group, query: 'homework' }))[0]?.messageId, first.id);
    assert.ok((await call(ola, 'searchConversations', { query: 'homework' })).some((r) => r.conversation.id === group));
    assert.equal((await call(kari, 'getParticipants', { conversationId: group })).length, 3);
    assert.ok((await call(ola, 'getRelationship', { userId: u.kari.id })).courses.some((c) => c.course.id === 'c-maths'));
    assert.ok((await call(ola, 'getUnreadCount', {})) >= 1);
    assert.equal((await call(ola, 'markRead', { conversationId: group, upTo: reply.seq })).unreadCount, 0);
    assert.equal((await call(ola, 'markUnread', { conversationId: group, fromSeq: first.seq })).unreadCount, 2);
    const seen = { conversationId: group, messageId: first.id, seq: first.seq, seen: 1, of: 2 };
    await waitUntil(() => kari.log.some((e) => e.type === 'event' && e.event.type === 'read-status-changed' && e.event.status.seen === 1), 'Kari told that Ola has seen it');
    assert.deepEqual(await call(kari, 'getReadStatus', { conversationId: group }), seen, 'Ola answered: she has seen it, and marking it unread does not take that back');
    const seenBy = await call(kari, 'getSeenBy', { messageId: first.id });
    assert.deepEqual([seenBy.seen.map((p) => p.id), seenBy.notSeen.map((p) => p.id)], [[u.ola.id], [u.emma.id]]);
    const unread = await call(ola, 'getUnreadCount', {});
    assert.equal((await call(ola, 'muteConversation', { conversationId: group })).muted, true);
    assert.equal(await call(ola, 'getUnreadCount', {}), unread - 2, 'a muted conversation leaves the total');
    assert.equal((await call(ola, 'unmuteConversation', { conversationId: group })).muted, undefined);
    assert.deepEqual(await call(ola, 'setNotificationPreferences', { emailDigest: true }), { desktop: false, emailDigest: true });
    assert.deepEqual(await call(ola, 'getNotificationPreferences', {}), { desktop: false, emailDigest: true });
    assert.ok((await call(ola, 'pinConversation', { conversationId: group })).pinnedAt);
    assert.equal((await call(ola, 'listConversations', { limit: 1 })).items[0].id, group, 'pinned ones head the first page');
    assert.equal((await call(ola, 'unpinConversation', { conversationId: group })).pinnedAt, undefined);
    assert.ok((await call(ola, 'markAllRead', {})).some((c) => c.id === group && c.unreadCount === 0));
    assert.equal(await call(ola, 'getUnreadCount', {}), 0);
    assert.equal((await refusal(call(ola, 'hideConversation', { conversationId: group }))).code, 'forbidden', 'an open group stays in the list');
    const unreadBefore = await call(ola, 'getUnreadCount', {});
    assert.deepEqual((await call(ola, 'addReaction', { messageId: first.id, emoji: '👍' })).reactions, [{ emoji: '👍', count: 1, mine: true }]);
    assert.deepEqual((await call(kari, 'getReactions', { messageId: first.id, emoji: '👍' })).map((p) => p.id), [u.ola.id]);
    assert.equal((await call(ola, 'removeReaction', { messageId: first.id, emoji: '👍' })).reactions, undefined);
    assert.equal(await call(ola, 'getUnreadCount', {}), unreadBefore, 'reactions raise no unread count');
    assert.ok((await call(ola, 'getEventsSince', { seq: 0 })).events.length > 0);

    const privately = await call(emma, 'replyPrivately', { messageId: first.id, clientId: clientId(), text: 'Can I ask you alone?' });
    assert.equal(privately.conversation.kind, 'one-to-one');
    const forwarded = await call(kari, 'forwardMessage', { messageId: first.id, conversationId: privately.conversation.id, clientId: clientId() });
    assert.equal(forwarded.forwarded?.messageId, first.id);
    assert.equal((await call(emma, 'hideConversation', { conversationId: privately.conversation.id })).hidden, true);
    assert.ok(!(await call(emma, 'listConversations', {})).items.some((c) => c.id === privately.conversation.id), 'a hidden one-to-one leaves the list');

    assert.equal((await call(kari, 'renameConversation', { conversationId: group, name: 'Homework help' })).name, 'Homework help');
    assert.equal((await call(kari, 'addParticipants', { conversationId: group, userIds: [u.noah.id] })).participantCount, 4);
    assert.equal((await call(noah, 'getConversation', { conversationId: group })).name, 'Homework help');
    assert.equal((await call(kari, 'removeParticipant', { conversationId: group, userId: u.noah.id })).participantCount, 3);
    const { reportId } = await call(ola, 'reportAbuse', { conversationId: group, messageId: first.id, reason: 'Testing the report' });
    assert.ok((await call(admin, 'listReports', {})).some((r) => r.id === reportId));
    assert.equal((await call(ola, 'deleteMessage', { messageId: reply.id })).status, 'deleted');
    assert.equal((await call(kari, 'closeConversation', { conversationId: group })).closed, true);
    assert.equal((await call(kari, 'reopenConversation', { conversationId: group })).closed, false);
    assert.equal(await call(emma, 'leaveConversation', { conversationId: group }), null);

    assert.equal((await call(kari, 'deleteConversation', { conversationId: maths.id })).deleted, true);
    assert.equal((await call(kari, 'restoreConversation', { conversationId: maths.id })).deleted, false);
    await call(kari, 'deleteConversation', { conversationId: maths.id });
    assert.notEqual((await call(kari, 'startCourseConversation', { courseId: 'c-maths' })).id, maths.id);
  });

  it('sends a message to every connection of every other participant, and to nobody else', async () => {
    const [kari, olaPhone, olaLaptop, emma, jakob] = await Promise.all([u.kari, u.ola, u.ola, u.emma, u.jakob].map((p) => connectAs(p.id)));
    const { conversation } = await kari.t.startConversation({
      recipients: [{ type: 'person', id: u.ola.id }, { type: 'person', id: u.emma.id }],
      mode: 'group',
      text: 'Trip on Friday',
      clientId: clientId(),
    });
    const message = await kari.t.sendMessage({ conversationId: conversation.id, clientId: clientId(), text: 'Bring a packed lunch' });
    await waitUntil(() => [olaPhone, olaLaptop, emma].every((c) => createdCount(c, message.id) === 1), 'delivery to each connection');
    await sleep(100); // time for a stray copy or leak to arrive
    for (const c of [olaPhone, olaLaptop, emma]) assert.equal(createdCount(c, message.id), 1);
    assert.equal(jakob.log.filter((e) => e.type === 'event').length, 0, 'a non-participant receives nothing');
  });

  it("holds the spec's rules per role: who moderates whom, who starts a course conversation, whom a student may reach", async () => {
    const [kari, per, admin, ola, emma, jakob] = await Promise.all([u.kari, u.per, u.admin, u.ola, u.emma, u.jakob].map((p) => connectAs(p.id)));
    const person = (id: string) => ({ type: 'person' as const, id });

    // A teacher removes a student's message, not a colleague's; the administrator removes anyone's.
    const { conversation: staffRoom } = await kari.t.startConversation({
      recipients: [person(u.per.id), person(u.admin.id), person(u.ola.id)],
      mode: 'group',
      text: 'Trip',
      clientId: clientId(),
    });
    const pers = await per.t.sendMessage({ conversationId: staffRoom.id, clientId: clientId(), text: 'From Per' });
    const olas = await ola.t.sendMessage({ conversationId: staffRoom.id, clientId: clientId(), text: 'From Ola' });
    assert.equal((await refusal(call(kari, 'deleteMessage', { messageId: pers.id }))).code, 'forbidden');
    assert.equal((await call(kari, 'deleteMessage', { messageId: olas.id })).removedBy, u.kari.name);
    assert.equal((await call(admin, 'deleteMessage', { messageId: pers.id })).removedBy, u.admin.name);

    // A reported one-to-one between students: its reviewer removes the reported message.
    const { conversation: private1 } = await ola.t.startConversation({ recipients: [person(u.emma.id)], mode: 'group', text: 'Hi', clientId: clientId() });
    const mean = await emma.t.sendMessage({ conversationId: private1.id, clientId: clientId(), text: 'Something mean' });
    await call(ola, 'reportAbuse', { conversationId: private1.id, messageId: mean.id, reason: 'Bullying' });
    assert.equal((await call(kari, 'deleteMessage', { messageId: mean.id })).status, 'removed');

    // The whole-school course (over 300) has no conversation: a student is told their teacher starts it.
    const toSchool = (c: Client) =>
      c.t.startConversation({ recipients: [{ type: 'course', id: 'c-assembly' }], mode: 'group', text: 'Hello', clientId: clientId() });
    assert.equal((await refusal(toSchool(jakob))).code, 'no-course-conversation');
    assert.equal((await toSchool(kari)).conversation.createdBy, u.kari.id);

    // Communication rules: Jakob (9A) shares only that course with Ola (9B).
    assert.deepEqual(await call(jakob, 'searchRecipients', { query: 'Ola', types: ['person'] }), []);
    const refused = await refusal(jakob.t.startConversation({ recipients: [person(u.ola.id)], mode: 'group', text: 'Hi', clientId: clientId() }));
    assert.deepEqual([refused.code, (refused.details?.people as { id: string }[]).map((p) => p.id)], ['not-a-contact', [u.ola.id]]);
  });

  it('refuses a non-participant on every read and write, as if the conversation did not exist', async () => {
    const [kari, jakob] = await Promise.all([connectAs(u.kari.id), connectAs(u.jakob.id)]);
    const secretText = 'Marks for the 9B test: confidential';
    const { conversation, message } = await kari.t.startConversation({
      recipients: [{ type: 'person', id: u.ola.id }, { type: 'person', id: u.emma.id }],
      mode: 'group',
      text: secretText,
      clientId: clientId(),
    });
    const conversationId = conversation.id;
    const messageId = message!.id;
    const attempts: [string, Promise<unknown>][] = [
      ['getConversation', jakob.t.getConversation({ conversationId })],
      ['getMessages', jakob.t.getMessages({ conversationId })],
      ['searchConversation', jakob.t.searchConversation({ conversationId, query: 'marks' })],
      ['getParticipants', jakob.t.getParticipants({ conversationId })],
      ['markRead', jakob.t.markRead({ conversationId, upTo: 1 })],
      ['markUnread', jakob.t.markUnread({ conversationId })],
      ['muteConversation', jakob.t.muteConversation({ conversationId })],
      ['pinConversation', jakob.t.pinConversation({ conversationId })],
      ['unpinConversation', jakob.t.unpinConversation({ conversationId })],
      ['hideConversation', jakob.t.hideConversation({ conversationId })],
      ['getReadStatus', jakob.t.getReadStatus({ conversationId })],
      ['getSeenBy', jakob.t.getSeenBy({ messageId })],
      ['sendMessage', jakob.t.sendMessage({ conversationId, clientId: clientId(), text: 'let me in' })],
      ['renameConversation', jakob.t.renameConversation({ conversationId, name: 'mine' })],
      ['addParticipants', jakob.t.addParticipants({ conversationId, userIds: [u.jakob.id] })],
      ['removeParticipant', jakob.t.removeParticipant({ conversationId, userId: u.ola.id })],
      ['leaveConversation', jakob.t.leaveConversation({ conversationId })],
      ['closeConversation', jakob.t.closeConversation({ conversationId })],
      ['deleteConversation', jakob.t.deleteConversation({ conversationId })],
      ['reportAbuse', jakob.t.reportAbuse({ conversationId, messageId, reason: 'x' })],
      ['editMessage', jakob.t.editMessage({ messageId, text: 'changed' })],
      ['deleteMessage', jakob.t.deleteMessage({ messageId })],
      ['replyPrivately', jakob.t.replyPrivately({ messageId, clientId: clientId(), text: 'hi' })],
      ['forwardMessage', jakob.t.forwardMessage({ messageId, conversationId, clientId: clientId() })],
      ['addReaction', jakob.t.addReaction({ messageId, emoji: '👍' })],
      ['removeReaction', jakob.t.removeReaction({ messageId, emoji: '👍' })],
      ['getReactions', jakob.t.getReactions({ messageId, emoji: '👍' })],
    ];
    for (const [name, attempt] of attempts) {
      const error = await refusal(attempt);
      assert.equal(error.code, 'not-found', name);
      assert.doesNotMatch(JSON.stringify(error.toJSON()), /confidential/, name);
    }
    assert.equal((await kari.t.getMessages({ conversationId })).messages.length, 1, 'nothing was written');
    assert.ok(!(await jakob.t.searchConversations({ query: 'confidential' })).length);
    assert.ok(!JSON.stringify(jakob.log).includes(conversationId));
  });

  it('reconnects by itself after a crash and restart, and catches up: no message lost, none stored twice', async () => {
    const [kari, ola] = await Promise.all([connectAs(u.kari.id), connectAs(u.ola.id)]);
    const { conversation } = await kari.t.startConversation({
      recipients: [{ type: 'person', id: u.ola.id }, { type: 'person', id: u.emma.id }],
      mode: 'group',
      text: 'Before the crash 1',
      clientId: clientId(),
    });
    const conversationId = conversation.id;
    const sent: Message[] = [await kari.t.sendMessage({ conversationId, clientId: clientId(), text: 'Before the crash 2' })];

    // The server dies with a send in flight: stored, but the reply never leaves.
    const inFlight = clientId();
    let crashed: Promise<void> | undefined;
    const stopWatching = app.backend.onEvent((_, { event }) => {
      if (event.type === 'message-created' && event.message.clientId === inFlight) crashed ??= app.close({ abort: true });
    });
    const lost = await refusal(kari.t.sendMessage({ conversationId, clientId: inFlight, text: 'In flight' }));
    stopWatching();
    assert.equal(lost.code, 'unavailable');
    assert.ok(crashed, 'the server went down mid-send');
    await crashed;
    await waitUntil(() => kari.t.connectionState === 'reconnecting' && ola.t.connectionState === 'reconnecting', 'reconnecting');
    assert.equal((await refusal(kari.t.sendMessage({ conversationId, clientId: clientId(), text: 'offline' }))).code, 'unavailable');

    app = await startServer(Number(new URL(app.url).port));
    await waitUntil(() => kari.t.connectionState === 'connected' && ola.t.connectionState === 'connected', 'reconnected', 8_000);
    // The retry of the in-flight send (same client id) is stored once.
    sent.push(await kari.t.sendMessage({ conversationId, clientId: inFlight, text: 'In flight' }));
    sent.push(await kari.t.sendMessage({ conversationId, clientId: clientId(), text: 'After the restart' }));

    const { messages } = await ola.t.getMessages({ conversationId });
    assert.deepEqual(
      messages.map((m) => m.text),
      ['Before the crash 1', 'Before the crash 2', 'In flight', 'After the restart'],
    );
    assert.equal(new Set(messages.map((m) => m.id)).size, 4);
    await waitUntil(() => sent.every((m) => createdCount(ola, m.id) >= 1), 'ola catching up');
    await sleep(100);
    for (const m of sent) assert.equal(createdCount(ola, m.id), 1, `"${m.text}" delivered once`);
    const seqs = ola.log.flatMap((e) => (e.type === 'event' ? [e.seq] : []));
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'events in order');
    assert.equal(new Set(seqs).size, seqs.length, 'no event twice');
    const states = ola.log.flatMap((e) => (e.type === 'connection' ? [e.state] : []));
    assert.deepEqual(states.slice(-2), ['reconnecting', 'connected']);
  });

  it('is disconnected when the client gives up, and connect() catches up on what was missed', async () => {
    const kari = await connectAs(u.kari.id);
    const { conversation } = await kari.t.startConversation({ recipients: [{ type: 'person', id: u.ola.id }], mode: 'group', text: 'Are you there?', clientId: clientId() });
    const ola = { t: new SignalRTransport({ hubUrl: app.hubUrl, accessTokenFactory: () => auth.issue(u.ola.id), signalR, logLevel: signalR.LogLevel.None, reconnectDelays: [0, 20] }), log: [] as TransportEvent[] };
    ola.t.subscribe((e) => ola.log.push(e));
    clients.push(ola);
    await ola.t.connect();

    const port = Number(new URL(app.url).port);
    await app.close({ abort: true });
    await waitUntil(() => ola.t.connectionState === 'disconnected', 'the client to give up');
    app = await startServer(port);
    await waitUntil(() => kari.t.connectionState === 'connected', 'kari back');
    const missed = await kari.t.sendMessage({ conversationId: conversation.id, clientId: clientId(), text: 'Missed while you were gone' });
    await sleep(50);
    assert.equal(createdCount(ola, missed.id), 0);

    await ola.t.connect();
    assert.equal(createdCount(ola, missed.id), 1, 'caught up before connect() resolved');
    assert.deepEqual(ola.log.flatMap((e) => (e.type === 'connection' ? [e.state] : [])), ['connecting', 'connected', 'reconnecting', 'disconnected', 'connecting', 'connected']);
  });

  it('answers bad calls with errors, never with a crash or another user’s data', async () => {
    const jakob = await bareConnection(auth.issue(u.jakob.id));
    try {
      assert.equal((await hubRefusal(jakob.invoke('noSuchMethod', {}))).code, 'not-found');
      for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
        assert.equal((await hubRefusal(jakob.invoke(name, {}))).code, 'not-found', name);
      }
      assert.equal((await hubRefusal(jakob.invoke('whoAmI', {}, {}))).code, 'invalid', 'two arguments');
      assert.equal((await hubRefusal(jakob.invoke('sendMessage', 'hello'))).code, 'invalid', 'a string for the object');
      assert.equal((await hubRefusal(jakob.invoke('sendMessage', [1, 2]))).code, 'invalid', 'an array for the object');
      const wrongType = await hubRefusal(jakob.invoke('sendMessage', { conversationId: 42, clientId: 'x', text: 'hi' }));
      assert.deepEqual([wrongType.code, wrongType.details?.field], ['invalid', 'conversationId']);
      assert.equal((await hubRefusal(jakob.invoke('getMessages', { conversationId: 'c', limit: 1e9 }))).code, 'invalid');
      assert.equal((await hubRefusal(jakob.invoke('getEventsSince', { seq: -1 }))).code, 'invalid');
      // Arguments never choose who you are.
      assert.equal((await jakob.invoke('whoAmI', { userId: u.kari.id })).id, u.jakob.id);
      assert.equal(await jakob.invoke('getUnreadCount', { userId: u.kari.id }), await jakob.invoke('getUnreadCount', {}));
    } finally {
      await jakob.stop();
    }

    // Frames the real client never sends.
    for (const frame of ['not json\x1e', '{"type":1,"target":"whoAmI","arguments":[{}]}', Buffer.from('{"type":6}\x1e')]) {
      const { connectionToken } = (await (await fetch(`${app.hubUrl}/negotiate?negotiateVersion=1`, { method: 'POST', headers: bearer(u.jakob.id) })).json()) as { connectionToken: string };
      const ws = new WebSocket(`${app.hubUrl.replace(/^http/, 'ws')}?id=${connectionToken}`, { headers: bearer(u.jakob.id) });
      const records: Record<string, unknown>[] = [];
      ws.on('message', (data) => records.push(...(parseRecords(String(data)) as Record<string, unknown>[])));
      const closed = new Promise((resolve) => ws.once('close', resolve));
      await new Promise((resolve) => ws.once('open', resolve));
      ws.send('{"protocol":"json","version":1}\x1e');
      await waitUntil(() => records.length > 0, 'handshake');
      ws.send(frame, { binary: Buffer.isBuffer(frame) });
      await closed;
      const close = records.find((r) => r.type === 7);
      assert.ok(close && typeof close.error === 'string', `a Close with an error for ${String(frame)}`);
    }
    const kari = await connectAs(u.kari.id);
    assert.equal((await kari.t.whoAmI({})).id, u.kari.id, 'the server keeps serving');
  });

  it('refuses missing, malformed, forged and expired tokens', async () => {
    const tampered = auth.issue(u.jakob.id).replace(/^[^.]+/, Buffer.from(u.admin.id).toString('base64url'));
    // The same signature spelled otherwise: base64url's last character carries two unused bits.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const good = auth.issue(u.admin.id);
    const respelled = good.slice(0, -1) + alphabet[alphabet.indexOf(good.at(-1)!) ^ 1];
    assert.deepEqual(Buffer.from(respelled.split('.').at(-1)!, 'base64url'), Buffer.from(good.split('.').at(-1)!, 'base64url'), 'the same bytes');
    const tokens: [string, string | undefined][] = [
      ['missing', undefined],
      ['empty', ''],
      ['malformed', 'not-a-token'],
      ['tampered user', tampered],
      ['signed with another key', tokenAuth({ secret: 'another-secret-0123456789' }).issue(u.admin.id)],
      ['expired', auth.issue(u.admin.id, -1_000)],
      ['download-only (a link token)', auth.issue(u.admin.id, 60_000, 'files')],
      ['download-only, its scope cut off', auth.issue(u.admin.id, 60_000, 'files').replace('.files.', '.')],
      ['its signature spelled another way', respelled],
      ['signed right, for a user who does not exist', auth.issue('u-nobody')],
    ];
    for (const [what, token] of tokens) {
      const error = await bareConnection(token).then(
        (c) => (void c.stop(), assert.fail(`${what}: connected`)),
        (e: Error) => e,
      );
      assert.match(error.message, /Status code '401'/, what);
      // A connection id from a good negotiate does not let a bad token through on the WebSocket.
      const { connectionToken } = (await (await fetch(`${app.hubUrl}/negotiate?negotiateVersion=1`, { method: 'POST', headers: bearer(u.jakob.id) })).json()) as { connectionToken: string };
      const ws = new WebSocket(`${app.hubUrl.replace(/^http/, 'ws')}?id=${connectionToken}${token ? `&access_token=${token}` : ''}`);
      ws.on('error', () => {});
      const status = await new Promise((resolve) => {
        ws.once('open', () => resolve(101));
        ws.once('unexpected-response', (req, res) => {
          resolve(res.statusCode);
          req.destroy();
        });
      });
      ws.terminate();
      assert.notEqual(status, 101, `${what}: no WebSocket`);
    }
    const transport = new SignalRTransport({ hubUrl: app.hubUrl, accessTokenFactory: () => tokens[5][1]!, signalR, logLevel: signalR.LogLevel.None });
    assert.equal((await refusal(transport.connect())).code, 'unauthenticated');
    assert.equal(transport.connectionState, 'disconnected');
  });

  it('pings the client well within its 30 s timeout', async () => {
    const connection = new signalR.HubConnectionBuilder()
      .withUrl(app.hubUrl, { accessTokenFactory: () => auth.issue(u.ola.id) })
      .configureLogging(signalR.LogLevel.None)
      .build();
    // Only messages from the server reset this; this test's server pings every 200 ms.
    connection.serverTimeoutInMilliseconds = 1_000;
    await connection.start();
    await sleep(1_500);
    const state = connection.state;
    await connection.stop();
    assert.equal(state, signalR.HubConnectionState.Connected);
  });
});

describe('attachments over HTTP', () => {
  const filesOnDisk = () => readdirSync(join(dataDir, 'files')).length;
  const partsOnDisk = () => readdirSync(join(dataDir, 'uploads')).length;

  it('stores an upload of up to 20 MB and answers its Attachment', async () => {
    const res = await upload(u.kari.id, 'Oppgåve 1 – svar.pdf', 'application/pdf', new Uint8Array(MB20));
    assert.equal(res.status, 201);
    const attachment = (await res.json()) as { id: string; name: string; size: number; type: string };
    assert.deepEqual({ ...attachment, id: typeof attachment.id }, { id: 'string', name: 'Oppgåve 1 – svar.pdf', size: MB20, type: 'application/pdf' });
  });

  it('refuses 20 MB + 1 byte with 413, declared or streamed, and keeps none of it', async () => {
    const before = filesOnDisk();
    const declared = await upload(u.kari.id, 'big.pdf', 'application/pdf', new Uint8Array(MB20 + 1));
    assert.equal(declared.status, 413);
    assert.equal(((await declared.json()) as { code: string }).code, 'file-too-large');

    // No Content-Length: the server has to count while it reads.
    let left = MB20 + 1;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (left <= 0) return controller.close();
        const chunk = new Uint8Array(Math.min(left, 256 * 1024));
        left -= chunk.length;
        controller.enqueue(chunk);
      },
    });
    const streamed = await upload(u.kari.id, 'big.pdf', 'application/pdf', body, { duplex: 'half' } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.deepEqual(await streamed.json(), {
      code: 'file-too-large',
      message: 'big.pdf is larger than 20 MB',
      details: { name: 'big.pdf', maxBytes: MB20 },
    });
    assert.equal(filesOnDisk(), before);
    await waitUntil(() => partsOnDisk() === 0, 'the partial upload to be deleted');
  });

  it('drops the partial bytes of an upload the client cancels', async () => {
    const before = filesOnDisk();
    const controller = new AbortController();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(stream) {
        if (sent >= 2 * 1024 * 1024) {
          await waitUntil(() => partsOnDisk() === 1, 'the upload to be on its way');
          return controller.abort();
        }
        sent += 256 * 1024;
        stream.enqueue(new Uint8Array(256 * 1024));
      },
    });
    await assert.rejects(upload(u.kari.id, 'movie.mp4', 'video/mp4', body, { duplex: 'half', signal: controller.signal } as RequestInit));
    await waitUntil(() => partsOnDisk() === 0, 'the partial upload to be deleted');
    assert.equal(filesOnDisk(), before);
  });

  it('refuses types outside the allow-list: "Sorry, you can\'t send NAME"', async () => {
    for (const [name, type] of [['setup.exe', 'application/octet-stream'], ['page.html', 'text/html'], ['notes.pdf', 'text/html']]) {
      const res = await upload(u.kari.id, name, type, 'hello');
      assert.equal(res.status, 415, name);
      assert.deepEqual(await res.json(), { code: 'file-type-not-allowed', message: `Sorry, you can't send ${name}`, details: { name } });
    }
    assert.equal((await upload(undefined, 'notes.pdf', 'application/pdf', 'hello')).status, 401);
  });

  it('lets participants download with safe headers; everyone else gets the 404 of a missing file', async () => {
    const kari = await connectAs(u.kari.id);
    const bytes = new TextEncoder().encode('%PDF-1.4 answers');
    const attachment = (await (await upload(u.kari.id, 'Svar (1).pdf', 'application/pdf', bytes)).json()) as { id: string };
    await kari.t.startConversation({ recipients: [{ type: 'person', id: u.ola.id }], mode: 'group', text: '', attachmentIds: [attachment.id], clientId: clientId() });
    const url = `${app.url}/api/attachments/${attachment.id}`;

    const res = await fetch(url, { headers: bearer(u.ola.id) });
    assert.equal(res.status, 200);
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), bytes);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('content-length'), String(bytes.length));
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="Svar (1).pdf"; filename*=UTF-8''Svar%20%281%29.pdf`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-security-policy') ?? '', /^sandbox/);
    assert.equal((await fetch(`${url}?access_token=${auth.issue(u.ola.id)}`)).status, 200, 'a plain link with the token');

    const outsider = await fetch(url, { headers: bearer(u.jakob.id) });
    const missing = await fetch(`${app.url}/api/attachments/no-such-file`, { headers: bearer(u.jakob.id) });
    assert.equal(outsider.status, 404);
    assert.deepEqual(await outsider.json(), await missing.json());
    assert.equal((await fetch(url)).status, 401);
    assert.equal((await fetch(url, { headers: { Authorization: 'Bearer forged.0.x' } })).status, 401);
  });

  it('puts a download-only token in links, never the one that opens the hub', async () => {
    const kari = await connectAs(u.kari.id);
    const bytes = new TextEncoder().encode('%PDF-1.4 timetable');
    const attachment = (await (await upload(u.kari.id, 'timetable.pdf', 'application/pdf', bytes)).json()) as Attachment;
    // The transport fetched its link token after connecting.
    await waitUntil(() => auth.verify(new URL(kari.t.attachmentUrl(attachment)).searchParams.get('access_token') ?? '', ['files']) === u.kari.id, 'a link token');
    const link = kari.t.attachmentUrl(attachment);
    const token = new URL(link).searchParams.get('access_token')!;
    assert.equal(auth.verify(token), undefined, 'not a hub token');
    const res = await fetch(link);
    assert.equal(res.status, 200);
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), bytes);
    // It opens nothing else: not the hub, not an upload, not another link token.
    const hub = await bareConnection(token).then(
      (c) => (void c.stop(), assert.fail('connected with a link token')),
      (e: Error) => e,
    );
    assert.match(hub.message, /Status code '401'/);
    assert.equal((await fetch(`${app.url}/api/attachments`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'X-File-Name': 'a.pdf', 'Content-Type': 'application/pdf' }, body: bytes })).status, 401);
    const again = await fetch(`${app.url}/api/attachments/link-token`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    assert.equal(again.status, 401);
    // Asked for with the access token: short-lived, and not kept by caches.
    const fresh = await fetch(`${app.url}/api/attachments/link-token`, { method: 'POST', headers: bearer(u.ola.id) });
    assert.equal(fresh.headers.get('cache-control'), 'no-store');
    const body = (await fresh.json()) as { token: string; expiresInMs: number };
    assert.equal(auth.verify(body.token, ['files']), u.ola.id);
    assert.equal(body.expiresInMs, 10 * 60_000);

    // A backend without link tokens (the endpoint answers 404): links carry the access token.
    const elsewhere = new SignalRTransport({ hubUrl: app.hubUrl, apiUrl: `${app.url}/api/older-backend`, accessTokenFactory: () => auth.issue(u.kari.id), signalR, logLevel: signalR.LogLevel.None });
    clients.push({ t: elsewhere, log: [] });
    assert.equal(new URL(elsewhere.attachmentUrl(attachment)).searchParams.get('access_token'), null, 'no token before the backend has said');
    await elsewhere.connect();
    await waitUntil(() => auth.verify(new URL(elsewhere.attachmentUrl(attachment)).searchParams.get('access_token') ?? '') === u.kari.id, 'the access token');
  });

  it('forgets files uploaded for a message never sent, and keeps the ones sent', async () => {
    const kari = await connectAs(u.kari.id);
    const sent = (await (await upload(u.kari.id, 'sent.txt', 'text/plain', 'kept')).json()) as Attachment;
    await kari.t.startConversation({ recipients: [{ type: 'person', id: u.per.id }], mode: 'group', text: '', attachmentIds: [sent.id], clientId: clientId() });
    const abandoned = (await (await upload(u.kari.id, 'abandoned.txt', 'text/plain', 'never sent')).json()) as Attachment;
    const onDisk = () => readdirSync(join(dataDir, 'files'));
    assert.ok(onDisk().includes(abandoned.id));
    // As the hourly sweep does once the upload is old enough.
    assert.ok((await app.backend.sweepUnsentAttachments(Date.now() + 1)) >= 1);
    await waitUntil(() => !onDisk().includes(abandoned.id), 'the bytes to go');
    assert.equal((await fetch(`${app.url}/api/attachments/${abandoned.id}`, { headers: bearer(u.kari.id) })).status, 404);
    assert.ok(onDisk().includes(sent.id));
    assert.equal((await fetch(`${app.url}/api/attachments/${sent.id}`, { headers: bearer(u.per.id) })).status, 200);
  });

  it('deletes a file’s bytes with the message that held it', async () => {
    const kari = await connectAs(u.kari.id);
    const attachment = (await (await upload(u.kari.id, 'draft.txt', 'text/plain', 'oops')).json()) as { id: string };
    const { message } = await kari.t.startConversation({ recipients: [{ type: 'person', id: u.per.id }], mode: 'group', text: 'see file', attachmentIds: [attachment.id], clientId: clientId() });
    assert.ok(readdirSync(join(dataDir, 'files')).includes(attachment.id));
    await kari.t.deleteMessage({ messageId: message!.id });
    await waitUntil(() => !readdirSync(join(dataDir, 'files')).includes(attachment.id), 'the bytes to go');
    assert.equal((await fetch(`${app.url}/api/attachments/${attachment.id}`, { headers: bearer(u.kari.id) })).status, 404);
  });

  it('answers 401, not 404, to a download with a well-signed token of a user who does not exist, or a respelled one', async () => {
    const nobody = await fetch(`${app.url}/api/attachments/none`, { headers: { Authorization: `Bearer ${auth.issue('u-nobody')}` } });
    assert.equal(nobody.status, 401);
    const link = auth.issue(u.kari.id, 60_000, 'files');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const respelled = link.slice(0, -1) + alphabet[alphabet.indexOf(link.at(-1)!) ^ 1];
    assert.equal((await fetch(`${app.url}/api/attachments/none?access_token=${link}`)).status, 404, 'the link token itself is good');
    assert.equal((await fetch(`${app.url}/api/attachments/none?access_token=${respelled}`)).status, 401);
    const upload = await fetch(`${app.url}/api/attachments`, { method: 'POST', headers: { Authorization: `Bearer ${auth.issue('u-nobody')}`, 'X-File-Name': 'a.txt', 'Content-Type': 'text/plain' }, body: 'hi' });
    assert.equal(upload.status, 401);
  });

  it('answers CORS with the origin echoed and credentials allowed', async () => {
    const origin = 'http://lms.example';
    const pre = await fetch(`${app.url}/api/attachments`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, x-file-name' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), origin);
    assert.equal(pre.headers.get('access-control-allow-credentials'), 'true');
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /x-file-name/);
    // Every header the hub contract lists, on the API as on the hub.
    const listed = ['authorization', 'content-type', 'x-file-name', 'x-requested-with', 'x-signalr-user-agent'];
    const allowed = (pre.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
    assert.deepEqual(listed.filter((h) => !allowed.includes(h)), []);
    const res = await fetch(`${app.url}/api/attachments/none`, { headers: { Origin: origin, ...bearer(u.kari.id) } });
    assert.equal(res.headers.get('access-control-allow-origin'), origin);
  });
});

describe('demo sign-in', () => {
  it('lists the seeded people and signs in as any of them', async () => {
    const users = (await (await fetch(`${app.url}/api/demo/users`)).json()) as { id: string; role: string }[];
    assert.deepEqual(users.map((x) => x.id).sort(), Object.values(u).map((x) => x.id).sort());
    const res = await fetch(`${app.url}/api/demo/token`, { method: 'POST', body: JSON.stringify({ userId: u.ola.id }) });
    const { token } = (await res.json()) as { token: string };
    const transport = new SignalRTransport({ hubUrl: app.hubUrl, accessTokenFactory: () => token, signalR, logLevel: signalR.LogLevel.None });
    clients.push({ t: transport, log: [] });
    assert.equal((await transport.connect()).id, u.ola.id);
    for (const body of [JSON.stringify({ userId: 'u-student-1' }), JSON.stringify({}), 'not json']) {
      assert.ok([400, 404].includes((await fetch(`${app.url}/api/demo/token`, { method: 'POST', body })).status), body);
    }
  });

  it('is not there outside demo mode', async () => {
    const plain = await startApp();
    try {
      assert.equal((await fetch(`${plain.url}/api/demo/users`)).status, 404);
      assert.equal((await fetch(`${plain.url}/api/demo/token`, { method: 'POST', body: '{"userId":"u-admin"}' })).status, 404);
    } finally {
      await plain.close();
    }
  });
});

describe('coverage of the contract', () => {
  it('has called every hub method successfully in this file', () => {
    assert.deepEqual(commandNames.filter((name) => !covered.has(name)), []);
  });
});
