import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Persistence, SavedWork } from '../../src/state/persistence.js';
import { ImError } from '../../src/model/errors.js';
import { READ_STATUS_EVERY_MS } from '../../src/model/events.js';
import { byActivity, compactMessages, merge, type MessageWindow } from '../../src/state/state.js';
import { MessengerStore } from '../../src/state/store.js';
import { MemoryTransport } from '../../src/transport/memory-transport.js';
import type { TransportListener } from '../../src/transport/transport.js';
import { school, u } from './backend-fixture.js';

async function storeFor(userId: string) {
  const s = await school();
  const transport = new MemoryTransport({ backend: s.backend, userId });
  const store = new MessengerStore(transport);
  await store.start();
  return { ...s, transport, store };
}

const settle = () => new Promise((done) => setTimeout(done, 0));

describe('MessengerStore', () => {
  it('loads the list newest first and the unread count on start', async () => {
    const { store } = await storeFor(u.ola.id);
    const { order, conversations, unread, connection, user } = store.state;
    assert.equal(connection, 'connected');
    assert.equal(user?.id, u.ola.id);
    assert.ok(order.length >= 5);
    const times = order.map((id) => conversations.get(id)!.lastActivityAt);
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    assert.equal(unread, [...conversations.values()].reduce((sum, c) => sum + c.unreadCount, 0));
  });

  it('moves a conversation to the top and raises the badge when someone writes', async () => {
    const s = await storeFor(u.ola.id);
    const before = s.store.state.unread;
    await s.as(u.kari.id)('sendMessage', { conversationId: s.ids.maths, clientId: 'k1', text: 'Test moved to Friday' });
    await settle();
    assert.equal(s.store.state.order[0], s.ids.maths);
    assert.equal(s.store.state.unread, before + 1);
    assert.equal(s.store.state.conversations.get(s.ids.maths)?.lastMessage?.text, 'Test moved to Friday');
  });

  it('muting in one tab lowers the badge in every tab of the reader, keeps the item’s count, and a message there no longer raises it', async () => {
    const s = await storeFor(u.ola.id);
    const other = new MessengerStore(new MemoryTransport({ backend: s.backend, userId: u.ola.id }));
    await other.start();
    const before = s.store.state.unread;
    const maths = s.store.state.conversations.get(s.ids.maths)!;
    assert.ok(maths.unreadCount > 0);
    await s.store.setMuted(s.ids.maths, true);
    await settle();
    for (const tab of [s.store, other]) {
      assert.equal(tab.state.conversations.get(s.ids.maths)?.muted, true);
      assert.equal(tab.state.conversations.get(s.ids.maths)?.unreadCount, maths.unreadCount);
      assert.equal(tab.state.unread, before - maths.unreadCount);
    }
    await s.as(u.kari.id)('sendMessage', { conversationId: s.ids.maths, clientId: 'k1', text: 'Test moved to Friday' });
    await settle();
    assert.equal(other.state.unread, before - maths.unreadCount, 'the badge stays');
    assert.equal(other.state.conversations.get(s.ids.maths)?.unreadCount, maths.unreadCount + 1, 'the item counts it');
    await other.setMuted(s.ids.maths, false);
    await settle();
    assert.equal(s.store.state.conversations.get(s.ids.maths)?.muted, undefined);
    assert.equal(s.store.state.unread, before + 1);
  });

  it('loads the reader’s notification preferences on start, and a change in one tab reaches every tab', async () => {
    const s = await storeFor(u.ola.id);
    const other = new MessengerStore(new MemoryTransport({ backend: s.backend, userId: u.ola.id }));
    await other.start();
    assert.deepEqual(s.store.state.preferences, { desktop: false, emailDigest: false });
    assert.deepEqual(await s.store.setNotificationPreferences({ desktop: true }), { desktop: true, emailDigest: false });
    await settle();
    for (const tab of [s.store, other]) assert.deepEqual(tab.state.preferences, { desktop: true, emailDigest: false });
  });

  it('a tidy list in every tab: pinned ones on top in pin order, a new message moves a conversation below them; a hidden one leaves until a message brings it back; mark all read empties every count', async () => {
    const s = await storeFor(u.ola.id);
    const other = new MessengerStore(new MemoryTransport({ backend: s.backend, userId: u.ola.id }));
    await other.start();
    await s.store.setPinned(s.ids.weekly, true);
    await s.store.setPinned(s.ids.oneToOne, true);
    await settle();
    for (const tab of [s.store, other]) assert.deepEqual(tab.state.order.slice(0, 2), [s.ids.oneToOne, s.ids.weekly], 'the most recently pinned first');
    await s.as(u.kari.id)('sendMessage', { conversationId: s.ids.maths, clientId: 'k1', text: 'Test moved to Friday' });
    await settle();
    for (const tab of [s.store, other]) assert.deepEqual(tab.state.order.slice(0, 3), [s.ids.oneToOne, s.ids.weekly, s.ids.maths], 'new activity goes below the pinned');
    await other.setPinned(s.ids.weekly, false);
    await settle();
    assert.deepEqual(s.store.state.order.slice(0, 2), [s.ids.oneToOne, s.ids.maths], 'unpinned in the other tab, it goes back to its place here too');

    const oneToOne = s.store.state.conversations.get(s.ids.oneToOne)!;
    assert.ok(oneToOne.unreadCount > 0);
    const before = s.store.state.unread;
    await s.store.hide(s.ids.oneToOne);
    await settle();
    for (const tab of [s.store, other]) {
      assert.ok(!tab.state.order.includes(s.ids.oneToOne), 'out of the list');
      assert.equal(tab.state.unread, before - oneToOne.unreadCount, 'and out of the badge');
    }
    await s.as(u.kari.id)('sendMessage', { conversationId: s.ids.oneToOne, clientId: 'k2', text: 'Still there?' });
    await settle();
    for (const tab of [s.store, other]) assert.equal(tab.state.order[0], s.ids.oneToOne, 'a new message brings it back, at the top by its activity');

    await s.store.markAllRead();
    assert.equal(s.store.state.unread, 0, 'at once in this tab');
    await settle();
    for (const tab of [s.store, other]) {
      assert.equal(tab.state.unread, 0);
      assert.ok([...tab.state.conversations.values()].every((c) => c.unreadCount === 0), 'every item read');
    }
  });

  it('a reaction shows at once in every tab of every member with the history open, as the reader’s own only in the reader’s; an edit keeps it, a removal takes it', async () => {
    const s = await storeFor(u.ola.id);
    const tab = (userId: string) => new MessengerStore(new MemoryTransport({ backend: s.backend, userId }));
    const [otherTab, emma] = [tab(u.ola.id), tab(u.emma.id)];
    await Promise.all([otherTab.start(), emma.start()]);
    const message = await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: 'e1', text: 'Pizza on Friday?' });
    for (const store of [s.store, otherTab, emma]) await store.openConversation(s.ids.group);
    const reactionsIn = (store: MessengerStore) => store.state.windows.get(s.ids.group)?.messages.find((m) => m.id === message.id)?.reactions;
    const unread = [s.store.state.unread, emma.state.unread];
    const order = emma.state.order;

    const answer = await s.store.react(message.id, '❤️', true);
    assert.deepEqual(answer.reactions, [{ emoji: '❤️', count: 1, mine: true }]);
    assert.deepEqual(reactionsIn(s.store), [{ emoji: '❤️', count: 1, mine: true }], 'at once, from the answer');
    await settle();
    assert.deepEqual(reactionsIn(otherTab), [{ emoji: '❤️', count: 1, mine: true }], 'the reader’s other tab: theirs');
    assert.deepEqual(reactionsIn(emma), [{ emoji: '❤️', count: 1 }], 'another member: counted, not hers');
    assert.deepEqual([s.store.state.unread, emma.state.unread], unread, 'no badge moves');
    assert.equal(emma.state.order, order, 'the list keeps its order');

    await emma.react(message.id, '❤️', true);
    await emma.react(message.id, '👍', true);
    await settle();
    assert.deepEqual(reactionsIn(s.store), [{ emoji: '👍', count: 1 }, { emoji: '❤️', count: 2, mine: true }], 'in the order of the set');
    assert.deepEqual((await s.store.reactions(message.id, '❤️')).map((p) => p.name), [u.ola.name, u.emma.name]);

    await emma.editMessage(message.id, 'Pizza on Saturday?');
    await settle();
    assert.deepEqual(reactionsIn(s.store), [{ emoji: '👍', count: 1 }, { emoji: '❤️', count: 2, mine: true }], 'an edit keeps them');
    await otherTab.react(message.id, '❤️', false);
    await settle();
    assert.deepEqual(reactionsIn(s.store), [{ emoji: '👍', count: 1 }, { emoji: '❤️', count: 1 }], 'taken back in the other tab');

    await emma.deleteMessage(message.id);
    await settle();
    assert.equal(reactionsIn(s.store), undefined, 'a deleted message has none');
  });

  it('opens a conversation at its latest page and loads older pages', async () => {
    const s = await storeFor(u.ola.id);
    for (let i = 1; i <= 60; i++) await s.as(u.kari.id)('sendMessage', { conversationId: s.ids.maths, clientId: `m${i}`, text: `Note ${i}` });
    const total = (await s.as(u.ola.id)('getConversation', { conversationId: s.ids.maths })).lastSeq;
    await s.store.openConversation(s.ids.maths);
    const first = s.store.state.windows.get(s.ids.maths)!;
    assert.equal(first.messages.length, 50);
    assert.equal(first.messages.at(-1)?.text, 'Note 60');
    assert.equal(first.hasMoreBefore, true);
    assert.equal(new Set(first.messages.map((m) => m.sender)).size, 1, 'one sender object for Kari’s 50, not one each');
    await s.store.loadOlder(s.ids.maths);
    const all = s.store.state.windows.get(s.ids.maths)!;
    assert.deepEqual(all.messages.map((m) => m.seq), Array.from({ length: total }, (_, i) => i + 1));
    assert.equal(all.hasMoreBefore, false);
  });

  it('keeps a message sent offline as pending and sends it once after reconnecting', async () => {
    const s = await storeFor(u.ola.id);
    await s.store.openConversation(s.ids.group);
    s.transport.goOffline();
    await s.store.send(s.ids.group, { text: 'sent on the train' });
    assert.equal(s.store.state.connection, 'reconnecting');
    assert.deepEqual(s.store.state.outbox.map((p) => [p.text, p.status]), [['sent on the train', 'pending']]);
    await s.transport.reconnect();
    await settle();
    assert.deepEqual(s.store.state.outbox, []);
    const { messages } = await s.as(u.emma.id)('getMessages', { conversationId: s.ids.group, limit: 5 });
    assert.equal(messages.filter((m) => m.text === 'sent on the train').length, 1);
    assert.equal(s.store.state.windows.get(s.ids.group)!.messages.filter((m) => m.text === 'sent on the train').length, 1);
  });

  it('marks a refused send failed, retries it, and gives the text back to the draft when discarded', async () => {
    const s = await storeFor(u.ola.id);
    await s.as(u.emma.id)('closeConversation', { conversationId: s.ids.group });
    await s.store.send(s.ids.group, { text: 'too late' });
    const [failed] = s.store.state.outbox;
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error?.code, 'conversation-closed');
    await s.as(u.emma.id)('reopenConversation', { conversationId: s.ids.group });
    await s.store.retry(failed.clientId);
    assert.deepEqual(s.store.state.outbox, []);

    await s.as(u.emma.id)('closeConversation', { conversationId: s.ids.group });
    await s.store.send(s.ids.group, { text: 'keep me' });
    const kept = s.store.state.outbox[0] as { clientId: string };
    s.store.discard(kept.clientId);
    assert.equal(s.store.state.drafts.get(s.ids.group), 'keep me');
  });

  it('drops a conversation the reader was removed from', async () => {
    const s = await storeFor(u.ola.id);
    const { conversation } = await s.as(u.kari.id)('startConversation', {
      recipients: [{ type: 'person', id: u.ola.id }, { type: 'person', id: u.emma.id }],
      mode: 'group',
      text: 'Hi both',
      clientId: 'g1',
    });
    await settle();
    assert.ok(s.store.state.conversations.has(conversation.id));
    await s.as(u.kari.id)('removeParticipant', { conversationId: conversation.id, userId: u.ola.id });
    await settle();
    assert.ok(!s.store.state.conversations.has(conversation.id));
    assert.ok(!s.store.state.order.includes(conversation.id));
  });

  it('reloads the list, the badge and a reviewer’s reports when the backend says events were missed', async () => {
    // A transport that can lose events and then say so, as one does after a long time offline.
    class LossyTransport extends MemoryTransport {
      losing = false;
      private listeners: TransportListener[] = [];
      override subscribe(listener: TransportListener) {
        this.listeners.push(listener);
        return super.subscribe((event) => this.losing || listener(event));
      }
      reset() {
        for (const listener of this.listeners) listener({ type: 'reset' });
      }
    }
    const s = await school();
    const transport = new LossyTransport({ backend: s.backend, userId: u.admin.id });
    const store = new MessengerStore(transport);
    await store.start();
    await store.loadReports();
    const before = store.state.reports.length;
    transport.losing = true;
    const { messages } = await s.as(u.ola.id)('getMessages', { conversationId: s.ids.group, limit: 1 });
    await s.as(u.ola.id)('reportAbuse', { conversationId: s.ids.group, messageId: messages[0].id, reason: 'Mean' });
    await settle();
    assert.equal(store.state.reports.length, before, 'the report-added event was lost');
    transport.losing = false;
    transport.reset();
    await settle();
    await settle();
    assert.equal(store.state.reports.length, before + 1);
    assert.equal(store.state.reports[0].reason, 'Mean');
  });

  describe('coming back', () => {
    /** A store whose reconnect attempts follow each other quickly, on a transport that can be made unreachable. */
    async function unreachableAtFirst(userId: string) {
      const s = await school();
      const transport = new MemoryTransport({ backend: s.backend, userId });
      transport.reachable = false;
      const errors: string[] = [];
      const store = new MessengerStore(transport, { retryDelay: () => 5, onConnectError: (e) => errors.push(e.code) });
      return { ...s, transport, store, errors };
    }
    const until = async (check: () => boolean, what: string) => {
      for (let i = 0; i < 400 && !check(); i++) await new Promise((done) => setTimeout(done, 5));
      assert.ok(check(), what);
    };

    it('a failed first connect is not final: it keeps trying, and loads the list and the badge when the server is back', async () => {
      const s = await unreachableAtFirst(u.ola.id);
      await assert.rejects(s.store.start(), { code: 'unavailable' });
      assert.equal(s.store.state.connection, 'disconnected');
      await until(() => s.errors.length >= 3, 'tried again, and again');
      s.transport.reachable = true;
      await until(() => s.store.state.connection === 'connected' && s.store.state.listState === 'loaded', 'connected and loaded');
      assert.equal(s.store.state.unread, await s.as(u.ola.id)('getUnreadCount', {}));
      assert.ok(s.store.state.order.length > 0);
      await s.store.stop();
    });

    it('reconnecting at once when asked (back online), not only on the schedule', async () => {
      const s = await unreachableAtFirst(u.ola.id);
      const store = new MessengerStore(s.transport, { retryDelay: () => 60_000 });
      await assert.rejects(store.start());
      s.transport.reachable = true;
      store.reconnectNow();
      await until(() => store.state.connection === 'connected', 'connected without waiting a minute');
      await store.stop();
    });

    it('after the transport gives up it keeps trying, and a message written meanwhile goes out once', async () => {
      const s = await storeFor(u.ola.id);
      const store = new MessengerStore(s.transport, { retryDelay: () => 5 });
      await s.store.stop();
      s.transport.reachable = true;
      await store.start();
      await store.openConversation(s.ids.group);
      s.transport.reachable = false;
      s.transport.giveUp();
      await store.send(s.ids.group, { text: 'written while it had given up' });
      await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: 'meanwhile', text: 'Emma meanwhile' });
      await new Promise((done) => setTimeout(done, 30));
      assert.deepEqual(store.state.outbox.map((p) => p.status), ['pending']);
      s.transport.reachable = true;
      await until(() => store.state.connection === 'connected' && store.state.outbox.length === 0, 'back, and sent');
      const { messages } = await s.as(u.emma.id)('getMessages', { conversationId: s.ids.group, limit: 5 });
      assert.equal(messages.filter((m) => m.text === 'written while it had given up').length, 1);
      assert.ok(store.state.windows.get(s.ids.group)!.messages.some((m) => m.text === 'Emma meanwhile'), 'what was missed arrived');
      await store.stop();
    });

    it('sends what was written offline in the order written, a message written as the connection returns behind them', async () => {
      const s = await storeFor(u.ola.id);
      s.transport.goOffline();
      for (const text of ['A', 'B', 'C']) void s.store.send(s.ids.group, { text });
      // D is written the moment the connection is back, while A is on its way.
      await s.transport.reconnect();
      await s.store.send(s.ids.group, { text: 'D' });
      await until(() => s.store.state.outbox.length === 0, 'all sent');
      const { messages } = await s.as(u.emma.id)('getMessages', { conversationId: s.ids.group, limit: 4 });
      assert.deepEqual(messages.map((m) => m.text), ['A', 'B', 'C', 'D'], 'as the other member sees them');
    });
  });

  it('a reset that comes while reconnecting reloads the list, the badge and open histories once connected, with no error shown', async () => {
    const s = await school();
    // A backend that has trimmed the events this reader missed: the catch-up answers `reset`.
    let trimmed = false;
    const backend = new Proxy(s.backend, {
      get(target, key, receiver) {
        if (key !== 'execute') return Reflect.get(target, key, receiver);
        return async (userId: string, name: string, args: { seq: number }) => {
          if (trimmed && name === 'getEventsSince' && args.seq < Number.MAX_SAFE_INTEGER) {
            const { latestSeq } = await target.execute(userId, 'getEventsSince', { seq: Number.MAX_SAFE_INTEGER });
            return { events: [], latestSeq, reset: true };
          }
          return (target.execute as (...a: unknown[]) => unknown)(userId, name, args);
        };
      },
    });
    const transport = new MemoryTransport({ backend, userId: u.ola.id });
    const store = new MessengerStore(transport);
    await store.start();
    await store.openConversation(s.ids.group);
    transport.goOffline();
    for (let i = 1; i <= 5; i++) await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: `lost-${i}`, text: `Lost ${i}` });
    trimmed = true;
    const back = transport.reconnect();
    assert.equal(store.state.listState, 'loaded', 'nothing reloaded before the connection is up, so no error');
    await back;
    const server = await s.as(u.ola.id)('getUnreadCount', {});
    for (let i = 0; i < 50 && store.state.unread !== server; i++) await settle();
    assert.equal(store.state.unread, server);
    assert.equal(store.state.conversations.get(s.ids.group)!.lastMessage?.text, 'Lost 5');
    assert.ok(store.state.windows.get(s.ids.group)!.messages.some((m) => m.text === 'Lost 5'), 'the open history reloaded');
    assert.equal(store.state.listState, 'loaded');
    await store.stop();
  });

  it('takes a burst of messages in order, the list in activity order after each, and writes nothing down for them', async () => {
    const s = await school();
    let saves = 0;
    const persistence: Persistence = { load: async () => undefined, save: async () => void saves++, clear: async () => undefined };
    const store = new MessengerStore(new MemoryTransport({ backend: s.backend, userId: u.ola.id }), { persistence });
    await store.start();
    await store.openConversation(s.ids.maths);
    await store.openConversation(s.ids.group);
    await settle();
    saves = 0;
    const into = [s.ids.maths, s.ids.maths, s.ids.group, s.ids.maths, s.ids.group, s.ids.group];
    for (let i = 0; i < 60; i++) {
      // Some at the same millisecond as the one before: the list breaks ties the same way every time.
      if (i % 3 === 0) s.clock.now += 1_000;
      await s.as(i % 2 ? u.sofie.id : u.emma.id)('sendMessage', { conversationId: into[i % into.length], clientId: `burst-${i}`, text: `Burst ${i}` });
      assert.deepEqual(store.state.order, byActivity(store.state.conversations), `the list after message ${i}`);
    }
    for (const id of [s.ids.maths, s.ids.group]) {
      const { messages } = await s.as(u.ola.id)('getMessages', { conversationId: id, limit: 100 });
      const window = store.state.windows.get(id)!.messages;
      assert.deepEqual(window.slice(-messages.length).map((m) => m.seq), messages.map((m) => m.seq), `${id} as the backend has it`);
    }
    await new Promise((done) => setTimeout(done, 300));
    assert.equal(saves, 0, 'others’ messages are not the reader’s unsent work');
    await store.stop();
  });

  it('keeps one sender object per person across pages, a renamed sender’s newer one from then on, and one empty file list for all', () => {
    const person = (name: string) => ({ id: 'u1', name, title: 'Student, 9B', role: 'student' as const });
    const m = (seq: number, sender: ReturnType<typeof person>, attachments: unknown[] = []) =>
      ({ id: `m${seq}`, seq, sender, attachments }) as unknown as MessageWindow['messages'][number];
    const people = new Map();
    const page = [m(1, person('Emma')), m(2, person('Emma'), [{ id: 'a1' }]), m(3, person('Emma Hansen')), m(4, person('Emma Hansen'))];
    const [one, two, three, four] = compactMessages(page, people);
    assert.equal(two.sender, one.sender);
    assert.equal(three.sender.name, 'Emma Hansen');
    assert.equal(four.sender, three.sender);
    const [next] = compactMessages([m(5, person('Emma Hansen'))], people);
    assert.equal(next.sender, three.sender, 'the next page’s too');
    assert.equal(four.attachments, one.attachments);
    assert.throws(() => one.attachments.push({} as never), TypeError, 'nothing can add to the shared one');
    assert.deepEqual(two.attachments, [{ id: 'a1' }]);
    assert.deepEqual([one, two, three, four], page, 'the same messages');
    assert.notEqual(page[1].sender, page[0].sender, 'the page itself is left as it was');
  });

  it('puts a message that comes late between the ones it has, and replaces one it has', () => {
    const m = (seq: number, text = `${seq}`) => ({ id: `m${seq}`, seq, text }) as unknown as MessageWindow['messages'][number];
    const window: MessageWindow = { messages: [1, 2, 3, 6].map((seq) => m(seq)), hasMoreBefore: false, hasMoreAfter: false, loading: false };
    const seqs = (messages: MessageWindow['messages']) => messages.map((x) => x.seq);
    assert.deepEqual(seqs(merge(window, [m(7), m(8)])), [1, 2, 3, 6, 7, 8]);
    assert.deepEqual(seqs(merge(window, [m(5)])), [1, 2, 3, 5, 6]);
    assert.deepEqual(seqs(merge(window, [m(8), m(7)])), [1, 2, 3, 6, 7, 8]);
    assert.deepEqual(merge(window, [m(6, 'edited')]).map((x) => x.text), ['1', '2', '3', 'edited']);
    assert.deepEqual(seqs(window.messages), [1, 2, 3, 6], 'the window itself is left as it was');
  });

  it('marks read and unread, keeping the badge in step', async () => {
    const s = await storeFor(u.ola.id);
    const group = s.store.state.conversations.get(s.ids.group)!;
    const before = s.store.state.unread;
    await s.store.markRead(s.ids.group, group.lastSeq);
    await settle();
    assert.equal(s.store.state.conversations.get(s.ids.group)?.unreadCount, 0);
    assert.equal(s.store.state.unread, before - group.unreadCount);
    await s.store.markUnread(s.ids.group);
    await settle();
    assert.equal(s.store.state.conversations.get(s.ids.group)?.unreadCount, 1);
  });
});

