import type { Recipient } from './types.js';

type Group = Exclude<Recipient, { type: 'person' }>;

/** Most people a message can go to, unless it goes to one course or project conversation (spec: "Big courses or groups"). */
export const MAX_RECIPIENTS = 300;

/** What the new-message form offers for a choice of recipients, and what sending it makes. */
export type RecipientDecision =
  | { outcome: 'none'; showChoice: false }
  | { outcome: 'one-to-one'; showChoice: false }
  | { outcome: 'choose'; showChoice: true }
  | { outcome: 'course' | 'project'; showChoice: false; id: string }
  | {
      outcome: 'error';
      showChoice: boolean;
      error: 'too-many-recipients';
      reason: 'people-over-limit' | 'large-group-with-others' | 'unique-over-limit';
    };

/**
 * Applies the spec's decision matrix (docs/rules.md, "Starting a conversation").
 * The UI calls it without `uniqueCount`; the backend passes the count of unique
 * people, which only it knows, for the final word.
 */
export function decideRecipients(recipients: Recipient[], options: { uniqueCount?: number } = {}): RecipientDecision {
  const unique = [...new Map(recipients.map((r) => [`${r.type}:${r.id}`, r])).values()];
  if (unique.length === 0) return { outcome: 'none', showChoice: false };

  // Checked before large courses: "the sum of individual participants (persons only) is more than 300"
  // is a mistake the user can fix the same way whatever else is chosen.
  const people = unique.filter((r) => r.type === 'person').length;
  if (people > MAX_RECIPIENTS) return tooMany('people-over-limit', false);

  const large = unique.find((r): r is Group => r.type !== 'person' && r.participantCount > MAX_RECIPIENTS);
  if (large) {
    // One big course/project alone is still possible as its own conversation; with anything else it is not.
    if (unique.length === 1) return { outcome: large.type, showChoice: false, id: large.id };
    return tooMany('large-group-with-others', false);
  }

  // "A 1:1 conversation is technically a group conversation": no choice to make.
  if (unique.length === 1 && unique[0].type === 'person') return { outcome: 'one-to-one', showChoice: false };

  // The form showed the choice; only the backend's unique count can refuse it now.
  if ((options.uniqueCount ?? 0) > MAX_RECIPIENTS) return tooMany('unique-over-limit', true);
  return { outcome: 'choose', showChoice: true };
}

function tooMany(
  reason: 'people-over-limit' | 'large-group-with-others' | 'unique-over-limit',
  showChoice: boolean,
): RecipientDecision {
  return { outcome: 'error', showChoice, error: 'too-many-recipients', reason };
}
