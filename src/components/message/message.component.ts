import { LitElement, html, nothing, svg } from 'lit';
import { property } from 'lit/decorators.js';
import { formatClock, formatFullTime } from '../../l10n/format.js';
import { LocalizeController } from '../../l10n/localize-controller.js';
import { formatBytes } from '../../model/attachments.js';
import type { MessageAction } from '../../model/permissions.js';
import type { Attachment, Message, QuotedMessage } from '../../model/types.js';
import type { PendingMessage } from '../../state/store.js';
import '../avatar/avatar.js';
import '../menu/menu.js';
import { describeError } from '../shared/describe.js';
import { emit } from '../shared/emit.js';
import { theme, visuallyHidden } from '../shared/shared.styles.js';
import styles from './message.styles.js';
import { segments } from './segments.js';

const fileIcon = svg`<path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" d="M6 2h8l4 4v16H6Z M14 2v4h4"/>`;
const previewable = /^image\/(png|jpeg|gif|webp|avif)$/;

/**
 * @tagname im-message
 * @summary One message: sender, time, text with safe links, files, a quoted reply or shared message, and its options.
 *
 * Text is always rendered as text; only http, https and mailto links become links,
 * opening in a new tab.
 *
 * @csspart message - The message.
 *
 * @fires {CustomEvent<{ action: MessageAction; message: Message }>} im-message-action - An option was chosen from the ⋯ menu.
 * @fires {CustomEvent<{ messageId: string; conversationId: string; seq: number }>} im-quote-open - The reader asks for the quoted or shared original.
 * @fires {CustomEvent<{ clientId: string }>} im-retry - Try a failed message again.
 * @fires {CustomEvent<{ clientId: string }>} im-discard - Give up on a failed message.
 */
export class ImMessage extends LitElement {
  static override styles = [theme, visuallyHidden, styles];

  /** The message. */
  @property({ attribute: false }) message?: Message;

  /** A message not yet confirmed by the backend, shown instead of `message`. */
  @property({ attribute: false }) pending?: PendingMessage;

  /** The reader wrote it. */
  @property({ type: Boolean }) mine = false;

  /** Follows a message from the same sender: no avatar or name again. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** Marked as the target of a search or a jump. */
  @property({ type: Boolean, reflect: true }) highlighted = false;

  /** What the ⋯ menu offers (from `model/permissions`). */
  @property({ attribute: false }) actions: MessageAction[] = [];

  /** Where a file downloads from (the transport knows). */
  @property({ attribute: false }) attachmentUrl: (attachment: Attachment) => string = () => '#';

  private readonly l10n = new LocalizeController(this);

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
    return html`<article part="message" aria-label=${`${senderName}, ${formatFullTime(createdAt, locale)}`}>
      ${this.compact ? nothing : html`<im-avatar name=${senderName} src=${m?.sender.avatarUrl ?? ''}></im-avatar>`}
      <div class="body">
        <header class=${this.compact ? 'visually-hidden' : ''}>
          <span class="sender">${this.mine ? t.you : senderName}</span>
          <time datetime=${new Date(createdAt).toISOString()} title=${formatFullTime(createdAt, locale)}>${clock}</time>
          ${m?.editedAt && !gone ? html`<span class="edited">${t.edited}</span>` : nothing}
        </header>
        ${gone
          ? html`<p class="gone">${m.status === 'removed' ? t.messageRemovedBy(m.removedBy ?? '') : t.messageDeleted}</p>`
          : html`${m?.replyTo ? this.renderQuote(m.replyTo) : p?.replyTo ? this.renderQuote(quoteOf(p.replyTo)) : nothing}
            ${m?.forwarded ? this.renderShared(m) : nothing}
            ${text ? html`<p class="text">${this.renderText(text)}</p>` : nothing} ${this.renderFiles(attachments)}`}
        ${p ? this.renderPending(p) : nothing}
      </div>
      ${m && this.actions.length && !gone
        ? html`<im-menu
            label=${this.mine ? t.optionsForOwnMessage(clock) : t.optionsForMessage(senderName, clock)}
            .items=${this.actions.map((id) => ({ id, label: t.action[id], danger: id === 'delete' || id === 'moderatorDelete' }))}
            @im-menu-select=${(e: CustomEvent<{ id: string }>) => emit(this, 'im-message-action', { action: e.detail.id as MessageAction, message: m })}
          ></im-menu>`
        : nothing}
    </article>`;
  }

  private renderText(text: string) {
    return segments(text).map((s) =>
      s.type === 'link' ? html`<a href=${s.href} target="_blank" rel="noopener noreferrer">${s.text}</a>` : s.text,
    );
  }

  private renderQuote(quote: QuotedMessage) {
    const { t } = this.l10n;
    return html`<button
      class="quote"
      type="button"
      ?disabled=${quote.gone}
      title=${quote.gone ? '' : t.showOriginal}
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
        const size = formatBytes(file.size, locale);
        // Link tokens are short-lived: a link reads its URL again when it is followed
        // (click, middle click, or the menu to copy it), and a preview once if it fails.
        const fresh = (event: Event) => ((event.currentTarget as HTMLAnchorElement).href = this.attachmentUrl(file));
        return html`<li>
          ${previewable.test(file.type) && this.message
            ? html`<img class="preview" src=${url} alt=${file.name} loading="lazy" @error=${(event: Event) => this.retryPreview(event, file)} />`
            : nothing}
          <a class="file" href=${url} download=${file.name} target="_blank" rel="noopener noreferrer" @click=${fresh} @auxclick=${fresh} @contextmenu=${fresh}>
            <svg viewBox="0 0 24 24" aria-hidden="true">${fileIcon}</svg>
            <span class="visually-hidden">${t.download}</span><span class="file-name">${file.name}</span
            ><span class="file-size"><span class="visually-hidden">, </span>${size}</span>
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
      <button type="button" @click=${() => emit(this, 'im-retry', { clientId: p.clientId })}>${t.retry}</button>
      <button type="button" @click=${() => emit(this, 'im-discard', { clientId: p.clientId })}>${t.discard}</button>
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
    attachmentNames: message.attachments.map((a) => a.name),
    createdAt: message.createdAt,
    gone: message.status !== 'normal',
  };
}

declare global {
  interface GlobalEventHandlersEventMap {
    'im-message-action': CustomEvent<{ action: MessageAction; message: Message }>;
    'im-quote-open': CustomEvent<{ messageId: string; conversationId: string; seq: number }>;
    'im-retry': CustomEvent<{ clientId: string }>;
    'im-discard': CustomEvent<{ clientId: string }>;
  }
}
