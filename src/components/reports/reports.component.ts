import { html, nothing, type PropertyValues } from 'lit';
import { query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { formatFullTime, formatListTime } from '../../l10n/format.js';
import { ImError } from '../../model/errors.js';
import type { AbuseReport } from '../../model/types.js';
import type { MessengerStore, StoreState } from '../../state/store.js';
import '../avatar/avatar.js';
import { backBar } from '../shared/back-bar.styles.js';
import { describeError } from '../shared/describe.js';
import { NowController } from '../shared/now-controller.js';
import { RovingTabindexController } from '../shared/roving-tabindex.js';
import { headingFocus, iconButton, itemRow, outlinedButton, theme, visuallyHidden } from '../shared/shared.styles.js';
import { StoreElement } from '../shared/store-element.js';
import styles from './reports.styles.js';
import { backIcon } from '../shared/icons.js';


/**
 * @tagname im-reports
 * @summary The abuse reports the reader reviews (teachers and administrators), newest first, updating live; each opens the reported conversation.
 *
 * Renders nothing for students: only reviewers have reports. A report names its
 * reporter only in a one-to-one conversation; elsewhere the reporter stays anonymous.
 * One tab stop for the list: arrows, Home and End move, Enter opens.
 *
 * @csspart item - A report's button.
 *
 * @fires {CustomEvent<Record<string, never>>} im-back - Back to the conversations.
 * @fires {CustomEvent<{ conversationId: string; seq?: number }>} im-conversation-open - The reviewer opens a reported conversation.
 */
export class ImReports extends StoreElement {
  static override styles = [theme, visuallyHidden, iconButton, backBar, itemRow, outlinedButton, headingFocus, styles];


  @state() private status: 'idle' | 'loading' | 'loaded' | 'error' = 'idle';
  @state() private error = '';
  @query('h2') private heading?: HTMLElement;

  private readonly clock = new NowController(this);
  protected override selectState(s: StoreState) {
    return [s.reports, s.user];
  }

  private readonly roving = new RovingTabindexController(this, {
    items: () => [...this.renderRoot.querySelectorAll<HTMLElement>('[part="item"]')],
  });
  private loadedFrom?: MessengerStore;

  /** Whether the signed-in user reviews reports. */
  private get reviewer(): boolean {
    const role = this.data.state?.user?.role;
    return role === 'teacher' || role === 'admin';
  }

  override willUpdate(_changed: PropertyValues<this>) {
    const store = this.data.store;
    if (store && this.reviewer && this.loadedFrom !== store) {
      this.loadedFrom = store;
      void this.load();
    }
  }

  /** Loads the reports again (the list then stays live by itself). */
  async load() {
    const store = this.data.store;
    if (!store) return;
    this.status = 'loading';
    this.error = '';
    try {
      await store.loadReports();
      this.status = 'loaded';
    } catch (error) {
      this.status = 'error';
      this.error = this.l10n.t.reports.failed(describeError(ImError.from(error), this.l10n.t));
    }
  }

  /** Focuses the heading, for a host that has just shown the list. */
  override focus(options?: FocusOptions) {
    if (this.heading) this.heading.focus(options);
    else super.focus(options);
  }

  override render() {
    if (!this.data.state?.user || !this.reviewer) return nothing;
    const { t } = this.l10n;
    const reports = this.data.state.reports;
    return html`
      <div class="bar">
        <button class="icon-button back" type="button" aria-label=${t.backToConversations} @click=${() => this.emit('im-back', {})}>
          <svg viewBox="0 0 24 24" aria-hidden="true">${backIcon}</svg>
        </button>
        <h2 id="title" tabindex="-1">${t.reports.title}</h2>
      </div>
      ${this.status === 'error'
        ? html`<div class="message" role="alert">
            ${this.error}<br />
            <button type="button" class="outlined-button" @click=${() => this.load()}>${t.retry}</button>
          </div>`
        : nothing}
      ${reports.length
        ? html`<ul aria-labelledby="title" @keydown=${(e: KeyboardEvent) => this.roving.handleKeydown(e)} @focusin=${this.onFocusin}>
            ${repeat(
              reports,
              (r) => r.id,
              (r) => html`<li>${this.renderReport(r)}</li>`,
            )}
          </ul>`
        : this.status === 'error'
          ? nothing
          : html`<p class="message" aria-busy=${this.status === 'loaded' ? 'false' : 'true'}>
              ${this.status === 'loaded' ? t.reports.none : t.reports.loading}
            </p>`}
    `;
  }

  private renderReport(r: AbuseReport) {
    const { t, locale } = this.l10n;
    const s = t.reports;
    return html`<button part="item" type="button" data-id=${r.id} @click=${() => this.emit('im-conversation-open', { conversationId: r.conversationId })}>
      <im-avatar kind=${r.conversationKind === 'one-to-one' ? 'person' : r.conversationKind} name=${r.conversationName}></im-avatar>
      <span class="name">${r.conversationName}<span class="kind"> · ${t.kind[r.conversationKind]}</span></span>
      <time datetime=${new Date(r.createdAt).toISOString()} title=${formatFullTime(r.createdAt, locale)}
        >${formatListTime(r.createdAt, this.clock.now, locale)}</time
      >
      <span class="what">${r.messageId ? s.aboutMessage : s.aboutConversation}</span>
      ${r.reason ? html`<span class="reason">${s.reason(r.reason)}</span>` : nothing}
      ${r.reporter ? html`<span class="reporter">${s.reportedBy(r.reporter.name)}</span>` : nothing}
    </button>`;
  }

  private onFocusin(event: FocusEvent) {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[part="item"]');
    if (item) this.roving.setCurrent(item);
  }
}
