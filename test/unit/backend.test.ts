import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Backend } from '../../src/backend/backend.js';
import { MemoryStorage } from '../../src/backend/memory-storage.js';
import { ASSEMBLY_EXTRA, seedCourses, seedProjects } from '../../src/backend/seed.js';
import { searchMessage } from '../../src/model/search.js';
import { appendOne, refusal, school, u } from './backend-fixture.js';

describe('sending', () => {
  it('delivers a message to every participant with per-user sequence numbers and unread counts', async () => {
    const s = await school();
    const before = await s.as(u.ola.id)('getUnreadCount', {});
    const message = await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'Hello <b>all</b>' });
    assert.equal(message.text, 'Hello <b>all</b>', 'text is stored as typed, inert');
    for (const member of [u.ola, u.noah, u.sofie, u.emma]) {
      const created = s.eventsOf(member.id).find((e) => e.type === 'message-created');
      assert.ok(created && created.type === 'message-created', member.name);
      assert.equal(created.message.id, message.id);
    }
    assert.equal(await s.as(u.ola.id)('getUnreadCount', {}), before + 1);
    const olaView = s.eventsOf(u.ola.id).find((e) => e.type === 'message-created');
    assert.equal(olaView?.type === 'message-created' && olaView.unreadTotal, before + 1, 'the new total rides on the message');
    assert.ok(!s.eventsOf(u.ola.id).some((e) => e.type === 'unread-changed'), 'with no event of its own');
    const emmaView = s.eventsOf(u.emma.id).find((e) => e.type === 'message-created');
    assert.equal(emmaView?.type === 'message-created' && emmaView.conversation.unreadCount, 0, 'the sender has read their own message');
    assert.equal(emmaView?.type === 'message-created' && emmaView.unreadTotal, undefined, 'whose total did not change');
    const seqs = s.envelopesOf(u.ola.id).map((e) => e.seq);
    assert.deepEqual(seqs, seqs.map((_, i) => seqs[0] + i), 'no gaps');
    assert.equal(s.eventsOf(u.kari.id).length, 0, 'a non-participant hears nothing');
  });

  it('reads back neither the message it just wrote nor its sender, to tell the members or to answer', async () => {
    const storage = new MemoryStorage();
    const s = await school({ storage });
    const reads = { messages: 0, user: 0, senders: 0 };
    const { getMessageBySeq, getUser, getUsers } = storage;
    storage.getMessageBySeq = (...args) => (reads.messages++, getMessageBySeq.apply(storage, args));
    storage.getUser = (...args) => (reads.user++, getUser.apply(storage, args));
    storage.getUsers = (...args) => (reads.senders++, getUsers.apply(storage, args));
    let answer;
    try {
      answer = await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'Library at three?' });
    } finally {
      Object.assign(storage, { getMessageBySeq, getUser, getUsers });
    }
    assert.deepEqual(reads, { messages: 0, user: 1, senders: 1 }, 'Emma is read once as the command starts, and once as the message’s sender: its answer is the message the members were told');
    const created = s.eventsOf(u.ola.id).find((e) => e.type === 'message-created');
    const { lastMessage } = await s.as(u.ola.id)('getConversation', { conversationId: s.ids.group });
    assert.deepEqual([lastMessage?.senderName, lastMessage?.text], ['Emma Hansen', 'Library at three?']);
    assert.deepEqual(created?.type === 'message-created' && created.conversation.lastMessage, lastMessage, 'the members are told the preview the list reads back');
    assert.deepEqual(answer, created?.type === 'message-created' && created.message);
    assert.deepEqual(answer, (await s.as(u.emma.id)('getMessages', { conversationId: s.ids.group })).messages.at(-1), 'as it reads back');
  });

  it('names the conversation a command is on to the storage’s transaction, so servers sharing a database take turns there', async () => {
    const storage = new MemoryStorage();
    const s = await school({ storage });
    const named: (string | undefined)[] = [];
    const transaction = storage.transaction.bind(storage);
    Object.assign(storage, { transaction: <T,>(work: () => Promise<T>, serializeOn?: string) => (named.push(serializeOn), transaction(work)) });
    await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'Library at three?' });
    await s.as(u.emma.id)('getUnreadCount', {});
    assert.deepEqual(named, [s.ids.group, undefined], 'a command on no conversation names none');
  });

  it('a sender with unread messages there has read them by writing, and their message brings their new total', async () => {
    const s = await school();
    const ola = s.as(u.ola.id);
    const { unreadCount } = await ola('getConversation', { conversationId: s.ids.group });
    assert.ok(unreadCount > 0);
    const before = await ola('getUnreadCount', {});
    s.clear();
    await ola('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'Sorry, I was away' });
    assert.deepEqual(
      s.eventsOf(u.ola.id).map((e) => [e.type, e.type === 'message-created' && e.unreadTotal]),
      [['message-created', before - unreadCount]],
    );
    assert.equal(await ola('getUnreadCount', {}), before - unreadCount);
  });

  it('an edit or a removal is a change: the conversation moves to the top of every member’s list', async () => {
    const s = await school();
    const message = await s.as(u.ola.id)('sendMessage', { conversationId: s.ids.oneToOne, clientId: s.clientId(), text: 'Old news' });
    await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'Newer elsewhere' });
    const top = async (userId: string) => (await s.as(userId)('listConversations', {})).items[0].id;
    assert.equal(await top(u.ola.id), s.ids.group);
    const before = (await s.as(u.ola.id)('getConversation', { conversationId: s.ids.oneToOne })).lastActivityAt;
    await s.as(u.ola.id)('editMessage', { messageId: message.id, text: 'Old news, corrected' });
    const after = await s.as(u.kari.id)('getConversation', { conversationId: s.ids.oneToOne });
    assert.ok(after.lastActivityAt > before);
    assert.equal(await top(u.ola.id), s.ids.oneToOne);
    assert.equal(await top(u.kari.id), s.ids.oneToOne);
    const edited = s.eventsOf(u.kari.id).findLast((e) => e.type === 'message-edited');
    assert.equal(edited?.type === 'message-edited' && edited.conversation.lastActivityAt, after.lastActivityAt, 'the event carries the new time');

    await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'Newer again' });
    await s.as(u.ola.id)('deleteMessage', { messageId: message.id });
    assert.equal(await top(u.ola.id), s.ids.oneToOne, 'a deletion too');
  });

  it('stores a file name without the bidirectional controls that would spoof it, and checks the real extension', async () => {
    const s = await school();
    const spoofed = 'photo\u202Egnp.txt'; // shows as "phototxt.png"
    const stored = await s.backend.registerAttachment(u.ola.id, { name: spoofed, size: 10, type: 'text/plain' });
    assert.equal(stored.name, 'photognp.txt');
    await assert.rejects(s.backend.registerAttachment(u.ola.id, { name: 'invoice\u202Efdp.exe', size: 10, type: 'application/pdf' }), { code: 'file-type-not-allowed' });
  });

  it('stores a retried send once', async () => {
    const s = await school();
    const clientId = s.clientId();
    const first = await s.as(u.ola.id)('sendMessage', { conversationId: s.ids.group, clientId, text: 'once' });
    const again = await s.as(u.ola.id)('sendMessage', { conversationId: s.ids.group, clientId, text: 'once' });
    assert.equal(again.id, first.id);
    const { messages } = await s.as(u.ola.id)('getMessages', { conversationId: s.ids.group, limit: 3 });
    assert.equal(messages.filter((m) => m.text === 'once').length, 1);
  });

  it('sends a file without text, and refuses a message with neither', async () => {
    const s = await school();
    const file = await s.backend.registerAttachment(u.ola.id, { name: 'essay.pdf', size: 1000, type: 'application/pdf' });
    const message = await s.as(u.ola.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: '', attachmentIds: [file.id] });
    assert.deepEqual(message.attachments.map((a) => a.name), ['essay.pdf']);
    const error = await refusal(s.as(u.ola.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: '  \n ' }));
    assert.equal(error.code, 'invalid');
  });

  it("refuses a disallowed file type with the spec's words, and a file over 20 MB", async () => {
    const s = await school();
    const type = await refusal(s.backend.registerAttachment(u.ola.id, { name: 'game.exe', size: 10, type: 'application/x-msdownload' }));
    assert.equal(type.code, 'file-type-not-allowed');
    assert.equal(type.message, "Sorry, you can't send game.exe");
    const size = await refusal(s.backend.registerAttachment(u.ola.id, { name: 'film.mp4', size: 20 * 1024 * 1024 + 1, type: 'video/mp4' }));
    assert.equal(size.code, 'file-too-large');
  });

  it("lets only participants download a conversation's files", async () => {
    const s = await school();
    const file = await s.backend.registerAttachment(u.ola.id, { name: 'notes.txt', size: 5, type: 'text/plain' });
    assert.equal(await s.backend.attachmentForDownload(u.emma.id, file.id), undefined, 'not yet sent anywhere');
    await s.as(u.ola.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'notes', attachmentIds: [file.id] });
    assert.equal((await s.backend.attachmentForDownload(u.emma.id, file.id))?.name, 'notes.txt');
    assert.equal(await s.backend.attachmentForDownload(u.jakob.id, file.id), undefined);
    const other = await refusal(s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'mine', attachmentIds: [file.id] }));
    assert.equal(other.code, 'not-found', "nobody sends another person's upload");
  });

  it('quotes the message replied to, and shows it gone once deleted', async () => {
    const s = await school();
    const original = await s.as(u.ola.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'Is it on Wednesday?' });
    const reply = await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'Yes', replyTo: original.id });
    assert.equal(reply.replyTo?.text, 'Is it on Wednesday?');
    assert.equal(reply.replyTo?.senderName, u.ola.name);
    await s.as(u.ola.id)('deleteMessage', { messageId: original.id });
    const { messages } = await s.as(u.emma.id)('getMessages', { conversationId: s.ids.group, limit: 1 });
    assert.equal(messages[0].replyTo?.gone, true);
    assert.equal(messages[0].replyTo?.text, '');
  });

  it('forwards a message with its original sender, and replies privately in a one-to-one', async () => {
    const s = await school();
    const { messages } = await s.as(u.ola.id)('getMessages', { conversationId: s.ids.maths, limit: 1 });
    const forwarded = await s.as(u.ola.id)('forwardMessage', { messageId: messages[0].id, conversationId: s.ids.group, clientId: s.clientId(), text: 'From Kari:' });
    assert.equal(forwarded.forwarded?.senderName, u.kari.name);
    assert.equal(forwarded.forwarded?.text, 'Yes, please show every step.');
    assert.equal(forwarded.text, 'From Kari:');

    const { messages: group } = await s.as(u.ola.id)('getMessages', { conversationId: s.ids.group, limit: 5 });
    const emmas = group.find((m) => m.sender.id === u.emma.id)!;
    const { conversation, message } = await s.as(u.ola.id)('replyPrivately', { messageId: emmas.id, clientId: s.clientId(), text: 'Just between us' });
    assert.equal(conversation.kind, 'one-to-one');
    assert.equal(conversation.peer?.id, u.emma.id);
    assert.equal(message.replyTo?.messageId, emmas.id);
    assert.ok(s.eventsOf(u.emma.id).some((e) => e.type === 'conversation-added' && e.conversation.id === conversation.id));
    assert.equal(s.eventsOf(u.noah.id).filter((e) => e.type === 'message-created' && e.message.id === message.id).length, 0);
  });
});

