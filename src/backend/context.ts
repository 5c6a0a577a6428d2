/**
 * What every command handler is given: the kernel's storage, clock, ids, events
 * and limits, and the look-ups and writes the commands share (scopes and the
 * refusals they answer with, posting a message, joining and leaving, telling
 * everyone concerned).
 */
import type { AttachmentPolicy } from '../model/attachments.js';
import type { CommandArgs, CommandName, CommandResults } from '../model/commands.js';
import { ImError } from '../model/errors.js';
import type { ImEvent } from '../model/events.js';
import {
  canConversation,
  canMessage,
  writingActions,
  type ConversationAction,
  type MessageAction,
  type PermissionContext,
  type ReadStatusSetting,
} from '../model/permissions.js';
import type { ConversationSummary, CourseId, Message, Role, User, UserId } from '../model/types.js';
import type { Limits } from './limits.js';
import type { ContactPolicy } from './contacts.js';
import { tellSenders } from './commands/read-status.js';
import type { ConversationRecord, EventBatch, MembershipRecord, MessageRecord, OwnFields, Storage } from './storage.js';
import { sharedSummary, sharedView, summaryFor, toMessages, toPerson, viewerFields, type SharedView } from './views.js';

/** The refusal of a user whose messaging an administrator turned off, wherever they try to write. */
export const selfDisabled = () => new ImError('messaging-disabled', 'Messaging is turned off for your account.', { self: true });

/** One command's handler, named as in the contract. */
export type Handler<K extends CommandName> = (ctx: CommandContext, user: User, args: CommandArgs[K]) => Promise<CommandResults[K]>;

/** A handler for every command: each module's table `satisfies Partial<Handlers>`, and the kernel's joins them. */
export type Handlers = { [K in CommandName]: Handler<K> };

/** Everything a command needs to know about one conversation and its reader. */
export interface Scope {
  user: User;
  record: ConversationRecord;
  membership: MembershipRecord | undefined;
  ctx: PermissionContext;
}

/** What the kernel lends the commands. */
export interface Kernel {
  storage: Storage;
  attachmentPolicy: AttachmentPolicy;
  contacts: ContactPolicy;
  /** The school's read-status setting (issue 18). */
  readStatus: ReadStatusSetting;
  limits: Limits;
  now: () => number;
  /** A time after every time handed out before, so activity order is never a tie within one backend. */
  tick: () => number;
  newId: () => string;
  /** Queues the event for the user's log: stored when the command's work is done, delivered once it commits. */
  publish: (userId: UserId, event: ImEvent) => Promise<void>;
  /** Queues one event for many users, stored once with each user's own fields (see `EventBatch`). */
  broadcast: (batch: EventBatch) => Promise<void>;
  /** Counts one more `what` for the user, refusing it (`rate-limited`) past the limit in the window. */
  limit: (what: 'send' | 'react' | 'report', userId: UserId) => Promise<void>;
}

export class CommandContext implements Kernel {
  readonly storage: Storage;
  readonly attachmentPolicy: AttachmentPolicy;
  readonly contacts: ContactPolicy;
  readonly readStatus: ReadStatusSetting;
  readonly limits: Limits;
  readonly now: Kernel['now'];
  readonly tick: Kernel['tick'];
  readonly newId: Kernel['newId'];
  readonly publish: Kernel['publish'];
  readonly broadcast: Kernel['broadcast'];
  readonly limit: Kernel['limit'];

  constructor(kernel: Kernel) {
    this.storage = kernel.storage;
    this.attachmentPolicy = kernel.attachmentPolicy;
    this.contacts = kernel.contacts;
    this.readStatus = kernel.readStatus;
    this.limits = kernel.limits;
    this.now = kernel.now;
    this.tick = kernel.tick;
    this.newId = kernel.newId;
    this.publish = kernel.publish;
    this.broadcast = kernel.broadcast;
    this.limit = kernel.limit;
  }

  // ---- Access, and the refusals a person can act on

  async scope(user: User, conversationId: string): Promise<Scope> {
    const record = await this.storage.getConversation(conversationId);
    const membership = record && (await this.storage.getMembership(record.id, user.id));
    const access = membership ? 'participant' : record && (await this.storage.isReviewer(record.id, user.id)) ? 'reviewer' : 'none';
    // Not found and not yours look the same, so ids reveal nothing.
    if (!record || access === 'none') throw new ImError('not-found', 'This conversation does not exist or you have no access to it.');
    const courseRole = record.courseId ? await this.courseRole(user.id, record.courseId) : undefined;
    const ctx: PermissionContext = {
      user: { id: user.id, role: user.role, ...(user.messagingDisabled ? { messagingDisabled: true } : {}) },
      conversation: { kind: record.kind, closed: record.closed, deleted: record.deleted, createdBy: record.createdBy, ...(courseRole ? { courseRole } : {}) },
      access,
    };
    return { user, record, membership, ctx };
  }

