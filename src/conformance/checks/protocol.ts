/**
 * The contract's wire behaviour: connecting and authentication, errors and their codes,
 * events in order and catching up after a reconnect, uploads and downloads, and that every
 * method answered somewhere in the run.
 */
import assert from 'node:assert/strict';
import { commandNames } from '../../model/commands.js';
import type { ErrorCode } from '../../model/errors.js';
import type { Attachment, Message } from '../../model/types.js';
import { refusedWith } from '../context.js';
import type { Check } from '../run.js';
import { refusalOf } from '../session.js';

const negotiate = (hubUrl: string, headers: Record<string, string>) => fetch(`${hubUrl}/negotiate?negotiateVersion=1`, { method: 'POST', headers });

export const connectionChecks: Check[] = [
  {
    section: 'Connecting',
    name: 'negotiate without a token, or with a forged one, is 401',
    async run(ctx) {
      assert.equal((await negotiate(ctx.hubUrl, {})).status, 401, 'no token');
      const forged = `${ctx.fixture.people.student.token.slice(0, -4)}AAAA`;
      assert.equal((await negotiate(ctx.hubUrl, { Authorization: `Bearer ${forged}` })).status, 401, 'a token with its end changed');
    },
  },
  {
    section: 'Connecting',
    name: 'every fixture person connects, and whoAmI names them with their role',
    async run(ctx) {
      await ctx.connectAll();
      const roles = { student: 'student', classmate: 'student', outsider: 'student', messagingOff: 'student', teacher: 'teacher', admin: 'admin' } as const;
      for (const [name, session] of Object.entries(ctx.sessions)) {
        const me = await session.call('whoAmI', {});
        assert.equal(me.id, session.person.id, `${name}: whoAmI answers their id`);
        assert.equal(me.role, roles[name as keyof typeof roles], `${name}: role`);
      }
    },
  },
];

export const errorChecks: Check[] = [
  {
    section: 'Errors',
    name: 'an unknown method is not-found; a second argument or a wrong shape is invalid, naming the field',
    async run(ctx) {
      await refusedWith(ctx.student.invoke('noSuchMethod', {}), 'not-found', 'an unknown method');
      await refusedWith(ctx.student.invoke('getUnreadCount', {}, {}), 'invalid', 'two arguments');
      const wrong = await refusedWith(ctx.student.invoke('sendMessage', { conversationId: 'x', clientId: 'y', text: 5 }), 'invalid', 'a number for text');
      assert.equal(wrong.details?.field, 'text', 'details.field names it');
    },
  },
  {
    section: 'Errors',
    name: 'an unknown conversation is not-found; an empty message is invalid',
    async run(ctx) {
      await refusedWith(ctx.student.call('getConversation', { conversationId: 'no-such-conversation' }), 'not-found', 'an unknown conversation');
      const { conversation } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      await refusedWith(ctx.send(ctx.student, conversation.id, '   '), 'invalid', 'an empty message');
    },
  },
  {
    section: 'Errors',
    name: 'a retried send (same clientId) is stored once and answered with the same message',
    async run(ctx) {
      const { conversation } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      const args = { conversationId: conversation.id, clientId: ctx.unique('client'), text: ctx.unique('once') };
      const first = await ctx.student.call('sendMessage', args);
      const again = await ctx.student.call('sendMessage', args);
      assert.equal(again.id, first.id);
      const page = await ctx.classmate.call('getMessages', { conversationId: conversation.id });
      assert.equal(page.messages.filter((m) => m.text === args.text).length, 1, 'stored once');
    },
  },
];

export const eventChecks: Check[] = [
  {
    section: 'Events',
    name: 'each member hears every message as `event`, in seq order without gaps, each once',
    async run(ctx) {
      const { conversation, message } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      await ctx.classmate.waitForEvent((e) => e.event.type === 'message-created' && e.event.message.id === message.id, 'the group’s first message');
      const from = ctx.classmate.events.length;
      const sent: Message[] = [];
      for (let i = 0; i < 5; i++) sent.push(await ctx.send(i % 2 ? ctx.teacher : ctx.student, conversation.id));
      await ctx.classmate.waitForEvent((e) => e.event.type === 'message-created' && e.event.message.id === sent.at(-1)!.id, 'the last message');
      const heard = ctx.classmate.events.slice(from);
      heard.forEach((e, i) => i > 0 && assert.equal(e.seq, heard[i - 1].seq + 1, `event ${e.seq} after ${heard[i - 1].seq}`));
      const created = heard.flatMap((e) => (e.event.type === 'message-created' ? [e.event.message.id] : []));
      assert.deepEqual(created, sent.map((m) => m.id), 'every message once, in the order sent');
    },
  },
  {
    section: 'Events',
    name: 'after a reconnect, getEventsSince answers what was missed, in order, with the latest seq',
    async run(ctx) {
      const { conversation } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      await ctx.classmate.waitForEvent((e) => e.event.type === 'conversation-added' && e.event.conversation.id === conversation.id, 'the new group');
      const seen = ctx.classmate.lastSeq;
      await ctx.classmate.stop();
      const missed = [await ctx.send(ctx.student, conversation.id), await ctx.send(ctx.teacher, conversation.id)];
      await ctx.classmate.reconnect(ctx.hubUrl);
      const { events, latestSeq, reset } = await ctx.classmate.call('getEventsSince', { seq: seen });
      assert.equal(reset, false);
      assert.ok(events.length > 0 && events[0].seq === seen + 1, 'from the one after the last seen');
      events.forEach((e, i) => i > 0 && assert.equal(e.seq, events[i - 1].seq + 1, 'without gaps'));
      assert.equal(events.at(-1)!.seq, latestSeq, 'up to the latest');
      const created = events.flatMap((e) => (e.event.type === 'message-created' ? [e.event.message.id] : []));
      assert.deepEqual(created, missed.map((m) => m.id), 'both messages missed, in order');
      assert.ok((await ctx.classmate.call('getUnreadCount', {})) >= 2, 'the unread count counts them');
    },
  },
];

