/** Commands that search: within a conversation, across the user's conversations, and for recipients by name. */
import { findMatches, isSearchableKind, searchMessage } from '../../model/search.js';
import { hasText } from '../../model/text.js';
import type { ConversationMatch, Message, Recipient } from '../../model/types.js';
import type { CommandContext, Handlers } from '../context.js';
import type { ConversationRecord, MembershipRecord } from '../storage.js';
import { sharedView, summaryFor, toMessages } from '../views.js';

export const search = {
  searchConversation: async (ctx, user, { conversationId, query }) => {
    const scope = await ctx.scope(user, conversationId);
    ctx.requireConversation('search', scope);
    const hits = [];
    for await (const message of newestFirst(ctx, scope.record)) {
      const hit = searchMessage(message, query);
      if (hit) hits.push(hit);
      if (hits.length === 100) break;
    }
    return hits;
  },

  // Spec troubleshooting: "Cannot find a specific conversation: use the search field in the messages panel".
  searchConversations: async (ctx, user, { query, limit = 20 }) => {
    const memberships = (await ctx.storage.membershipsOf(user.id)).filter((m) => m.listed).sort((a, b) => b.lastActivityAt - a.lastActivityAt);
    const conversations: { record: ConversationRecord; membership: MembershipRecord }[] = [];
    for (const m of memberships) {
      const record = await ctx.storage.getConversation(m.conversationId);
      if (record) conversations.push({ record, membership: m });
    }
    const found: ConversationMatch[] = [];
    const summary = async ({ record, membership }: { record: ConversationRecord; membership: MembershipRecord }) => summaryFor(await sharedView(ctx.storage, record), user.id, membership);
    // Names first: cheap to match, and what someone looking for a conversation types.
    const byName = new Set<string>();
    for (const c of conversations) {
      const name = await searchableName(ctx, c.record);
      const nameRanges = name ? findMatches(name, query) : [];
      if (!nameRanges.length) continue;
      found.push({ conversation: await summary(c), nameRanges });
      byName.add(c.record.id);
      if (found.length === limit) return found;
    }
    for (const c of conversations) {
      if (byName.has(c.record.id) || !isSearchableKind(c.record.kind)) continue;
      for await (const message of newestFirst(ctx, c.record)) {
        const hit = searchMessage(message, query);
        if (!hit) continue;
        found.push({ conversation: await summary(c), hit });
        break;
      }
      if (found.length === limit) break;
    }
    return found;
  },

  searchRecipients: async (ctx, user, { query, types = ['person', 'course', 'project'], limit = 20 }) => {
    if (!hasText(query)) return [];
    const matches = (name: string) => findMatches(name, query).length > 0;
    const out: Recipient[] = [];
    if (types.includes('course')) {
      const courses = user.role === 'admin' ? await ctx.storage.listCourses() : (await ctx.storage.coursesOf(user.id)).map((c) => c.course);
      for (const course of courses.filter((c) => matches(c.name))) {
        out.push({ type: 'course', ...course, participantCount: (await ctx.storage.courseMembers(course.id)).length });
      }
    }
    if (types.includes('project')) {
      const projects = user.role === 'admin' ? await ctx.storage.listProjects() : await ctx.storage.projectsOf(user.id);
      for (const project of projects.filter((p) => matches(p.name))) {
        out.push({ type: 'project', ...project, participantCount: (await ctx.storage.projectMembers(project.id)).length });
      }
    }
    if (types.includes('person')) {
      const reachable = await ctx.contacts.reachableFrom(user);
      for (const person of (await ctx.storage.listUsers()).filter((u) => u.id !== user.id && matches(u.name) && reachable(u))) {
        const r: Recipient = { type: 'person', id: person.id, name: person.name, title: person.title };
        if (person.avatarUrl) r.avatarUrl = person.avatarUrl;
        if (person.messagingDisabled) r.messagingDisabled = true;
        out.push(r);
      }
    }
    return out.sort((a, b) => a.name.localeCompare(b.name)).slice(0, limit);
  },
} satisfies Partial<Handlers>;

/**
 * A conversation's messages, newest first, a page at a time, so a search that
 * finds its hits in recent history does not read (or hold up others for) the whole of it.
 */
async function* newestFirst(ctx: CommandContext, record: ConversationRecord): AsyncGenerator<Message> {
  const PAGE = 500;
  for (let to = record.lastSeq; to >= 1; to -= PAGE) {
    const page = await ctx.storage.messageRange(record.id, Math.max(1, to - PAGE + 1), to);
    yield* (await toMessages(ctx.storage, page)).reverse();
  }
}

/** The name a conversation is found by: a group's given name, a course's or project's; not people's names (spec). */
async function searchableName(ctx: CommandContext, record: ConversationRecord): Promise<string | undefined> {
  if (record.kind === 'group') return record.name || undefined;
  if (record.kind === 'course' && record.courseId) return (await ctx.storage.getCourse(record.courseId))?.name;
  if (record.kind === 'project' && record.projectId) return (await ctx.storage.getProject(record.projectId))?.name;
  return undefined;
}