describe('editing and deleting', () => {
  it('marks an edit, and shows "deleted" with the content gone for an own delete', async () => {
    const s = await school();
    const sent = await s.as(u.ola.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'Typo' });
    const edited = await s.as(u.ola.id)('editMessage', { messageId: sent.id, text: 'Fixed' });
    assert.equal(edited.text, 'Fixed');
    assert.ok(edited.editedAt);
    assert.ok(s.eventsOf(u.emma.id).some((e) => e.type === 'message-edited' && e.message.text === 'Fixed'));
    const deleted = await s.as(u.ola.id)('deleteMessage', { messageId: sent.id });
    assert.equal(deleted.status, 'deleted');
    assert.equal((await s.storage.getMessage(sent.id))?.text, '');
  });

  it("a teacher's delete shows 'removed by Kari Nordmann' to every participant and the content is gone from storage", async () => {
    const s = await school();
    const file = await s.backend.registerAttachment(u.emma.id, { name: 'rude.png', size: 100, type: 'image/png' });
    const rude = await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.maths, clientId: s.clientId(), text: 'Something rude', attachmentIds: [file.id] });
    const removed = await s.as(u.kari.id)('deleteMessage', { messageId: rude.id });
    assert.equal(removed.status, 'removed');
    assert.equal(removed.removedBy, 'Kari Nordmann');
    for (const member of [u.ola, u.emma, u.noah, u.sofie]) {
      const event = s.eventsOf(member.id).find((e) => e.type === 'message-deleted');
      assert.ok(event?.type === 'message-deleted' && event.message.removedBy === 'Kari Nordmann', member.name);
      assert.equal(event.message.text, '');
    }
    const stored = await s.storage.getMessage(rude.id);
    assert.equal(stored?.text, '');
    assert.deepEqual(stored?.attachmentIds, []);
    assert.deepEqual(await s.storage.getAttachments([file.id]), [], 'the file is gone too');
    const { events } = await s.as(u.ola.id)('getEventsSince', { seq: 0 });
    assert.ok(events.length > 0);
    assert.doesNotMatch(JSON.stringify(events), /Something rude|rude\.png/, 'no event log keeps a copy');
  });

  it('removes a quoted message from the quotes in stored events too', async () => {
    const s = await school();
    const rude = await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.maths, clientId: s.clientId(), text: 'Something rude' });
    await s.as(u.noah.id)('sendMessage', { conversationId: s.ids.maths, clientId: s.clientId(), text: 'Ha!', replyTo: rude.id });
    await s.as(u.kari.id)('deleteMessage', { messageId: rude.id });
    const { events } = await s.as(u.ola.id)('getEventsSince', { seq: 0 });
    assert.doesNotMatch(JSON.stringify(events), /Something rude/);
    assert.ok(events.some((e) => e.event.type === 'message-created' && e.event.message.replyTo?.gone === true));
  });

  it("deleting one copy of a message sent to many keeps the file in the others' conversations", async () => {
    const s = await school();
    const file = await s.backend.registerAttachment(u.kari.id, { name: 'results.pdf', size: 10, type: 'application/pdf' });
    await s.as(u.kari.id)('startConversation', {
      recipients: [{ type: 'person', id: u.sofie.id }, { type: 'person', id: u.jakob.id }],
      mode: 'individual',
      text: 'Your results',
      attachmentIds: [file.id],
      clientId: s.clientId(),
    });
    const sofies = (await s.storage.findOneToOne(u.kari.id, u.sofie.id))!;
    const { messages } = await s.as(u.kari.id)('getMessages', { conversationId: sofies.id });
    await s.as(u.kari.id)('deleteMessage', { messageId: messages.at(-1)!.id });
    assert.equal(await s.backend.attachmentForDownload(u.sofie.id, file.id), undefined, 'gone from the deleted copy');
    assert.equal((await s.backend.attachmentForDownload(u.jakob.id, file.id))?.name, 'results.pdf', 'still in the other copy');
  });

  it("refuses a student deleting or editing another's message", async () => {
    const s = await school();
    const { messages } = await s.as(u.ola.id)('getMessages', { conversationId: s.ids.group, limit: 1 });
    const notOlas = messages.find((m) => m.sender.id !== u.ola.id)!;
    assert.equal((await refusal(s.as(u.ola.id)('deleteMessage', { messageId: notOlas.id }))).code, 'forbidden');
    assert.equal((await refusal(s.as(u.ola.id)('editMessage', { messageId: notOlas.id, text: 'x' }))).code, 'forbidden');
  });
});

describe('reading', () => {
  it('marks read up to a message and marks unread again, on every tab', async () => {
    const s = await school();
    const ola = s.as(u.ola.id);
    const group = await ola('getConversation', { conversationId: s.ids.group });
    assert.ok(group.unreadCount > 0);
    const read = await ola('markRead', { conversationId: s.ids.group, upTo: group.lastSeq });
    assert.equal(read.unreadCount, 0);
    assert.ok(s.eventsOf(u.ola.id).some((e) => e.type === 'unread-changed'));
    const unread = await ola('markUnread', { conversationId: s.ids.group, fromSeq: group.lastSeq - 1 });
    assert.equal(unread.unreadCount, 2);
    assert.equal(unread.readUpTo, group.lastSeq - 2);
  });

  it('pages through history by seq, before and after', async () => {
    const s = await school();
    const ola = s.as(u.ola.id);
    const latest = await ola('getMessages', { conversationId: s.ids.group, limit: 10 });
    assert.equal(latest.messages.length, 10);
    assert.equal(latest.hasMoreBefore, true);
    assert.equal(latest.hasMoreAfter, false);
    const older = await ola('getMessages', { conversationId: s.ids.group, before: latest.messages[0].seq, limit: 10 });
    assert.equal(older.messages.at(-1)!.seq, latest.messages[0].seq - 1);
    const around = await ola('getMessages', { conversationId: s.ids.group, around: 10, limit: 5 });
    assert.deepEqual(around.messages.map((m) => m.seq), [8, 9, 10, 11, 12]);
  });

  it('hands a reconnecting client exactly the events it missed', async () => {
    const s = await school();
    const { latestSeq } = await s.as(u.ola.id)('getEventsSince', { seq: 0 });
    await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'while you were away' });
    const missed = await s.as(u.ola.id)('getEventsSince', { seq: latestSeq });
    assert.deepEqual(missed.events.map((e) => e.seq), s.envelopesOf(u.ola.id).map((e) => e.seq));
    assert.ok(missed.events.some((e) => e.event.type === 'message-created' && e.event.message.text === 'while you were away'));
    assert.equal(missed.reset, false);
  });

  it('lists conversations newest first, page by page', async () => {
    const s = await school();
    const first = await s.as(u.ola.id)('listConversations', { limit: 2 });
    assert.equal(first.items.length, 2);
    assert.ok(first.cursor);
    const rest = await s.as(u.ola.id)('listConversations', { cursor: first.cursor, limit: 50 });
    const all = [...first.items, ...rest.items];
    assert.equal(new Set(all.map((c) => c.id)).size, all.length, 'no conversation twice');
    const times = all.map((c) => c.lastActivityAt);
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    assert.equal((await refusal(s.as(u.ola.id)('listConversations', { cursor: 'garbage' }))).code, 'invalid');
  });
});

