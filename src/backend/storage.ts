/**
 * The storage port of the reference backend. Asynchronous, so a server can put
 * a real database behind it (SQLite in `server/`); `MemoryStorage` serves the
 * browser. The backend runs one command at a time and wraps each that writes
 * in `transaction`, so a failure leaves nothing half-written.
 */
import type { EventEnvelope, ImEvent } from '../model/events.js';
import type {
  AbuseReport,
  Attachment,
  ConversationId,
  ConversationKind,
  ConversationSummary,
  Course,
  CourseId,
  MessageId,
  MessageStatus,
  NotificationPreferences,
  Project,
  ProjectId,
  ReadStatus,
  Role,
  User,
  UserId,
} from '../model/types.js';

export interface ConversationRecord {
  id: ConversationId;
  kind: ConversationKind;
  /** Given by a participant (groups); empty means "list the participants". */
  name: string;
  createdBy: UserId;
  createdAt: number;
  closed: boolean;
  deleted: boolean;
  courseId?: CourseId;
  projectId?: ProjectId;
  /** For `individual`: the people its messages go to, each in a one-to-one. */
  recipientIds?: UserId[];
  lastSeq: number;
  lastActivityAt: number;
  memberCount: number;
}

export interface MembershipRecord {
  conversationId: ConversationId;
  userId: UserId;
  joinedAt: number;
  /** Messages up to this seq are read. */
  readUpTo: number;
  /**
   * The furthest `readUpTo` has ever been: what the member has seen, which read status counts.
   * Marking messages unread lowers `readUpTo`, never this: it does not take back having seen them.
   */
  seenUpTo: number;
  /**
   * When the member, as a sender, was last told their read status here (`read-status-changed`),
   * so that reads are told at most every `READ_STATUS_EVERY_MS`. Absent: never.
   */
  seenToldAt?: number;
  /** Messages from others after `readUpTo`. */
  unread: number;
  /**
   * Whether the conversation shows in the user's list. A one-to-one made by an
   * individual send stays out of the sender's list (the "Sent to N people" item
   * stands for it) until the other person answers; one the user hid stays out
   * until a new message arrives (`touchMembers` lists it again).
   */
  listed: boolean;
  /**
   * The user muted the conversation: its `unread` stays its own, but is left out of the
   * user's unread total, and new messages in it change nothing they are told of that total.
   */
  muted: boolean;
  /**
   * When the user pinned the conversation (epoch ms), 0 when not: pinned ones head their list,
   * the most recently pinned first.
   */
  pinnedAt: number;
  /** Activity time of the conversation, copied here so a user's list sorts without a join. */
  lastActivityAt: number;
}

export interface MessageRecord {
  id: MessageId;
  conversationId: ConversationId;
  seq: number;
  senderId: UserId;
  createdAt: number;
  editedAt?: number;
  text: string;
  /** A platform message's formatted text (`Message.html`); only the platform operations set it. */
  html?: string;
  attachmentIds: string[];
  replyToId?: MessageId;
  /** Forwarded content is a copy: the original may change or go, the share stays as it was sent. */
  forwarded?: {
    messageId: MessageId;
    conversationId: ConversationId;
    senderName: string;
    text: string;
    attachmentIds: string[];
    createdAt: number;
  };
  status: MessageStatus;
  removedBy?: string;
  clientId?: string;
}

/** One person's reaction to a message with one emoji (one of `REACTIONS`). */
export interface ReactionRecord {
  messageId: MessageId;
  userId: UserId;
  emoji: string;
  createdAt: number;
}

/** How many reacted to a message with an emoji, and whether the viewer asked about did. */
export interface ReactionTally {
  messageId: MessageId;
  emoji: string;
  count: number;
  mine: boolean;
}

export interface AttachmentRecord extends Attachment {
  ownerId: UserId;
  createdAt: number;
  /** Conversations whose messages hold the file: their participants may download it. */
  conversationIds: ConversationId[];
}

