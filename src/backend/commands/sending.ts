/** Commands that write messages: new conversations, sends, private replies, forwards, edits. */
import { checkAttachment } from '../../model/attachments.js';
import { ImError } from '../../model/errors.js';
import { decideRecipients, MAX_RECIPIENTS } from '../../model/recipients.js';
import { hasText } from '../../model/text.js';
import type { Recipient, RecipientRef, User, UserId } from '../../model/types.js';
import { selfDisabled, type CommandContext, type Handlers, type Scope } from '../context.js';
import type { AttachmentRecord, ConversationRecord, MessageRecord } from '../storage.js';
import { toPerson } from '../views.js';

/** The sender's own messaging is turned off by an administrator: said as that, not as "not allowed". */

export const sending = {
  checkRecipients: async (ctx, user, { recipients }) => {
    const people = await peopleOf(ctx, user, await resolveRecipients(ctx, user, recipients));
    return { uniqueCount: people.length, messagingDisabled: people.filter((p) => p.messagingDisabled).map(toPerson) };
  },

  startConversation: async (ctx, user, { recipients: refs, mode, text, attachmentIds, clientId }) => {
    const retried = await ctx.storage.findByClientId(user.id, clientId);
    if (retried) {
      const record = (await ctx.storage.getConversation(retried.conversationId))!;
      return { conversation: await ctx.summary(record, user.id), message: await ctx.one(retried), messagingDisabled: [] };
    }
    if (user.messagingDisabled) throw selfDisabled();
    await ctx.limit('send', user.id);
    const files = await attachmentsFor(ctx, user, attachmentIds);
    if (!hasText(text) && files.length === 0) throw new ImError('invalid', 'Write a message or add a file.', { field: 'text' });
    const recipients = await resolveRecipients(ctx, user, refs);
    // People chosen by name must be the user's contacts; courses and projects are theirs already.
    const chosen = recipients.filter((r) => r.type === 'person').map((r) => r.id);
    await ctx.requireContacts(user, await ctx.storage.getUsers(chosen));
    let decision = decideRecipients(recipients);
    let people: User[] = [];
    if (decision.outcome === 'choose' || decision.outcome === 'one-to-one') {
      people = await peopleOf(ctx, user, recipients);
      decision = decideRecipients(recipients, { uniqueCount: people.length });
    }
    const content = { text, attachmentIds: files.map((f) => f.id), clientId };
    switch (decision.outcome) {
      case 'none':
        throw new ImError('invalid', 'Choose at least one recipient.', { field: 'recipients' });
      case 'error':
        throw new ImError('too-many-recipients', `You can't send to more than ${MAX_RECIPIENTS} recipients.`, {
          reason: decision.reason,
          max: MAX_RECIPIENTS,
          ...(decision.reason === 'unique-over-limit' ? { uniqueCount: people.length } : {}),
        });
      case 'course':
      case 'project': {
        const kind = decision.outcome;
        let record = kind === 'course' ? await ctx.storage.findCourseConversation(decision.id) : await ctx.storage.findProjectConversation(decision.id);
        if (!record) {
          // Course conversations are started (and restarted after a deletion) by the course's teachers and administrators.
          if (kind === 'course' && user.role !== 'admin' && (await ctx.courseRole(user.id, decision.id)) !== 'teacher') {
            throw new ImError('no-course-conversation', 'This course has no conversation yet. Your teacher can start one.', { courseId: decision.id });
          }
          const members = kind === 'course' ? (await ctx.storage.courseMembers(decision.id)).map((m) => m.userId) : await ctx.storage.projectMembers(decision.id);
          const users = await ctx.storage.getUsers(members);
          record = await ctx.newConversation(
            { kind, createdBy: user.id, ...(kind === 'course' ? { courseId: decision.id } : { projectId: decision.id }) },
            [user.id, ...users.filter((u) => !u.messagingDisabled).map((u) => u.id)],
          );
          await ctx.announceNew(record, user.id);
        } else if (!(await ctx.storage.getMembership(record.id, user.id))) {
          await ctx.join(record, user.id);
        }
        const scope = await ctx.scope(user, record.id);
        ctx.requireConversation('send', scope);
        const message = await ctx.postMessage(scope.record, user, content);
        const disabled = (await peopleOf(ctx, user, recipients)).filter((p) => p.messagingDisabled).map(toPerson);
        return { conversation: await ctx.summary(scope.record, user.id), message: await ctx.one(message), messagingDisabled: disabled };
      }
      case 'one-to-one':
      case 'choose': {
        const disabled = people.filter((p) => p.messagingDisabled);
        const reachable = people.filter((p) => !p.messagingDisabled);
        if (reachable.length === 0) throw ctx.disabledError(disabled, people.length === 1 ? 'one-to-one' : 'group');
        let record: ConversationRecord;
        if (reachable.length === 1) {
          record = await findOrCreateOneToOne(ctx, user.id, reachable[0].id, true);
          await listFor(ctx, record, user.id);
        } else if (mode === 'group') {
          record = await ctx.newConversation({ kind: 'group', createdBy: user.id }, [user.id, ...reachable.map((p) => p.id)]);
        } else {
          record = await ctx.newConversation({ kind: 'individual', createdBy: user.id, recipientIds: reachable.map((p) => p.id) }, [user.id]);
        }
        if (record.lastSeq === 0) await ctx.announceNew(record, user.id);
        const scope = await ctx.scope(user, record.id);
        ctx.requireConversation('send', scope);
        const message = await send(ctx, scope, content);
        return { conversation: await ctx.summary(scope.record, user.id), message: await ctx.one(message), messagingDisabled: disabled.map(toPerson) };
      }
    }
  },

  sendMessage: async (ctx, user, { conversationId, clientId, text, attachmentIds, replyTo }) => {
    const retried = await ctx.storage.findByClientId(user.id, clientId);
    if (retried) {
      if (retried.conversationId !== conversationId) throw new ImError('invalid', 'sendMessage: clientId was used for another message.', { field: 'clientId' });
      return ctx.one(retried, user.id);
    }
    await ctx.limit('send', user.id);
    const scope = await ctx.scope(user, conversationId);
    ctx.requireConversation('send', scope);
    const files = await attachmentsFor(ctx, user, attachmentIds);
    if (!hasText(text) && files.length === 0) throw new ImError('invalid', 'Write a message or add a file.', { field: 'text' });
    if (replyTo) {
      const original = await ctx.storage.getMessage(replyTo);
      if (!original || original.conversationId !== conversationId) throw new ImError('not-found', 'The message you reply to was not found.');
      await ctx.requireMessage('reply', scope, original);
    }
    const message = await send(ctx, scope, { text, attachmentIds: files.map((f) => f.id), clientId, ...(replyTo ? { replyToId: replyTo } : {}) });
    return ctx.one(message);
  },

  replyPrivately: async (ctx, user, { messageId, clientId, text, attachmentIds }) => {
    const retried = await ctx.storage.findByClientId(user.id, clientId);
    if (retried) {
      const record = (await ctx.storage.getConversation(retried.conversationId))!;
      return { conversation: await ctx.summary(record, user.id), message: await ctx.one(retried) };
    }
    if (user.messagingDisabled) throw selfDisabled();
    await ctx.limit('send', user.id);
    const scope = await ctx.messageScope(user, messageId);
    await ctx.requireMessage('replyPrivately', scope, scope.message);
    const author = await ctx.storage.getUser(scope.message.senderId);
    if (!author) throw new ImError('not-found', 'The author of that message was not found.');
    if (author.messagingDisabled) throw ctx.disabledError([author], 'one-to-one');
    await ctx.requireContacts(user, [author], !!(await ctx.storage.findOneToOne(user.id, author.id)));
    const files = await attachmentsFor(ctx, user, attachmentIds);
    if (!hasText(text) && files.length === 0) throw new ImError('invalid', 'Write a message or add a file.', { field: 'text' });
    const record = await findOrCreateOneToOne(ctx, user.id, author.id, true);
    await listFor(ctx, record, user.id);
    if (record.lastSeq === 0) await ctx.announceNew(record, user.id);
    const target = await ctx.scope(user, record.id);
    ctx.requireConversation('send', target);
    const message = await ctx.postMessage(target.record, user, { text, attachmentIds: files.map((f) => f.id), clientId, replyToId: messageId });
    return { conversation: await ctx.summary(target.record, user.id), message: await ctx.one(message) };
  },

  forwardMessage: async (ctx, user, { messageId, conversationId, clientId, text = '' }) => {
    const retried = await ctx.storage.findByClientId(user.id, clientId);
    if (retried) return ctx.one(retried);
    await ctx.limit('send', user.id);
    const source = await ctx.messageScope(user, messageId);
    await ctx.requireMessage('forward', source, source.message);
    const target = await ctx.scope(user, conversationId);
    ctx.requireConversation('send', target);
    const author = await ctx.storage.getUser(source.message.senderId);
    const message = await send(ctx, target, {
      text,
      attachmentIds: [],
      clientId,
      forwarded: {
        messageId: source.message.id,
        conversationId: source.message.conversationId,
        senderName: author?.name ?? '?',
        text: source.message.text,
        attachmentIds: source.message.attachmentIds,
        createdAt: source.message.createdAt,
      },
    });
    return ctx.one(message);
  },

  editMessage: async (ctx, user, { messageId, text }) => {
    const scope = await ctx.messageScope(user, messageId);
    await ctx.requireMessage('edit', scope, scope.message);
    if (!hasText(text) && scope.message.attachmentIds.length === 0) throw new ImError('invalid', 'A message needs text or a file.', { field: 'text' });
    const updated: MessageRecord = { ...scope.message, text, editedAt: ctx.tick() };
    await ctx.storage.putMessage(updated);
    await ctx.publishMessageChange(scope.record, updated, 'message-edited');
    return ctx.one(updated, user.id);
  },
} satisfies Partial<Handlers>;