describe('muting', () => {
  it('a muted course conversation keeps its unread in its item but leaves the badge, on every tab, and gives the badge nothing new', async () => {
    const s = await school();
    const ola = s.as(u.ola.id);
    const total = await ola('getUnreadCount', {});
    const maths = await ola('getConversation', { conversationId: s.ids.maths });
    assert.ok(maths.unreadCount > 0 && !maths.muted);
    const muted = await ola('muteConversation', { conversationId: s.ids.maths });
    assert.equal(muted.muted, true);
    assert.equal(muted.unreadCount, maths.unreadCount, 'its own unread count stays');
    assert.equal(await ola('getUnreadCount', {}), total - maths.unreadCount);
    assert.deepEqual(
      s.eventsOf(u.ola.id).map((e) => (e.type === 'conversation-updated' ? { type: e.type, muted: e.conversation.muted } : e)),
      [{ type: 'conversation-updated', muted: true }, { type: 'unread-changed', total: total - maths.unreadCount }],
      'every open panel of the reader hears it',
    );
    assert.equal(s.eventsOf(u.emma.id).length, 0, 'nobody else hears of it');
    assert.equal((await s.as(u.emma.id)('getConversation', { conversationId: s.ids.maths })).muted, undefined, 'it is the reader’s own');

    s.clear();
    await s.as(u.kari.id)('sendMessage', { conversationId: s.ids.maths, clientId: s.clientId(), text: 'Homework for Friday' });
    const created = s.eventsOf(u.ola.id).find((e) => e.type === 'message-created');
    assert.ok(created?.type === 'message-created');
    assert.equal(created.conversation.muted, true);
    assert.equal(created.conversation.unreadCount, maths.unreadCount + 1, 'the new message counts in the item');
    assert.equal(created.unreadTotal, undefined, 'the badge is not raised');
    assert.ok(!s.eventsOf(u.ola.id).some((e) => e.type === 'unread-changed'), 'nor by an event of its own');
    assert.equal(await ola('getUnreadCount', {}), total - maths.unreadCount);
    const emmaView = s.eventsOf(u.emma.id).find((e) => e.type === 'message-created');
    assert.equal(emmaView?.type === 'message-created' && emmaView.unreadTotal, await s.as(u.emma.id)('getUnreadCount', {}), 'others who did not mute are told');
    const listed = (await ola('listConversations', {})).items.find((c) => c.id === s.ids.maths);
    assert.equal(listed?.muted, true, 'the list says it too');

    s.clear();
    const unmuted = await ola('unmuteConversation', { conversationId: s.ids.maths });
    assert.equal(unmuted.muted, undefined);
    assert.equal(await ola('getUnreadCount', {}), total + 1);
    assert.deepEqual(s.eventsOf(u.ola.id).at(-1), { type: 'unread-changed', total: total + 1 });
  });

  it('muting a muted conversation, or unmuting one that is not, changes and tells nothing', async () => {
    const s = await school();
    const ola = s.as(u.ola.id);
    await ola('muteConversation', { conversationId: s.ids.group });
    s.clear();
    assert.equal((await ola('muteConversation', { conversationId: s.ids.group })).muted, true);
    assert.equal((await ola('unmuteConversation', { conversationId: s.ids.oneToOne })).muted, undefined);
    assert.deepEqual(s.eventsOf(u.ola.id), []);
  });

  it('any member mutes for themselves, read-only and closed conversations too; a reviewer or a stranger cannot', async () => {
    const s = await school();
    for (const id of [s.ids.mass, s.ids.weekly, s.ids.oneToOne, s.ids.project]) {
      const as = id === s.ids.project ? s.as(u.jakob.id) : s.as(u.ola.id);
      assert.equal((await as('muteConversation', { conversationId: id })).muted, true, id);
    }
    await s.as(u.kari.id)('closeConversation', { conversationId: s.ids.maths });
    assert.equal((await s.as(u.emma.id)('muteConversation', { conversationId: s.ids.maths })).muted, true, 'closed');
    await s.as(u.ola.id)('reportAbuse', { conversationId: s.ids.group, reason: 'Spam' });
    assert.equal((await refusal(s.as(u.per.id)('muteConversation', { conversationId: s.ids.group }))).code, 'forbidden', 'a reviewer');
    assert.equal((await refusal(s.as(u.jakob.id)('muteConversation', { conversationId: s.ids.group }))).code, 'not-found', 'not a member');
  });

  it('a member who leaves and is added again starts unmuted', async () => {
    const s = await school();
    await s.as(u.noah.id)('muteConversation', { conversationId: s.ids.group });
    await s.as(u.noah.id)('leaveConversation', { conversationId: s.ids.group });
    await s.as(u.emma.id)('addParticipants', { conversationId: s.ids.group, userIds: [u.noah.id] });
    assert.equal((await s.as(u.noah.id)('getConversation', { conversationId: s.ids.group })).muted, undefined);
  });
});

describe('notification preferences', () => {
  it('start off, change only what is given, reach every tab of the reader and nobody else, and reach the platform', async () => {
    const s = await school();
    const ola = s.as(u.ola.id);
    assert.deepEqual(await ola('getNotificationPreferences', {}), { desktop: false, emailDigest: false });
    assert.deepEqual(await ola('setNotificationPreferences', { desktop: true }), { desktop: true, emailDigest: false });
    assert.deepEqual(await ola('setNotificationPreferences', { emailDigest: true }), { desktop: true, emailDigest: true }, 'the other stays');
    assert.deepEqual(s.eventsOf(u.ola.id), [
      { type: 'preferences-changed', preferences: { desktop: true, emailDigest: false } },
      { type: 'preferences-changed', preferences: { desktop: true, emailDigest: true } },
    ]);
    assert.equal(s.eventsOf(u.emma.id).length, 0);
    assert.deepEqual(await s.as(u.emma.id)('getNotificationPreferences', {}), { desktop: false, emailDigest: false }, 'each reader has their own');
    assert.deepEqual(await s.backend.notificationPreferences(u.ola.id), { desktop: true, emailDigest: true }, 'the platform reads them for its e-mail digest');

    s.clear();
    assert.deepEqual(await ola('setNotificationPreferences', { desktop: true }), { desktop: true, emailDigest: true });
    assert.deepEqual(await ola('setNotificationPreferences', {}), { desktop: true, emailDigest: true });
    assert.deepEqual(s.eventsOf(u.ola.id), [], 'nothing changed, nothing told');
  });

  it('survive the platform writing the user again, and refuse what is not true or false', async () => {
    const s = await school();
    await s.as(u.ola.id)('setNotificationPreferences', { emailDigest: true });
    await s.backend.setMessagingDisabled(u.ola.id, true);
    await s.backend.setMessagingDisabled(u.ola.id, false);
    assert.equal((await s.as(u.ola.id)('getNotificationPreferences', {})).emailDigest, true);
    const error = await refusal(s.as(u.ola.id)('setNotificationPreferences', { desktop: 'yes' } as never));
    assert.equal(error.code, 'invalid');
    assert.equal(error.details?.field, 'desktop');
  });
});

