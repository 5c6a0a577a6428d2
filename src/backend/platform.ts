/**
 * The platform operations: what the learning platform does, not the panel's users.
 * `Backend`'s public methods of the same names run these in its order and transaction.
 */
import { checkAttachment } from '../model/attachments.js';
import { ImError } from '../model/errors.js';
import { hasText, htmlToText, plainFileName } from '../model/text.js';
import type { Attachment, CourseId, Role, UserId } from '../model/types.js';
import type { CommandContext } from './context.js';
import type { AttachmentRecord, MessageRecord } from './storage.js';

export async function registerAttachment(ctx: CommandContext, userId: UserId, file: { name: string; size: number; type: string }): Promise<Attachment> {
  const user = await ctx.storage.getUser(userId);
  if (!user) throw new ImError('unauthenticated', 'Unknown user.');
  const refusal = checkAttachment(file, ctx.attachmentPolicy);
  if (refusal) throw refusal;
  // Files attached and never sent are swept after a day; until then they count against a quota.
  const unsent = await ctx.storage.unsentBytes(userId);
  if (unsent + file.size > ctx.limits.unsentUploadBytes) {
    throw new ImError('rate-limited', 'Too many files attached and not sent: send or remove some first.', { what: 'uploads', limit: ctx.limits.unsentUploadBytes, unsentBytes: unsent });
  }
  // Stored as it may be shown (the type was checked on the real name above).
  const record: AttachmentRecord = { id: ctx.newId(), name: plainFileName(file.name), size: file.size, type: file.type || 'application/octet-stream', ownerId: userId, createdAt: ctx.now(), conversationIds: [] };
  await ctx.storage.putAttachment(record);
  return { id: record.id, name: record.name, size: record.size, type: record.type };
}

/** One batch of `sweepUnsentAttachments`: how many it forgot. */
export async function sweepUnsentAttachments(ctx: CommandContext, createdBefore: number, batch: number): Promise<number> {
  const unsent = await ctx.storage.unsentAttachments(createdBefore, batch);
  if (unsent.length) await ctx.storage.deleteAttachments(unsent.map((a) => a.id));
  return unsent.length;
}

export async function attachmentForDownload(ctx: CommandContext, userId: UserId, attachmentId: string): Promise<Attachment | undefined> {
  const [record] = await ctx.storage.getAttachments([attachmentId]);
  if (!record) return undefined;
  if (record.ownerId === userId) return record;
  for (const conversationId of record.conversationIds) {
    if ((await ctx.storage.getMembership(conversationId, userId)) || (await ctx.storage.isReviewer(conversationId, userId))) return record;
  }
  return undefined;
}

export async function enrol(ctx: CommandContext, courseId: CourseId, userId: UserId, role: Role): Promise<void> {
  const user = await ctx.storage.getUser(userId);
  if (!user || !(await ctx.storage.getCourse(courseId))) throw new ImError('not-found', 'No such course or user.');
  await ctx.storage.putCourseMember(courseId, { userId, role });
  const record = await ctx.storage.findCourseConversation(courseId);
  if (record && !user.messagingDisabled && !(await ctx.storage.getMembership(record.id, userId))) await ctx.join(record, userId);
}

export async function unenrol(ctx: CommandContext, courseId: CourseId, userId: UserId): Promise<void> {
  await ctx.storage.deleteCourseMember(courseId, userId);
  const record = await ctx.storage.findCourseConversation(courseId);
  if (record && (await ctx.storage.getMembership(record.id, userId))) await ctx.leave(record, userId, 'removed');
}

export async function postMassMessage(ctx: CommandContext, adminId: UserId, userIds: UserId[], name: string, text: string, formatted: { html?: string }): Promise<string> {
  const admin = await ctx.storage.getUser(adminId);
  if (admin?.role !== 'admin') throw new ImError('forbidden', 'Only administrators send mass messages.');
  const record = await ctx.newConversation({ kind: 'mass', createdBy: adminId, name }, [adminId, ...(await reachable(ctx, userIds))]);
  await ctx.announceNew(record);
  await ctx.postMessage(record, admin, platformContent(text, formatted.html));
  return record.id;
}

export async function postCourseUpdate(ctx: CommandContext, courseId: CourseId, senderId: UserId, name: string, text: string, formatted: { html?: string }): Promise<string> {
  const sender = await ctx.storage.getUser(senderId);
  const course = await ctx.storage.getCourse(courseId);
  if (!sender || !course) throw new ImError('not-found', 'No such course or sender.');
  const members = await reachable(ctx, (await ctx.storage.courseMembers(courseId)).map((m) => m.userId));
  const record = await ctx.newConversation({ kind: 'system', createdBy: senderId, courseId, name }, members);
  await ctx.announceNew(record);
  await ctx.postMessage(record, sender, platformContent(text, formatted.html));
  return record.id;
}

export async function startProjectConversation(ctx: CommandContext, projectId: string, creatorId: UserId): Promise<string> {
  if (!(await ctx.storage.getProject(projectId))) throw new ImError('not-found', 'No such project.');
  const existing = await ctx.storage.findProjectConversation(projectId);
  if (existing) return existing.id;
  const members = await ctx.storage.getUsers(await ctx.storage.projectMembers(projectId));
  const record = await ctx.newConversation({ kind: 'project', createdBy: creatorId, projectId }, [
    creatorId,
    ...members.filter((u) => !u.messagingDisabled).map((u) => u.id),
  ]);
  await ctx.announceNew(record);
  return record.id;
}

/** Those of `userIds` whose messaging is on: platform messages are not delivered to the others (README, Decisions). */
async function reachable(ctx: CommandContext, userIds: UserId[]): Promise<UserId[]> {
  const off = new Set((await ctx.storage.getUsers(userIds)).filter((u) => u.messagingDisabled).map((u) => u.id));
  return userIds.filter((id) => !off.has(id));
}

export async function setMessagingDisabled(ctx: CommandContext, userId: UserId, disabled: boolean): Promise<void> {
  const user = await ctx.storage.getUser(userId);
  if (!user) throw new ImError('not-found', 'No such user.');
  await ctx.storage.putUser({ ...user, messagingDisabled: disabled });
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
