/**
 * The reference backend: every rule of the hub contract, enforced over a
 * storage port. It runs in the browser (behind MemoryTransport) and in Node
 * (behind the SignalR hub server) alike, so it uses neither's APIs.
 */
import { checkAttachment, defaultAttachmentPolicy, type AttachmentPolicy } from '../model/attachments.js';
import { validateArgs, type CommandArgs, type CommandName, type CommandResults } from '../model/commands.js';
import { ImError } from '../model/errors.js';
import type { EventEnvelope, ImEvent } from '../model/events.js';
import {
  canConversation,
  canMessage,
  type ConversationAction,
  type MessageAction,
  type PermissionContext,
} from '../model/permissions.js';
import { decideRecipients, MAX_RECIPIENTS } from '../model/recipients.js';
import { findMatches, isSearchableKind, searchMessage } from '../model/search.js';
import { hasText, htmlToText, plainFileName } from '../model/text.js';
import type {
  AbuseReport,
  Attachment,
  ConversationKind,
  ConversationMatch,
  ConversationSummary,
  CourseId,
  Message,
  Participant,
  Recipient,
  RecipientRef,
  Role,
  User,
  UserId,
} from '../model/types.js';
import { schoolContacts, type ContactPolicy } from './contacts.js';
import type { AttachmentRecord, ConversationRecord, MembershipRecord, MessageRecord, ReportRecord, Storage } from './storage.js';
import { sharedView, summaryFor, toMessages, toPerson } from './views.js';

export interface BackendOptions {
  storage: Storage;
  attachmentPolicy?: AttachmentPolicy;
  /** Clock, for tests. Times are epoch milliseconds. */
  now?: () => number;
  /** Id maker, for tests. */
  newId?: () => string;
  /** Hears what went wrong where a caller only gets `internal`: the server logs it. */
  onError?: (error: unknown) => void;
  /** Per-user limits, against floods (a script, a stuck key): how many new messages and abuse reports in a window. */
  limits?: Partial<Limits>;
  /** The school's communication rules: whom a user may start a conversation with. Default: `schoolContacts`. */
  contacts?: ContactPolicy;
}

export interface Limits {
  /** New messages (sends, new conversations, forwards, private replies; not retries of one) per minute. */
  sendsPerMinute: number;
  /** Abuse reports per hour. */
  reportsPerHour: number;
  /** Bytes of uploads a user may have that no message holds yet (files attached, not sent). */
  unsentUploadBytes: number;
}

const defaultLimits: Limits = { sendsPerMinute: 60, reportsPerHour: 20, unsentUploadBytes: 200 * 1024 * 1024 };
/** No limits: for fixtures that write in bulk (seeded schools, benchmarks, stress tests), never for a server. */
export const unlimited: Limits = { sendsPerMinute: Infinity, reportsPerHour: Infinity, unsentUploadBytes: Infinity };
const MINUTE = 60_000;

export type EventListener = (userId: UserId, envelope: EventEnvelope) => void;

/** Everything a command needs to know about one conversation and its reader. */
interface Scope {
  user: User;
  record: ConversationRecord;
  membership: MembershipRecord | undefined;
  ctx: PermissionContext;
}

const DEFAULT_PAGE = 50;
const LIST_PAGE = 30;

let counter = 0;
const defaultId = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** The sender's own messaging is turned off by an administrator: said as that, not as "not allowed". */
const selfDisabled = () => new ImError('messaging-disabled', 'Messaging is turned off for your account.', { self: true });

export class Backend {
  readonly storage: Storage;
  readonly attachmentPolicy: AttachmentPolicy;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly onError: (error: unknown) => void;
  private readonly listeners = new Set<EventListener>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Events of the command being run, delivered once its transaction commits. */
  private outbox: { userId: UserId; envelope: EventEnvelope }[] = [];
  private lastNow = 0;
  private readonly limits: Limits;
  private readonly contacts: ContactPolicy;
  /** When each user last did each limited thing, within the window (kept in memory: a restart forgives). */
  private readonly recent = new Map<string, number[]>();

  constructor(options: BackendOptions) {
    this.storage = options.storage;
    this.attachmentPolicy = options.attachmentPolicy ?? defaultAttachmentPolicy;
    this.now = options.now ?? (() => Date.now());
    this.newId = options.newId ?? defaultId;
    this.onError = options.onError ?? (() => undefined);
    this.limits = { ...defaultLimits, ...options.limits };
    this.contacts = options.contacts ?? schoolContacts(this.storage);
  }

  /** Counts one more `what` for the user, refusing it (`rate-limited`) past the limit in the window. */
  private limit(what: 'send' | 'report', userId: UserId) {
    const [max, windowMs] = what === 'send' ? [this.limits.sendsPerMinute, MINUTE] : [this.limits.reportsPerHour, 60 * MINUTE];
    const now = this.now();
    const key = `${what}:${userId}`;
    const times = (this.recent.get(key) ?? []).filter((t) => t > now - windowMs);
    if (times.length >= max) {
      this.recent.set(key, times);
      throw new ImError('rate-limited', what === 'send' ? 'Too many messages in a short time.' : 'Too many reports in a short time.', {
        limit: max,
        windowMs,
        retryAfterMs: times[0] + windowMs - now,
      });
    }
    times.push(now);
    this.recent.set(key, times);
  }

  /** Listens to every user's events; the hub routes each to that user's connections. */
  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs one command for a user. Arguments are checked first; a refusal is an
   * `ImError`, anything unexpected becomes `internal` with no details leaked.
   */
  execute<K extends CommandName>(userId: UserId, name: K, args: unknown): Promise<CommandResults[K]> {
    return this.serial(async () => {
      const handler = (this.commands as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || !Object.prototype.hasOwnProperty.call(this.commands, name)) {
        throw new ImError('not-found', `There is no command ${String(name)}.`);
      }
      const clean = validateArgs(name, args);
      const user = await this.storage.getUser(userId);
      if (!user) throw new ImError('unauthenticated', 'Unknown user.');
      return (handler as (user: User, args: CommandArgs[K]) => Promise<CommandResults[K]>).call(this, user, clean);
    });
  }

  /** One command at a time, each in a transaction; events go out after it commits. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = async () => {
      this.outbox = [];
      let result: T;
      try {
        result = await this.storage.transaction(work);
      } catch (error) {
        this.outbox = [];
        if (error instanceof ImError) throw error;
        this.onError(error);
        throw new ImError('internal', 'Something went wrong on the server.');
      }
      const sent = this.outbox;
      this.outbox = [];
      // The command is done and stored: a listener failing now must neither fail it nor starve the others.
      for (const { userId, envelope } of sent) {
        for (const listener of this.listeners) {
          try {
            listener(userId, envelope);
          } catch (error) {
            this.onError(error);
          }
        }
      }
      return result;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** A time after every time handed out before, so activity order is never a tie within one backend. */
  private tick(): number {
    this.lastNow = Math.max(this.now(), this.lastNow + 1);
    return this.lastNow;
  }