describe('MessengerStore, read status', () => {
  /** Lets the transport's answers and events land (not a timer: those are mocked here). */
  const landed = () => new Promise((done) => setImmediate(done));

  it('asks with the history, follows reads as they are told, and asks once more when they stop, for the reads held back', async (t) => {
    const s = await storeFor(u.emma.id);
    const status = () => s.store.state.readStatus.get(s.ids.group);
    s.clock.now += READ_STATUS_EVERY_MS;
    const question = await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: 'e1', text: 'Library at three?' });
    t.mock.timers.enable({ apis: ['setTimeout'] });
    await s.store.openConversation(s.ids.group);
    await landed();
    assert.ok(status() && status()!.messageId !== question.id, 'asked on opening: an earlier message of Emma’s someone has seen');

    await s.as(u.ola.id)('markRead', { conversationId: s.ids.group, upTo: question.seq });
    await landed();
    assert.deepEqual(status(), { conversationId: s.ids.group, messageId: question.id, seq: question.seq, seen: 1, of: 3 }, 'told live');
    await s.as(u.noah.id)('markRead', { conversationId: s.ids.group, upTo: question.seq });
    await landed();
    assert.equal(status()?.seen, 1, 'the backend holds back a read within its quiet time');
    t.mock.timers.tick(READ_STATUS_EVERY_MS);
    await landed();
    assert.equal(status()?.seen, 1, 'not asked before the quiet time is surely over');
    t.mock.timers.tick(1_000);
    await landed();
    assert.equal(status()?.seen, 2, 'asked once more: Noah’s read is there');
    await s.store.stop();
  });

  it('asks once more a while after opening a history, for reads held back after an event it came too late for', async (t) => {
    const s = await storeFor(u.emma.id);
    const question = await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: 'e1', text: 'Library at three?' });
    s.clock.now += READ_STATUS_EVERY_MS;
    // Told to Emma before this tab opened the conversation; Noah's read right after is held back.
    await s.as(u.ola.id)('markRead', { conversationId: s.ids.group, upTo: question.seq });
    t.mock.timers.enable({ apis: ['setTimeout'] });
    await s.store.openConversation(s.ids.group);
    await landed();
    await s.as(u.noah.id)('markRead', { conversationId: s.ids.group, upTo: question.seq });
    assert.equal(s.store.state.readStatus.get(s.ids.group)?.seen, 1);
    t.mock.timers.tick(READ_STATUS_EVERY_MS + 1_000);
    await landed();
    assert.equal(s.store.state.readStatus.get(s.ids.group)?.seen, 2);
    await s.store.stop();
  });

  it('moves the status to an earlier message when the one it was under is deleted, by the reader or a moderator', async () => {
    const s = await storeFor(u.emma.id);
    const kept = await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: 'e1', text: 'Kept' });
    const regretted = await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: 'e2', text: 'Regretted' });
    await s.as(u.ola.id)('markRead', { conversationId: s.ids.group, upTo: regretted.seq });
    await s.store.openConversation(s.ids.group);
    await settle();
    assert.equal(s.store.state.readStatus.get(s.ids.group)?.messageId, regretted.id);
    await s.store.deleteMessage(regretted.id);
    await settle();
    assert.equal(s.store.state.readStatus.get(s.ids.group)?.messageId, kept.id);
  });

  it('counts again when someone leaves: the one who had not seen it no longer counts', async () => {
    const s = await storeFor(u.emma.id);
    const question = await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: 'e1', text: 'Library at three?' });
    await s.as(u.ola.id)('markRead', { conversationId: s.ids.group, upTo: question.seq });
    await s.store.openConversation(s.ids.group);
    await settle();
    assert.deepEqual(s.store.state.readStatus.get(s.ids.group), { conversationId: s.ids.group, messageId: question.id, seq: question.seq, seen: 1, of: 3 });
    await s.as(u.noah.id)('leaveConversation', { conversationId: s.ids.group });
    await settle();
    assert.equal(s.store.state.readStatus.get(s.ids.group)?.of, 2, 'Seen by 1 of 2');
  });

  it('opens a history as before from a backend that has no read status, showing none', async () => {
    const s = await storeFor(u.emma.id);
    s.transport.getReadStatus = () => Promise.reject(new ImError('not-found', 'There is no command getReadStatus.'));
    await s.store.openConversation(s.ids.group);
    await settle();
    assert.ok(s.store.state.windows.get(s.ids.group)!.messages.length > 0);
    assert.equal(s.store.state.readStatus.size, 0);
  });

  it('gives who has seen a message and who has not yet, by name', async () => {
    const s = await storeFor(u.emma.id);
    const message = await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: 'e1', text: 'Bring calculators' });
    await s.as(u.sofie.id)('markRead', { conversationId: s.ids.group, upTo: message.seq });
    const seenBy = await s.store.seenBy(message.id);
    assert.deepEqual([seenBy.seen.map((p) => p.name), seenBy.notSeen.map((p) => p.name)], [['Sofie Larsen'], ['Noah Johansen', 'Ola Nordmann']]);
  });
});