/** Sends into a conversation; in a "Sent to N people" item the message also goes to each one-to-one. */
async function send(ctx: CommandContext, scope: Scope, content: Pick<MessageRecord, 'text' | 'attachmentIds'> & Partial<MessageRecord>) {
  const { record, user } = scope;
  if (user.messagingDisabled) throw selfDisabled();
  if (record.kind === 'one-to-one') {
    const peers = (await ctx.storage.members(record.id)).filter((m) => m.userId !== user.id);
    const peer = peers[0] && (await ctx.storage.getUser(peers[0].userId));
    if (peer?.messagingDisabled) throw ctx.disabledError([peer], 'one-to-one');
    if (peer) await ctx.requireContacts(user, [peer], true);
  }
  // A "Sent to N people" item's recipients were settled when it started (people chosen by name as
  // contacts, a course's or project's members as such), as a group's participants are.
  const message = await ctx.postMessage(record, user, content);
  if (record.kind === 'individual') {
    for (const peerId of record.recipientIds ?? []) {
      const peer = await ctx.storage.getUser(peerId);
      if (!peer || peer.messagingDisabled) continue;
      const oneToOne = await findOrCreateOneToOne(ctx, user.id, peerId, false);
      if (oneToOne.lastSeq === 0) await ctx.announceNew(oneToOne, user.id);
      const { clientId: _, ...copy } = content;
      // The "Sent to N people" item stands for these one-to-ones in the sender's list.
      await ctx.postMessage(oneToOne, user, copy, false);
    }
  }
  return message;
}