describe('a tidy list (issue 18)', () => {
  const ids = (items: { id: string }[]) => items.map((c) => c.id);
  const listOf = async (s: Awaited<ReturnType<typeof school>>, userId: string) => {
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await s.as(userId)('listConversations', { limit: 2, ...(cursor ? { cursor } : {}) });
      all.push(...ids(page.items));
      cursor = page.cursor;
    } while (cursor);
    return all;
  };

  it('mark all as read reads every conversation in the list, muted ones too, and brings every tab’s badge to 0', async () => {
    const s = await school();
    const ola = s.as(u.ola.id);
    await ola('muteConversation', { conversationId: s.ids.group });
    const unread = (await ola('listConversations', {})).items.filter((c) => c.unreadCount > 0);
    assert.ok(unread.length >= 3 && unread.some((c) => c.muted), 'several conversations have unread, a muted one too');
    s.clear();
    const marked = await ola('markAllRead', {});
    assert.deepEqual(ids(marked).sort(), ids(unread).sort(), 'the answer is the conversations it read');
    assert.ok(marked.every((c) => c.unreadCount === 0 && c.readUpTo === c.lastSeq));
    assert.equal(await ola('getUnreadCount', {}), 0);
    assert.ok((await ola('listConversations', {})).items.every((c) => c.unreadCount === 0));
    const events = s.eventsOf(u.ola.id);
    assert.deepEqual(
      events.map((e) => (e.type === 'conversation-updated' ? e.conversation.unreadCount : e.type)),
      [...unread.map(() => 0), 'unread-changed'],
      'a conversation-updated for each, then the badge',
    );
    assert.deepEqual(events.at(-1), { type: 'unread-changed', total: 0 });
    assert.equal(s.eventsOf(u.emma.id).length, 0, 'nobody else hears of it');
    assert.ok((await s.as(u.noah.id)('getConversation', { conversationId: s.ids.group })).unreadCount > 0, 'others’ unread stay');

    s.clear();
    assert.deepEqual(await ola('markAllRead', {}), [], 'nothing left to read');
    assert.deepEqual(s.eventsOf(u.ola.id), [], 'and nothing to tell');
    await s.as(u.kari.id)('sendMessage', { conversationId: s.ids.oneToOne, clientId: s.clientId(), text: 'One more thing' });
    assert.equal(await ola('getUnreadCount', {}), 1, 'a new message counts again');
  });

  it('pinned conversations head the list, the most recently pinned first, whatever their activity, on the first page and never twice', async () => {
    const s = await school();
    const ola = s.as(u.ola.id);
    const before = ids((await ola('listConversations', {})).items);
    s.clear();
    const pinned = await ola('pinConversation', { conversationId: s.ids.oneToOne });
    assert.ok(pinned.pinnedAt, 'the answer says when');
    await ola('pinConversation', { conversationId: s.ids.maths });
    const expected = [s.ids.maths, s.ids.oneToOne, ...before.filter((id) => id !== s.ids.maths && id !== s.ids.oneToOne)];
    assert.deepEqual(ids((await ola('listConversations', {})).items), expected);
    assert.deepEqual(
      s.eventsOf(u.ola.id).map((e) => e.type === 'conversation-updated' && [e.conversation.id, !!e.conversation.pinnedAt]),
      [[s.ids.oneToOne, true], [s.ids.maths, true]],
      'every open panel of the reader hears of each pin',
    );
    assert.equal(s.eventsOf(u.kari.id).length, 0, 'nobody else hears of it');
    assert.equal((await s.as(u.kari.id)('getConversation', { conversationId: s.ids.oneToOne })).pinnedAt, undefined, 'a pin is the reader’s own');

    const first = await ola('listConversations', { limit: 1 });
    assert.deepEqual(ids(first.items), expected.slice(0, 3), 'the first page holds every pinned one, then `limit` others');
    assert.deepEqual(await listOf(s, u.ola.id), expected, 'paging on, every conversation comes once');

    await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'Newest' });
    assert.deepEqual(ids((await ola('listConversations', {})).items).slice(0, 3), [s.ids.maths, s.ids.oneToOne, s.ids.group], 'new activity stays below the pinned');
    const again = await ola('pinConversation', { conversationId: s.ids.oneToOne });
    assert.equal(again.pinnedAt, pinned.pinnedAt, 'pinning a pinned one keeps its place');

    s.clear();
    const unpinned = await ola('unpinConversation', { conversationId: s.ids.maths });
    assert.equal(unpinned.pinnedAt, undefined);
    assert.equal(s.eventsOf(u.ola.id).length, 1);
    const after = ids((await ola('listConversations', {})).items);
    assert.equal(after[0], s.ids.oneToOne);
    assert.ok(after.indexOf(s.ids.maths) > after.indexOf(s.ids.group), 'unpinned, it goes back to its place by activity');
    s.clear();
    await ola('unpinConversation', { conversationId: s.ids.maths });
    assert.deepEqual(s.eventsOf(u.ola.id), [], 'unpinning one that is not pinned tells nothing');
  });

  it('pins have a limit, with a code that says so; a reviewer or a stranger cannot pin', async () => {
    const s = await school({ limits: { pinned: 2 } });
    const ola = s.as(u.ola.id);
    await ola('pinConversation', { conversationId: s.ids.weekly });
    await ola('pinConversation', { conversationId: s.ids.mass });
    const refused = await refusal(ola('pinConversation', { conversationId: s.ids.group }));
    assert.equal(refused.code, 'too-many-pinned');
    assert.deepEqual(refused.details, { limit: 2 });
    await ola('unpinConversation', { conversationId: s.ids.mass });
    assert.ok((await ola('pinConversation', { conversationId: s.ids.group })).pinnedAt);
    await ola('reportAbuse', { conversationId: s.ids.group, reason: 'Spam' });
    assert.equal((await refusal(s.as(u.per.id)('pinConversation', { conversationId: s.ids.group }))).code, 'forbidden', 'a reviewer');
    assert.equal((await refusal(s.as(u.jakob.id)('pinConversation', { conversationId: s.ids.group }))).code, 'not-found', 'not a member');
  });

  it('hiding a one-to-one reads and unpins it, takes it out of the list and the badge on every tab, until a new message brings it back', async () => {
    const s = await school();
    const ola = s.as(u.ola.id);
    await ola('pinConversation', { conversationId: s.ids.oneToOne });
    const item = await ola('getConversation', { conversationId: s.ids.oneToOne });
    assert.ok(item.unreadCount > 0);
    const total = await ola('getUnreadCount', {});
    s.clear();
    const hidden = await ola('hideConversation', { conversationId: s.ids.oneToOne });
    assert.equal(hidden.hidden, true);
    assert.equal(hidden.unreadCount, 0, 'hiding reads it: the badge never counts what the list does not show');
    assert.equal(hidden.readUpTo, hidden.lastSeq);
    assert.equal(hidden.pinnedAt, undefined, 'and unpins it');
    assert.equal(await ola('getUnreadCount', {}), total - item.unreadCount);
    assert.ok(!(await listOf(s, u.ola.id)).includes(s.ids.oneToOne), 'out of the list, on every page');
    assert.deepEqual(
      s.eventsOf(u.ola.id).map((e) => (e.type === 'conversation-updated' ? { hidden: e.conversation.hidden } : e)),
      [{ hidden: true }, { type: 'unread-changed', total: total - item.unreadCount }],
    );
    assert.equal(s.eventsOf(u.kari.id).length, 0, 'the other person hears nothing of it');
    assert.equal((await s.as(u.kari.id)('getConversation', { conversationId: s.ids.oneToOne })).hidden, undefined);
    assert.equal((await ola('getConversation', { conversationId: s.ids.oneToOne })).hidden, true, 'it can still be opened');

    s.clear();
    const kari = s.as(u.kari.id);
    const [last] = (await kari('getMessages', { conversationId: s.ids.oneToOne, limit: 1 })).messages;
    await kari('editMessage', { messageId: last.id, text: 'Edited, not new' });
    assert.deepEqual(s.eventsOf(u.ola.id), [], 'an edit does not bring it back');
    assert.equal((await ola('hideConversation', { conversationId: s.ids.oneToOne })).hidden, true, 'hiding a hidden one changes nothing');
    assert.deepEqual(s.eventsOf(u.ola.id), []);

    await kari('sendMessage', { conversationId: s.ids.oneToOne, clientId: s.clientId(), text: 'Are you coming tomorrow?' });
    const created = s.eventsOf(u.ola.id).find((e) => e.type === 'message-created');
    assert.ok(created?.type === 'message-created');
    assert.equal(created.conversation.hidden, undefined, 'a new message brings it back');
    assert.equal(created.conversation.unreadCount, 1);
    assert.equal(created.conversation.pinnedAt, undefined, 'not pinned again');
    assert.equal(await ola('getUnreadCount', {}), total - item.unreadCount + 1);
    assert.equal((await ola('listConversations', {})).items[0].id, s.ids.oneToOne, 'at the top by its activity');
  });

  it('hides one-to-ones and closed or deleted conversations only; the reader’s own message or a pin brings one back', async () => {
    const s = await school();
    const ola = s.as(u.ola.id);
    for (const id of [s.ids.group, s.ids.maths, s.ids.mass, s.ids.weekly]) {
      const refused = await refusal(ola('hideConversation', { conversationId: id }));
      assert.equal(refused.code, 'forbidden', id);
      assert.match(refused.message, /Only one-to-one conversations and closed ones can be hidden/);
    }
    assert.equal((await refusal(s.as(u.kari.id)('hideConversation', { conversationId: s.ids.individual }))).code, 'forbidden', '"Sent to N people"');
    await s.as(u.kari.id)('closeConversation', { conversationId: s.ids.maths });
    assert.equal((await ola('hideConversation', { conversationId: s.ids.maths })).hidden, true, 'closed');
    await s.as(u.kari.id)('deleteConversation', { conversationId: s.ids.maths });
    assert.equal((await s.as(u.emma.id)('hideConversation', { conversationId: s.ids.maths })).hidden, true, 'deleted');
    assert.equal((await ola('pinConversation', { conversationId: s.ids.maths })).hidden, undefined, 'pinning a hidden one lists it');
    assert.equal((await ola('listConversations', {})).items[0].id, s.ids.maths);

    await ola('hideConversation', { conversationId: s.ids.oneToOne });
    await ola('sendMessage', { conversationId: s.ids.oneToOne, clientId: s.clientId(), text: 'Writing again' });
    assert.ok((await listOf(s, u.ola.id)).includes(s.ids.oneToOne), 'the reader’s own message brings it back');

    await ola('reportAbuse', { conversationId: s.ids.group, reason: 'Spam' });
    await s.as(u.emma.id)('closeConversation', { conversationId: s.ids.group });
    assert.equal((await refusal(s.as(u.per.id)('hideConversation', { conversationId: s.ids.group }))).code, 'forbidden', 'a reviewer');
    assert.equal((await refusal(s.as(u.jakob.id)('hideConversation', { conversationId: s.ids.oneToOne }))).code, 'not-found', 'not a member');
  });

  it('a member who leaves and is added again starts unpinned', async () => {
    const s = await school();
    await s.as(u.noah.id)('pinConversation', { conversationId: s.ids.group });
    await s.as(u.noah.id)('leaveConversation', { conversationId: s.ids.group });
    await s.as(u.emma.id)('addParticipants', { conversationId: s.ids.group, userIds: [u.noah.id] });
    assert.equal((await s.as(u.noah.id)('getConversation', { conversationId: s.ids.group })).pinnedAt, undefined);
  });
});