describe('MessengerStore, stopped', () => {
  it('writes what waited to be kept as it stops, and nothing after: the store that follows it in the page keeps its own', async () => {
    const s = await school();
    const saves: SavedWork[] = [];
    const persistence: Persistence = { load: async () => undefined, save: async (work) => void saves.push(work), clear: async () => undefined };
    const store = new MessengerStore(new MemoryTransport({ backend: s.backend, userId: u.ola.id }), { persistence });
    await store.start();
    store.setDraft(s.ids.group, 'Half a thought');
    await store.stop();
    assert.deepEqual(saves.map((w) => w.drafts), [[[s.ids.group, 'Half a thought']]], 'written at once, not a moment later');
    store.setDraft(s.ids.group, 'Typed into a panel already gone');
    await new Promise((done) => setTimeout(done, 300));
    assert.equal(saves.length, 1, 'a change after stopping writes nothing over the next store’s work');
  });
});

describe('MessengerStore, a different reader in the same browser', () => {
  it("never sends the last reader's kept messages in the new reader's name, and forgets them", async () => {
    const s = await school();
    let kept: SavedWork | undefined = {
      userId: u.ola.id,
      drafts: [[s.ids.group, 'Ola’s draft']],
      outbox: [{ clientId: 'ola-1', conversationId: s.ids.group, text: 'Ola wrote this', attachments: [], createdAt: 1, status: 'pending' }],
    };
    const persistence: Persistence = {
      load: async () => kept,
      save: async (work) => void (kept = work),
      clear: async () => void (kept = undefined),
    };
    const store = new MessengerStore(new MemoryTransport({ backend: s.backend, userId: u.emma.id }), { persistence });
    await store.start();
    await new Promise((done) => setTimeout(done, 20));
    const { messages } = await s.as(u.emma.id)('getMessages', { conversationId: s.ids.group });
    assert.ok(!messages.some((m) => m.text === 'Ola wrote this'), 'not sent as Emma');
    assert.deepEqual([store.state.outbox.length, store.state.drafts.size], [0, 0]);
    assert.equal(kept?.userId ?? u.emma.id, u.emma.id, 'what is kept is no longer Ola’s');
    await store.stop();
  });

  it('forgets the last reader’s work even when a save of it, begun while connecting, ends after the forgetting', async () => {
    const s = await school();
    let kept: SavedWork | undefined = { userId: u.ola.id, drafts: [[s.ids.group, 'Ola’s private draft']], outbox: [] };
    // A slow disk: a write lands a while after it was asked for, a clearing at once.
    const persistence: Persistence = {
      load: async () => kept,
      save: (work) => new Promise((done) => setTimeout(() => done(void (kept = work)), 300)),
      clear: async () => void (kept = undefined),
    };
    // Connecting takes longer than the wait before a save, so the restored draft is saved while connecting.
    class SlowToConnect extends MemoryTransport {
      override async connect() {
        await new Promise((done) => setTimeout(done, 300));
        return super.connect();
      }
    }
    const store = new MessengerStore(new SlowToConnect({ backend: s.backend, userId: u.emma.id }), { persistence });
    await store.start();
    // The save of Ola's draft began at 150 ms and lands at 450; the forgetting came at 300.
    await new Promise((done) => setTimeout(done, 300));
    assert.ok(!kept?.drafts.some(([, text]) => text === 'Ola’s private draft'), 'Ola’s draft is not kept');
    await store.stop();
  });

  it('keeps the conversations it has open when a reload replaces the list', async () => {
    const s = await school();
    await s.as(u.ola.id)('reportAbuse', { conversationId: s.ids.group, reason: 'Spam' });
    const transport = new MemoryTransport({ backend: s.backend, userId: u.per.id });
    const store = new MessengerStore(transport);
    await store.start();
    await store.openConversation(s.ids.group);
    assert.equal(store.state.conversations.get(s.ids.group)?.access, 'reviewer');
    await store.loadConversations(true);
    assert.equal(store.state.conversations.get(s.ids.group)?.access, 'reviewer', 'the reviewer is not thrown out of what they read');
    assert.ok(!store.state.order.includes(s.ids.group), 'and it is still not in their list');
    await store.stop();
  });
});
