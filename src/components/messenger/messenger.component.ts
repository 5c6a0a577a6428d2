import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { LocalizeController } from '../../l10n/localize-controller.js';
import '../chat-bubble/chat-bubble.js';
import type { ImChatBubble } from '../chat-bubble/chat-bubble.component.js';
import styles from './messenger.styles.js';

/**
 * @tagname im-messenger
 * @summary The messaging panel a host page adds: the chat bubble and, when open, the slide-in panel.
 *
 * @csspart bubble - The chat-bubble button.
 * @csspart panel - The slide-in panel.
 * @cssprop --im-panel-width - Width of the panel on wide screens.
 * @cssprop --im-surface - Panel background.
 * @cssprop --im-text - Panel text colour.
 * @cssprop --im-border - Border colour.
 * @cssprop --im-focus-ring - Outline of focused controls.
 */
export class ImMessenger extends LitElement {
  static override styles = styles;

  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Unread messages shown on the bubble. */
  @state() private unread = 0;

  @query('im-chat-bubble') private bubble!: ImChatBubble;
  @query('[part="panel"] h2') private heading!: HTMLElement;

  private readonly l10n = new LocalizeController(this);

  override connectedCallback() {
    super.connectedCallback();
    this.addEventListener('im-toggle', this.onToggle);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.removeEventListener('im-toggle', this.onToggle);
  }

  override render() {
    const { t } = this.l10n;
    return html`
      <im-chat-bubble part="bubble" .unread=${this.unread} ?expanded=${this.open}></im-chat-bubble>
      ${this.open
        ? html`<section part="panel" role="dialog" aria-labelledby="title" @keydown=${this.onPanelKeydown}>
            <header>
              <h2 id="title" tabindex="-1">${t.messagesTitle}</h2>
              <button type="button" @click=${this.close}>${t.close}</button>
            </header>
          </section>`
        : nothing}
    `;
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has('open') && changed.get('open') !== undefined) {
      // Focus moves into the panel on open and back to the bubble on close (APG dialog).
      if (this.open) this.heading.focus();
      else this.bubble.focus();
    }
  }

  /** Closes the panel and returns focus to the bubble. */
  close() {
    this.open = false;
  }

  private onToggle = (event: CustomEvent<{ expanded: boolean }>) => {
    this.open = event.detail.expanded;
  };

  private onPanelKeydown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.close();
    }
  }
}