  private async publish(userId: UserId, event: ImEvent) {
    const seq = await this.storage.appendEvent(userId, event);
    this.outbox.push({ userId, envelope: { seq, event } });
  }

  // ---- Look-ups shared by the commands

  private async scope(user: User, conversationId: string): Promise<Scope> {
    const record = await this.storage.getConversation(conversationId);
    const membership = record && (await this.storage.getMembership(record.id, user.id));
    const access = membership ? 'participant' : record && (await this.storage.isReviewer(record.id, user.id)) ? 'reviewer' : 'none';
    // Not found and not yours look the same, so ids reveal nothing.
    if (!record || access === 'none') throw new ImError('not-found', 'This conversation does not exist or you have no access to it.');
    const courseRole = record.courseId ? await this.courseRole(user.id, record.courseId) : undefined;
    const ctx: PermissionContext = {
      user: { id: user.id, role: user.role },
      conversation: { kind: record.kind, closed: record.closed, deleted: record.deleted, createdBy: record.createdBy, ...(courseRole ? { courseRole } : {}) },
      access,
    };
    return { user, record, membership, ctx };
  }

  private async messageScope(user: User, messageId: string) {
    const message = await this.storage.getMessage(messageId);
    if (!message) throw new ImError('not-found', 'This message does not exist.');
    const scope = await this.scope(user, message.conversationId).catch(() => {
      throw new ImError('not-found', 'This message does not exist.');
    });
    return { ...scope, message };
  }

  /** Refuses with the reason a person can act on: closed, deleted, read-only, or simply not allowed. */
  private requireConversation(action: ConversationAction, scope: Scope) {
    if (canConversation(action, scope.ctx)) return;
    const { record } = scope;
    if (action === 'send' && scope.ctx.access === 'participant') {
      if (record.kind === 'mass' || record.kind === 'system') throw new ImError('read-only', 'This conversation is read only.');
      if (record.deleted) throw new ImError('conversation-deleted', 'This conversation was deleted. Its history is read only.');
      if (record.closed) throw new ImError('conversation-closed', 'This conversation is closed.');
    }
    throw new ImError('forbidden', 'You are not allowed to do that in this conversation.', { action });
  }

  private async requireMessage(action: MessageAction, scope: Scope, message: MessageRecord) {
    // A sender whose account is gone counts as a student: their messages can still be cleaned up.
    const senderRole = (await this.storage.getUser(message.senderId))?.role ?? 'student';
    if (canMessage(action, scope.ctx, { senderId: message.senderId, senderRole, status: message.status })) return;
    if (message.status !== 'normal') throw new ImError('not-found', 'This message was deleted.');
    throw new ImError('forbidden', 'You are not allowed to do that with this message.', { action });
  }

  private async summary(record: ConversationRecord, userId: UserId): Promise<ConversationSummary> {
    const membership = await this.storage.getMembership(record.id, userId);
    return summaryFor(await sharedView(this.storage, record), userId, membership);
  }

  /** Tells every member who lists it (and every reviewer) how the conversation looks to them now. */
  private async publishUpdate(record: ConversationRecord, skip: UserId[] = []) {
    const view = await sharedView(this.storage, record);
    for (const m of await this.storage.members(record.id)) {
      if (m.listed && !skip.includes(m.userId)) await this.publish(m.userId, { type: 'conversation-updated', conversation: summaryFor(view, m.userId, m) });
    }
    for (const reviewerId of await this.reviewersOnly(record.id)) {
      await this.publish(reviewerId, { type: 'conversation-updated', conversation: summaryFor(view, reviewerId, undefined) });
    }
  }

  /** Reviewers of reports on the conversation who are not its participants. */
  private async reviewersOnly(conversationId: string): Promise<UserId[]> {
    const ids = new Set<UserId>();
    for (const report of await this.storage.reportsOn(conversationId)) report.reviewerIds.forEach((id) => ids.add(id));
    for (const m of await this.storage.members(conversationId)) ids.delete(m.userId);
    return [...ids];
  }

  private async unreadTotal(userId: UserId): Promise<number> {
    let total = 0;
    for (const m of await this.storage.membershipsOf(userId)) if (m.listed) total += m.unread;
    return total;
  }

  private async publishUnread(userId: UserId) {
    await this.publish(userId, { type: 'unread-changed', total: await this.unreadTotal(userId) });
  }

  /** Checks files for a send: uploaded by the sender, within the policy. */
  private async attachmentsFor(user: User, ids: string[] | undefined): Promise<AttachmentRecord[]> {
    if (!ids?.length) return [];
    if (ids.length > this.attachmentPolicy.maxFiles) {
      throw new ImError('invalid', `A message can have at most ${this.attachmentPolicy.maxFiles} files.`, { maxFiles: this.attachmentPolicy.maxFiles });
    }
    const found = await this.storage.getAttachments(ids);
    if (found.length !== ids.length || found.some((a) => a.ownerId !== user.id)) {
      throw new ImError('not-found', 'A file to send was not found. Upload it again.');
    }
    for (const file of found) {
      const refusal = checkAttachment(file, this.attachmentPolicy);
      if (refusal) throw refusal;
    }
    return found;
  }