describe('reactions', () => {
  /** A message of Emma's in the group, which Ola, Noah and Sofie share. */
  async function emmasMessage(s: Awaited<ReturnType<typeof school>>) {
    return s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'The test is on Friday' });
  }

  it('a participant reacts once per emoji; every member hears the count live, and nobody’s unread count or list moves', async () => {
    const s = await school();
    const message = await emmasMessage(s);
    const unread = new Map<string, number>();
    for (const member of [u.ola, u.noah, u.sofie, u.emma]) unread.set(member.id, await s.as(member.id)('getUnreadCount', {}));
    const before = await s.as(u.emma.id)('getConversation', { conversationId: s.ids.group });
    s.clear();

    const answer = await s.as(u.ola.id)('addReaction', { messageId: message.id, emoji: '👍' });
    assert.deepEqual(answer.reactions, [{ emoji: '👍', count: 1, mine: true }], 'the answer is the message as the reader sees it');
    for (const member of [u.ola, u.noah, u.sofie, u.emma]) {
      assert.deepEqual(
        s.eventsOf(member.id),
        [{ type: 'reaction-changed', conversationId: s.ids.group, messageId: message.id, emoji: '👍', count: 1, person: { id: u.ola.id, name: u.ola.name, title: u.ola.title, role: 'student' }, added: true }],
        `${member.name} hears only the reaction: no unread-changed, no conversation-updated`,
      );
      assert.equal(await s.as(member.id)('getUnreadCount', {}), unread.get(member.id), member.name);
    }
    assert.equal(s.eventsOf(u.kari.id).length, 0, 'nobody outside the conversation');
    const after = await s.as(u.emma.id)('getConversation', { conversationId: s.ids.group });
    assert.deepEqual(
      { lastActivityAt: after.lastActivityAt, unreadCount: after.unreadCount, lastMessage: after.lastMessage?.id },
      { lastActivityAt: before.lastActivityAt, unreadCount: before.unreadCount, lastMessage: message.id },
      'not activity: the list keeps its order and its preview',
    );

    s.clear();
    assert.deepEqual((await s.as(u.ola.id)('addReaction', { messageId: message.id, emoji: '👍' })).reactions, [{ emoji: '👍', count: 1, mine: true }]);
    assert.deepEqual(s.eventsOf(u.emma.id), [], 'reacting again (another tab) changes and tells nothing');

    await s.as(u.noah.id)('addReaction', { messageId: message.id, emoji: '✅' });
    await s.as(u.noah.id)('addReaction', { messageId: message.id, emoji: '👍' });
    const read = async (userId: string) => (await s.as(userId)('getMessages', { conversationId: s.ids.group, limit: 1 })).messages[0].reactions;
    assert.deepEqual(await read(u.emma.id), [{ emoji: '👍', count: 2 }, { emoji: '✅', count: 1 }], 'in the order of the set, counted per emoji');
    assert.deepEqual(await read(u.noah.id), [{ emoji: '👍', count: 2, mine: true }, { emoji: '✅', count: 1, mine: true }]);
    const who = await s.as(u.emma.id)('getReactions', { messageId: message.id, emoji: '👍' });
    assert.deepEqual(who.map((p) => p.name), [u.ola.name, u.noah.name], 'who reacted, in the order they did');

    s.clear();
    const taken = await s.as(u.ola.id)('removeReaction', { messageId: message.id, emoji: '👍' });
    assert.deepEqual(taken.reactions, [{ emoji: '👍', count: 1 }, { emoji: '✅', count: 1 }]);
    const removed = s.eventsOf(u.sofie.id);
    assert.deepEqual(removed.map((e) => e.type === 'reaction-changed' && [e.emoji, e.count, e.added, e.person.id]), [['👍', 1, false, u.ola.id]]);
    s.clear();
    await s.as(u.ola.id)('removeReaction', { messageId: message.id, emoji: '😮' });
    assert.deepEqual(s.eventsOf(u.emma.id), [], 'taking back a reaction never made changes nothing');
  });

  it('refuses, with a reason a person can act on, where a reaction does not belong', async () => {
    const s = await school();
    const code = async (userId: string, messageId: string, emoji = '👍') => (await refusal(s.as(userId)('addReaction', { messageId, emoji }))).code;
    const last = async (conversationId: string, as = u.ola.id) => (await s.as(as)('getMessages', { conversationId, limit: 1 })).messages[0];
    assert.equal(await code(u.ola.id, (await last(s.ids.mass)).id), 'read-only', 'a mass message');
    assert.equal(await code(u.ola.id, (await last(s.ids.weekly)).id), 'read-only', 'a weekly update');
    assert.equal(await code(u.kari.id, (await last(s.ids.individual, u.kari.id)).id), 'forbidden', '“Sent to N people”, its sender alone');
    assert.equal(await code(u.jakob.id, (await last(s.ids.group)).id), 'not-found', 'not a member');
    const message = await emmasMessage(s);
    assert.equal(await code(u.ola.id, message.id, '🍕'), 'invalid', 'an emoji outside the set');
    assert.equal(await code(u.ola.id, message.id, '❤'), 'invalid', 'the heart without its emoji form');
    await s.as(u.ola.id)('reportAbuse', { conversationId: s.ids.group, reason: 'Spam' });
    assert.equal(await code(u.per.id, message.id), 'forbidden', 'a reviewer reads, but does not take part');
    assert.deepEqual((await s.as(u.per.id)('getReactions', { messageId: message.id, emoji: '👍' })), [], 'but sees who reacted');

    await s.as(u.ola.id)('addReaction', { messageId: message.id, emoji: '❤️' });
    await s.as(u.kari.id)('closeConversation', { conversationId: s.ids.maths });
    assert.equal(await code(u.ola.id, (await last(s.ids.maths)).id), 'conversation-closed');
    await s.as(u.kari.id)('reopenConversation', { conversationId: s.ids.maths });
    await s.as(u.kari.id)('deleteConversation', { conversationId: s.ids.maths });
    assert.equal(await code(u.ola.id, (await last(s.ids.maths)).id), 'conversation-deleted');

    await s.backend.setMessagingDisabled(u.noah.id, true);
    const off = await refusal(s.as(u.noah.id)('addReaction', { messageId: message.id, emoji: '👍' }));
    assert.deepEqual([off.code, off.details], ['messaging-disabled', { self: true }]);

    await s.as(u.emma.id)('deleteMessage', { messageId: message.id });
    assert.equal(await code(u.ola.id, message.id), 'not-found', 'a deleted message');
    assert.equal((await refusal(s.as(u.ola.id)('removeReaction', { messageId: message.id, emoji: '❤️' }))).code, 'not-found');
  });

  it('a removed message loses its reactions, in storage too', async () => {
    const s = await school();
    const message = await s.as(u.ola.id)('sendMessage', { conversationId: s.ids.maths, clientId: s.clientId(), text: 'Silly joke' });
    await s.as(u.emma.id)('addReaction', { messageId: message.id, emoji: '😂' });
    await s.as(u.kari.id)('addReaction', { messageId: message.id, emoji: '😮' });
    const removed = await s.as(u.kari.id)('deleteMessage', { messageId: message.id });
    assert.equal(removed.reactions, undefined);
    assert.deepEqual(await s.storage.reactionTallies([message.id], u.emma.id), []);
    const [shown] = (await s.as(u.emma.id)('getMessages', { conversationId: s.ids.maths, limit: 1 })).messages;
    assert.deepEqual([shown.status, shown.reactions], ['removed', undefined]);
  });

  it('an edit keeps the reactions, and the editor’s answer shows them', async () => {
    const s = await school();
    const message = await emmasMessage(s);
    await s.as(u.ola.id)('addReaction', { messageId: message.id, emoji: '👍' });
    const edited = await s.as(u.emma.id)('editMessage', { messageId: message.id, text: 'The test is on Thursday' });
    assert.deepEqual(edited.reactions, [{ emoji: '👍', count: 1 }]);
  });

  it('limits each user to 60 reactions a minute', async () => {
    const s = await school();
    let now = Date.UTC(2026, 10, 24, 9);
    const backend = new Backend({ storage: s.storage, now: () => now });
    const message = await emmasMessage(s);
    const toggle = (i: number) => backend.execute(u.ola.id, i % 2 ? 'removeReaction' : 'addReaction', { messageId: message.id, emoji: '👍' });
    for (let i = 0; i < 60; i++) await toggle(i);
    const refused = await refusal(toggle(60));
    assert.deepEqual([refused.code, refused.message, refused.details?.limit], ['rate-limited', 'Too many reactions in a short time.', 60]);
    now += 60_001;
    assert.ok(await toggle(60));
  });
});

describe('search', () => {
  it('finds text, links and attachment names in a conversation, accent-insensitively', async () => {
    const s = await school();
    const file = await s.backend.registerAttachment(u.ola.id, { name: 'Équations-résumé.pdf', size: 10, type: 'application/pdf' });
    await s.as(u.ola.id)('sendMessage', { conversationId: s.ids.maths, clientId: s.clientId(), text: '', attachmentIds: [file.id] });
    const link = await s.as(u.ola.id)('searchConversation', { conversationId: s.ids.maths, query: 'ANSWERS' });
    assert.equal(link.length, 1);
    assert.equal(link[0].snippet.slice(...link[0].ranges[0]), 'answers');
    const files = await s.as(u.ola.id)('searchConversation', { conversationId: s.ids.maths, query: 'equations resume' });
    assert.equal(files[0]?.field, 'attachment');
    assert.deepEqual(await s.as(u.ola.id)('searchConversation', { conversationId: s.ids.group, query: '👍' }), []);
  });

  it('searches across conversations but not in weekly updates or mass messages', async () => {
    const s = await school();
    const hits = await s.as(u.ola.id)('searchConversations', { query: 'equations' });
    const kinds = hits.map((h) => h.conversation.kind);
    assert.ok(kinds.includes('one-to-one'), 'Kari wrote "We started on equations"');
    assert.ok(!kinds.includes('system'), 'the weekly update also says equations, but is not searched');
    assert.equal((await refusal(s.as(u.ola.id)('searchConversation', { conversationId: s.ids.mass, query: 'school' }))).code, 'forbidden');
  });

  it('finds recipients: people, and courses and projects with their sizes', async () => {
    const s = await school();
    const found = await s.as(u.kari.id)('searchRecipients', { query: 'whole' });
    assert.deepEqual(found.map((r) => [r.type, r.type === 'person' ? 0 : r.participantCount]), [['course', ASSEMBLY_EXTRA + 9]]);
    const people = await s.as(u.kari.id)('searchRecipients', { query: 'nordmann', types: ['person'] });
    assert.deepEqual(people.map((p) => p.name), ['Ola Nordmann'], 'not the searcher herself');
  });
});