export interface ReportRecord extends Omit<AbuseReport, 'reporter' | 'conversationName' | 'conversationKind'> {
  reporterId: UserId;
  reviewerIds: UserId[];
}

export interface CourseMember {
  userId: UserId;
  role: Role;
}

export interface ConversationPage {
  /** Memberships, newest activity first. */
  items: MembershipRecord[];
  hasMore: boolean;
}

export interface Storage {
  /**
   * Runs `work` so that either all of its writes happen or none do. `serializeOn`: what it
   * writes to above all (a conversation's id). A storage whose transactions run side by side
   * (PostgreSQL with several servers) runs those with the same key one after another, rather
   * than letting them conflict and run again; a storage with one writer may ignore it.
   */
  transaction<T>(work: () => Promise<T>, serializeOn?: string): Promise<T>;
  /**
   * Whether a failed transaction should simply be run again, resolved once it is time to:
   * a database shared by several servers aborts one of two that conflict (serialization
   * failures, deadlocks), and the storage knows how long to wait before the `attempt`th
   * run so that the two don't meet again. Storages with one writer never need to.
   */
  retryable?(error: unknown, attempt: number): Promise<boolean>;

  getUser(id: UserId): Promise<User | undefined>;
  getUsers(ids: readonly UserId[]): Promise<User[]>;
  listUsers(): Promise<User[]>;
  putUser(user: User): Promise<void>;
  /** A user's notification preferences; undefined until they first set any. Kept apart from the user, whom the platform may write over. */
  getNotificationPreferences(userId: UserId): Promise<NotificationPreferences | undefined>;
  putNotificationPreferences(userId: UserId, preferences: NotificationPreferences): Promise<void>;

  getCourse(id: CourseId): Promise<Course | undefined>;
  listCourses(): Promise<Course[]>;
  putCourse(course: Course): Promise<void>;
  courseMembers(id: CourseId): Promise<CourseMember[]>;
  coursesOf(userId: UserId): Promise<{ course: Course; role: Role }[]>;
  putCourseMember(id: CourseId, member: CourseMember): Promise<void>;
  deleteCourseMember(id: CourseId, userId: UserId): Promise<void>;

  getProject(id: ProjectId): Promise<Project | undefined>;
  listProjects(): Promise<Project[]>;
  putProject(project: Project): Promise<void>;
  projectMembers(id: ProjectId): Promise<UserId[]>;
  projectsOf(userId: UserId): Promise<Project[]>;
  putProjectMember(id: ProjectId, userId: UserId): Promise<void>;

  getConversation(id: ConversationId): Promise<ConversationRecord | undefined>;
  putConversation(record: ConversationRecord): Promise<void>;
  findOneToOne(a: UserId, b: UserId): Promise<ConversationRecord | undefined>;
  /** The course's conversation that is not deleted, if any. */
  findCourseConversation(courseId: CourseId): Promise<ConversationRecord | undefined>;
  findProjectConversation(projectId: ProjectId): Promise<ConversationRecord | undefined>;