  private async newConversation(
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
      await this.storage.putMembership({ conversationId: record.id, userId, joinedAt: now, readUpTo: 0, unread: 0, listed: listedFor(userId), lastActivityAt: now });
    }
    return record;
  }

  private async findOrCreateOneToOne(senderId: UserId, peerId: UserId, listedForSender: boolean) {
    const found = await this.storage.findOneToOne(senderId, peerId);
    if (found) return found;
    return this.newConversation({ kind: 'one-to-one', createdBy: senderId }, [senderId, peerId], (id) => id !== senderId || listedForSender);
  }

  /**
   * Stores a message and tells everyone concerned. The sender has read all
   * up to it; everyone else has one more unread and sees the conversation in
   * their list again.
   */
  private async postMessage(
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
    const view = await sharedView(this.storage, record);
    for (const m of await this.storage.members(record.id)) {
      const mine = m.userId === sender.id;
      const updated: MembershipRecord = mine
        ? { ...m, readUpTo: message.seq, unread: 0, lastActivityAt: now, listed: m.listed || listForSender }
        : { ...m, unread: m.unread + 1, listed: true, lastActivityAt: now };
      await this.storage.putMembership(updated);
      if (!updated.listed) continue;
      await this.publish(m.userId, { type: 'message-created', message: full, conversation: summaryFor(view, m.userId, updated) });
      if (!mine || m.unread > 0) await this.publishUnread(m.userId);
    }
    for (const reviewerId of await this.reviewersOnly(record.id)) {
      await this.publish(reviewerId, { type: 'message-created', message: full, conversation: summaryFor(view, reviewerId, undefined) });
    }
    return message;
  }

  /**
   * A conversation's messages, newest first, a page at a time, so a search that
   * finds its hits in recent history does not read (or hold up others for) the whole of it.
   */
  private async *newestFirst(record: ConversationRecord): AsyncGenerator<Message> {
    const PAGE = 500;
    for (let to = record.lastSeq; to >= 1; to -= PAGE) {
      const page = await this.storage.messageRange(record.id, Math.max(1, to - PAGE + 1), to);
      yield* (await toMessages(this.storage, page)).reverse();
    }
  }

  private async one(record: MessageRecord): Promise<Message> {
    const [message] = await toMessages(this.storage, [record]);
    return message;
  }

  /** Resolves chosen recipients with their sizes; only courses and projects the user belongs to (all, for administrators). */
  private async resolveRecipients(user: User, refs: RecipientRef[]): Promise<Recipient[]> {
    const out: Recipient[] = [];
    for (const ref of refs) {
      if (ref.type === 'person') {
        const person = await this.storage.getUser(ref.id);
        if (!person) throw new ImError('not-found', 'A recipient was not found.', { recipient: ref });
        if (person.id === user.id) throw new ImError('invalid', 'You cannot send a message to yourself.');
        out.push({ type: 'person', id: person.id, name: person.name, title: person.title, messagingDisabled: !!person.messagingDisabled });
      } else {
        const group = ref.type === 'course' ? await this.storage.getCourse(ref.id) : await this.storage.getProject(ref.id);
        const members = ref.type === 'course' ? (await this.storage.courseMembers(ref.id)).map((m) => m.userId) : await this.storage.projectMembers(ref.id);
        if (!group || (user.role !== 'admin' && !members.includes(user.id))) {
          throw new ImError('not-found', `That ${ref.type} was not found.`, { recipient: ref });
        }
        out.push({ type: ref.type, id: group.id, name: group.name, color: group.color, participantCount: members.length });
      }
    }
    return out;
  }

  /** Everyone the recipients stand for, without the sender, each once. */
  private async peopleOf(user: User, recipients: Recipient[]): Promise<User[]> {
    const ids = new Set<UserId>();
    for (const r of recipients) {
      if (r.type === 'person') ids.add(r.id);
      else if (r.type === 'course') (await this.storage.courseMembers(r.id)).forEach((m) => ids.add(m.userId));
      else (await this.storage.projectMembers(r.id)).forEach((id) => ids.add(id));
    }
    ids.delete(user.id);
    return this.storage.getUsers([...ids]);
  }

  /**
   * Refuses `not-a-contact` for the people the school's rules don't let the user reach. A
   * conversation that exists may also be answered by whoever the other side could reach.
   */
  private async requireContacts(user: User, people: User[], existing = false) {
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

  private disabledError(people: User[], kind: 'one-to-one' | 'group' | 'course') {
    const names = people.map((p) => p.name).join(', ');
    const message = {
      'one-to-one': `Your message can't be delivered: ${names} can't receive messages.`,
      group: `${names} can't take part in conversations: messaging is turned off for them.`,
      course: `${names} can't receive messages in this course.`,
    }[kind];
    return new ImError('messaging-disabled', message, { kind, people: people.map(toPerson) });
  }

  /** The name a conversation is found by: a group's given name, a course's or project's; not people's names (spec). */
  private async searchableName(record: ConversationRecord): Promise<string | undefined> {
    if (record.kind === 'group') return record.name || undefined;
    if (record.kind === 'course' && record.courseId) return (await this.storage.getCourse(record.courseId))?.name;
    if (record.kind === 'project' && record.projectId) return (await this.storage.getProject(record.projectId))?.name;
    return undefined;
  }

  private async courseRole(userId: UserId, courseId: CourseId): Promise<Role | undefined> {
    return (await this.storage.courseMembers(courseId)).find((m) => m.userId === userId)?.role;
  }

  // ---- The commands, one method each, named as in the contract.

  private readonly commands: { [K in CommandName]: (user: User, args: CommandArgs[K]) => Promise<CommandResults[K]> } = {
    whoAmI: async (user) => user,

    listConversations: async (user, { cursor, limit = LIST_PAGE }) => {
      let after: { lastActivityAt: number; conversationId: string } | undefined;
      if (cursor) {
        const match = /^(\d+):(.+)$/.exec(cursor);
        if (!match) throw new ImError('invalid', 'listConversations: cursor is not one this server gave.', { field: 'cursor' });
        after = { lastActivityAt: Number(match[1]), conversationId: match[2] };
      }
      const page = await this.storage.listMemberships(user.id, after, limit);
      const items: ConversationSummary[] = [];
      for (const m of page.items) {
        const record = await this.storage.getConversation(m.conversationId);
        if (record) items.push(summaryFor(await sharedView(this.storage, record), user.id, m));
      }
      const last = page.items.at(-1);
      return page.hasMore && last ? { items, cursor: `${last.lastActivityAt}:${last.conversationId}` } : { items };
    },

    getConversation: async (user, { conversationId }) => {
      const { record, membership } = await this.scope(user, conversationId);
      return summaryFor(await sharedView(this.storage, record), user.id, membership);
    },

    getMessages: async (user, { conversationId, before, after, around, limit = DEFAULT_PAGE }) => {
      const { record } = await this.scope(user, conversationId);
      const last = record.lastSeq;
      let from: number;
      let to: number;
      if (around !== undefined) {
        from = Math.max(1, around - Math.floor(limit / 2));
        to = Math.min(last, from + limit - 1);
      } else if (before !== undefined) {
        to = Math.min(last, before - 1);
        from = Math.max(1, to - limit + 1);
      } else if (after !== undefined) {
        from = after + 1;
        to = Math.min(last, after + limit);
      } else {
        to = last;
        from = Math.max(1, last - limit + 1);
      }
      const records = to >= from ? await this.storage.messageRange(record.id, from, to) : [];
      return {
        messages: await toMessages(this.storage, records),
        hasMoreBefore: (records[0]?.seq ?? from) > 1 && last > 0,
        hasMoreAfter: (records.at(-1)?.seq ?? to) < last,
      };
    },

    searchConversation: async (user, { conversationId, query }) => {
      const scope = await this.scope(user, conversationId);
      this.requireConversation('search', scope);
      const hits = [];
      for await (const message of this.newestFirst(scope.record)) {
        const hit = searchMessage(message, query);
        if (hit) hits.push(hit);
        if (hits.length === 100) break;
      }
      return hits;
    },

    // Spec troubleshooting: "Cannot find a specific conversation: use the search field in the messages panel".
    searchConversations: async (user, { query, limit = 20 }) => {
      const memberships = (await this.storage.membershipsOf(user.id)).filter((m) => m.listed).sort((a, b) => b.lastActivityAt - a.lastActivityAt);
      const conversations: { record: ConversationRecord; membership: MembershipRecord }[] = [];
      for (const m of memberships) {
        const record = await this.storage.getConversation(m.conversationId);
        if (record) conversations.push({ record, membership: m });
      }
      const found: ConversationMatch[] = [];
      const summary = async ({ record, membership }: { record: ConversationRecord; membership: MembershipRecord }) => summaryFor(await sharedView(this.storage, record), user.id, membership);
      // Names first: cheap to match, and what someone looking for a conversation types.
      const byName = new Set<string>();
      for (const c of conversations) {
        const name = await this.searchableName(c.record);
        const nameRanges = name ? findMatches(name, query) : [];
        if (!nameRanges.length) continue;
        found.push({ conversation: await summary(c), nameRanges });
        byName.add(c.record.id);
        if (found.length === limit) return found;
      }
      for (const c of conversations) {
        if (byName.has(c.record.id) || !isSearchableKind(c.record.kind)) continue;
        for await (const message of this.newestFirst(c.record)) {
          const hit = searchMessage(message, query);
          if (!hit) continue;
          found.push({ conversation: await summary(c), hit });
          break;
        }
        if (found.length === limit) break;
      }
      return found;
    },

    searchRecipients: async (user, { query, types = ['person', 'course', 'project'], limit = 20 }) => {
      if (!hasText(query)) return [];
      const matches = (name: string) => findMatches(name, query).length > 0;
      const out: Recipient[] = [];
      if (types.includes('course')) {
        const courses = user.role === 'admin' ? await this.storage.listCourses() : (await this.storage.coursesOf(user.id)).map((c) => c.course);
        for (const course of courses.filter((c) => matches(c.name))) {
          out.push({ type: 'course', ...course, participantCount: (await this.storage.courseMembers(course.id)).length });
        }
      }
      if (types.includes('project')) {
        const projects = user.role === 'admin' ? await this.storage.listProjects() : await this.storage.projectsOf(user.id);
        for (const project of projects.filter((p) => matches(p.name))) {
          out.push({ type: 'project', ...project, participantCount: (await this.storage.projectMembers(project.id)).length });
        }
      }
      if (types.includes('person')) {
        const reachable = await this.contacts.reachableFrom(user);
        for (const person of (await this.storage.listUsers()).filter((u) => u.id !== user.id && matches(u.name) && reachable(u))) {
          const r: Recipient = { type: 'person', id: person.id, name: person.name, title: person.title };
          if (person.avatarUrl) r.avatarUrl = person.avatarUrl;
          if (person.messagingDisabled) r.messagingDisabled = true;
          out.push(r);
        }
      }
      return out.sort((a, b) => a.name.localeCompare(b.name)).slice(0, limit);
    },

    getParticipants: async (user, { conversationId }) => {
      const scope = await this.scope(user, conversationId);
      this.requireConversation('viewParticipants', scope);
      const { record } = scope;
      // "Sent to N people": its sender and the people it went to, each with the one-to-one it went through.
      if (record.kind === 'individual') {
        const users = await this.storage.getUsers([record.createdBy, ...(record.recipientIds ?? [])]);
        const out: Participant[] = [];
        for (const u of users.sort(byName)) {
          const oneToOne = u.id === record.createdBy ? undefined : await this.storage.findOneToOne(record.createdBy, u.id);
          out.push({ ...toPerson(u), creator: u.id === record.createdBy, ...(oneToOne ? { conversationId: oneToOne.id } : {}) });
        }
        return out;
      }
      const members = await this.storage.members(conversationId);
      const users = await this.storage.getUsers(members.map((m) => m.userId));
      return users.sort(byName).map((u) => ({ ...toPerson(u), creator: u.id === record.createdBy }));
    },

    getRelationship: async (user, { userId }) => {
      const other = await this.storage.getUser(userId);
      if (!other) throw new ImError('not-found', 'That person was not found.');
      const theirs = new Map((await this.storage.coursesOf(other.id)).map((c) => [c.course.id, c.role]));
      const courses = (await this.storage.coursesOf(user.id))
        .filter((c) => theirs.has(c.course.id))
        .map((c) => ({ course: c.course, yourRole: c.role, theirRole: theirs.get(c.course.id)! }));
      const theirProjects = new Set((await this.storage.projectsOf(other.id)).map((p) => p.id));
      const projects = (await this.storage.projectsOf(user.id)).filter((p) => theirProjects.has(p.id));
      return { person: toPerson(other), courses, projects };
    },

    getUnreadCount: async (user) => this.unreadTotal(user.id),

    getEventsSince: async (user, { seq }) => {
      const { events, latestSeq, oldest } = await this.storage.eventsSince(user.id, seq, 1000);
      // Events the client needs were trimmed: it must reload rather than miss something.
      if (seq < latestSeq && seq + 1 < oldest) return { events: [], latestSeq, reset: true };
      return { events, latestSeq, reset: false };
    },

    checkRecipients: async (user, { recipients }) => {
      const people = await this.peopleOf(user, await this.resolveRecipients(user, recipients));
      return { uniqueCount: people.length, messagingDisabled: people.filter((p) => p.messagingDisabled).map(toPerson) };
    },

    startConversation: async (user, { recipients: refs, mode, text, attachmentIds, clientId }) => {
      const retried = await this.storage.findByClientId(user.id, clientId);
      if (retried) {
        const record = (await this.storage.getConversation(retried.conversationId))!;
        return { conversation: await this.summary(record, user.id), message: await this.one(retried), messagingDisabled: [] };
      }
      if (user.messagingDisabled) throw selfDisabled();
      this.limit('send', user.id);
      const files = await this.attachmentsFor(user, attachmentIds);
      if (!hasText(text) && files.length === 0) throw new ImError('invalid', 'Write a message or add a file.', { field: 'text' });
      const recipients = await this.resolveRecipients(user, refs);
      // People chosen by name must be the user's contacts; courses and projects are theirs already.
      const chosen = recipients.filter((r) => r.type === 'person').map((r) => r.id);
      await this.requireContacts(user, await this.storage.getUsers(chosen));
      let decision = decideRecipients(recipients);
      let people: User[] = [];
      if (decision.outcome === 'choose' || decision.outcome === 'one-to-one') {
        people = await this.peopleOf(user, recipients);
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
          let record = kind === 'course' ? await this.storage.findCourseConversation(decision.id) : await this.storage.findProjectConversation(decision.id);
          if (!record) {
            // Course conversations are started (and restarted after a deletion) by the course's teachers and administrators.
            if (kind === 'course' && user.role !== 'admin' && (await this.courseRole(user.id, decision.id)) !== 'teacher') {
              throw new ImError('no-course-conversation', 'This course has no conversation yet. Your teacher can start one.', { courseId: decision.id });
            }
            const members = kind === 'course' ? (await this.storage.courseMembers(decision.id)).map((m) => m.userId) : await this.storage.projectMembers(decision.id);
            const users = await this.storage.getUsers(members);
            record = await this.newConversation(
              { kind, createdBy: user.id, ...(kind === 'course' ? { courseId: decision.id } : { projectId: decision.id }) },
              [user.id, ...users.filter((u) => !u.messagingDisabled).map((u) => u.id)],
            );
            await this.announceNew(record, user.id);
          } else if (!(await this.storage.getMembership(record.id, user.id))) {
            await this.join(record, user.id);
          }
          const scope = await this.scope(user, record.id);
          this.requireConversation('send', scope);
          const message = await this.postMessage(scope.record, user, content);
          const disabled = (await this.peopleOf(user, recipients)).filter((p) => p.messagingDisabled).map(toPerson);
          return { conversation: await this.summary(scope.record, user.id), message: await this.one(message), messagingDisabled: disabled };
        }
        case 'one-to-one':
        case 'choose': {
          const disabled = people.filter((p) => p.messagingDisabled);
          const reachable = people.filter((p) => !p.messagingDisabled);
          if (reachable.length === 0) throw this.disabledError(disabled, people.length === 1 ? 'one-to-one' : 'group');
          let record: ConversationRecord;
          if (reachable.length === 1) {
            record = await this.findOrCreateOneToOne(user.id, reachable[0].id, true);
            await this.listFor(record, user.id);
          } else if (mode === 'group') {
            record = await this.newConversation({ kind: 'group', createdBy: user.id }, [user.id, ...reachable.map((p) => p.id)]);
          } else {
            record = await this.newConversation({ kind: 'individual', createdBy: user.id, recipientIds: reachable.map((p) => p.id) }, [user.id]);
          }
          if (record.lastSeq === 0) await this.announceNew(record, user.id);
          const scope = await this.scope(user, record.id);
          this.requireConversation('send', scope);
          const message = await this.send(scope, content);
          return { conversation: await this.summary(scope.record, user.id), message: await this.one(message), messagingDisabled: disabled.map(toPerson) };
        }
      }
    },

    sendMessage: async (user, { conversationId, clientId, text, attachmentIds, replyTo }) => {
      const retried = await this.storage.findByClientId(user.id, clientId);
      if (retried) {
        if (retried.conversationId !== conversationId) throw new ImError('invalid', 'sendMessage: clientId was used for another message.', { field: 'clientId' });
        return this.one(retried);
      }
      this.limit('send', user.id);
      const scope = await this.scope(user, conversationId);
      this.requireConversation('send', scope);
      const files = await this.attachmentsFor(user, attachmentIds);
      if (!hasText(text) && files.length === 0) throw new ImError('invalid', 'Write a message or add a file.', { field: 'text' });
      if (replyTo) {
        const original = await this.storage.getMessage(replyTo);
        if (!original || original.conversationId !== conversationId) throw new ImError('not-found', 'The message you reply to was not found.');
        await this.requireMessage('reply', scope, original);
      }
      const message = await this.send(scope, { text, attachmentIds: files.map((f) => f.id), clientId, ...(replyTo ? { replyToId: replyTo } : {}) });
      return this.one(message);
    },

    replyPrivately: async (user, { messageId, clientId, text, attachmentIds }) => {
      const retried = await this.storage.findByClientId(user.id, clientId);
      if (retried) {
        const record = (await this.storage.getConversation(retried.conversationId))!;
        return { conversation: await this.summary(record, user.id), message: await this.one(retried) };
      }
      if (user.messagingDisabled) throw selfDisabled();
      this.limit('send', user.id);
      const scope = await this.messageScope(user, messageId);
      await this.requireMessage('replyPrivately', scope, scope.message);
      const author = await this.storage.getUser(scope.message.senderId);
      if (!author) throw new ImError('not-found', 'The author of that message was not found.');
      if (author.messagingDisabled) throw this.disabledError([author], 'one-to-one');
      await this.requireContacts(user, [author], !!(await this.storage.findOneToOne(user.id, author.id)));
      const files = await this.attachmentsFor(user, attachmentIds);
      if (!hasText(text) && files.length === 0) throw new ImError('invalid', 'Write a message or add a file.', { field: 'text' });
      const record = await this.findOrCreateOneToOne(user.id, author.id, true);
      await this.listFor(record, user.id);
      if (record.lastSeq === 0) await this.announceNew(record, user.id);
      const target = await this.scope(user, record.id);
      this.requireConversation('send', target);
      const message = await this.postMessage(target.record, user, { text, attachmentIds: files.map((f) => f.id), clientId, replyToId: messageId });
      return { conversation: await this.summary(target.record, user.id), message: await this.one(message) };
    },

    editMessage: async (user, { messageId, text }) => {
      const scope = await this.messageScope(user, messageId);
      await this.requireMessage('edit', scope, scope.message);
      if (!hasText(text) && scope.message.attachmentIds.length === 0) throw new ImError('invalid', 'A message needs text or a file.', { field: 'text' });
      const updated: MessageRecord = { ...scope.message, text, editedAt: this.tick() };
      await this.storage.putMessage(updated);
      await this.publishMessageChange(scope.record, updated, 'message-edited');
      return this.one(updated);
    },

    deleteMessage: async (user, { messageId }) => {
      const scope = await this.messageScope(user, messageId);
      const own = scope.message.senderId === user.id;
      await this.requireMessage(own ? 'delete' : 'moderatorDelete', scope, scope.message);
      // The content is gone from storage, not hidden (spec: "Message content is permanently deleted").
      const gone: MessageRecord = { ...scope.message, text: '', attachmentIds: [], status: own ? 'deleted' : 'removed' };
      delete gone.forwarded;
      delete gone.html;
      if (!own) gone.removedBy = user.name;
      await this.storage.putMessage(gone);
      await this.releaseAttachments(scope.message.attachmentIds, scope.record.id);
      const shown = await this.one(gone);
      // Copies of the content in every user's event log go too, or a reconnecting client would get them back.
      await this.storage.redactEvents(gone.id, (event) => redact(event, shown));
      await this.publishMessageChange(scope.record, gone, 'message-deleted');
      return shown;
    },

    forwardMessage: async (user, { messageId, conversationId, clientId, text = '' }) => {
      const retried = await this.storage.findByClientId(user.id, clientId);
      if (retried) return this.one(retried);
      this.limit('send', user.id);
      const source = await this.messageScope(user, messageId);
      await this.requireMessage('forward', source, source.message);
      const target = await this.scope(user, conversationId);
      this.requireConversation('send', target);
      const author = await this.storage.getUser(source.message.senderId);
      const message = await this.send(target, {
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
      return this.one(message);
    },

    markRead: async (user, { conversationId, upTo }) => {
      const scope = await this.scope(user, conversationId);
      this.requireConversation('markRead', scope);
      // A reviewer keeps no read position: they are not a participant.
      if (!scope.membership) return this.summary(scope.record, user.id);
      const m = scope.membership;
      const readUpTo = Math.min(upTo, scope.record.lastSeq);
      if (readUpTo > m.readUpTo || (readUpTo === scope.record.lastSeq && m.unread > 0)) {
        const unread = await this.storage.countFromOthers(conversationId, Math.max(readUpTo, m.readUpTo), user.id);
        await this.storage.putMembership({ ...m, readUpTo: Math.max(readUpTo, m.readUpTo), unread });
        await this.publishOwnUpdate(scope.record, user.id);
      }
      return this.summary(scope.record, user.id);
    },

    markUnread: async (user, { conversationId, fromSeq }) => {
      const scope = await this.scope(user, conversationId);
      this.requireConversation('markUnread', scope);
      const last = scope.record.lastSeq;
      if (last === 0 || !scope.membership) return this.summary(scope.record, user.id);
      const from = Math.min(Math.max(1, fromSeq ?? last), last);
      // Marked by hand, every message from there counts, the reader's own too: they asked to see it as new.
      await this.storage.putMembership({ ...scope.membership, readUpTo: from - 1, unread: last - from + 1, listed: true });
      await this.publishOwnUpdate(scope.record, user.id);
      return this.summary(scope.record, user.id);
    },

    renameConversation: async (user, { conversationId, name }) => {
      const scope = await this.scope(user, conversationId);
      this.requireConversation('rename', scope);
      scope.record.name = name.trim().replace(/\s+/g, ' ');
      await this.touch(scope.record);
      return this.summary(scope.record, user.id);
    },

    addParticipants: async (user, { conversationId, userIds }) => {
      const scope = await this.scope(user, conversationId);
      this.requireConversation('addParticipants', scope);
      const users = await this.storage.getUsers(userIds);
      if (users.length !== userIds.length) throw new ImError('not-found', 'A person to add was not found.');
      const disabled = users.filter((u) => u.messagingDisabled);
      if (disabled.length) throw this.disabledError(disabled, 'group');
      await this.requireContacts(user, users.filter((u) => u.id !== user.id));
      const newcomers = [];
      for (const u of users) if (!(await this.storage.getMembership(conversationId, u.id))) newcomers.push(u);
      if (scope.record.memberCount + newcomers.length > MAX_RECIPIENTS) {
        throw new ImError('too-many-recipients', `A group can have at most ${MAX_RECIPIENTS} participants.`, { max: MAX_RECIPIENTS });
      }
      for (const u of newcomers) await this.join(scope.record, u.id, false);
      await this.touch(scope.record, newcomers.map((u) => u.id));
      for (const u of newcomers) await this.publish(u.id, { type: 'conversation-added', conversation: await this.summary(scope.record, u.id) });
      return this.summary(scope.record, user.id);
    },

    removeParticipant: async (user, { conversationId, userId }) => {
      const scope = await this.scope(user, conversationId);
      this.requireConversation('removeParticipant', scope);
      if (userId === user.id) throw new ImError('invalid', 'Use "Leave conversation" to leave it yourself.');
      // Reviewers who came through a report are not participants, so they cannot be removed (spec 5.3).
      if (!(await this.storage.getMembership(conversationId, userId))) throw new ImError('not-found', 'That person is not a participant.');
      await this.leave(scope.record, userId, 'removed');
      return this.summary(scope.record, user.id);
    },

    leaveConversation: async (user, { conversationId }) => {
      const scope = await this.scope(user, conversationId);
      this.requireConversation('leave', scope);
      await this.leave(scope.record, user.id, 'left');
      return null;
    },

    closeConversation: async (user, { conversationId }) => this.setFlags(user, conversationId, 'close', { closed: true }),
    reopenConversation: async (user, { conversationId }) => this.setFlags(user, conversationId, 'reopen', { closed: false }),
    deleteConversation: async (user, { conversationId }) => this.setFlags(user, conversationId, 'deleteConversation', { deleted: true }),

    restoreConversation: async (user, { conversationId }) => {
      const scope = await this.scope(user, conversationId);
      this.requireConversation('restoreConversation', scope);
      if (scope.record.courseId && (await this.storage.findCourseConversation(scope.record.courseId))) {
        throw new ImError('invalid', 'This course has a newer conversation. Delete it before restoring this one.');
      }
      return this.setFlags(user, conversationId, 'restoreConversation', { deleted: false });
    },

    startCourseConversation: async (user, { courseId }) => {
      const course = await this.storage.getCourse(courseId);
      if (!course) throw new ImError('not-found', 'That course was not found.');
      if (user.role !== 'admin' && (await this.courseRole(user.id, courseId)) !== 'teacher') {
        throw new ImError('forbidden', 'Only the course teachers and administrators can start a course conversation.');
      }
      if (await this.storage.findCourseConversation(courseId)) throw new ImError('invalid', 'This course already has a conversation.');
      const members = await this.storage.getUsers((await this.storage.courseMembers(courseId)).map((m) => m.userId));
      const record = await this.newConversation({ kind: 'course', createdBy: user.id, courseId }, [
        user.id,
        ...members.filter((u) => !u.messagingDisabled).map((u) => u.id),
      ]);
      await this.announceNew(record);
      return this.summary(record, user.id);
    },

    reportAbuse: async (user, { conversationId, messageId, reason }) => {
      this.limit('report', user.id);
      const scope = await this.scope(user, conversationId);
      let author: UserId | undefined;
      if (messageId) {
        const message = await this.storage.getMessage(messageId);
        if (!message || message.conversationId !== conversationId) throw new ImError('not-found', 'This message does not exist.');
        await this.requireMessage('report', scope, message);
        author = message.senderId;
      } else {
        this.requireConversation('reportConversation', scope);
      }
      // Reports go to the administrators and to the reporter's teachers (spec 1).
      const reviewers = new Set((await this.storage.listUsers()).filter((u) => u.role === 'admin').map((u) => u.id));
      for (const { course } of await this.storage.coursesOf(user.id)) {
        for (const m of await this.storage.courseMembers(course.id)) if (m.role === 'teacher') reviewers.add(m.userId);
      }
      reviewers.delete(user.id);
      // Nobody reviews a report on their own message.
      if (author) reviewers.delete(author);
      const report = {
        id: this.newId(),
        conversationId,
        reason: reason.trim(),
        createdAt: this.tick(),
        reporterId: user.id,
        reviewerIds: [...reviewers],
        ...(messageId ? { messageId } : {}),
      };
      await this.storage.putReport(report);
      for (const reviewerId of reviewers) {
        await this.publish(reviewerId, { type: 'report-added', report: await this.toReport(report, reviewerId) });
      }
      return { reportId: report.id };
    },

    listReports: async (user) => {
      const reports = await this.storage.reportsFor(user.id);
      const out: AbuseReport[] = [];
      for (const r of reports.sort((a, b) => b.createdAt - a.createdAt)) out.push(await this.toReport(r, user.id));
      return out;
    },
  };

  // ---- Helpers of the commands above

  /** Sends into a conversation; in a "Sent to N people" item the message also goes to each one-to-one. */
  private async send(scope: Scope, content: Pick<MessageRecord, 'text' | 'attachmentIds'> & Partial<MessageRecord>) {
    const { record, user } = scope;
    if (user.messagingDisabled) throw selfDisabled();
    if (record.kind === 'one-to-one') {
      const peers = (await this.storage.members(record.id)).filter((m) => m.userId !== user.id);
      const peer = peers[0] && (await this.storage.getUser(peers[0].userId));
      if (peer?.messagingDisabled) throw this.disabledError([peer], 'one-to-one');
      if (peer) await this.requireContacts(user, [peer], true);
    } else if (record.kind === 'individual') {
      await this.requireContacts(user, await this.storage.getUsers(record.recipientIds ?? []), true);
    }
    const message = await this.postMessage(record, user, content);
    if (record.kind === 'individual') {
      for (const peerId of record.recipientIds ?? []) {
        const peer = await this.storage.getUser(peerId);
        if (!peer || peer.messagingDisabled) continue;
        const oneToOne = await this.findOrCreateOneToOne(user.id, peerId, false);
        if (oneToOne.lastSeq === 0) await this.announceNew(oneToOne, user.id);
        const { clientId: _, ...copy } = content;
        // The "Sent to N people" item stands for these one-to-ones in the sender's list.
        await this.postMessage(oneToOne, user, copy, false);
      }
    }
    return message;
  }

  /**
   * A deleted message's files leave its conversation; the bytes go only when no
   * other conversation holds the same file (a "Sent to N people" copy, a share).
   */
  private async releaseAttachments(ids: string[], conversationId: string) {
    for (const file of await this.storage.getAttachments(ids)) {
      const rest = file.conversationIds.filter((id) => id !== conversationId);
      if (rest.length) await this.storage.putAttachment({ ...file, conversationIds: rest });
      else await this.storage.deleteAttachments([file.id]);
    }
  }

  /** Tells the members of a new conversation (other than `except`, who gets it as a command result) that it exists. */
  private async announceNew(record: ConversationRecord, except?: UserId) {
    const view = await sharedView(this.storage, record);
    for (const m of await this.storage.members(record.id)) {
      if (m.userId !== except && m.listed) await this.publish(m.userId, { type: 'conversation-added', conversation: summaryFor(view, m.userId, m) });
    }
  }

  private async listFor(record: ConversationRecord, userId: UserId) {
    const m = await this.storage.getMembership(record.id, userId);
    if (m && !m.listed) await this.storage.putMembership({ ...m, listed: true });
  }

  private async join(record: ConversationRecord, userId: UserId, announce = true) {
    // A newcomer starts with the history read: 500 old messages are not news to them.
    const now = this.tick();
    await this.storage.putMembership({ conversationId: record.id, userId, joinedAt: now, readUpTo: record.lastSeq, unread: 0, listed: true, lastActivityAt: record.lastActivityAt });
    record.memberCount += 1;
    await this.storage.putConversation(record);
    if (announce) {
      await this.publish(userId, { type: 'conversation-added', conversation: await this.summary(record, userId) });
      await this.publishUpdate(record, [userId]);
    }
  }

  private async leave(record: ConversationRecord, userId: UserId, reason: 'left' | 'removed') {
    await this.storage.deleteMembership(record.id, userId);
    record.memberCount = Math.max(0, record.memberCount - 1);
    await this.storage.putConversation(record);
    await this.publish(userId, { type: 'conversation-removed', conversationId: record.id, reason });
    await this.publishUnread(userId);
    await this.publishUpdate(record);
  }

  /** Records a visible change (rename, close, participants) as activity and tells everyone. */
  private async touch(record: ConversationRecord, skip: UserId[] = []) {
    record.lastActivityAt = this.tick();
    await this.storage.putConversation(record);
    for (const m of await this.storage.members(record.id)) await this.storage.putMembership({ ...m, lastActivityAt: record.lastActivityAt });
    await this.publishUpdate(record, skip);
  }

  private async setFlags(user: User, conversationId: string, action: ConversationAction, flags: Partial<Pick<ConversationRecord, 'closed' | 'deleted'>>) {
    const scope = await this.scope(user, conversationId);
    this.requireConversation(action, scope);
    Object.assign(scope.record, flags);
    await this.touch(scope.record);
    return this.summary(scope.record, user.id);
  }

  private async publishOwnUpdate(record: ConversationRecord, userId: UserId) {
    await this.publish(userId, { type: 'conversation-updated', conversation: await this.summary(record, userId) });
    await this.publishUnread(userId);
  }

  private async publishMessageChange(record: ConversationRecord, message: MessageRecord, type: 'message-edited' | 'message-deleted') {
    // An edit or a removal is a change of the conversation (lastActivityAt: "last updated with a
    // change"), as a rename or a close is: it moves up in everyone's list.
    record.lastActivityAt = this.tick();
    await this.storage.putConversation(record);
    for (const m of await this.storage.members(record.id)) await this.storage.putMembership({ ...m, lastActivityAt: record.lastActivityAt });
    const full = await this.one(message);
    const view = await sharedView(this.storage, record);
    for (const m of await this.storage.members(record.id)) {
      if (m.listed) await this.publish(m.userId, { type, message: full, conversation: summaryFor(view, m.userId, m) });
    }
    for (const reviewerId of await this.reviewersOnly(record.id)) {
      await this.publish(reviewerId, { type, message: full, conversation: summaryFor(view, reviewerId, undefined) });
    }
  }

  private async toReport(report: ReportRecord, viewerId: UserId): Promise<AbuseReport> {
    const record = await this.storage.getConversation(report.conversationId);
    const summary = record ? summaryFor(await sharedView(this.storage, record), viewerId, await this.storage.getMembership(record.id, viewerId)) : undefined;
    const out: AbuseReport = {
      id: report.id,
      conversationId: report.conversationId,
      conversationName: summary?.name ?? '',
      conversationKind: (summary?.kind ?? 'group') as ConversationKind,
      reason: report.reason,
      createdAt: report.createdAt,
    };
    if (report.messageId) out.messageId = report.messageId;
    // The reporter stays anonymous, except in a one-to-one where there is no one else it could be.
    if (record?.kind === 'one-to-one') {
      const reporter = await this.storage.getUser(report.reporterId);
      if (reporter) out.reporter = toPerson(reporter);
    }
    return out;
  }

  // ---- Platform operations: what the learning platform does, not the panel's users.

  /** Stores a new upload's description after checking the policy; the bytes are the caller's. */
  registerAttachment(userId: UserId, file: { name: string; size: number; type: string }): Promise<Attachment> {
    return this.serial(async () => {
      const user = await this.storage.getUser(userId);
      if (!user) throw new ImError('unauthenticated', 'Unknown user.');
      const refusal = checkAttachment(file, this.attachmentPolicy);
      if (refusal) throw refusal;
      // Files attached and never sent are swept after a day; until then they count against a quota.
      const unsent = await this.storage.unsentBytes(userId);
      if (unsent + file.size > this.limits.unsentUploadBytes) {
        throw new ImError('rate-limited', 'Too many files attached and not sent: send or remove some first.', { what: 'uploads', limit: this.limits.unsentUploadBytes, unsentBytes: unsent });
      }
      // Stored as it may be shown (the type was checked on the real name above).
      const record: AttachmentRecord = { id: this.newId(), name: plainFileName(file.name), size: file.size, type: file.type || 'application/octet-stream', ownerId: userId, createdAt: this.now(), conversationIds: [] };
      await this.storage.putAttachment(record);
      return { id: record.id, name: record.name, size: record.size, type: record.type };
    });
  }

  /**
   * Forgets files uploaded before `createdBefore` that no message holds: uploads whose
   * message was never sent, which would otherwise fill the disk. Returns how many.
   */
  async sweepUnsentAttachments(createdBefore: number): Promise<number> {
    const batch = 1000;
    let total = 0;
    // A transaction a batch, so commands get their turn in between.
    for (;;) {
      const swept = await this.serial(async () => {
        const unsent = await this.storage.unsentAttachments(createdBefore, batch);
        if (unsent.length) await this.storage.deleteAttachments(unsent.map((a) => a.id));
        return unsent.length;
      });
      total += swept;
      if (swept < batch) return total;
    }
  }

  /** The attachment if this user may download it: its uploader, or anyone with access to a conversation holding it. */
  attachmentForDownload(userId: UserId, attachmentId: string): Promise<Attachment | undefined> {
    return this.serial(async () => {
      const [record] = await this.storage.getAttachments([attachmentId]);
      if (!record) return undefined;
      if (record.ownerId === userId) return record;
      for (const conversationId of record.conversationIds) {
        if ((await this.storage.getMembership(conversationId, userId)) || (await this.storage.isReviewer(conversationId, userId))) return record;
      }
      return undefined;
    });
  }

  /** A user joins a course; they join its conversation too (spec: "a new enrolment joins automatically"). */
  enrol(courseId: CourseId, userId: UserId, role: Role): Promise<void> {
    return this.serial(async () => {
      const user = await this.storage.getUser(userId);
      if (!user || !(await this.storage.getCourse(courseId))) throw new ImError('not-found', 'No such course or user.');
      await this.storage.putCourseMember(courseId, { userId, role });
      const record = await this.storage.findCourseConversation(courseId);
      if (record && !user.messagingDisabled && !(await this.storage.getMembership(record.id, userId))) await this.join(record, userId);
    });
  }

  /** A user leaves a course, and with it the course conversation. */
  unenrol(courseId: CourseId, userId: UserId): Promise<void> {
    return this.serial(async () => {
      await this.storage.deleteCourseMember(courseId, userId);
      const record = await this.storage.findCourseConversation(courseId);
      if (record && (await this.storage.getMembership(record.id, userId))) await this.leave(record, userId, 'removed');
    });
  }

  /**
   * An administrator's one-way message to many (sent from Admin > Mass messaging, not from the panel).
   * `html` is the platform editor's formatted text; with an empty `text`, the plain text is read out of it.
   */
  postMassMessage(adminId: UserId, userIds: UserId[], name: string, text: string, formatted: { html?: string } = {}): Promise<string> {
    return this.serial(async () => {
      const admin = await this.storage.getUser(adminId);
      if (admin?.role !== 'admin') throw new ImError('forbidden', 'Only administrators send mass messages.');
      const record = await this.newConversation({ kind: 'mass', createdBy: adminId, name }, [adminId, ...userIds]);
      await this.announceNew(record);
      await this.postMessage(record, admin, platformContent(text, formatted.html));
      return record.id;
    });
  }

  /** A weekly course update, in the course's read-only system conversation; `html` as for `postMassMessage`. */
  postCourseUpdate(courseId: CourseId, senderId: UserId, name: string, text: string, formatted: { html?: string } = {}): Promise<string> {
    return this.serial(async () => {
      const sender = await this.storage.getUser(senderId);
      const course = await this.storage.getCourse(courseId);
      if (!sender || !course) throw new ImError('not-found', 'No such course or sender.');
      const members = (await this.storage.courseMembers(courseId)).map((m) => m.userId);
      const record = await this.newConversation({ kind: 'system', createdBy: senderId, courseId, name }, members);
      await this.announceNew(record);
      await this.postMessage(record, sender, platformContent(text, formatted.html));
      return record.id;
    });
  }

  /** A project's own conversation with all its members, as the platform makes it when a project starts. */
  startProjectConversation(projectId: string, creatorId: UserId): Promise<string> {
    return this.serial(async () => {
      if (!(await this.storage.getProject(projectId))) throw new ImError('not-found', 'No such project.');
      const existing = await this.storage.findProjectConversation(projectId);
      if (existing) return existing.id;
      const members = await this.storage.getUsers(await this.storage.projectMembers(projectId));
      const record = await this.newConversation({ kind: 'project', createdBy: creatorId, projectId }, [
        creatorId,
        ...members.filter((u) => !u.messagingDisabled).map((u) => u.id),
      ]);
      await this.announceNew(record);
      return record.id;
    });
  }

  /** An administrator turns a user's messaging off or on. */
  setMessagingDisabled(userId: UserId, disabled: boolean): Promise<void> {
    return this.serial(async () => {
      const user = await this.storage.getUser(userId);
      if (!user) throw new ImError('not-found', 'No such user.');
      await this.storage.putUser({ ...user, messagingDisabled: disabled });
    });
  }

  /** Runs a platform change (seeding, imports) in the backend's order and transaction. */
  run<T>(work: (storage: Storage) => Promise<T>): Promise<T> {
    return this.serial(() => work(this.storage));
  }
}


/**
 * A platform message's content: its formatted text beside the plain one (read out of the
 * HTML when the platform gave none). Only the platform operations come here: no hub
 * command carries HTML, so what users write stays plain text.
 */
function platformContent(text: string, html: string | undefined): Pick<MessageRecord, 'text' | 'html' | 'attachmentIds'> {
  if (html === undefined || !hasText(html)) return { text, attachmentIds: [] };
  return { text: hasText(text) ? text : htmlToText(html), html, attachmentIds: [] };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** An event as it must read once `gone` (deleted or removed) lost its content. */
function redact(event: ImEvent, gone: Message): ImEvent {
  const next = JSON.parse(JSON.stringify(event)) as ImEvent;
  if ('message' in next) {
    if (next.message.id === gone.id) next.message = gone;
    else if (next.message.replyTo?.messageId === gone.id) next.message.replyTo = { ...next.message.replyTo, text: '', attachmentNames: [], gone: true };
  }
  const last = 'conversation' in next ? next.conversation.lastMessage : undefined;
  if (last?.id === gone.id) {
    last.text = '';
    last.attachmentCount = 0;
    last.status = gone.status;
    if (gone.removedBy) last.removedBy = gone.removedBy;
  }
  return next;
}
