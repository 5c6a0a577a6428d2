/**
 * The shapes every layer shares: what the backend stores and sends, what the
 * store keeps and what the components render. Times are epoch milliseconds.
 */

export type UserId = string;
export type ConversationId = string;
export type MessageId = string;
export type CourseId = string;
export type ProjectId = string;

/** A user's role in the school. Teachers and administrators moderate the conversations they take part in. */
export type Role = 'student' | 'teacher' | 'admin';

export interface User {
  id: UserId;
  name: string;
  /** Shown under the name in participant lists ("Mathematics teacher", "Class 9B"). */
  title: string;
  role: Role;
  avatarUrl?: string;
  /** An administrator turned messaging off for this user: nothing can be sent to them. */
  messagingDisabled?: boolean;
}

/**
 * Conversation kinds of the spec. `individual` is the sender's own "Sent to N
 * people" item over separate one-to-one conversations; `mass` is a one-way
 * message from an administrator; `system` holds read-only weekly course updates.
 */
export type ConversationKind = 'one-to-one' | 'group' | 'course' | 'project' | 'individual' | 'mass' | 'system';

/** A person as other users see them: in message headers, participant lists, search results. */
export interface Person {
  id: UserId;
  name: string;
  title: string;
  role: Role;
  avatarUrl?: string;
}

export interface Course {
  id: CourseId;
  name: string;
  /** Background of the course icon, a CSS colour. */
  color: string;
}

export interface Project {
  id: ProjectId;
  name: string;
  color: string;
}

/** A file attached to a message. The bytes travel over HTTP, not the hub. */
export interface Attachment {
  id: string;
  name: string;
  /** Bytes. */
  size: number;
  /** MIME type. */
  type: string;
}

/** How many reacted to a message with one emoji. */
export interface ReactionCount {
  /** One of the set 👍 ❤️ 😂 😮 ✅ (`REACTIONS`). */
  emoji: string;
  count: number;
  /** The reader is one of them. */
  mine?: boolean;
}

/** A message quoted by a reply, or the original of a forwarded one. */
export interface QuotedMessage {
  messageId: MessageId;
  conversationId: ConversationId;
  /** The original's position in its conversation, to jump there; 0 when gone. */
  seq: number;
  senderName: string;
  /** Start of the text, for one or two lines; empty when the original is gone. */
  text: string;
  attachmentNames: string[];
  createdAt: number;
  /** The original was deleted or removed after it was quoted. */
  gone: boolean;
}

export type MessageStatus = 'normal' | 'deleted' | 'removed';

export interface Message {
  id: MessageId;
  conversationId: ConversationId;
  /** Position in the conversation, from 1, without gaps: read positions and paging use it. */
  seq: number;
  sender: Person;
  createdAt: number;
  /** Set once the author edited the text. */
  editedAt?: number;
  /** The text as typed; always rendered as text, never as HTML. Empty once deleted or removed. */
  text: string;
  /**
   * Formatted text of a platform message (mass message, weekly update): a small HTML
   * subset the panel sanitizes with DOMPurify before showing it. Never set from a user's
   * hub call; `text` holds the same content as plain text. Gone once deleted or removed.
   */
  html?: string;
  attachments: Attachment[];
  replyTo?: QuotedMessage;
  /** This message shares (forwards) another: shown with its original sender. */
  forwarded?: QuotedMessage;
  /** The files of the shared message, downloadable from here. */
  forwardedAttachments?: Attachment[];
  /**
   * `deleted`: by its author ("This message was deleted"); `removed`: by a
   * moderator ("This message was removed by NAME"). Either way the content is gone.
   */
  status: MessageStatus;
  /** Name of the moderator who removed it. */
  removedBy?: string;
  /** The sender's id for this send, so a retried send is stored once. */
  clientId?: string;
  /**
   * Its reactions, in the order of the set, as the reader sees them (`mine`); absent when
   * none. Set on messages read (`getMessages`, a reaction's answer); the messages of events
   * leave it out, as reactions change only by `reaction-changed`: a client keeps what it has.
   */
  reactions?: ReactionCount[];
}

/** The one-line preview of a conversation's last message. */
export interface MessagePreview {
  id: MessageId;
  senderId: UserId;
  senderName: string;
  /** First line of the text, shortened; empty for a file without text. */
  text: string;
  attachmentCount: number;
  status: MessageStatus;
  removedBy?: string;
  createdAt: number;
}

/**
 * A conversation as one user sees it: its name, unread count and the options
 * it offers are that user's.
 */