  getMembership(conversationId: ConversationId, userId: UserId): Promise<MembershipRecord | undefined>;
  putMembership(record: MembershipRecord): Promise<void>;
  /**
   * Activity in a conversation at `at`, for all its members in one write: each membership's
   * `lastActivityAt` becomes `at`; with `messageFrom`, every member but that sender also has
   * one more unread and sees the conversation in their list again.
   */
  touchMembers(conversationId: ConversationId, at: number, messageFrom?: UserId): Promise<void>;
  deleteMembership(conversationId: ConversationId, userId: UserId): Promise<void>;
  members(conversationId: ConversationId): Promise<MembershipRecord[]>;
  /**
   * A user's listed conversations that are not pinned, by `lastActivityAt` descending, then id;
   * `after` continues from the last item of the previous page.
   */
  listMemberships(userId: UserId, after: { lastActivityAt: number; conversationId: ConversationId } | undefined, limit: number): Promise<ConversationPage>;
  /** A user's listed conversations that are pinned, the most recently pinned first (then by id). */
  pinnedMemberships(userId: UserId): Promise<MembershipRecord[]>;
  /** Every membership of a user, listed or not. */
  membershipsOf(userId: UserId): Promise<MembershipRecord[]>;
  /** The unread messages of the conversations in a user's list that they have not muted (the badge's count). */
  unreadTotal(userId: UserId): Promise<number>;
  /** Each user's `unreadTotal`, in the order asked: one read for a course's members. */
  unreadTotals(userIds: readonly UserId[]): Promise<number[]>;
  /**
   * The read status of `senderId`'s messages (issue 18): their latest message, not deleted or
   * removed, that a member counted for it has seen (`seenUpTo` at or past it), with how many of
   * them have and how many there are. Counted for a message: the members other than its sender
   * who had joined when it was sent (`joinedAt` at or before its `createdAt`) and whose user
   * exists, students only when `students`. One query, however many members.
   */
  readStatus(conversationId: ConversationId, senderId: UserId, students: boolean): Promise<ReadStatus | undefined>;
  /** The members counted for a message, as for `readStatus`, each with whether they have seen it; one query. */
  seenBy(message: Pick<MessageRecord, 'conversationId' | 'seq' | 'senderId' | 'createdAt'>, students: boolean): Promise<{ user: User; seen: boolean }[]>;
  /** Who sent the messages, not deleted or removed, with `afterSeq < seq <= upTo`, but `except`: each once. */
  sendersBetween(conversationId: ConversationId, afterSeq: number, upTo: number, except: UserId): Promise<UserId[]>;

  getMessage(id: MessageId): Promise<MessageRecord | undefined>;
  getMessageBySeq(conversationId: ConversationId, seq: number): Promise<MessageRecord | undefined>;
  findByClientId(senderId: UserId, clientId: string): Promise<MessageRecord | undefined>;
  putMessage(record: MessageRecord): Promise<void>;
  /** Messages with `from <= seq <= to`, ascending. */
  messageRange(conversationId: ConversationId, from: number, to: number): Promise<MessageRecord[]>;
  /** Every message of a conversation, ascending; for search. */
  allMessages(conversationId: ConversationId): Promise<MessageRecord[]>;
  /** Messages after `seq` not sent by `userId`. */
  countFromOthers(conversationId: ConversationId, afterSeq: number, userId: UserId): Promise<number>;

  /** Stores a reaction; false, changing nothing, when the user had reacted to the message with that emoji already. */
  addReaction(record: ReactionRecord): Promise<boolean>;
  /** Takes a user's reaction away; false when there was none. */
  removeReaction(messageId: MessageId, userId: UserId, emoji: string): Promise<boolean>;
  /** Each message's reactions per emoji, with whether `viewerId` is among them; none for a message without any. In no particular order. */
  reactionTallies(messageIds: readonly MessageId[], viewerId: UserId): Promise<ReactionTally[]>;
  /** Who reacted to a message with an emoji, in the order they did. */
  reactors(messageId: MessageId, emoji: string): Promise<UserId[]>;
  /** Forgets every reaction to a message (it was deleted or removed). */
  deleteReactions(messageId: MessageId): Promise<void>;

  getAttachments(ids: readonly string[]): Promise<AttachmentRecord[]>;
  putAttachment(record: AttachmentRecord): Promise<void>;
  /** Forgets attachments; the server deletes their bytes too. */
  deleteAttachments(ids: readonly string[]): Promise<void>;
  /** Up to `limit` attachments uploaded before `createdBefore` and in no conversation (never sent), oldest first. */
  unsentAttachments(createdBefore: number, limit: number): Promise<AttachmentRecord[]>;
  /** The bytes of a user's uploads that no message holds yet (their quota of unsent files). */
  unsentBytes(ownerId: UserId): Promise<number>;

