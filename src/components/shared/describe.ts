/**
 * How a conversation is named and previewed in the reader's words. Pure, so
 * the list, the header and search results say the same thing.
 */
import type { Messages } from '../../l10n/en.js';
import { ImError } from '../../model/errors.js';
import { plainFileName } from '../../model/text.js';
import type { ConversationSummary, MessagePreview, Person, User, UserId } from '../../model/types.js';
import type { SearchController } from './search-controller.js';

export { conversationName } from './conversation-name.js';

/** The sender part of a preview: "You", or their name; none in a one-to-one with the other person. */
export function previewSender(c: ConversationSummary, me: UserId | undefined, t: Messages): string {
  const last = c.lastMessage;
  if (!last) return '';
  if (last.senderId === me) return t.you;
  return last.senderName;
}

/** The one-line text of a preview. */
export function previewText(last: MessagePreview, t: Messages): string {
  if (last.status === 'deleted') return t.messageDeleted;
  if (last.status === 'removed') return t.messageRemovedBy(last.removedBy ?? '');
  return last.text || (last.attachmentCount ? t.filesSent(last.attachmentCount) : '');
}

/** The avatar a conversation shows: the other person's for a one-to-one, the kind's icon otherwise. */
export function avatarOf(c: ConversationSummary): { kind: ConversationSummary['kind'] | 'person'; name: string; src: string; color: string } {
  if (c.kind === 'one-to-one') return { kind: 'person', name: c.peer?.name ?? c.name, src: c.peer?.avatarUrl ?? '', color: '' };
  return { kind: c.kind, name: c.name, src: '', color: c.course?.color ?? '' };
}

/** An error in the reader's language, by its code; names from its details where the text needs them. */
export function describeError(error: ImError, t: Messages): string {
  const details = error.details ?? {};
  if (error.code === 'messaging-disabled' && details.self === true) return t.messagingOffForYou;
  if (error.code === 'rate-limited' && details.what === 'uploads') return t.tooManyUnsentFiles;
  if (error.code === 'too-many-pinned' && typeof details.limit === 'number') return t.pinLimit(details.limit);
  if (error.code === 'messaging-disabled' && Array.isArray(details.people)) {
    const names = t.names((details.people as Person[]).map((p) => p.name));
    const kind = details.kind === 'group' || details.kind === 'course' ? details.kind : 'one-to-one';
    return t.messagingDisabled[kind](names);
  }
  if (error.code === 'not-a-contact' && Array.isArray(details.people)) return t.notAContact(t.names((details.people as Person[]).map((p) => p.name)));
  if (error.code === 'file-type-not-allowed' && typeof details.name === 'string') return t.cannotSend(plainFileName(details.name));
  return t.errors[error.code] ?? t.errors.internal;
}

/**
 * What a search's polite status says: that it is searching, why it failed, or how many
 * it found (`count`: what is shown, which may be fewer than the results), in `said`'s words.
 */
export function describeSearch(
  search: Pick<SearchController<unknown>, 'status' | 'error' | 'query'>,
  count: number,
  t: Messages,
  said: { found: (count: number) => string; none: (query: string) => string },
): string {
  switch (search.status) {
    case 'searching':
      return t.searching;
    case 'error':
      return t.searchError(describeError(ImError.from(search.error), t));
    case 'done':
      return count ? said.found(count) : said.none(search.query);
    default:
      return '';
  }
}


/** Under a conversation's name: the other person's title, or the kind and how many take part. */
export function conversationSubtitle(c: ConversationSummary, t: Messages): string {
  if (c.kind === 'one-to-one') return c.peer?.title ?? '';
  if (c.kind === 'individual' || c.kind === 'mass' || c.kind === 'system') return t.kind[c.kind];
  return `${t.kind[c.kind]} · ${t.participantsCount(c.participantCount)}`;
}

/** Why a conversation shows a note where the message field would be. */
export function whyNoComposer(c: ConversationSummary, user: Pick<User, 'messagingDisabled'> | undefined, t: Messages): string {
  if (user?.messagingDisabled) return t.messagingOffForYou;
  if (c.access === 'reviewer') return t.reviewerNote;
  if (c.deleted) return t.deletedNote;
  if (c.closed) return t.closedNote;
  return t.readOnlyNote;
}
