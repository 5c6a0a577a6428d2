/** A conversation's name in the reader's words; alone, so the badge can say it without loading describe.ts. */
import type { Messages } from '../../l10n/en.js';
import type { ConversationSummary } from '../../model/types.js';

/** The conversation's display name: "Sent to 3 people", "Emma, Ola, Noah +2", a course name… */
export function conversationName(c: ConversationSummary, t: Messages): string {
  if (c.kind === 'individual') return t.sentTo(c.recipientCount ?? 0);
  if (c.kind === 'group' && !c.named) {
    const shown = c.name ? c.name.split(', ').length : 0;
    const more = c.participantCount - 1 - shown;
    return more > 0 ? `${c.name} ${t.moreParticipants(more)}` : c.name;
  }
  return c.name;
}
