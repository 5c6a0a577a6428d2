/**
 * Builds what a user sees from stored records: the conversation summary in
 * their words and messages with people and files resolved.
 */
import type {
  Attachment,
  ConversationSummary,
  Message,
  MessagePreview,
  Person,
  QuotedMessage,
  ReactionCount,
  Role,
  User,
  UserId,
} from '../model/types.js';
import { sortedReactions } from '../model/reactions.js';
import { previewText } from '../model/text.js';
import type { AttachmentRecord, ConversationRecord, MembershipRecord, MessageRecord, Storage, ViewerFields } from './storage.js';

export function toPerson(user: User): Person {
  const person: Person = { id: user.id, name: user.name, title: user.title, role: user.role };
  if (user.avatarUrl) person.avatarUrl = user.avatarUrl;
  return person;
}

/** Shown for a sender whose account is gone, so a message never fails to render. */
const unknownPerson = (id: UserId): Person => ({ id, name: '?', title: '', role: 'student' });

function toAttachment({ id, name, size, type }: AttachmentRecord): Attachment {
  return { id, name, size, type };
}

/**
 * Turns message records into messages, resolving people, files and quotes in a few look-ups;
 * with the reactions as `viewerId` sees them when given one (not for events, shared by many).
 */
export async function toMessages(storage: Storage, records: MessageRecord[], viewerId?: UserId): Promise<Message[]> {
  const replyIds = [...new Set(records.flatMap((r) => (r.replyToId ? [r.replyToId] : [])))];
  const replies = new Map<string, MessageRecord>();
  for (const id of replyIds) {
    const found = await storage.getMessage(id);
    if (found) replies.set(id, found);
  }
  const userIds = new Set<UserId>();
  const attachmentIds = new Set<string>();
  for (const r of [...records, ...replies.values()]) {
    userIds.add(r.senderId);
    r.attachmentIds.forEach((id) => attachmentIds.add(id));
    r.forwarded?.attachmentIds.forEach((id) => attachmentIds.add(id));
  }
  const users = new Map((await storage.getUsers([...userIds])).map((u) => [u.id, toPerson(u)]));
  const files = new Map((await storage.getAttachments([...attachmentIds])).map((a) => [a.id, toAttachment(a)]));
  const filesOf = (ids: string[]) => ids.flatMap((id) => (files.has(id) ? [files.get(id)!] : []));
  const reactions = new Map<string, ReactionCount[]>();
  if (viewerId !== undefined) {
    for (const { messageId, emoji, count, mine } of await storage.reactionTallies(records.map((r) => r.id), viewerId)) {
      reactions.set(messageId, [...(reactions.get(messageId) ?? []), { emoji, count, ...(mine ? { mine } : {}) }]);
    }
  }

  return records.map((r) => {
    const message: Message = {
      id: r.id,
      conversationId: r.conversationId,
      seq: r.seq,
      sender: users.get(r.senderId) ?? unknownPerson(r.senderId),
      createdAt: r.createdAt,
      text: r.text,
      attachments: filesOf(r.attachmentIds),
      status: r.status,
    };
    if (r.html && r.status === 'normal') message.html = r.html;
    if (r.editedAt) message.editedAt = r.editedAt;
    if (r.removedBy) message.removedBy = r.removedBy;
    if (r.clientId) message.clientId = r.clientId;
    if (r.replyToId) {
      const original = replies.get(r.replyToId);
      message.replyTo = quote(original, users, filesOf, r.replyToId);
    }
    if (r.forwarded) {
      message.forwarded = {
        messageId: r.forwarded.messageId,
        conversationId: r.forwarded.conversationId,
        seq: 0,
        senderName: r.forwarded.senderName,
        text: r.forwarded.text,
        attachmentNames: filesOf(r.forwarded.attachmentIds).map((a) => a.name),
        createdAt: r.forwarded.createdAt,
        gone: false,
      };
      message.forwardedAttachments = filesOf(r.forwarded.attachmentIds);
    }
    const counts = reactions.get(r.id);
    if (counts) message.reactions = sortedReactions(counts);
    return message;
  });
}

function quote(
  original: MessageRecord | undefined,
  users: Map<UserId, Person>,
  filesOf: (ids: string[]) => Attachment[],
  id: string,
): QuotedMessage {
  if (!original) return { messageId: id, conversationId: '', seq: 0, senderName: '', text: '', attachmentNames: [], createdAt: 0, gone: true };
  const gone = original.status !== 'normal';
  return {
    messageId: original.id,
    conversationId: original.conversationId,
    seq: original.seq,
    senderName: users.get(original.senderId)?.name ?? '?',
    text: gone ? '' : previewText(original.text, 200),
    attachmentNames: gone ? [] : filesOf(original.attachmentIds).map((a) => a.name),
    createdAt: original.createdAt,
    gone,
  };
}