describe('the 300 rule', () => {
  const start = (s: Awaited<ReturnType<typeof school>>, recipients: { type: 'person' | 'course' | 'project'; id: string }[], mode: 'group' | 'individual' = 'group') =>
    s.as(u.kari.id)('startConversation', { recipients, mode, text: 'Hello', clientId: s.clientId() });

  it('one person makes a one-to-one', async () => {
    const s = await school();
    const { conversation } = await start(s, [{ type: 'person', id: u.sofie.id }]);
    assert.equal(conversation.kind, 'one-to-one');
  });

  it('two people make a group or individual messages, as chosen', async () => {
    const s = await school();
    const group = await start(s, [{ type: 'person', id: u.sofie.id }, { type: 'person', id: u.jakob.id }], 'group');
    assert.equal(group.conversation.kind, 'group');
    assert.equal(group.conversation.participantCount, 3);
    const individual = await start(s, [{ type: 'person', id: u.sofie.id }, { type: 'person', id: u.jakob.id }], 'individual');
    assert.equal(individual.conversation.kind, 'individual');
    assert.equal(individual.conversation.recipientCount, 2);
    const jakobs = await s.as(u.jakob.id)('listConversations', {});
    assert.ok(jakobs.items.some((c) => c.kind === 'one-to-one' && c.peer?.id === u.kari.id && c.lastMessage?.text === 'Hello'));
  });

  it('a course over 300 alone goes to its course conversation', async () => {
    const s = await school();
    const { conversation } = await start(s, [{ type: 'course', id: seedCourses.assembly.id }]);
    assert.equal(conversation.kind, 'course');
    assert.equal(conversation.course?.id, seedCourses.assembly.id);
    assert.ok(conversation.participantCount > 300);
  });

  it('a course over 300 with anything else is refused', async () => {
    const s = await school();
    const error = await refusal(start(s, [{ type: 'course', id: seedCourses.assembly.id }, { type: 'person', id: u.ola.id }]));
    assert.equal(error.code, 'too-many-recipients');
    assert.equal(error.message, "You can't send to more than 300 recipients.");
  });

  it('more than 300 unique people across small courses is refused by the backend', async () => {
    const s = await school();
    await s.backend.run(async (storage) => {
      for (const [id, from] of [['c-a', 1], ['c-b', 151]] as const) {
        await storage.putCourse({ id, name: id, color: '#000' });
        await storage.putCourseMember(id, { userId: u.kari.id, role: 'teacher' });
        for (let i = from; i < from + 160; i++) await storage.putCourseMember(id, { userId: `u-student-${i}`, role: 'student' });
      }
    });
    const error = await refusal(start(s, [{ type: 'course', id: 'c-a' }, { type: 'course', id: 'c-b' }]));
    assert.equal(error.code, 'too-many-recipients');
    assert.equal(error.details?.uniqueCount, 310);
    // The same courses overlap enough to pass when their unique total is within the limit.
    const checked = await s.as(u.kari.id)('checkRecipients', { recipients: [{ type: 'course', id: 'c-a' }] });
    assert.equal(checked.uniqueCount, 160);
  });

  it('more than 300 people chosen one by one are refused', async () => {
    const s = await school();
    const people = Array.from({ length: 301 }, (_, i) => ({ type: 'person' as const, id: `u-student-${i + 1}` }));
    assert.equal((await refusal(start(s, people))).code, 'too-many-recipients');
  });

  it('a small project is a choice like people, and only its members can pick it', async () => {
    const s = await school();
    const { conversation } = await s.as(u.per.id)('startConversation', {
      recipients: [{ type: 'project', id: seedProjects.fair.id }],
      mode: 'group',
      text: 'Posters',
      clientId: s.clientId(),
    });
    assert.equal(conversation.kind, 'group');
    assert.equal(conversation.participantCount, 4);
    assert.equal((await refusal(start(s, [{ type: 'project', id: seedProjects.fair.id }]))).code, 'not-found');
  });
});

describe('messaging disabled', () => {
  it('limits each user to 60 new messages a minute and 20 reports an hour, saying when to try again; retries of a message are free', async () => {
    const s = await school();
    let now = Date.UTC(2026, 10, 24, 9);
    const backend = new Backend({ storage: s.storage, now: () => now });
    const send = (i: number, clientId = `limit-${i}`) => backend.execute(u.ola.id, 'sendMessage', { conversationId: s.ids.group, clientId, text: `Message ${i}` });
    for (let i = 1; i <= 60; i++) await send(i);
    const refused = await refusal(send(61));
    assert.equal(refused.code, 'rate-limited');
    assert.equal(refused.details?.limit, 60);
    assert.ok(Number(refused.details?.retryAfterMs) > 0 && Number(refused.details?.retryAfterMs) <= 60_000);
    assert.equal((await send(1)).text, 'Message 1', 'a retry (same client id) is answered, not counted');
    assert.equal((await backend.execute(u.emma.id, 'sendMessage', { conversationId: s.ids.group, clientId: 'emma-1', text: 'Hi' })).text, 'Hi', 'another user is not held back');
    now += 60_001;
    assert.equal((await send(61)).text, 'Message 61', 'a minute later it goes');

    for (let i = 1; i <= 20; i++) await backend.execute(u.ola.id, 'reportAbuse', { conversationId: s.ids.group, reason: `Report ${i}` });
    assert.equal((await refusal(backend.execute(u.ola.id, 'reportAbuse', { conversationId: s.ids.group, reason: 'One more' }))).code, 'rate-limited');
  });

  it('limits the bytes of files a user has attached and not sent; sending them frees the quota', async () => {
    const s = await school();
    const backend = new Backend({ storage: s.storage, limits: { unsentUploadBytes: 25 } });
    const upload = (name: string) => backend.registerAttachment(u.ola.id, { name, size: 10, type: 'application/pdf' });
    const first = await upload('a.pdf');
    const second = await upload('b.pdf');
    const refused = await refusal(upload('c.pdf'));
    assert.equal(refused.code, 'rate-limited');
    assert.deepEqual(refused.details, { what: 'uploads', limit: 25, unsentBytes: 20 });
    await backend.execute(u.ola.id, 'sendMessage', { conversationId: s.ids.group, clientId: 'with-files', text: '', attachmentIds: [first.id, second.id] });
    assert.equal((await upload('c.pdf')).name, 'c.pdf', 'sent files no longer count');
    assert.equal((await backend.registerAttachment(u.emma.id, { name: 'd.pdf', size: 20, type: 'application/pdf' })).name, 'd.pdf', 'per user');
  });

  it('delivers no new mass message or weekly update to a user whose messaging is off', async () => {
    const s = await school();
    await s.backend.setMessagingDisabled(u.ola.id, true);
    const mass = await s.backend.postMassMessage(u.admin.id, [u.ola.id, u.emma.id], 'Notice', 'Closed on Friday');
    const weekly = await s.backend.postCourseUpdate('c-maths', u.kari.id, 'Week 49', 'Chapter 5');
    for (const id of [mass, weekly]) {
      assert.equal((await refusal(s.as(u.ola.id)('getConversation', { conversationId: id }))).code, 'not-found', 'not Ola’s');
      assert.equal((await s.as(u.emma.id)('getConversation', { conversationId: id })).id, id, 'Emma’s');
    }
  });

  it('tells a user whose own messaging is off exactly that, wherever they try to write', async () => {
    const s = await school();
    const start = await refusal(s.as(u.lukas.id)('startConversation', { recipients: [{ type: 'person', id: u.ola.id }], mode: 'group', text: 'Hi', clientId: s.clientId() }));
    assert.equal(start.code, 'messaging-disabled');
    assert.deepEqual(start.details, { self: true });
    // Turned off after joining a conversation: sending there is refused the same way.
    await s.backend.setMessagingDisabled(u.ola.id, true);
    const send = await refusal(s.as(u.ola.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'Hello?' }));
    assert.equal(send.code, 'messaging-disabled');
    assert.deepEqual(send.details, { self: true });
  });

  it('with messaging off a user writes nowhere: no edit, rename, new participant or forward; deleting their own, muting, leaving and reporting stay', async () => {
    const s = await school();
    const ola = s.as(u.ola.id);
    const mine = await ola('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'Before' });
    const mine2 = await ola('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'Before, again' });
    const emmas = await s.as(u.emma.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'Hi Ola' });
    await s.backend.setMessagingDisabled(u.ola.id, true);
    const refused = {
      edit: ola('editMessage', { messageId: mine.id, text: 'After' }),
      rename: ola('renameConversation', { conversationId: s.ids.group, name: 'Mine now' }),
      add: ola('addParticipants', { conversationId: s.ids.group, userIds: [u.noah.id] }),
      forward: ola('forwardMessage', { messageId: emmas.id, conversationId: s.ids.oneToOne, clientId: s.clientId() }),
    };
    for (const [what, attempt] of Object.entries(refused)) {
      const error = await refusal(attempt);
      assert.deepEqual([error.code, error.details], ['messaging-disabled', { self: true }], what);
    }
    assert.equal((await ola('deleteMessage', { messageId: mine2.id })).status, 'deleted');
    assert.equal((await ola('muteConversation', { conversationId: s.ids.group })).muted, true);
    assert.ok((await ola('reportAbuse', { conversationId: s.ids.group, messageId: emmas.id, reason: 'Unkind' })).reportId);
    assert.equal(await ola('leaveConversation', { conversationId: s.ids.group }), null);
  });

  it('says a one-to-one message cannot be delivered', async () => {
    const s = await school();
    const error = await refusal(s.as(u.kari.id)('startConversation', { recipients: [{ type: 'person', id: u.lukas.id }], mode: 'group', text: 'Hi', clientId: s.clientId() }));
    assert.equal(error.code, 'messaging-disabled');
    assert.match(error.message, /can't be delivered/);
  });

  it('leaves them out of a group and says so', async () => {
    const s = await school();
    const result = await s.as(u.kari.id)('startConversation', {
      recipients: [{ type: 'person', id: u.lukas.id }, { type: 'person', id: u.ola.id }, { type: 'person', id: u.emma.id }],
      mode: 'group',
      text: 'Hi',
      clientId: s.clientId(),
    });
    assert.deepEqual(result.messagingDisabled.map((p) => p.id), [u.lukas.id]);
    const participants = await s.as(u.kari.id)('getParticipants', { conversationId: result.conversation.id });
    assert.ok(!participants.some((p) => p.id === u.lukas.id));
    const add = await refusal(s.as(u.kari.id)('addParticipants', { conversationId: result.conversation.id, userIds: [u.lukas.id] }));
    assert.equal(add.code, 'messaging-disabled');
    assert.match(add.message, /can't take part/);
  });

  it('tells a teacher who in a course cannot receive', async () => {
    const s = await school();
    const checked = await s.as(u.kari.id)('checkRecipients', { recipients: [{ type: 'course', id: seedCourses.maths.id }] });
    assert.deepEqual(checked.messagingDisabled.map((p) => p.id), [u.lukas.id]);
  });
});

describe('group management', () => {
  it('renames, adds and lets people leave, live for everyone', async () => {
    const s = await school();
    const emma = s.as(u.emma.id);
    const renamed = await emma('renameConversation', { conversationId: s.ids.group, name: '  <img src=x onerror=alert(1)>  ' });
    assert.equal(renamed.name, '<img src=x onerror=alert(1)>', 'stored as inert text');
    assert.ok(s.eventsOf(u.ola.id).some((e) => e.type === 'conversation-updated' && e.conversation.name === renamed.name));
    await emma('addParticipants', { conversationId: s.ids.group, userIds: [u.jakob.id] });
    assert.ok(s.eventsOf(u.jakob.id).some((e) => e.type === 'conversation-added' && e.conversation.id === s.ids.group));
    assert.equal((await s.as(u.jakob.id)('getConversation', { conversationId: s.ids.group })).unreadCount, 0, 'history is not news');
    await s.as(u.jakob.id)('leaveConversation', { conversationId: s.ids.group });
    assert.ok(s.eventsOf(u.jakob.id).some((e) => e.type === 'conversation-removed' && e.reason === 'left'));
    assert.equal((await refusal(s.as(u.jakob.id)('getMessages', { conversationId: s.ids.group }))).code, 'not-found');
  });

  it('a teacher removes a student from a group and the student loses it live', async () => {
    const s = await school();
    const { conversation } = await s.as(u.kari.id)('startConversation', {
      recipients: [{ type: 'person', id: u.ola.id }, { type: 'person', id: u.emma.id }],
      mode: 'group',
      text: 'Group work',
      clientId: s.clientId(),
    });
    assert.equal((await refusal(s.as(u.emma.id)('removeParticipant', { conversationId: conversation.id, userId: u.ola.id }))).code, 'forbidden');
    await s.as(u.kari.id)('removeParticipant', { conversationId: conversation.id, userId: u.ola.id });
    assert.ok(s.eventsOf(u.ola.id).some((e) => e.type === 'conversation-removed' && e.reason === 'removed'));
    const send = await refusal(s.as(u.ola.id)('sendMessage', { conversationId: conversation.id, clientId: s.clientId(), text: 'still here?' }));
    assert.equal(send.code, 'not-found');
  });

  it('closes and reopens: nobody can send while closed, history stays', async () => {
    const s = await school();
    assert.equal((await refusal(s.as(u.noah.id)('closeConversation', { conversationId: s.ids.group }))).code, 'forbidden');
    const closed = await s.as(u.emma.id)('closeConversation', { conversationId: s.ids.group });
    assert.equal(closed.closed, true);
    const error = await refusal(s.as(u.ola.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'hi' }));
    assert.equal(error.code, 'conversation-closed');
    assert.ok((await s.as(u.ola.id)('getMessages', { conversationId: s.ids.group })).messages.length > 0);
    await s.as(u.emma.id)('reopenConversation', { conversationId: s.ids.group });
    await s.as(u.ola.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'open again' });
  });
});