  async messageScope(user: User, messageId: string) {
    const message = await this.storage.getMessage(messageId);
    if (!message) throw new ImError('not-found', 'This message does not exist.');
    const scope = await this.scope(user, message.conversationId).catch(() => {
      throw new ImError('not-found', 'This message does not exist.');
    });
    return { ...scope, message };
  }

  /** Refuses with the reason a person can act on: closed, deleted, read-only, or simply not allowed. */
  requireConversation(action: ConversationAction, scope: Scope) {
    if (canConversation(action, scope.ctx)) return;
    if (scope.ctx.user.messagingDisabled && writingActions.has(action)) throw selfDisabled();
    const { record } = scope;
    if (action === 'send' && scope.ctx.access === 'participant') {
      if (record.kind === 'mass' || record.kind === 'system') throw new ImError('read-only', 'This conversation is read only.');
      if (record.deleted) throw new ImError('conversation-deleted', 'This conversation was deleted. Its history is read only.');
      if (record.closed) throw new ImError('conversation-closed', 'This conversation is closed.');
    }
    if (action === 'hide' && scope.ctx.access === 'participant') {
      throw new ImError('forbidden', 'Only one-to-one conversations and closed ones can be hidden from the list.', { action });
    }
    throw new ImError('forbidden', 'You are not allowed to do that in this conversation.', { action });
  }

  async requireMessage(action: MessageAction, scope: Scope, message: MessageRecord) {
    // A sender whose account is gone counts as a student: their messages can still be cleaned up.
    const senderRole = (await this.storage.getUser(message.senderId))?.role ?? 'student';
    if (canMessage(action, scope.ctx, { senderId: message.senderId, senderRole, status: message.status })) return;
    if (scope.ctx.user.messagingDisabled && writingActions.has(action) && message.status === 'normal') throw selfDisabled();
    if (message.status !== 'normal') throw new ImError('not-found', 'This message was deleted.');
    throw new ImError('forbidden', 'You are not allowed to do that with this message.', { action });
  }

  /**
   * Refuses `not-a-contact` for the people the school's rules don't let the user reach. A
   * conversation that exists may also be answered by whoever the other side could reach.
   */
  async requireContacts(user: User, people: User[], existing = false) {
    const reachable = await this.contacts.reachableFrom(user);
    const refused = [];
    for (const person of people) {
      if (reachable(person)) continue;
      if (existing && (await this.contacts.reachableFrom(person))(user)) continue;
      refused.push(person);
    }
    if (refused.length) {
      throw new ImError('not-a-contact', `Your school's rules don't let you start a conversation with ${refused.map((p) => p.name).join(', ')}.`, {
        people: refused.map(toPerson),
      });
    }
  }

  disabledError(people: User[], kind: 'one-to-one' | 'group' | 'course') {
    const names = people.map((p) => p.name).join(', ');
    const message = {
      'one-to-one': `Your message can't be delivered: ${names} can't receive messages.`,
      group: `${names} can't take part in conversations: messaging is turned off for them.`,
      course: `${names} can't receive messages in this course.`,
    }[kind];
    return new ImError('messaging-disabled', message, { kind, people: people.map(toPerson) });
  }

  async courseRole(userId: UserId, courseId: CourseId): Promise<Role | undefined> {
    // Through the user's few courses, not the course's hundreds of members.
    return (await this.storage.coursesOf(userId)).find((c) => c.course.id === courseId)?.role;
  }

  // ---- What a user sees

  async summary(record: ConversationRecord, userId: UserId): Promise<ConversationSummary> {
    const membership = await this.storage.getMembership(record.id, userId);
    return summaryFor(await sharedView(this.storage, record), userId, membership);
  }

  /** The message as everyone sees it, or as `viewerId` does (with the reactions that are theirs). */
  async one(record: MessageRecord, viewerId?: UserId): Promise<Message> {
    // A message just posted was built as everyone sees it to tell the members: the command answers with that.
    const posted = viewerId === undefined ? this.posted.get(record) : undefined;
    if (posted) return posted;
    const [message] = await toMessages(this.storage, [record], viewerId);
    return message;
  }

  /** Messages posted, as everyone sees them (`postMessage` builds them; `one` answers with them). */
  private readonly posted = new WeakMap<MessageRecord, Message>();

  unreadTotal(userId: UserId): Promise<number> {
    return this.storage.unreadTotal(userId);
  }

  // ---- Telling everyone concerned