export function toPreview(record: MessageRecord, senderName: string): MessagePreview {
  const preview: MessagePreview = {
    id: record.id,
    senderId: record.senderId,
    senderName,
    text: record.status === 'normal' ? previewText(record.text) : '',
    attachmentCount: record.attachmentIds.length,
    status: record.status,
    createdAt: record.createdAt,
  };
  if (record.removedBy) preview.removedBy = record.removedBy;
  return preview;
}

/**
 * The parts of a summary that are the same for every viewer, built once per
 * change so a message to a 300-member course does not repeat the look-ups.
 */
export interface SharedView {
  record: ConversationRecord;
  lastMessage?: MessagePreview;
  course?: ConversationSummary['course'];
  /** Each course member's role there, for the summary's `courseRole`. */
  courseRoles?: Map<UserId, Role>;
  project?: ConversationSummary['project'];
  /** Members, in the order they joined, for naming a group and finding a one-to-one's other person. */
  people: Person[];
}

/**
 * What every member's summary of the conversation shares. `last`: its last message and its
 * sender's name, when the caller has just written them (a new message), so they are not read back.
 */
export async function sharedView(storage: Storage, record: ConversationRecord, last?: { message: MessageRecord; senderName: string }): Promise<SharedView> {
  const view: SharedView = { record, people: [] };
  if (last && last.message.seq === record.lastSeq) view.lastMessage = toPreview(last.message, last.senderName);
  else if (record.lastSeq > 0) {
    const last = await storage.getMessageBySeq(record.id, record.lastSeq);
    if (last) {
      const sender = await storage.getUser(last.senderId);
      view.lastMessage = toPreview(last, sender?.name ?? '?');
    }
  }
  if (record.courseId) {
    view.course = await storage.getCourse(record.courseId);
    view.courseRoles = new Map((await storage.courseMembers(record.courseId)).map((m) => [m.userId, m.role]));
  }
  if (record.projectId) view.project = await storage.getProject(record.projectId);
  if (record.kind === 'one-to-one' || (record.kind === 'group' && !record.name)) {
    const members = await storage.members(record.id);
    members.sort((a, b) => a.joinedAt - b.joinedAt);
    view.people = (await storage.getUsers(members.slice(0, 5).map((m) => m.userId))).map(toPerson);
  }
  return view;
}

/** The conversation as `viewerId` sees it. */
export function summaryFor(view: SharedView, viewerId: UserId, membership: MembershipRecord | undefined): ConversationSummary {
  return { ...sharedSummary(view), ...viewerFields(view, viewerId, membership) };
}

/** The summary without what is one viewer's own: the part an event to many stores once. */
export function sharedSummary(view: SharedView): ConversationSummary {
  const { record } = view;
  const summary: ConversationSummary = {
    id: record.id,
    kind: record.kind,
    name: record.name,
    named: record.kind === 'group' && record.name !== '',
    participantCount: record.memberCount,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    lastActivityAt: record.lastActivityAt,
    lastSeq: record.lastSeq,
    readUpTo: record.lastSeq,
    unreadCount: 0,
    closed: record.closed,
    deleted: record.deleted,
    access: 'reviewer',
  };
  if (view.lastMessage) summary.lastMessage = view.lastMessage;
  if (view.course) summary.course = view.course;
  if (view.project) summary.project = view.project;
  switch (record.kind) {
    case 'course':
      summary.name = view.course?.name ?? record.name;
      break;
    case 'project':
      summary.name = view.project?.name ?? record.name;
      break;
    case 'individual':
      summary.recipientCount = record.recipientIds?.length ?? 0;
      // Its sender and the people it went to, as "View participants" lists them.
      summary.participantCount = summary.recipientCount + 1;
      break;
  }
  return summary;
}

/** What of the summary is `viewerId`'s own (see `ViewerFields`); a reviewer has no membership. */
export function viewerFields(view: SharedView, viewerId: UserId, membership: MembershipRecord | undefined): ViewerFields {
  const { record } = view;
  const own: ViewerFields = membership ? { readUpTo: membership.readUpTo, unreadCount: membership.unread, access: 'participant' } : {};
  if (membership && !membership.listed) own.hidden = true;
  if (membership?.muted) own.muted = true;
  if (membership?.pinnedAt) own.pinnedAt = membership.pinnedAt;
  const courseRole = view.courseRoles?.get(viewerId);
  if (courseRole) own.courseRole = courseRole;
  const others = () => view.people.filter((p) => p.id !== viewerId);
  if (record.kind === 'one-to-one') {
    const [peer] = others();
    if (peer) own.peer = peer;
    own.name = peer?.name ?? record.name;
  } else if (record.kind === 'group' && !record.name) {
    // Names are names in every language; the UI adds "+N" from participantCount.
    own.name = others()
      .slice(0, 3)
      .map((p) => p.name)
      .join(', ');
  }
  return own;
}