  putReport(record: ReportRecord): Promise<void>;
  getReport(id: string): Promise<ReportRecord | undefined>;
  reportsFor(reviewerId: UserId): Promise<ReportRecord[]>;
  reportsOn(conversationId: ConversationId): Promise<ReportRecord[]>;
  /** Whether a user reviews a report on this conversation: their access as a reviewer. */
  isReviewer(conversationId: ConversationId, userId: UserId): Promise<boolean>;
  /** Conversations a user reviews through reports. */
  reviewedBy(userId: UserId): Promise<ConversationId[]>;

  /**
   * Stores a command's events, each once however many users it goes to, under each
   * user's next sequence numbers: a user's events are numbered in the order of `batches`.
   * Returns the numbers batch by batch, in the order of each batch's users.
   */
  appendEvents(batches: readonly EventBatch[]): Promise<number[][]>;
  /**
   * Rewrites every stored event, of every user, that carries a message's
   * content (the message itself, a quote of it, a preview of it), so deleted
   * content is not kept in the logs nor replayed to a reconnecting client.
   * `own` parts carry no content (see `OwnFields`), so only the events themselves are rewritten.
   */
  redactEvents(messageId: MessageId, redact: (event: ImEvent) => ImEvent): Promise<void>;
  /** The user's events after `seq`, ascending; `oldest` is the first seq still kept. */
  eventsSince(userId: UserId, seq: number, limit: number): Promise<{ events: { seq: number; event: ImEvent }[]; latestSeq: number; oldest: number }>;
}

/**
 * What of a conversation's summary is one viewer's own: their read position and unread
 * count, their access, whether it is hidden from their list, muted or pinned, their role in the course, and
 * the name and other person where those depend on who looks (one-to-ones, unnamed groups).
 * Never a message's content, so redacting an event needs only its shared part.
 */
export type ViewerFields = Partial<Pick<ConversationSummary, 'readUpTo' | 'unreadCount' | 'access' | 'hidden' | 'muted' | 'pinnedAt' | 'courseRole' | 'name' | 'peer'>>;

/**
 * What of an event is one user's own: their fields of its conversation (`ViewerFields`) and, on a
 * new message that changed it, their unread total (`message-created`'s `unreadTotal`).
 */
export type OwnFields = ViewerFields & { unreadTotal?: number };

/** One event for one or more users (never none), stored once: each user's `own` fields are laid over it (`eventFor`). */
export interface EventBatch {
  event: ImEvent;
  users: { userId: UserId; own?: OwnFields }[];
}

/** One user's event as stored: the event shared by everyone it went to, and what of it is theirs (`eventFor` joins them). */
export interface StoredEvent {
  seq: number;
  event: ImEvent;
  own?: OwnFields;
}

/** The envelope a user receives of a stored event, their own fields joined to it. */
export function envelopeOf({ seq, event, own }: StoredEvent): EventEnvelope {
  return { seq, event: eventFor(event, own) };
}

/** The event as one user receives it: `own` laid over the event's conversation, their unread total beside it. */
export function eventFor(event: ImEvent, own: OwnFields | undefined): ImEvent {
  if (!own || !('conversation' in event)) return event;
  const { unreadTotal, ...fields } = own;
  const withTotal = unreadTotal !== undefined && event.type === 'message-created' ? { unreadTotal } : {};
  return { ...event, ...withTotal, conversation: { ...event.conversation, ...fields } };
}

/** Ids of the messages whose content an event carries: the one it is about, the one it quotes, the one it previews. */
export function messagesIn(event: ImEvent): MessageId[] {
  const ids: MessageId[] = [];
  if ('message' in event) {
    ids.push(event.message.id);
    if (event.message.replyTo) ids.push(event.message.replyTo.messageId);
  }
  if ('conversation' in event && event.conversation.lastMessage) ids.push(event.conversation.lastMessage.id);
  return ids;
}