  /** Tells every member who lists it (and every reviewer) how the conversation looks to them now. */
  async publishUpdate(record: ConversationRecord, skip: UserId[] = []) {
    const view = await sharedView(this.storage, record);
    const members = (await this.storage.members(record.id)).filter((m) => m.listed && !skip.includes(m.userId));
    await this.publishViewed(view, { type: 'conversation-updated', conversation: sharedSummary(view) }, members, await this.reviewersOnly(record.id));
  }

  /**
   * Queues `event`, whose conversation is `sharedSummary(view)`, for `members` and `reviewers`,
   * each seeing the conversation as their own: stored once, however many they are. A new
   * message carries their new unread total to the members in `unreadTotals`.
   */
  async publishViewed(view: SharedView, event: ImEvent, members: MembershipRecord[], reviewers: UserId[] = [], unreadTotals?: ReadonlyMap<UserId, number>) {
    const ownOf = (m: MembershipRecord): OwnFields => {
      const unreadTotal = unreadTotals?.get(m.userId);
      return unreadTotal === undefined ? viewerFields(view, m.userId, m) : { ...viewerFields(view, m.userId, m), unreadTotal };
    };
    const users = [
      ...members.map((m) => ({ userId: m.userId, own: ownOf(m) })),
      ...reviewers.map((userId) => ({ userId, own: viewerFields(view, userId, undefined) })),
    ];
    if (users.length) await this.broadcast({ event, users });
  }

  /** Reviewers of reports on the conversation who are not its participants. */
  async reviewersOnly(conversationId: string): Promise<UserId[]> {
    const ids = new Set<UserId>();
    for (const report of await this.storage.reportsOn(conversationId)) report.reviewerIds.forEach((id) => ids.add(id));
    // Most conversations have no report: then there is nobody to look for among the members.
    if (ids.size === 0) return [];
    for (const m of await this.storage.members(conversationId)) ids.delete(m.userId);
    return [...ids];
  }

  /** Tells each user (each once) their unread total: read in one go, each total stored once for everyone who has it. */
  async publishUnread(...userIds: UserId[]) {
    const byTotal = new Map<number, { userId: UserId }[]>();
    for (const [userId, total] of await this.unreadTotals(userIds)) {
      const users = byTotal.get(total);
      if (users) users.push({ userId });
      else byTotal.set(total, [{ userId }]);
    }
    for (const [total, users] of byTotal) await this.broadcast({ event: { type: 'unread-changed', total }, users });
  }

  /** Each user's unread total, read in one go. */
  private async unreadTotals(userIds: UserId[]): Promise<Map<UserId, number>> {
    if (userIds.length === 0) return new Map();
    const totals = await this.storage.unreadTotals(userIds);
    return new Map(userIds.map((userId, i) => [userId, totals[i]]));
  }

  /** Tells the members of a new conversation (other than `except`, who gets it as a command result) that it exists. */
  async announceNew(record: ConversationRecord, except?: UserId) {
    const view = await sharedView(this.storage, record);
    const members = (await this.storage.members(record.id)).filter((m) => m.userId !== except && m.listed);
    await this.publishViewed(view, { type: 'conversation-added', conversation: sharedSummary(view) }, members);
  }

  /** Records a visible change (rename, close, participants) as activity and tells everyone. */
  async touch(record: ConversationRecord, skip: UserId[] = []) {
    record.lastActivityAt = this.tick();
    await this.storage.putConversation(record);
    await this.storage.touchMembers(record.id, record.lastActivityAt);
    await this.publishUpdate(record, skip);
  }

  async publishMessageChange(record: ConversationRecord, message: MessageRecord, type: 'message-edited' | 'message-deleted') {
    // An edit or a removal is a change of the conversation (lastActivityAt: "last updated with a
    // change"), as a rename or a close is: it moves up in everyone's list.
    record.lastActivityAt = this.tick();
    await this.storage.putConversation(record);
    await this.storage.touchMembers(record.id, record.lastActivityAt);
    const full = await this.one(message);
    const view = await sharedView(this.storage, record);
    const members = (await this.storage.members(record.id)).filter((m) => m.listed);
    await this.publishViewed(view, { type, message: full, conversation: sharedSummary(view) }, members, await this.reviewersOnly(record.id));
  }

  // ---- Conversations, their members and their messages