/** `{api}/attachments…` with a person's token. */
function api(ctx: Parameters<Check['run']>[0], path: string, init: RequestInit & { token?: string } = {}) {
  const { token, ...rest } = init;
  return fetch(`${ctx.apiUrl}/attachments${path}`, { ...rest, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(rest.headers as Record<string, string>) } });
}

async function upload(ctx: Parameters<Check['run']>[0], token: string, name: string, type: string, body: string) {
  return api(ctx, '', { method: 'POST', token, headers: { 'X-File-Name': encodeURIComponent(name), 'Content-Type': type }, body });
}

async function errorCode(res: Response): Promise<ErrorCode | undefined> {
  return ((await res.json().catch(() => undefined)) as { code?: ErrorCode } | undefined)?.code;
}

export const fileChecks: Check[] = [
  {
    section: 'Attachments',
    name: 'an upload sent with a message downloads, byte for byte, for members only',
    async run(ctx) {
      const body = `Chapter 4, exercises 1–6 (${ctx.unique('file')})`;
      const res = await upload(ctx, ctx.student.person.token, 'homework notes.txt', 'text/plain', body);
      assert.equal(res.status, 201, 'the upload is answered 201 Created');
      const attachment = (await res.json()) as Attachment;
      assert.equal(attachment.name, 'homework notes.txt');
      const { conversation } = await ctx.group(ctx.student, [ctx.classmate, ctx.teacher]);
      const message = await ctx.student.call('sendMessage', { conversationId: conversation.id, clientId: ctx.unique('client'), text: 'Notes', attachmentIds: [attachment.id] });
      assert.deepEqual(message.attachments.map((a) => a.id), [attachment.id]);
      const download = await api(ctx, `/${attachment.id}`, { token: ctx.classmate.person.token });
      assert.equal(download.status, 200, 'a member downloads it');
      assert.equal(await download.text(), body, 'the same bytes');
      assert.equal((await api(ctx, `/${attachment.id}`, {})).status, 401, 'without a token: 401');
      const outsider = await api(ctx, `/${attachment.id}`, { token: ctx.outsider.person.token });
      assert.equal(outsider.status, 404, 'a non-member: 404, as for a file that does not exist (ids reveal nothing)');
    },
  },
  {
    section: 'Attachments',
    name: 'a file type outside the allow-list is file-type-not-allowed (415); a link token downloads and opens nothing else',
    async run(ctx) {
      const refused = await upload(ctx, ctx.student.person.token, 'setup.exe', 'application/x-msdownload', 'MZ');
      assert.equal(refused.status, 415);
      assert.equal(await errorCode(refused), 'file-type-not-allowed');
      const res = await upload(ctx, ctx.student.person.token, 'plan.txt', 'text/plain', 'plan');
      const attachment = (await res.json()) as Attachment;
      const link = await api(ctx, '/link-token', { method: 'POST', token: ctx.student.person.token });
      assert.equal(link.status, 200, 'a link token is given');
      const { token } = (await link.json()) as { token: string };
      assert.equal((await fetch(`${ctx.apiUrl}/attachments/${attachment.id}?access_token=${encodeURIComponent(token)}`)).status, 200, 'it downloads');
      assert.equal((await negotiate(ctx.hubUrl, { Authorization: `Bearer ${token}` })).status, 401, 'it does not open the hub');
    },
  },
];

export const coverageCheck: Check = {
  section: 'Coverage',
  name: 'every method of the contract answered at least once in this run',
  async run(ctx) {
    // With read status off, who has seen a message is refused to everyone.
    const refusedByDesign = ctx.fixture.readStatus === 'off' ? ['getSeenBy'] : [];
    const missing = commandNames.filter((name) => !ctx.answered.has(name) && !refusedByDesign.includes(name));
    assert.deepEqual(missing, [], `never answered: ${missing.join(', ')}`);
  },
};

/** Methods the other checks don't need, called once each so that coverage is whole. */
export const remainingMethods: Check = {
  section: 'Methods',
  name: 'lists, searches and look-ups answer in their shapes',
  async run(ctx) {
    const page = await ctx.student.call('listConversations', { limit: 5 });
    assert.ok(Array.isArray(page.items) && page.items.length > 0, 'listConversations answers items');
    assert.ok(Array.isArray(await ctx.student.call('searchConversations', { query: 'a' })));
    const found = await ctx.student.call('searchRecipients', { query: ctx.fixture.people.classmate.id.slice(0, 0) || 'a', types: ['person'] });
    assert.ok(Array.isArray(found));
    const relationship = await ctx.student.call('getRelationship', { userId: ctx.classmate.person.id });
    assert.equal(typeof relationship, 'object');
    await refusalOf(ctx.student.call('getRelationship', { userId: 'no-such-user' }), 'getRelationship about nobody');
  },
};
