/**
 * Reactions (issue 18): a small fixed set of emoji a participant puts on a message instead of
 * an "ok thanks" that would raise everyone's unread count. Counted per emoji; who reacted is
 * asked for on request (`getReactions`).
 */
import type { Message, ReactionCount } from './types.js';

/** The emoji a message can get, in the order they are offered and shown. */
export const REACTIONS = ['👍', '❤️', '😂', '😮', '✅'] as const;

/** A message's counts in the order of `REACTIONS`, those at 0 left out. */
export function sortedReactions(counts: readonly ReactionCount[]): ReactionCount[] {
  const place = (emoji: string) => (REACTIONS as readonly string[]).indexOf(emoji);
  return counts.filter((r) => r.count > 0).sort((a, b) => place(a.emoji) - place(b.emoji));
}

/**
 * A message once a `reaction-changed` event is applied: the emoji's count as the event
 * says, and whether it is the reader's own when the reader is the one who changed it.
 */
export function withReactionChange(
  message: Message,
  change: { emoji: string; count: number; userId: string; added: boolean },
  readerId: string | undefined,
): Message {
  const before = message.reactions?.find((r) => r.emoji === change.emoji);
  const mine = change.userId === readerId ? change.added : !!before?.mine;
  const others = (message.reactions ?? []).filter((r) => r.emoji !== change.emoji);
  const reactions = sortedReactions([...others, { emoji: change.emoji, count: change.count, ...(mine ? { mine: true } : {}) }]);
  const { reactions: _, ...rest } = message;
  return reactions.length ? { ...rest, reactions } : rest;
}
