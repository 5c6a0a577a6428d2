import type { ImEvent } from '../model/events.js';
import type { Course, CourseId, NotificationPreferences, Project, ProjectId, ReadStatus, User, UserId } from '../model/types.js';
import {
  eventFor,
  messagesIn,
  type AttachmentRecord,
  type ConversationPage,
  type ConversationRecord,
  type CourseMember,
  type MembershipRecord,
  type MessageRecord,
  type ReactionRecord,
  type ReactionTally,
  type ReportRecord,
  type EventBatch,
  type Storage,
  type OwnFields,
} from './storage.js';

/** Records are copied in and out, as a database would, so callers never share state with storage. */
const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

function inner<K, K2, V>(map: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let found = map.get(key);
  if (!found) map.set(key, (found = new Map()));
  return found;
}

/** How many events a user's log keeps; a client further behind reloads instead of catching up. */
const EVENTS_KEPT = 5000;

/** An event as stored once for all the users it went to. */
interface EventBody {
  event: ImEvent;
}

/**
 * Storage in memory, for the browser (stories, tests, the offline demo).
 * A transaction keeps an undo log and replays it if the work throws.
 */
export class MemoryStorage implements Storage {
  private users = new Map<UserId, User>();
  private preferences = new Map<UserId, NotificationPreferences>();
  private courses = new Map<CourseId, Course>();
  private courseMemberMap = new Map<CourseId, Map<UserId, CourseMember>>();
  private projects = new Map<ProjectId, Project>();
  private projectMemberMap = new Map<ProjectId, Map<UserId, true>>();
  private conversations = new Map<string, ConversationRecord>();
  private memberships = new Map<string, Map<UserId, MembershipRecord>>();
  private membershipsByUser = new Map<UserId, Map<string, MembershipRecord>>();
  private messages = new Map<string, MessageRecord>();
  private messagesByConversation = new Map<string, MessageRecord[]>();
  private clientIds = new Map<string, string>();
  /** Each message's reactions, by `emoji\nuserId`, in the order they were made. */
  private reactions = new Map<string, Map<string, ReactionRecord>>();
  private attachments = new Map<string, AttachmentRecord>();
  private reports = new Map<string, ReportRecord>();
  private events = new Map<UserId, { seq: number; body: EventBody; own: OwnFields | undefined }[]>();
  private undo: (() => void)[] | undefined;

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.undo) return work();
    this.undo = [];
    try {
      const result = await work();
      this.undo = undefined;
      return result;
    } catch (error) {
      const log = this.undo ?? [];
      this.undo = undefined;
      for (let i = log.length - 1; i >= 0; i--) log[i]();
      throw error;
    }
  }

  /** Sets a map entry, remembering how to undo it. */
  private set<K, V>(map: Map<K, V>, key: K, value: V) {
    if (this.undo) {
      const had = map.has(key);
      const old = map.get(key);
      this.undo.push(() => (had ? map.set(key, old as V) : map.delete(key)));
    }
    map.set(key, value);
  }

  private delete<K, V>(map: Map<K, V>, key: K) {
    if (!map.has(key)) return;
    if (this.undo) {
      const old = map.get(key) as V;
      this.undo.push(() => map.set(key, old));
    }
    map.delete(key);
  }

  async getUser(id: UserId) {
    return copy(this.users.get(id));
  }
  async getUsers(ids: readonly UserId[]) {
    return ids.flatMap((id) => (this.users.has(id) ? [copy(this.users.get(id)!)] : []));
  }
  async listUsers() {
    return copy([...this.users.values()]);
  }
  async putUser(user: User) {
    this.set(this.users, user.id, copy(user));
  }
  async getNotificationPreferences(userId: UserId) {
    return copy(this.preferences.get(userId));
  }
  async putNotificationPreferences(userId: UserId, preferences: NotificationPreferences) {
    this.set(this.preferences, userId, copy(preferences));
  }

  async getCourse(id: CourseId) {
    return copy(this.courses.get(id));
  }
  async listCourses() {
    return copy([...this.courses.values()]);
  }
  async putCourse(course: Course) {
    this.set(this.courses, course.id, copy(course));
  }
  async courseMembers(id: CourseId) {
    return copy([...(this.courseMemberMap.get(id)?.values() ?? [])]);
  }
  async coursesOf(userId: UserId) {
    const out: { course: Course; role: User['role'] }[] = [];
    for (const [courseId, members] of this.courseMemberMap) {
      const member = members.get(userId);
      if (member) out.push({ course: copy(this.courses.get(courseId)!), role: member.role });
    }
    return out;
  }
  async putCourseMember(id: CourseId, member: CourseMember) {
    this.set(inner(this.courseMemberMap, id), member.userId, copy(member));
  }
  async deleteCourseMember(id: CourseId, userId: UserId) {
    this.delete(inner(this.courseMemberMap, id), userId);
  }

  async getProject(id: ProjectId) {
    return copy(this.projects.get(id));
  }
  async listProjects() {
    return copy([...this.projects.values()]);
  }
  async putProject(project: Project) {
    this.set(this.projects, project.id, copy(project));
  }
  async projectMembers(id: ProjectId) {
    return [...(this.projectMemberMap.get(id)?.keys() ?? [])];
  }
  async projectsOf(userId: UserId) {
    return [...this.projectMemberMap].filter(([, members]) => members.has(userId)).map(([id]) => copy(this.projects.get(id)!));
  }
  async putProjectMember(id: ProjectId, userId: UserId) {
    this.set(inner(this.projectMemberMap, id), userId, true);
  }

  async getConversation(id: string) {
    return copy(this.conversations.get(id));
  }
  async putConversation(record: ConversationRecord) {
    this.set(this.conversations, record.id, copy(record));
  }
  async findOneToOne(a: UserId, b: UserId) {
    for (const membership of this.membershipsByUser.get(a)?.values() ?? []) {
      const conversation = this.conversations.get(membership.conversationId)!;
      if (conversation.kind === 'one-to-one' && this.memberships.get(conversation.id)?.has(b)) return copy(conversation);
    }
    return undefined;
  }
  async findCourseConversation(courseId: CourseId) {
    for (const c of this.conversations.values()) if (c.kind === 'course' && c.courseId === courseId && !c.deleted) return copy(c);
    return undefined;
  }
  async findProjectConversation(projectId: ProjectId) {
    for (const c of this.conversations.values()) if (c.kind === 'project' && c.projectId === projectId) return copy(c);
    return undefined;
  }

  async getMembership(conversationId: string, userId: UserId) {
    return copy(this.memberships.get(conversationId)?.get(userId));
  }
  async putMembership(record: MembershipRecord) {
    const stored = copy(record);
    this.set(inner(this.memberships, record.conversationId), record.userId, stored);
    this.set(inner(this.membershipsByUser, record.userId), record.conversationId, stored);
  }
  async touchMembers(conversationId: string, at: number, messageFrom?: UserId) {
    for (const m of this.memberships.get(conversationId)?.values() ?? []) {
      const message = messageFrom !== undefined && m.userId !== messageFrom;
      await this.putMembership({ ...m, lastActivityAt: at, ...(message ? { unread: m.unread + 1, listed: true } : {}) });
    }
  }
  async deleteMembership(conversationId: string, userId: UserId) {
    this.delete(inner(this.memberships, conversationId), userId);
    this.delete(inner(this.membershipsByUser, userId), conversationId);
  }
  async members(conversationId: string) {
    return copy([...(this.memberships.get(conversationId)?.values() ?? [])]);
  }
  async listMemberships(
    userId: UserId,
    after: { lastActivityAt: number; conversationId: string } | undefined,
    limit: number,
  ): Promise<ConversationPage> {
    const sorted = [...(this.membershipsByUser.get(userId)?.values() ?? [])]
      .filter((m) => m.listed && !m.pinnedAt)
      .sort((a, b) => b.lastActivityAt - a.lastActivityAt || (a.conversationId < b.conversationId ? -1 : 1));
    const start = after
      ? sorted.findIndex(
          (m) =>
            m.lastActivityAt < after.lastActivityAt ||
            (m.lastActivityAt === after.lastActivityAt && m.conversationId > after.conversationId),
        )
      : 0;
    if (start < 0) return { items: [], hasMore: false };
    return { items: copy(sorted.slice(start, start + limit)), hasMore: start + limit < sorted.length };
  }
  async pinnedMemberships(userId: UserId) {
    return copy(
      [...(this.membershipsByUser.get(userId)?.values() ?? [])]
        .filter((m) => m.listed && m.pinnedAt > 0)
        .sort((a, b) => b.pinnedAt - a.pinnedAt || (a.conversationId < b.conversationId ? -1 : 1)),
    );
  }
  async membershipsOf(userId: UserId) {
    return copy([...(this.membershipsByUser.get(userId)?.values() ?? [])]);
  }
  async unreadTotal(userId: UserId) {
    let total = 0;
    for (const m of this.membershipsByUser.get(userId)?.values() ?? []) if (m.listed && !m.muted) total += m.unread;
    return total;
  }
  async unreadTotals(userIds: readonly UserId[]) {
    return Promise.all(userIds.map((id) => this.unreadTotal(id)));
  }

  /** The members whose reading counts for `senderId`'s messages, each with their user (see `readStatus`). */
  private readers(conversationId: string, senderId: UserId, students: boolean) {
    const readers: { membership: MembershipRecord; user: User }[] = [];
    for (const membership of this.memberships.get(conversationId)?.values() ?? []) {
      const user = this.users.get(membership.userId);
      if (membership.userId !== senderId && user && (students || user.role !== 'student')) readers.push({ membership, user });
    }
    return readers;
  }
  async readStatus(conversationId: string, senderId: UserId, students: boolean): Promise<ReadStatus | undefined> {
    const readers = this.readers(conversationId, senderId, students);
    const list = this.messagesByConversation.get(conversationId) ?? [];
    // Nothing past the furthest anyone has seen can have been seen.
    const furthest = Math.max(0, ...readers.map((r) => r.membership.seenUpTo));
    for (let i = Math.min(list.length, furthest) - 1; i >= 0; i--) {
      const message = list[i];
      if (message.senderId !== senderId || message.status !== 'normal') continue;
      const sentTo = readers.filter((r) => r.membership.joinedAt <= message.createdAt);
      const seen = sentTo.filter((r) => r.membership.seenUpTo >= message.seq).length;
      if (seen > 0) return { conversationId, messageId: message.id, seq: message.seq, seen, of: sentTo.length };
    }
    return undefined;
  }
  async seenBy(message: Pick<MessageRecord, 'conversationId' | 'seq' | 'senderId' | 'createdAt'>, students: boolean) {
    return this.readers(message.conversationId, message.senderId, students)
      .filter((r) => r.membership.joinedAt <= message.createdAt)
      .map((r) => ({ user: copy(r.user), seen: r.membership.seenUpTo >= message.seq }));
  }
  async sendersBetween(conversationId: string, afterSeq: number, upTo: number, except: UserId) {
    const senders = new Set<UserId>();
    for (const m of (this.messagesByConversation.get(conversationId) ?? []).slice(afterSeq, upTo)) {
      if (m.senderId !== except && m.status === 'normal') senders.add(m.senderId);
    }
    return [...senders];
  }

  async getMessage(id: string) {
    return copy(this.messages.get(id));
  }
  async getMessageBySeq(conversationId: string, seq: number) {
    return copy(this.messagesByConversation.get(conversationId)?.[seq - 1]);
  }
  async findByClientId(senderId: UserId, clientId: string) {
    const id = this.clientIds.get(`${senderId}\n${clientId}`);
    return id ? copy(this.messages.get(id)) : undefined;
  }
  async putMessage(record: MessageRecord) {
    const stored = copy(record);
    this.set(this.messages, record.id, stored);
    const list = this.messagesByConversation.get(record.conversationId) ?? [];
    this.messagesByConversation.set(record.conversationId, list);
    if (this.undo) {
      const old = list[record.seq - 1];
      const length = list.length;
      this.undo.push(() => {
        list[record.seq - 1] = old;
        list.length = length;
      });
    }
    list[record.seq - 1] = stored;
    if (record.clientId) this.set(this.clientIds, `${record.senderId}\n${record.clientId}`, record.id);
  }
  async messageRange(conversationId: string, from: number, to: number) {
    const list = this.messagesByConversation.get(conversationId) ?? [];
    return copy(list.slice(Math.max(0, from - 1), Math.max(0, to)));
  }
  async allMessages(conversationId: string) {
    return copy(this.messagesByConversation.get(conversationId) ?? []);
  }
  async countFromOthers(conversationId: string, afterSeq: number, userId: UserId) {
    const list = this.messagesByConversation.get(conversationId) ?? [];
    let count = 0;
    for (let i = afterSeq; i < list.length; i++) if (list[i].senderId !== userId) count++;
    return count;
  }

  async addReaction(record: ReactionRecord) {
    const key = `${record.emoji}\n${record.userId}`;
    const reactions = inner(this.reactions, record.messageId);
    if (reactions.has(key)) return false;
    this.set(reactions, key, copy(record));
    return true;
  }
  async removeReaction(messageId: string, userId: UserId, emoji: string) {
    const reactions = this.reactions.get(messageId);
    const key = `${emoji}\n${userId}`;
    if (!reactions?.has(key)) return false;
    this.delete(reactions, key);
    return true;
  }
  async reactionTallies(messageIds: readonly string[], viewerId: UserId) {
    const tallies = new Map<string, ReactionTally>();
    for (const messageId of new Set(messageIds)) {
      for (const r of this.reactions.get(messageId)?.values() ?? []) {
        const key = `${messageId}\n${r.emoji}`;
        const tally = tallies.get(key) ?? { messageId, emoji: r.emoji, count: 0, mine: false };
        tally.count++;
        tally.mine ||= r.userId === viewerId;
        tallies.set(key, tally);
      }
    }
    return [...tallies.values()];
  }
  async reactors(messageId: string, emoji: string) {
    return [...(this.reactions.get(messageId)?.values() ?? [])].filter((r) => r.emoji === emoji).map((r) => r.userId);
  }
  async deleteReactions(messageId: string) {
    const reactions = this.reactions.get(messageId);
    for (const key of [...(reactions?.keys() ?? [])]) this.delete(reactions!, key);
  }

  async getAttachments(ids: readonly string[]) {
    return ids.flatMap((id) => (this.attachments.has(id) ? [copy(this.attachments.get(id)!)] : []));
  }
  async putAttachment(record: AttachmentRecord) {
    this.set(this.attachments, record.id, copy(record));
  }
  async deleteAttachments(ids: readonly string[]) {
    for (const id of ids) this.delete(this.attachments, id);
  }
  async unsentAttachments(createdBefore: number, limit: number) {
    return [...this.attachments.values()]
      .filter((a) => a.conversationIds.length === 0 && a.createdAt < createdBefore)
      .sort((a, b) => a.createdAt - b.createdAt)
      .slice(0, limit)
      .map((a) => copy(a));
  }

  async unsentBytes(ownerId: string) {
    let total = 0;
    for (const a of this.attachments.values()) if (a.ownerId === ownerId && a.conversationIds.length === 0) total += a.size;
    return total;
  }

  async putReport(record: ReportRecord) {
    this.set(this.reports, record.id, copy(record));
  }
  async getReport(id: string) {
    return copy(this.reports.get(id));
  }
  async reportsFor(reviewerId: UserId) {
    return copy([...this.reports.values()].filter((r) => r.reviewerIds.includes(reviewerId)));
  }
  async reportsOn(conversationId: string) {
    return copy([...this.reports.values()].filter((r) => r.conversationId === conversationId));
  }
  async isReviewer(conversationId: string, userId: UserId) {
    for (const r of this.reports.values()) if (r.conversationId === conversationId && r.reviewerIds.includes(userId)) return true;
    return false;
  }
  async reviewedBy(userId: UserId) {
    return [...new Set([...this.reports.values()].filter((r) => r.reviewerIds.includes(userId)).map((r) => r.conversationId))];
  }

  async appendEvents(batches: readonly EventBatch[]) {
    return batches.map(({ event, users }) => {
      const body = { event: copy(event) };
      return users.map(({ userId, own }) => {
        let log = this.events.get(userId);
        if (!log) this.set(this.events, userId, (log = []));
        const entries = log;
        const seq = (entries.at(-1)?.seq ?? 0) + 1;
        entries.push({ seq, body, own: copy(own) });
        if (this.undo) this.undo.push(() => entries.pop());
        // Trimming is not undone: it only forgets history a client would reload anyway.
        if (entries.length > EVENTS_KEPT) entries.splice(0, entries.length - EVENTS_KEPT);
        return seq;
      });
    });
  }
  async redactEvents(messageId: string, redact: (event: ImEvent) => ImEvent) {
    // A body shared by many logs is rewritten once.
    const bodies = new Set<EventBody>();
    for (const log of this.events.values()) for (const entry of log) if (messagesIn(entry.body.event).includes(messageId)) bodies.add(entry.body);
    for (const body of bodies) {
      const before = body.event;
      body.event = copy(redact(before));
      if (this.undo) this.undo.push(() => (body.event = before));
    }
  }
  async eventsSince(userId: UserId, seq: number, limit: number) {
    const log = this.events.get(userId) ?? [];
    const latestSeq = log.at(-1)?.seq ?? 0;
    const oldest = log[0]?.seq ?? latestSeq + 1;
    const start = log.findIndex((e) => e.seq > seq);
    const page = start < 0 ? [] : log.slice(start, start + limit);
    return { events: page.map(({ seq, body, own }) => ({ seq, event: copy(eventFor(body.event, own)) })), latestSeq, oldest };
  }
}