  async newConversation(
    fields: Pick<ConversationRecord, 'kind' | 'createdBy'> & Partial<ConversationRecord>,
    memberIds: UserId[],
    listedFor: (userId: UserId) => boolean = () => true,
  ): Promise<ConversationRecord> {
    const now = this.tick();
    const unique = [...new Set(memberIds)];
    const record: ConversationRecord = {
      id: this.newId(),
      name: '',
      createdAt: now,
      closed: false,
      deleted: false,
      lastSeq: 0,
      lastActivityAt: now,
      memberCount: unique.length,
      ...fields,
    };
    await this.storage.putConversation(record);
    for (const userId of unique) {
      await this.storage.putMembership({ conversationId: record.id, userId, joinedAt: now, readUpTo: 0, seenUpTo: 0, unread: 0, listed: listedFor(userId), muted: false, pinnedAt: 0, lastActivityAt: now });
    }
    return record;
  }

  async join(record: ConversationRecord, userId: UserId, announce = true) {
    // A newcomer starts with the history read: 500 old messages are not news to them. Rejoining starts unmuted and unpinned.
    const now = this.tick();
    await this.storage.putMembership({
      conversationId: record.id,
      userId,
      joinedAt: now,
      readUpTo: record.lastSeq,
      seenUpTo: record.lastSeq,
      unread: 0,
      listed: true,
      muted: false,
      pinnedAt: 0,
      lastActivityAt: record.lastActivityAt,
    });
    record.memberCount += 1;
    await this.storage.putConversation(record);
    if (announce) {
      await this.publish(userId, { type: 'conversation-added', conversation: await this.summary(record, userId) });
      await this.publishUpdate(record, [userId]);
    }
  }

  async leave(record: ConversationRecord, userId: UserId, reason: 'left' | 'removed') {
    await this.storage.deleteMembership(record.id, userId);
    record.memberCount = Math.max(0, record.memberCount - 1);
    await this.storage.putConversation(record);
    await this.publish(userId, { type: 'conversation-removed', conversationId: record.id, reason });
    await this.publishUnread(userId);
    await this.publishUpdate(record);
  }

  /**
   * Stores a message and tells everyone concerned. The sender has read all
   * up to it; everyone else has one more unread and sees the conversation in
   * their list again.
   */
  async postMessage(
    record: ConversationRecord,
    sender: User,
    fields: Pick<MessageRecord, 'text' | 'attachmentIds'> & Partial<MessageRecord>,
    listForSender = true,
  ): Promise<MessageRecord> {
    const now = this.tick();
    const message: MessageRecord = {
      id: this.newId(),
      conversationId: record.id,
      seq: record.lastSeq + 1,
      senderId: sender.id,
      createdAt: now,
      status: 'normal',
      ...fields,
    };
    await this.storage.putMessage(message);
    for (const file of await this.storage.getAttachments([...message.attachmentIds, ...(message.forwarded?.attachmentIds ?? [])])) {
      if (!file.conversationIds.includes(record.id)) await this.storage.putAttachment({ ...file, conversationIds: [...file.conversationIds, record.id] });
    }
    record.lastSeq = message.seq;
    record.lastActivityAt = now;
    await this.storage.putConversation(record);

    const [full] = await toMessages(this.storage, [message]);
    this.posted.set(message, full);
    const view = await sharedView(this.storage, record, { message, senderName: sender.name });
    const told: MembershipRecord[] = [];
    const unreadChanged: UserId[] = [];
    // Everyone else has one more unread, in one write; the sender has read all up to it.
    const before = await this.storage.members(record.id);
    await this.storage.touchMembers(record.id, now, sender.id);
    /** The memberships as they are stored now. */
    const after = new Map<UserId, MembershipRecord>();
    for (const m of before) {
      const mine = m.userId === sender.id;
      const updated: MembershipRecord = mine
        ? { ...m, readUpTo: message.seq, seenUpTo: message.seq, unread: 0, lastActivityAt: now, listed: m.listed || listForSender }
        : { ...m, unread: m.unread + 1, listed: true, lastActivityAt: now };
      after.set(m.userId, updated);
      if (mine) await this.storage.putMembership(updated);
      if (!updated.listed) continue;
      told.push(updated);
      // A muted conversation's unread are not in the total, so it has not changed.
      if ((!mine || m.unread > 0) && !m.muted) unreadChanged.push(m.userId);
    }
    // The new totals ride on the message: a course of 300 stores and sends one event a member, not two.
    const totals = await this.unreadTotals(unreadChanged);
    await this.publishViewed(view, { type: 'message-created', message: full, conversation: sharedSummary(view) }, told, await this.reviewersOnly(record.id), totals);
    // Writing, the sender has seen what came before; usually they had already, and this costs nothing.
    const seenBefore = before.find((m) => m.userId === sender.id)?.seenUpTo ?? message.seq - 1;
    if (seenBefore < message.seq - 1) await tellSenders(this, record, sender, seenBefore, message.seq - 1, after);
    return message;
  }
}
