import { LitElement, html, nothing, svg } from 'lit';
import { property } from 'lit/decorators.js';
import { LocalizeController } from '../../l10n/localize-controller.js';
import { emit } from '../shared/events.js';
import styles from './chat-bubble.styles.js';

/** Here, not in shared/icons.ts: the badge paints before the rest of the panel loads. */
const bubbleIcon = svg`<path fill="currentColor" d="M12 3C6.5 3 2 6.6 2 11c0 2.2 1.1 4.2 2.9 5.6L4 21l4.4-2.4c1.1.3 2.3.4 3.6.4 5.5 0 10-3.6 10-8s-4.5-8-10-8Z"/>`;


/**
 * @tagname im-chat-bubble
 * @summary The chat-bubble button of the main menu, with a badge of unread messages.
 *
 * @csspart button - The button.
 * @csspart badge - The unread count; absent when nothing is unread.
 * @cssprop --im-bubble-size - Width and height of the button.
 * @cssprop --im-bubble-color - Colour of the bubble icon.
 * @cssprop --im-badge-background - Badge background.
 * @cssprop --im-badge-color - Badge text colour.
 * @cssprop --im-focus-ring - Outline of the focused button.
 *
 * @fires {CustomEvent<{ expanded: boolean }>} im-toggle - The reader asks to open (`expanded: true`) or close the panel.
 */
export class ImChatBubble extends LitElement {
  static override styles = styles;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Number of unread messages; the badge shows "99+" past 99. */
  @property({ type: Number }) unread = 0;

  /** Whether the panel this button opens is open. */
  @property({ type: Boolean, reflect: true }) expanded = false;

  private readonly l10n = new LocalizeController(this);

  override willUpdate() {
    if (!Number.isFinite(this.unread) || this.unread < 0) {
      console.warn(`<im-chat-bubble>: unread must be a count, got ${String(this.unread)}; showing 0.`);
      this.unread = 0;
    }
  }

  override render() {
    const { t } = this.l10n;
    const unread = Math.floor(this.unread);
    return html`<button
      part="button"
      type="button"
      aria-label=${t.openMessages(unread)}
      aria-haspopup="dialog"
      aria-expanded=${this.expanded ? 'true' : 'false'}
      @click=${this.onClick}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true">${bubbleIcon}</svg>
      ${unread > 0 ? html`<span part="badge" aria-hidden="true">${t.unreadBadge(unread)}</span>` : nothing}
    </button>`;
  }

  private onClick() {
    emit(this, 'im-toggle', { expanded: !this.expanded });
  }
}
