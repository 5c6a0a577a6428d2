import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { LocalizeController } from '../../l10n/localize-controller.js';
// Our full tables: past the badge, elements say more than its few entries.
import '../../l10n/tables.js';
import type { MessageAction } from '../../model/permissions.js';
import type { Attachment, Message, Person, ReadStatus } from '../../model/types.js';
import type { PendingMessage } from '../../state/store.js';
import { emit } from '../shared/events.js';
import { theme, visuallyHidden } from '../shared/shared.styles.js';
import { MessageRows, type MessageItem } from './message-rows.js';
import styles, { messageHost } from './message.styles.js';

/**
 * @tagname im-message
 * @summary One message: sender, time, text with safe links, files, a quoted reply or shared message, and its options.
 *
 * Text is always rendered as text; only http, https and mailto links become links,
 * opening in a new tab. A platform message's formatted text (`html`: mass messages,
 * weekly updates) is shown sanitized to paragraphs, line breaks, emphasis, lists and
 * such links, once the sanitizer has loaded; its plain text until then.
 *
 * In a feed (`feed`, as the conversation view's history), the message is
 * one tab stop and its links, files, quote and options are not: Enter (or F2) moves
 * into them, Tab goes through them, Escape comes back to the message. Shift+F10 or
 * the context-menu key opens its options. Its accessible name is the sender and the
 * full time; its description the text, files, quote, state and reactions, in that order,
 * and last who has seen it when it carries the reader's read status.
 *
 * The read status (`readStatus`, on the reader's latest message someone has seen) shows under
 * it: "Seen" in a one-to-one; elsewhere "Seen by 12 of 28", a button that asks for the names.
 * A change of it is not announced: it is in the message's description, where it is looked for.
 *
 * Reactions: where the reader may react, the ⋯ menu ends with the row of the set
 * (👍 ❤️ 😂 😮 ✅, each a toggle); under the message, a button an emoji with its count
 * shows who reacted (`whoReacted`), in a small dialog that also holds the reader's toggle.
 *
 * @csspart message - The message.
 * @csspart avatar - The sender's avatar.
 * @csspart seen - Its read status.
 * @csspart reaction - A reaction's button under the message.
 *
 * @fires {CustomEvent<{ action: MessageAction; message: Message }>} im-message-action - An option was chosen from the ⋯ menu.
 * @fires {CustomEvent<{ message: Message; emoji: string; added: boolean }>} im-message-react - The reader reacts with an emoji (`added`) or takes it back.
 * @fires {CustomEvent<{ messageId: string; conversationId: string; seq: number }>} im-quote-open - The reader asks for the quoted or shared original.
 * @fires {CustomEvent<{ clientId: string }>} im-message-retry - Try a failed message again.
 * @fires {CustomEvent<{ clientId: string }>} im-message-discard - Give up on a failed message.
 * @fires {CustomEvent<{ message: Message }>} im-seen-by-open - The reader asks who has seen it ("Seen by 12 of 28").
 */
export class ImMessage extends LitElement {
  static override styles = [theme, visuallyHidden, styles, messageHost];

  /** The message. */
  @property({ attribute: false }) message?: Message;

  /** A message not yet confirmed by the backend, shown instead of `message`. */
  @property({ attribute: false }) pending?: PendingMessage;

  /** The reader wrote it. */
  @property({ type: Boolean }) mine = false;

  /** Who wrote a pending message (the reader): its avatar shows their picture or initials. */
  @property({ attribute: false }) author?: Pick<Person, 'name' | 'avatarUrl'>;

  /** Follows a message from the same sender: no avatar or name again. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** Marked as the target of a search or a jump. */
  @property({ type: Boolean, reflect: true }) highlighted = false;

  /** What the ⋯ menu offers (from `model/permissions`). */
  @property({ attribute: false }) actions: MessageAction[] = [];

  /** Where a file downloads from (the store knows). */
  @property({ attribute: false }) attachmentUrl: (attachment: Attachment) => string = () => '#';

  /** Who reacted to the message with an emoji, as names to show (the store knows). */
  @property({ attribute: false }) whoReacted: (message: Message, emoji: string) => Promise<string[]> = async () => [];

  /** An article of a feed (as a message of the conversation view's history is): one tab stop, whose controls wait for Enter. */
  @property({ type: Boolean }) feed = false;

  /** Who has seen it: set on the reader's latest message someone has seen (issue 18). */
  @property({ attribute: false }) readStatus?: ReadStatus;

  /** It is in a one-to-one: its read status says "Seen", with nobody else to list. */
  @property({ type: Boolean, attribute: 'one-to-one' }) oneToOne = false;

  private readonly l10n = new LocalizeController(this);
  private readonly internals = this.attachInternals();
  private readonly rows = new MessageRows(this, () => ({
    t: this.l10n.t,
    locale: this.l10n.locale,
    feed: this.feed,
    attachmentUrl: this.attachmentUrl,
    whoReacted: this.whoReacted,
    articleOf: () => ({ article: this, key: this.key }),
    rendered: () => this.updateComplete,
    intents: {
      action: (action, message) => emit(this, 'im-message-action', { action, message }),
      react: (message, emoji, added) => emit(this, 'im-message-react', { message, emoji, added }),
      quote: (quote) => emit(this, 'im-quote-open', quote),
      retry: (clientId) => emit(this, 'im-message-retry', { clientId }),
      discard: (clientId) => emit(this, 'im-message-discard', { clientId }),
      seenBy: (message) => emit(this, 'im-seen-by-open', { message }),
    },
  }));

  private get key() {
    return this.message?.id ?? `pending-${this.pending?.clientId ?? ''}`;
  }

  override render() {
    if (!this.message && !this.pending) return nothing;
    const item: MessageItem = {
      key: this.key,
      message: this.message,
      pending: this.message ? undefined : this.pending,
      mine: this.mine,
      author: this.author,
      compact: this.compact,
      highlighted: this.highlighted,
      actions: this.actions,
      readStatus: this.readStatus,
      oneToOne: this.oneToOne,
    };
    const { name, description } = this.rows.describe(item);
    this.internals.ariaLabel = name;
    this.internals.ariaDescription = description;
    return html`<div class=${this.rows.classes(item)}>${this.rows.render(item)}</div>`;
  }
}
