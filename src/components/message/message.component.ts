import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatClock } from '../../l10n/format.js';
import { LocalizeController } from '../../l10n/localize-controller.js';
// Our full tables: past the badge, elements say more than its few entries.
import '../../l10n/tables.js';
import { formatBytes } from '../../model/attachments.js';
import { plainFileName, previewText } from '../../model/text.js';
import type { MessageAction } from '../../model/permissions.js';
import { REACTIONS } from '../../model/reactions.js';
import type { Attachment, Message, Person, QuotedMessage, ReadStatus } from '../../model/types.js';
import type { PendingMessage } from '../../state/store.js';
import '../avatar/avatar.js';
import '../menu/menu.js';
import type { ImMenu, MenuItem } from '../menu/menu.component.js';
import { describeError } from '../shared/describe.js';
import { sentences, spokenTime } from '../shared/spoken.js';
import { emit, type ElementEvent } from '../shared/events.js';
import { outlinedButton, theme, visuallyHidden } from '../shared/shared.styles.js';
import { loadedSanitizer, loadSanitizer, type Sanitize } from './formatted.js';
import styles from './message.styles.js';
import { ReactionsController } from './reactions.js';
import { segments } from './segments.js';
import { fileIcon } from '../shared/icons.js';

const previewable = /^image\/(png|jpeg|gif|webp|avif)$/;

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
  static override styles = [theme, visuallyHidden, outlinedButton, styles];

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

  /** An article of a feed (the conversation view's history): one tab stop, whose controls wait for Enter. */
  @property({ type: Boolean }) feed = false;

  /** Who has seen it: set on the reader's latest message someone has seen (issue 18). */
  @property({ attribute: false }) readStatus?: ReadStatus;

  /** It is in a one-to-one: its read status says "Seen", with nobody else to list. */
  @property({ type: Boolean, attribute: 'one-to-one' }) oneToOne = false;

  /** Focus is on a control inside (entered with Enter), not on the message. */
  @state() private entered = false;

  private readonly l10n = new LocalizeController(this);
  private readonly internals = this.attachInternals();
  private readonly reactions = new ReactionsController(this, () => ({
    message: this.message,
    whoReacted: this.whoReacted,
    canReact: this.actions.includes('react'),
    tab: this.tab,
    t: this.l10n.t,
    name: (reaction) => {
      const { t, locale } = this.l10n;
      const m = this.message!;
      const clock = formatClock(m.createdAt, locale);
      return this.mine ? t.reactionOnOwn(reaction, clock, this.preview()) : t.reactionOn(reaction, m.sender.name, clock, this.preview());
    },
    react: (emoji, added) => this.react(emoji, added),
  }));

  override connectedCallback() {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKeydown);
    this.addEventListener('focusin', this.onFocusin);
    this.addEventListener('focusout', this.onFocusout);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeydown);
    this.removeEventListener('focusin', this.onFocusin);
    this.removeEventListener('focusout', this.onFocusout);
  }

  /** Tab index of the controls inside: out of the tab order in a feed until the reader enters the message. */
  private get tab() {
    return !this.feed || this.entered ? 0 : -1;
  }

  override render() {
    const { t, locale } = this.l10n;
    const m = this.message;
    const p = this.pending;
    if (!m && !p) return nothing;
    const senderName = m ? m.sender.name : t.you;
    const createdAt = m?.createdAt ?? p!.createdAt;
    const clock = formatClock(createdAt, locale);
    const gone = m && m.status !== 'normal';
    const text = m ? m.text : p!.text;
    const attachments = m ? m.attachments : p!.attachments;
    this.describe(senderName, createdAt);
    // Read in this order (sender, time, text, files, quote, state); the quote is shown first.
    return html`<div part="message">
      ${this.compact ? nothing : html`<im-avatar name=${m ? senderName : (this.author?.name ?? senderName)} src=${(m ? m.sender : this.author)?.avatarUrl ?? ''}></im-avatar>`}
      <div class="body">
        <header class=${this.compact ? 'visually-hidden' : ''}>
          <span class="sender" dir="auto">${this.mine ? t.you : senderName}</span>
          <time datetime=${new Date(createdAt).toISOString()}>${clock}</time>
        </header>
        ${gone
          ? html`<p class="gone">${m.status === 'removed' ? t.messageRemovedBy(m.removedBy ?? '') : t.messageDeleted}</p>`
          : html`${m?.forwarded ? this.renderShared(m) : nothing}
            ${m?.html ? this.renderFormatted(m.html, text) : this.renderPlain(text)} ${this.renderFiles(attachments)}
            ${m?.replyTo ? this.renderQuote(m.replyTo) : p?.replyTo ? this.renderQuote(quoteOf(p.replyTo)) : nothing}`}
        ${m?.editedAt && !gone ? html`<p class="edited">${t.edited}</p>` : nothing} ${p ? this.renderPending(p) : nothing}
        ${this.reactions.render()}
        ${m && this.readStatus && !gone ? this.renderSeen(m, this.readStatus) : nothing}
      </div>
      ${m && this.actions.length && !gone
        ? html`<im-menu
            .triggerTabIndex=${this.tab}
            label=${this.mine ? t.optionsForOwnMessage(clock, this.preview()) : t.optionsForMessage(senderName, clock, this.preview())}
            .items=${this.menuItems(m)}
            @im-menu-select=${(e: ElementEvent<'im-menu-select'>) => this.onMenuSelect(m, e.detail.id)}
          ></im-menu>`
        : nothing}
    </div>`;
  }

  /**
   * The ⋯ menu: the options, then the row of reactions (each on when the reader's) where they
   * may react. Last, so the menu still opens on "Reply" and a stray Enter reacts to nothing.
   */
  private menuItems(m: Message): MenuItem[] {
    const { t } = this.l10n;
    const reactions: MenuItem[] = this.actions.includes('react')
      ? REACTIONS.map((emoji) => ({ id: `react:${emoji}`, label: t.reactWith(emoji), symbol: emoji, checked: !!m.reactions?.find((r) => r.emoji === emoji)?.mine, group: t.action.react }))
      : [];
    const options = this.actions.flatMap((id) => (id === 'react' ? [] : [{ id, label: t.action[id], danger: id === 'delete' || id === 'moderatorDelete' }]));
    return [...options, ...reactions];
  }

  private onMenuSelect(m: Message, id: string) {
    if (!id.startsWith('react:')) {
      emit(this, 'im-message-action', { action: id as Exclude<MessageAction, 'react'>, message: m });
      return;
    }
    const emoji = id.slice('react:'.length);
    this.react(emoji, !m.reactions?.find((r) => r.emoji === emoji)?.mine);
  }

  private react(emoji: string, added: boolean) {
    if (this.message) emit(this, 'im-message-react', { message: this.message, emoji, added });
  }

  override updated() {
    // Formatted links come as HTML, without the tab index the message's other controls are rendered with.
    if (!this.message?.html) return;
    for (const link of this.renderRoot.querySelectorAll<HTMLAnchorElement>('.formatted a[href]')) link.tabIndex = this.tab;
  }

  /** The message's name (sender, full time) and description (text, files, quote, state) for a screen reader in the feed. */
  private describe(senderName: string, createdAt: number) {
    const { t, locale } = this.l10n;
    const m = this.message;
    const p = this.pending;
    this.internals.ariaLabel = `${this.mine ? t.you : senderName}, ${spokenTime(createdAt, Date.now(), t, locale)}`;
    const parts: string[] = [];
    if (m && m.status !== 'normal') {
      parts.push(m.status === 'removed' ? t.messageRemovedBy(m.removedBy ?? '') : t.messageDeleted);
    } else {
      const text = m ? m.text : p!.text;
      const files = m ? m.attachments : p!.attachments;
      if (m?.forwarded) parts.push(t.sharedFrom(m.forwarded.senderName));
      if (text) parts.push(previewText(text, 300));
      if (files.length) parts.push(t.filesList(files.map((f) => plainFileName(f.name))));
      const quote = m?.replyTo ?? (p?.replyTo ? quoteOf(p.replyTo) : undefined);
      if (quote) parts.push(quote.gone ? t.replyToGone : `${t.replyTo(quote.senderName)}: ${quote.text || quote.attachmentNames.join(', ')}`);
      if (m?.editedAt) parts.push(t.editedState);
      if (m?.reactions?.length) parts.push(`${t.action.react}: ${m.reactions.map((r) => t.reactionCount(r.emoji, r.count, !!r.mine)).join(', ')}`);
    }
    if (p) parts.push(p.status === 'pending' ? t.sending : t.notSent(p.error ? describeError(p.error, t) : ''));
    if (m && m.status === 'normal' && this.readStatus) parts.push(this.seenText(this.readStatus));
    this.internals.ariaDescription = sentences(parts);
  }

  private seenText(status: ReadStatus) {
    const { t } = this.l10n;
    return this.oneToOne ? t.seen : t.seenBy(status.seen, status.of);
  }

  /** "Seen", or "Seen by 12 of 28" as a button that opens who. */
  private renderSeen(m: Message, status: ReadStatus) {
    const text = this.seenText(status);
    return html`<p part="seen" class="seen">
      ${this.oneToOne
        ? text
        : html`<button type="button" tabindex=${this.tab} aria-haspopup="dialog" @click=${() => emit(this, 'im-seen-by-open', { message: m })}>${text}</button>`}
    </p>`;
  }

  /** A few words of the message, so that two of its sender's in the same minute have different option buttons. */
  private preview() {
    const m = this.message!;
    return previewText(m.text, 40) || m.attachments.map((a) => plainFileName(a.name)).join(', ');
  }

  private onKeydown = (event: KeyboardEvent) => {
    const onMessage = event.composedPath()[0] === this;
    if (onMessage && (event.key === 'Enter' || event.key === 'F2')) {
      event.preventDefault();
      void this.enter();
    } else if ((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') {
      const menu = this.renderRoot.querySelector<ImMenu>('im-menu');
      if (!menu) return;
      event.preventDefault();
      void this.enter().then(() => menu.show('first'));
    } else if (!onMessage && event.key === 'Escape' && this.feed) {
      // Handled here, so the panel around stays open.
      event.preventDefault();
      event.stopPropagation();
      // From inside to the host itself fires no focusin on the host: leave the controls here.
      this.entered = false;
      this.focus();
    }
  };

  /** Moves focus from the message to its first control. */
  private async enter() {
    this.entered = true;
    await this.updateComplete;
    const first = this.renderRoot.querySelector<HTMLElement>('a[href], button:not([disabled]), im-menu');
    if (first instanceof HTMLElement && first.localName === 'im-menu') (first as ImMenu).focusTrigger();
    else first?.focus();
  }

  private onFocusin = () => {
    this.entered = !!this.shadowRoot?.activeElement;
  };

  private onFocusout = (event: FocusEvent) => {
    // Within the message the next focusin says where focus went.
    if (event.relatedTarget !== this) this.entered = false;
  };

  private renderPlain(text: string) {
    return text ? html`<p class="text" dir="auto">${this.renderText(text)}</p>` : nothing;
  }

  /** The last formatted text sanitized, so a render for another reason does not sanitize again. */
  private sanitized?: { html: string; safe: HTMLElement };

  private renderFormatted(formatted: string, text: string) {
    const sanitize = loadedSanitizer();
    if (!sanitize) {
      void loadSanitizer().then((loaded) => loaded && this.requestUpdate());
      return this.renderPlain(text);
    }
    // DOMPurify's output under the allow-list of formatted.ts (no scripts, handlers, styles
    // or frames; links only http, https, mailto), as an element: one per message, kept.
    return this.sanitize(formatted, sanitize);
  }

  private sanitize(formatted: string, sanitize: Sanitize) {
    if (this.sanitized?.html !== formatted) this.sanitized = { html: formatted, safe: sanitize(formatted) };
    return this.sanitized.safe;
  }

  private renderText(text: string) {
    return segments(text).map((s) =>
      s.type === 'link' ? html`<a href=${s.href} tabindex=${this.tab} target="_blank" rel="noopener noreferrer">${s.text}</a>` : s.text,
    );
  }

  private renderQuote(quote: QuotedMessage) {
    const { t } = this.l10n;
    return html`<button
      class="quote"
      type="button"
      tabindex=${this.tab}
      ?disabled=${quote.gone}
      aria-description=${quote.gone ? nothing : t.showOriginal}
      @click=${() => emit(this, 'im-quote-open', { messageId: quote.messageId, conversationId: quote.conversationId, seq: quote.seq })}
    >
      <span class="quote-label">${quote.gone ? t.replyToGone : t.replyTo(quote.senderName)}</span>
      ${quote.gone ? nothing : html`<span class="quote-text">${quote.text || quote.attachmentNames.join(', ')}</span>`}
    </button>`;
  }

  private renderShared(m: Message) {
    const { t } = this.l10n;
    const shared = m.forwarded!;
    return html`<div class="shared">
      <span class="shared-label">${t.sharedFrom(shared.senderName)}</span>
      ${shared.text ? html`<p class="text">${this.renderText(shared.text)}</p>` : nothing} ${this.renderFiles(m.forwardedAttachments ?? [])}
    </div>`;
  }

  private renderFiles(files: Attachment[]) {
    if (!files.length) return nothing;
    const { t, locale } = this.l10n;
    return html`<ul class="files">
      ${files.map((file) => {
        const url = this.attachmentUrl(file);
        // From another backend a name may still carry bidirectional controls that spoof it.
        const name = plainFileName(file.name);
        const size = formatBytes(file.size, locale);
        // Link tokens are short-lived: a link reads its URL again when it is followed
        // (click, middle click, or the menu to copy it), and a preview once if it fails.
        const fresh = (event: Event) => ((event.currentTarget as HTMLAnchorElement).href = this.attachmentUrl(file));
        return html`<li>
          ${previewable.test(file.type) && this.message
            ? html`<img class="preview" src=${url} alt="" loading="lazy" @error=${(event: Event) => this.retryPreview(event, file)} />`
            : nothing}
          <a
            class="file"
            href=${url}
            tabindex=${this.tab}
            download=${name}
            target="_blank"
            rel="noopener noreferrer"
            @click=${fresh}
            @auxclick=${fresh}
            @contextmenu=${fresh}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">${fileIcon}</svg>
            <span class="file-name" dir="auto" aria-hidden="true">${name}</span><span class="file-size" aria-hidden="true">${size}</span
            ><span class="visually-hidden">${t.downloadFile(name, size, previewable.test(file.type))}</span>
          </a>
        </li>`;
      })}
    </ul>`;
  }

  private readonly retried = new WeakSet<HTMLImageElement>();

  private retryPreview(event: Event, file: Attachment) {
    const img = event.currentTarget as HTMLImageElement;
    if (this.retried.has(img)) return;
    this.retried.add(img);
    img.src = this.attachmentUrl(file);
  }

  private renderPending(p: PendingMessage) {
    const { t } = this.l10n;
    if (p.status === 'pending') return html`<p class="status">${t.sending}</p>`;
    return html`<p class="status failed">
      ${t.notSent(p.error ? describeError(p.error, t) : '')}
      <button type="button" tabindex=${this.tab} @click=${() => emit(this, 'im-message-retry', { clientId: p.clientId })}>${t.retry}</button>
      <button type="button" tabindex=${this.tab} @click=${() => emit(this, 'im-message-discard', { clientId: p.clientId })}>${t.discard}</button>
    </p>`;
  }
}

function quoteOf(message: Message): QuotedMessage {
  return {
    messageId: message.id,
    conversationId: message.conversationId,
    seq: message.seq,
    senderName: message.sender.name,
    text: message.text,
    attachmentNames: message.attachments.map((a) => plainFileName(a.name)),
    createdAt: message.createdAt,
    gone: message.status !== 'normal',
  };
}