describe('course conversations', () => {
  it('a new enrolment joins the course conversation automatically', async () => {
    const s = await school();
    await s.backend.enrol(seedCourses.maths.id, u.jakob.id, 'student');
    assert.ok(s.eventsOf(u.jakob.id).some((e) => e.type === 'conversation-added' && e.conversation.id === s.ids.maths));
    assert.ok(s.eventsOf(u.ola.id).some((e) => e.type === 'conversation-updated' && e.conversation.id === s.ids.maths));
  });

  it('a teacher deletes it: history read-only, and a new one can be started', async () => {
    const s = await school();
    assert.equal((await refusal(s.as(u.ola.id)('deleteConversation', { conversationId: s.ids.maths }))).code, 'forbidden');
    const deleted = await s.as(u.kari.id)('deleteConversation', { conversationId: s.ids.maths });
    assert.equal(deleted.deleted, true);
    const error = await refusal(s.as(u.ola.id)('sendMessage', { conversationId: s.ids.maths, clientId: s.clientId(), text: 'hi' }));
    assert.equal(error.code, 'conversation-deleted');
    assert.ok((await s.as(u.ola.id)('getMessages', { conversationId: s.ids.maths })).messages.length > 0);
    assert.equal((await refusal(s.as(u.ola.id)('startCourseConversation', { courseId: seedCourses.maths.id }))).code, 'forbidden');
    const fresh = await s.as(u.kari.id)('startCourseConversation', { courseId: seedCourses.maths.id });
    assert.notEqual(fresh.id, s.ids.maths);
    assert.ok(s.eventsOf(u.ola.id).some((e) => e.type === 'conversation-added' && e.conversation.id === fresh.id));
  });

  it('mass messages and weekly updates are read only', async () => {
    const s = await school();
    for (const id of [s.ids.mass, s.ids.weekly]) {
      const error = await refusal(s.as(u.ola.id)('sendMessage', { conversationId: id, clientId: s.clientId(), text: 'hi' }));
      assert.equal(error.code, 'read-only');
    }
  });
});

describe('abuse reports', () => {
  it("go to administrators and the reporter's teachers, anonymously except in a one-to-one", async () => {
    const s = await school();
    const { messages } = await s.as(u.ola.id)('getMessages', { conversationId: s.ids.group, limit: 1 });
    await s.as(u.ola.id)('reportAbuse', { conversationId: s.ids.group, messageId: messages[0].id, reason: 'Mean' });
    for (const reviewer of [u.admin, u.kari, u.per]) {
      const added = s.eventsOf(reviewer.id).find((e) => e.type === 'report-added');
      assert.ok(added?.type === 'report-added', reviewer.name);
      assert.equal(added.report.reporter, undefined, 'anonymous in a group');
    }
    assert.equal(s.eventsOf(u.emma.id).filter((e) => e.type === 'report-added').length, 0);

    const { messages: direct } = await s.as(u.ola.id)('getMessages', { conversationId: s.ids.oneToOne });
    const karis = direct.find((m) => m.sender.id === u.kari.id)!;
    await s.as(u.ola.id)('reportAbuse', { conversationId: s.ids.oneToOne, messageId: karis.id, reason: 'Not nice' });
    const [latest] = await s.as(u.admin.id)('listReports', {});
    assert.equal(latest.reporter?.id, u.ola.id, 'named in a one-to-one');
  });

  it('a reviewer reads and moderates the reported conversation but is not a participant and cannot be removed', async () => {
    const s = await school();
    const { messages } = await s.as(u.ola.id)('getMessages', { conversationId: s.ids.group, limit: 1 });
    await s.as(u.ola.id)('reportAbuse', { conversationId: s.ids.group, messageId: messages[0].id, reason: 'Mean' });
    const view = await s.as(u.per.id)('getConversation', { conversationId: s.ids.group });
    assert.equal(view.access, 'reviewer');
    const removed = await s.as(u.per.id)('deleteMessage', { messageId: messages[0].id });
    assert.equal(removed.removedBy, u.per.name);
    const participants = await s.as(u.emma.id)('getParticipants', { conversationId: s.ids.group });
    assert.ok(!participants.some((p) => p.id === u.per.id));
    assert.equal((await refusal(s.as(u.per.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'hi' }))).code, 'forbidden');
  });

  it('a reviewer can mark read and unread without becoming a participant', async () => {
    const s = await school();
    await s.as(u.ola.id)('reportAbuse', { conversationId: s.ids.group, reason: 'Spam' });
    const read = await s.as(u.per.id)('markRead', { conversationId: s.ids.group, upTo: 3 });
    const unread = await s.as(u.per.id)('markUnread', { conversationId: s.ids.group });
    assert.equal(read.access, 'reviewer');
    assert.equal(unread.unreadCount, 0);
    assert.equal(await s.storage.getMembership(s.ids.group, u.per.id), undefined);
  });

  it('a reviewer restores a deleted course conversation from the report', async () => {
    const s = await school();
    await s.as(u.ola.id)('reportAbuse', { conversationId: s.ids.maths, reason: 'Spam' });
    await s.as(u.kari.id)('deleteConversation', { conversationId: s.ids.maths });
    const restored = await s.as(u.admin.id)('restoreConversation', { conversationId: s.ids.maths });
    assert.equal(restored.deleted, false);
    await s.as(u.ola.id)('sendMessage', { conversationId: s.ids.maths, clientId: s.clientId(), text: 'back' });
  });
});