export interface ConversationSummary {
  id: ConversationId;
  kind: ConversationKind;
  /**
   * What the list shows: the group's given name, the other person in a
   * one-to-one, the course or project name. Empty for `individual`, whose
   * label ("Sent to N people") the UI builds from `recipientCount`.
   */
  name: string;
  /** The group was renamed by a participant (otherwise `name` lists the participants). */
  named: boolean;
  /** The other person of a one-to-one. */
  peer?: Person;
  course?: Course;
  /** The reader's role in `course`, if they belong to it: its teachers run a course conversation (close, delete, start anew). */
  courseRole?: Role;
  project?: Project;
  /** For `individual`: how many people the messages went to. */
  recipientCount?: number;
  participantCount: number;
  createdBy: UserId;
  createdAt: number;
  lastMessage?: MessagePreview;
  /** Time of the last change anyone sees: a message, an edit, a rename, a closing. */
  lastActivityAt: number;
  /** Highest message `seq` in the conversation. */
  lastSeq: number;
  /** Messages up to this `seq` count as read by this user. */
  readUpTo: number;
  unreadCount: number;
  /** Closed by a moderator or its creator: history stays, nobody can send. */
  closed: boolean;
  /** A deleted course conversation: read-only history; a new one can be started. */
  deleted: boolean;
  /**
   * How this user has access: as a participant, or as a reviewer of a report
   * (a teacher or administrator who is not a formal participant).
   */
  access: 'participant' | 'reviewer';
  /**
   * Not in the reader's list: the sender's one-to-one of a "Sent to N people" item, until
   * someone writes in it (open it from the item's participants); or one the reader hid
   * (`hideConversation`), until a new message arrives in it.
   */
  hidden?: boolean;
  /**
   * The reader muted it: its unread messages still show here, but leave the reader's unread
   * total (the badge), and its new messages are not announced outside it.
   */
  muted?: boolean;
  /**
   * When the reader pinned it (epoch ms), theirs alone: pinned conversations head their list,
   * the most recently pinned first, whatever their activity. Absent when not pinned.
   */
  pinnedAt?: number;
}

/**
 * Who has seen the reader's own messages in a conversation (issue 18): their latest message,
 * not deleted, that someone has seen, and how many of those it was sent to have.
 */
export interface ReadStatus {
  conversationId: ConversationId;
  messageId: MessageId;
  seq: number;
  /** How many of `of` have read up to it. */
  seen: number;
  /**
   * The members it was sent to and who are still in the conversation: everyone but its sender who
   * had joined when it was sent, and whose reading the school shares (its read-status setting).
   */
  of: number;
}

/** Who of those a message was sent to has seen it, and who has not yet, each by name. */
export interface SeenBy {
  seen: Person[];
  notSeen: Person[];
}

/** A member of a conversation, as its participant list shows them. */
export interface Participant extends Person {
  /** Started the conversation. */
  creator: boolean;
  /** In a "Sent to N people" item, to its sender: their one-to-one with this recipient, to open it. */
  conversationId?: ConversationId;
}

/** What the recipient field offers: a person, or a course or project with its size. */
export type Recipient =
  | { type: 'person'; id: UserId; name: string; title: string; avatarUrl?: string; messagingDisabled?: boolean }
  | { type: 'course'; id: CourseId; name: string; color: string; participantCount: number }
  | { type: 'project'; id: ProjectId; name: string; color: string; participantCount: number };

/** A recipient as a command names it. */
export type RecipientRef = Pick<Recipient, 'type' | 'id'>;

/** "Your relationship" with another user: what you share. */
export interface Relationship {
  person: Person;
  courses: { course: Course; yourRole: Role; theirRole: Role }[];
  projects: Project[];
}

/** One match of a search, with the matched ranges for highlighting. */
export interface SearchHit {
  conversationId: ConversationId;
  messageId: MessageId;
  seq: number;
  senderName: string;
  createdAt: number;
  /** Where the match is: the message text (links included) or an attachment's name. */
  field: 'text' | 'attachment';
  /** The text the ranges refer to: a window of the message text, or the file name. */
  snippet: string;
  /** [start, end) offsets into `snippet`. */
  ranges: [number, number][];
}

/**
 * A conversation the panel's search found: by its name (groups with a given name, courses,
 * projects; never people's names) or by a message in it.
 */
export interface ConversationMatch {
  conversation: ConversationSummary;
  /** The name matched: [start, end) offsets into `conversation.name`. */
  nameRanges?: [number, number][];
  /** The newest message that matched, when the name did not. */
  hit?: SearchHit;
}

export interface AbuseReport {
  id: string;
  conversationId: ConversationId;
  conversationName: string;
  conversationKind: ConversationKind;
  messageId?: MessageId;
  /** Absent unless the conversation is a one-to-one: reporters stay anonymous elsewhere. */
  reporter?: Person;
  reason: string;
  createdAt: number;
}

/**
 * How a user wants to hear of new messages while not looking, kept per user by the
 * backend. Both start off: nothing notifies until the reader turns it on.
 */
export interface NotificationPreferences {
  /** The panel raises a desktop notification (the browser's, on each device where the reader allowed it). */
  desktop: boolean;
  /** The platform may send an e-mail digest of unread messages; the platform honours it, the backend only keeps it. */
  emailDigest: boolean;
}
