/** Commands that moderate: deleting or removing a message, reporting abuse, the reports a user reviews. */
import { ImError } from '../../model/errors.js';
import type { ImEvent } from '../../model/events.js';
import type { AbuseReport, ConversationKind, Message, UserId } from '../../model/types.js';
import type { CommandContext, Handlers } from '../context.js';
import type { MessageRecord, ReportRecord } from '../storage.js';
import { sharedView, summaryFor, toPerson } from '../views.js';

export const moderation = {
  deleteMessage: async (ctx, user, { messageId }) => {
    const scope = await ctx.messageScope(user, messageId);
    const own = scope.message.senderId === user.id;
    await ctx.requireMessage(own ? 'delete' : 'moderatorDelete', scope, scope.message);
    // The content is gone from storage, not hidden (spec: "Message content is permanently deleted").
    const gone: MessageRecord = { ...scope.message, text: '', attachmentIds: [], status: own ? 'deleted' : 'removed' };
    delete gone.forwarded;
    delete gone.html;
    if (!own) gone.removedBy = user.name;
    await ctx.storage.putMessage(gone);
    // Reactions go with the content: nobody reacts to "This message was deleted".
    await ctx.storage.deleteReactions(gone.id);
    await releaseAttachments(ctx, scope.message.attachmentIds, scope.record.id);
    const shown = await ctx.one(gone);
    // Copies of the content in every user's event log go too, or a reconnecting client would get them back.
    await ctx.storage.redactEvents(gone.id, (event) => redact(event, shown));
    await ctx.publishMessageChange(scope.record, gone, 'message-deleted');
    return shown;
  },

  reportAbuse: async (ctx, user, { conversationId, messageId, reason }) => {
    await ctx.limit('report', user.id);
    const scope = await ctx.scope(user, conversationId);
    let author: UserId | undefined;
    if (messageId) {
      const message = await ctx.storage.getMessage(messageId);
      if (!message || message.conversationId !== conversationId) throw new ImError('not-found', 'This message does not exist.');
      await ctx.requireMessage('report', scope, message);
      author = message.senderId;
    } else {
      ctx.requireConversation('reportConversation', scope);
    }
    // Reports go to the administrators and to the reporter's teachers (spec 1).
    const reviewers = new Set((await ctx.storage.listUsers()).filter((u) => u.role === 'admin').map((u) => u.id));
    for (const { course } of await ctx.storage.coursesOf(user.id)) {
      for (const m of await ctx.storage.courseMembers(course.id)) if (m.role === 'teacher') reviewers.add(m.userId);
    }
    reviewers.delete(user.id);
    // Nobody reviews a report on their own message.
    if (author) reviewers.delete(author);
    const report = {
      id: ctx.newId(),
      conversationId,
      reason: reason.trim(),
      createdAt: ctx.tick(),
      reporterId: user.id,
      reviewerIds: [...reviewers],
      ...(messageId ? { messageId } : {}),
    };
    await ctx.storage.putReport(report);
    for (const reviewerId of reviewers) {
      await ctx.publish(reviewerId, { type: 'report-added', report: await toReport(ctx, report, reviewerId) });
    }
    return { reportId: report.id };
  },

  listReports: async (ctx, user) => {
    const reports = await ctx.storage.reportsFor(user.id);
    const out: AbuseReport[] = [];
    for (const r of reports.sort((a, b) => b.createdAt - a.createdAt)) out.push(await toReport(ctx, r, user.id));
    return out;
  },
} satisfies Partial<Handlers>;

/**
 * A deleted message's files leave its conversation; the bytes go only when no
 * other conversation holds the same file (a "Sent to N people" copy, a share).
 */
async function releaseAttachments(ctx: CommandContext, ids: string[], conversationId: string) {
  for (const file of await ctx.storage.getAttachments(ids)) {
    const rest = file.conversationIds.filter((id) => id !== conversationId);
    if (rest.length) await ctx.storage.putAttachment({ ...file, conversationIds: rest });
    else await ctx.storage.deleteAttachments([file.id]);
  }
}

async function toReport(ctx: CommandContext, report: ReportRecord, viewerId: UserId): Promise<AbuseReport> {
  const record = await ctx.storage.getConversation(report.conversationId);
  const summary = record ? summaryFor(await sharedView(ctx.storage, record), viewerId, await ctx.storage.getMembership(record.id, viewerId)) : undefined;
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
    const reporter = await ctx.storage.getUser(report.reporterId);
    if (reporter) out.reporter = toPerson(reporter);
  }
  return out;
}

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