describe('bad input', () => {
  it('gets typed errors and writes nothing', async () => {
    const s = await school();
    const ola = (name: string, args: unknown) => s.backend.execute(u.ola.id, name as 'sendMessage', args);
    const cases: [string, unknown, string][] = [
      ['sendMessage', { conversationId: 'nope', clientId: 'x', text: 'hi' }, 'not-found'],
      ['sendMessage', { conversationId: 42, clientId: 'x', text: 'hi' }, 'invalid'],
      ['sendMessage', { conversationId: s.ids.group, clientId: 'x', text: 'x'.repeat(100_000) }, 'invalid'],
      ['sendMessage', { conversationId: s.ids.group, clientId: 'x', text: ['hi'] }, 'invalid'],
      ['sendMessage', null, 'invalid'],
      ['sendMessage', 'hello', 'invalid'],
      ['getMessages', { conversationId: s.ids.group, limit: -1 }, 'invalid'],
      ['getMessages', { conversationId: s.ids.group, before: 1.5 }, 'invalid'],
      ['startConversation', { recipients: [{ type: 'alien', id: 'x' }], mode: 'group', text: 'hi', clientId: 'y' }, 'invalid'],
      ['startConversation', { recipients: [{ type: 'person', id: u.ola.id }], mode: 'group', text: 'hi', clientId: 'y' }, 'invalid'],
      ['startConversation', { recipients: [{ type: 'person', id: u.emma.id }, { type: 'person', id: 'ghost' }], mode: 'group', text: 'hi', clientId: 'z' }, 'not-found'],
      ['renameConversation', { conversationId: s.ids.group, name: '   ' }, 'invalid'],
      ['noSuchCommand', {}, 'not-found'],
      ['__proto__', {}, 'not-found'],
      ['constructor', {}, 'not-found'],
    ];
    const before = JSON.stringify(await s.as(u.ola.id)('listConversations', { limit: 100 }));
    for (const [name, args, code] of cases) {
      const error = await refusal(ola(name, args));
      assert.equal(error.code, code, `${name} ${JSON.stringify(args)?.slice(0, 80)}`);
    }
    assert.equal(JSON.stringify(await s.as(u.ola.id)('listConversations', { limit: 100 })), before, 'nothing written');
    assert.equal(await s.storage.findOneToOne(u.ola.id, u.emma.id), undefined);
  });

  it('rolls back every write of a command that fails halfway', async () => {
    const s = await school();
    const before = await s.storage.getConversation(s.ids.group);
    await assert.rejects(
      s.storage.transaction(async () => {
        await s.storage.putConversation({ ...before!, name: 'half-written' });
        await appendOne(s.storage, u.ola.id, { type: 'unread-changed', total: 99 });
        throw new Error('disk full');
      }),
    );
    assert.deepEqual(await s.storage.getConversation(s.ids.group), before);
    const { events } = await s.storage.eventsSince(u.ola.id, 0, 10_000);
    assert.ok(!events.some((e) => e.event.type === 'unread-changed' && e.event.total === 99));
  });

  it('does not fail a stored command when an event listener throws, and tells onError', async () => {
    const s = await school();
    const errors: unknown[] = [];
    const backend = new Backend({ storage: s.storage, onError: (e) => errors.push(e) });
    backend.onEvent(() => {
      throw new Error('socket gone');
    });
    const heard: string[] = [];
    backend.onEvent((userId) => heard.push(userId));
    const sent = await backend.execute(u.ola.id, 'sendMessage', { conversationId: s.ids.group, clientId: 'l1', text: 'still sent' });
    assert.equal(sent.text, 'still sent');
    assert.ok(heard.length >= 4, 'the other listener still heard every event');
    assert.ok(errors.length > 0 && errors.every((e) => (e as Error).message === 'socket gone'));
  });

  it('turns an unexpected failure into a plain internal error without details', async () => {
    const s = await school();
    s.storage.getConversation = async () => {
      throw new Error('SQLITE_CORRUPT at /var/secret/path');
    };
    const error = await refusal(s.as(u.ola.id)('getConversation', { conversationId: s.ids.group }));
    assert.equal(error.code, 'internal');
    assert.doesNotMatch(error.message, /secret/);
  });
});

describe('formatted platform messages', () => {
  it('a mass message and a weekly update keep the platform’s HTML beside their plain text, which previews and search use', async () => {
    const s = await school();
    const ola = s.as(u.ola.id);
    const [mass] = (await ola('getMessages', { conversationId: s.ids.mass })).messages;
    assert.match(mass.html ?? '', /<strong>closed on Friday<\/strong>/);
    assert.equal(mass.text, 'The school is closed on Friday for the teachers’ planning day.', 'read out of the HTML');
    const { items } = await ola('listConversations', { limit: 50 });
    const weekly = items.find((c) => c.id === s.ids.weekly)!;
    assert.equal(weekly.lastMessage?.text, 'This week: equations, chapter 4.', 'the preview is the first line of the plain text');
    assert.equal(searchMessage(mass, 'strong'), undefined, 'markup is not searched');
    assert.equal(searchMessage(mass, 'friday')?.snippet, mass.text);

    const id = await s.backend.postCourseUpdate('c-maths', u.kari.id, 'Week 48', 'Plain, as the platform wrote it', { html: '<p>Formatted</p>' });
    const [update] = (await ola('getMessages', { conversationId: id })).messages;
    assert.deepEqual([update.text, update.html], ['Plain, as the platform wrote it', '<p>Formatted</p>'], 'a given plain text is kept');
    const plainId = await s.backend.postMassMessage(u.admin.id, [u.ola.id], 'Notice', 'No formatting');
    assert.equal((await s.storage.messageRange(plainId, 1, 1))[0].html, undefined);
  });

  it('no hub command stores HTML: what users write, share or edit stays plain text', async () => {
    const s = await school();
    const ola = s.as(u.ola.id);
    const html = '<img src=x onerror=alert(1)>';
    const [mass] = (await ola('getMessages', { conversationId: s.ids.mass })).messages;
    const sent = await ola('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'hi', html } as never);
    const edited = await ola('editMessage', { messageId: sent.id, text: 'edited', html } as never);
    const shared = await ola('forwardMessage', { messageId: mass.id, conversationId: s.ids.group, clientId: s.clientId(), text: '', html } as never);
    const started = await ola('startConversation', { recipients: [{ type: 'person', id: u.emma.id }], mode: 'group', text: 'hello', clientId: s.clientId(), html } as never);
    for (const message of [sent, edited, shared, started.message!]) {
      assert.equal(message.html, undefined);
      assert.equal((await s.storage.getMessage(message.id))?.html, undefined);
    }
    assert.equal(shared.forwarded?.text, mass.text, 'a shared mass message is shared as its plain text');
  });

  it('removing a formatted message clears its HTML from storage and from every stored event', async () => {
    const s = await school();
    // Another administrator's mass message: the school's administrator may remove it once it is reported.
    await s.backend.run((storage) => storage.putUser({ id: 'u-admin2', name: 'Berit Dahl', title: 'Deputy', role: 'admin' }));
    const secret = '<p>Pass <strong>zebra-quartz-4711</strong></p>';
    const id = await s.backend.postMassMessage('u-admin2', [u.ola.id], 'Oops', '', { html: secret });
    const [message] = (await s.as(u.ola.id)('getMessages', { conversationId: id })).messages;
    assert.match(JSON.stringify(await s.as(u.ola.id)('getEventsSince', { seq: 0 })), /zebra-quartz-4711/, 'the events carried it');
    await s.as(u.ola.id)('reportAbuse', { conversationId: id, messageId: message.id, reason: 'A password' });
    const removed = await s.as(u.admin.id)('deleteMessage', { messageId: message.id });
    assert.equal(removed.status, 'removed');
    assert.equal(removed.html, undefined);
    const stored = await s.storage.getMessage(message.id);
    assert.deepEqual([stored?.text, stored?.html], ['', undefined]);
    for (const user of [u.ola.id, u.admin.id, 'u-admin2']) {
      const { events } = await s.as(user)('getEventsSince', { seq: 0 });
      assert.doesNotMatch(JSON.stringify(events), /zebra-quartz-4711/, user);
    }
    assert.equal((await s.as(u.ola.id)('getMessages', { conversationId: id })).messages[0].html, undefined);
  });
});

describe('text a database could not store', () => {
  it('refuses a NUL character in any text with a clear error, and stores nothing', async () => {
    const s = await school();
    const before = (await s.as(u.ola.id)('getMessages', { conversationId: s.ids.group })).messages.length;
    const error = await refusal(s.as(u.ola.id)('sendMessage', { conversationId: s.ids.group, clientId: s.clientId(), text: 'hi\u0000there' }));
    assert.deepEqual([error.code, error.details?.field], ['invalid', 'text']);
    assert.equal((await s.as(u.ola.id)('getMessages', { conversationId: s.ids.group })).messages.length, before);
    const inId = await refusal(s.as(u.ola.id)('getMessages', { conversationId: `${s.ids.group}\u0000` }));
    assert.deepEqual([inId.code, inId.details?.field], ['invalid', 'conversationId'], 'in a conversation’s id too');
  });
});