async function findOrCreateOneToOne(ctx: CommandContext, senderId: UserId, peerId: UserId, listedForSender: boolean) {
  const found = await ctx.storage.findOneToOne(senderId, peerId);
  if (found) return found;
  return ctx.newConversation({ kind: 'one-to-one', createdBy: senderId }, [senderId, peerId], (id) => id !== senderId || listedForSender);
}

async function listFor(ctx: CommandContext, record: ConversationRecord, userId: UserId) {
  const m = await ctx.storage.getMembership(record.id, userId);
  if (m && !m.listed) await ctx.storage.putMembership({ ...m, listed: true });
}

/** Checks files for a send: uploaded by the sender, within the policy. */
async function attachmentsFor(ctx: CommandContext, user: User, ids: string[] | undefined): Promise<AttachmentRecord[]> {
  if (!ids?.length) return [];
  if (ids.length > ctx.attachmentPolicy.maxFiles) {
    throw new ImError('invalid', `A message can have at most ${ctx.attachmentPolicy.maxFiles} files.`, { maxFiles: ctx.attachmentPolicy.maxFiles });
  }
  const found = await ctx.storage.getAttachments(ids);
  if (found.length !== ids.length || found.some((a) => a.ownerId !== user.id)) {
    throw new ImError('not-found', 'A file to send was not found. Upload it again.');
  }
  for (const file of found) {
    const refusal = checkAttachment(file, ctx.attachmentPolicy);
    if (refusal) throw refusal;
  }
  return found;
}

/** Resolves chosen recipients with their sizes; only courses and projects the user belongs to (all, for administrators). */
async function resolveRecipients(ctx: CommandContext, user: User, refs: RecipientRef[]): Promise<Recipient[]> {
  const out: Recipient[] = [];
  for (const ref of refs) {
    if (ref.type === 'person') {
      const person = await ctx.storage.getUser(ref.id);
      if (!person) throw new ImError('not-found', 'A recipient was not found.', { recipient: ref });
      if (person.id === user.id) throw new ImError('invalid', 'You cannot send a message to yourself.');
      out.push({ type: 'person', id: person.id, name: person.name, title: person.title, messagingDisabled: !!person.messagingDisabled });
    } else {
      const group = ref.type === 'course' ? await ctx.storage.getCourse(ref.id) : await ctx.storage.getProject(ref.id);
      const members = ref.type === 'course' ? (await ctx.storage.courseMembers(ref.id)).map((m) => m.userId) : await ctx.storage.projectMembers(ref.id);
      if (!group || (user.role !== 'admin' && !members.includes(user.id))) {
        throw new ImError('not-found', `That ${ref.type} was not found.`, { recipient: ref });
      }
      out.push({ type: ref.type, id: group.id, name: group.name, color: group.color, participantCount: members.length });
    }
  }
  return out;
}

/** Everyone the recipients stand for, without the sender, each once. */
async function peopleOf(ctx: CommandContext, user: User, recipients: Recipient[]): Promise<User[]> {
  const ids = new Set<UserId>();
  for (const r of recipients) {
    if (r.type === 'person') ids.add(r.id);
    else if (r.type === 'course') (await ctx.storage.courseMembers(r.id)).forEach((m) => ids.add(m.userId));
    else (await ctx.storage.projectMembers(r.id)).forEach((id) => ids.add(id));
  }
  ids.delete(user.id);
  return ctx.storage.getUsers([...ids]);
}
