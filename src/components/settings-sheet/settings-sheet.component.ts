import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { formatFullTime, formatListTime } from '../../l10n/format.js';
import { ImError } from '../../model/errors.js';
import type { ImEvent } from '../../model/events.js';
import { canConversation, isModerator, permissionContextOf, type ConversationAction, type PermissionContext } from '../../model/permissions.js';
import type { ConversationKind, ConversationSummary, Participant, Recipient, Relationship, SearchHit } from '../../model/types.js';
import type { StoreState } from '../../state/store.js';
import '../avatar/avatar.js';
import '../dialog/dialog.js';
import { askInDialog } from '../dialog/dialog.component.js';
import '../menu/menu.js';
import type { MenuItem } from '../menu/menu.component.js';
import { conversationName, describeError, describeSearch } from '../shared/describe.js';
import { Announcer } from '../shared/announcer.js';
import type { ElementEvent } from '../shared/events.js';
import { highlight } from '../shared/highlight.js';
import { NowController } from '../shared/now-controller.js';
import { RovingTabindexController } from '../shared/roving-tabindex.js';
import { SearchController } from '../shared/search-controller.js';
import { iconButton, theme, visuallyHidden } from '../shared/shared.styles.js';
import { searchField } from '../shared/search-field.js';
import { sideSheet } from '../shared/side-sheet.styles.js';
import { StoreElement } from '../shared/store-element.js';
import styles from './settings-sheet.styles.js';
import { closeIcon, searchIcon } from '../shared/icons.js';


/** Everything the sheet can offer. */
export type SheetOption =
  | 'search'
  | 'markUnread'
  | 'rename'
  | 'close'
  | 'reopen'
  | 'delete'
  | 'startNew'
  | 'openCurrent'
  | 'restore'
  | 'participantPage'
  | 'report'
  | 'leave'
  | 'participants'
  | 'addParticipants'
  | 'removeParticipant'
  | 'relationship';

/**
 * The options the spec lists for each kind ("Options for single / group / course
 * conversation", help 4.4 "Conversation settings"); permissions narrow them further.
 * Kinds the spec does not list get the options that make sense for them: a project
 * conversation is managed like a course one without its course-only options; the
 * "Sent to N people" item lists whom it went to, each with their one-to-one. "View
 * participants" and "Your relationship" are for all conversations (help 4.4), but the
 * participants of one-way kinds are not listed: they are a whole hierarchy, and not the
 * reader's business; there the relationship is with whoever sent it.
 */
const specOptions: Record<ConversationKind, readonly SheetOption[]> = {
  'one-to-one': ['search', 'markUnread', 'participants', 'relationship'],
  group: ['search', 'rename', 'markUnread', 'report', 'leave', 'close', 'reopen', 'participants', 'addParticipants', 'removeParticipant', 'relationship'],
  course: ['search', 'markUnread', 'close', 'reopen', 'delete', 'startNew', 'openCurrent', 'restore', 'participantPage', 'participants', 'relationship'],
  project: ['search', 'markUnread', 'close', 'reopen', 'participants', 'relationship'],
  individual: ['search', 'markUnread', 'participants', 'relationship'],
  mass: ['markUnread', 'relationship'],
  system: ['markUnread', 'relationship'],
};

/** The permission behind each option that has one. */
const permission: Partial<Record<SheetOption, ConversationAction>> = {
  search: 'search',
  markUnread: 'markUnread',
  rename: 'rename',
  close: 'close',
  reopen: 'reopen',
  delete: 'deleteConversation',
  restore: 'restoreConversation',
  startNew: 'startCourseConversation',
  report: 'reportConversation',
  leave: 'leave',
  participants: 'viewParticipants',
  addParticipants: 'addParticipants',
  removeParticipant: 'removeParticipant',
  relationship: 'relationship',
};

/** The options in the sheet's list of actions, in the order shown: everyday first, leaving last. */
const actionOrder: readonly SheetOption[] = [
  'markUnread',
  'rename',
  'close',
  'reopen',
  'delete',
  'startNew',
  'openCurrent',
  'restore',
  'participantPage',
  'report',
  'leave',
];

/**
 * The course participant page from the host's pattern: `{courseId}` filled in, and
 * only an http(s) or relative URL (a `javascript:` pattern gives nothing).
 */
export function participantPageUrl(pattern: string, courseId: string): string | undefined {
  if (!pattern) return undefined;
  try {
    const url = new URL(pattern.replaceAll('{courseId}', encodeURIComponent(courseId)), document.baseURI);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @tagname im-settings-sheet
 * @summary A conversation's settings, from its gear button: search in it, mark it unread, its participants, and what you may manage.
 *
 * A modal dialog (APG) labelled by its heading; Escape or the close button closes it
 * and fires `im-close`, and the host returns focus to the gear button. It offers exactly
 * the options the spec lists for the conversation's kind, and of those only what
 * `model/permissions` allows the reader (the backend enforces the same rules).
 * Destructive actions ask first. Everything updates live from the store: a rename, a
 * closing, people joining or leaving. Errors are announced assertively, successes politely.
 *
 * @csspart sheet - The dialog.
 * @csspart option - A button or link of the options list.
 * @cssprop --im-sheet-width - Width on wide screens; full width below 30rem.
 *
 * @fires {CustomEvent<Record<string, never>>} im-close - The sheet closed (Escape, the close button, after leaving or opening another conversation).
 * @fires {CustomEvent<{ conversationId: string; seq?: number }>} im-conversation-open - A search hit was chosen (`seq` is its message), or a new course conversation was started.
 */
export class ImSettingsSheet extends StoreElement {
  static override styles = [theme, visuallyHidden, iconButton, sideSheet, searchField, styles];

  /** The conversation whose settings are shown. */
  @property({ attribute: 'conversation-id' }) conversationId = '';

  /** Whether the sheet is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  /**
   * The course participant page, with `{courseId}` for the course, e.g.
   * `/course/{courseId}/participants`. Only http(s) and relative URLs are used.
   * @attr participants-url
   */
  @property({ attribute: 'participants-url' }) participantsUrl = '';


  @state() private participants?: Participant[];
  @state() private relationship?: Relationship;
  /** Whom the relationship shown is with, once asked for or chosen. */
  @state() private relationshipWith?: string;
  @state() private error = '';
  /** A command is running; options say so (aria-disabled) and ignore activation. */
  @state() private busy = false;

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('h2') private heading?: HTMLElement;

  private readonly announcer = new Announcer(this);
  private readonly clock = new NowController(this);
  private readonly search = new SearchController<SearchHit[]>(this, async (query) => {
    const store = this.data.store;
    return store ? store.searchConversation(this.conversationId, query) : [];
  });
  private readonly people = new SearchController<Recipient[]>(this, async (query) => {
    const store = this.data.store;
    return store ? store.searchRecipients(query, ['person']) : [];
  });
  private readonly roving = new RovingTabindexController(this, {
    items: () => [...this.renderRoot.querySelectorAll<HTMLElement>('.hit')],
  });
  /** The conversation whose data is loaded, so a new id or a late store loads again. */
  private loadedFor?: string;
  private participantsRequest = 0;

  protected override selectState(s: StoreState) {
    return [s.conversations.get(this.conversationId), s.user, this.currentCourseConversation(s), s.reports];
  }

  /** Closes the sheet and fires `im-close`. */
  close() {
    if (!this.open) return;
    this.open = false;
    this.emit('im-close', {});
  }

  private get conversation(): ConversationSummary | undefined {
    return this.data.state?.conversations.get(this.conversationId);
  }

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('participantsUrl') && this.participantsUrl && !participantPageUrl(this.participantsUrl, 'course')) {
      console.warn(`<im-settings-sheet>: participants-url must be an http(s) or relative URL; "${this.participantsUrl}" is ignored.`);
    }
    if (!this.open) {
      if (this.loadedFor !== undefined) this.reset();
      return;
    }
    // The user's role decides the options, so loading waits for a started store.
    if (this.data.state?.user && this.loadedFor !== this.conversationId) {
      if (this.loadedFor !== undefined) this.reset();
      this.loadedFor = this.conversationId;
      void this.load();
    }
  }

  override updated(changed: PropertyValues<this>) {
    if (!changed.has('open')) return;
    if (this.open && !this.dialog.open) {
      this.dialog.showModal();
      // The heading first, so a screen reader says where the reader is; Tab goes on from there.
      this.heading?.focus();
    } else if (!this.open && this.dialog.open) {
      this.dialog.close();
    }
  }

  private reset() {
    this.loadedFor = undefined;
    this.participants = undefined;
    this.relationship = undefined;
    this.relationshipWith = undefined;
    this.error = '';
    this.announcer.clear();
    this.search.clear();
    this.people.clear();
  }

  /** Loads what the sheet shows beyond the summary: the summary itself if the list lacks it, participants, the relationship. */
  private async load() {
    const store = this.data.store!;
    const id = this.conversationId;
    if (!id) return;
    if (!this.conversation) {
      try {
        await store.conversation(id);
      } catch (error) {
        this.error = describeError(ImError.from(error), this.l10n.t);
        return;
      }
      if (id !== this.conversationId) return;
    }
    const c = this.conversation!;
    const options = this.optionsFor(c);
    if (options.has('participants')) void this.loadParticipants();
    const other = this.relationshipByDefault(c);
    if (options.has('relationship') && other) void this.loadRelationship(other);
    // Whether a report covers this deleted course conversation decides whether Restore is offered.
    const ctx = this.permissionContext(c);
    if (c.kind === 'course' && c.deleted && ctx && isModerator(ctx)) {
      void store.loadReports().catch(() => undefined);
    }
  }

  /** The person the relationship is with before the reader chooses one: the other one in a one-to-one, the sender of a one-way message. */
  private relationshipByDefault(c: ConversationSummary): string | undefined {
    if (c.kind === 'one-to-one') return c.peer?.id;
    if ((c.kind === 'mass' || c.kind === 'system') && c.createdBy !== this.data.state?.user?.id) return c.createdBy;
    return undefined;
  }

  /** Fetches what the reader shares with `userId`; only the answer for the person last asked about counts. */
  private async loadRelationship(userId: string) {
    const store = this.data.store;
    const id = this.conversationId;
    if (!store) return;
    this.relationshipWith = userId;
    this.relationship = undefined;
    try {
      const relationship = await store.relationship(userId);
      if (id === this.conversationId && this.relationshipWith === userId) this.relationship = relationship;
    } catch (error) {
      if (id === this.conversationId) this.error = describeError(ImError.from(error), this.l10n.t);
    }
  }

  /** Fetches the participants; only the newest answer counts. */
  private async loadParticipants() {
    const store = this.data.store;
    const id = this.conversationId;
    if (!store || !this.open || !this.conversation) return;
    const request = ++this.participantsRequest;
    try {
      const participants = await store.participants(id);
      if (request === this.participantsRequest && id === this.conversationId) this.participants = participants;
    } catch (error) {
      if (request === this.participantsRequest) this.error = describeError(ImError.from(error), this.l10n.t);
    }
  }

  protected override storeEvent(event: ImEvent) {
    if (!this.open) return;
    if ((event.type === 'conversation-updated' || event.type === 'conversation-added') && event.conversation.id === this.conversationId) {
      // Someone joined, left or was removed: the summary changed, so the list may have too.
      if (this.optionsFor(event.conversation).has('participants')) void this.loadParticipants();
    } else if (event.type === 'conversation-removed' && event.conversationId === this.conversationId) {
      // Left here or elsewhere, or removed by a moderator: there is nothing left to set.
      this.close();
    }
  }

  // ---- What the reader may do

  private permissionContext(c: ConversationSummary): PermissionContext | undefined {
    return permissionContextOf(this.data.state?.user, c);
  }

  /** A newer, live conversation of the same course, once this one was deleted. */
  private currentCourseConversation(s: StoreState): ConversationSummary | undefined {
    const c = s.conversations.get(this.conversationId);
    if (!c || c.kind !== 'course' || !c.deleted || !c.course) return undefined;
    for (const other of s.conversations.values()) {
      if (other.kind === 'course' && !other.deleted && other.course?.id === c.course.id && other.id !== c.id) return other;
    }
    return undefined;
  }

  /** The options shown: the spec's for the kind, of those what the permissions allow. */
  private optionsFor(c: ConversationSummary): Set<SheetOption> {
    const ctx = this.permissionContext(c);
    const state = this.data.state;
    const shown = new Set<SheetOption>();
    if (!ctx || !state) return shown;
    const current = this.currentCourseConversation(state);
    for (const option of specOptions[c.kind]) {
      const action = permission[option];
      if (action && !canConversation(action, ctx)) continue;
      switch (option) {
        // Read positions belong to participants; a reviewer's view is not in their list.
        case 'markUnread':
          if (c.access !== 'participant') continue;
          break;
        case 'startNew':
          if (current) continue;
          break;
        case 'openCurrent':
          if (!current) continue;
          break;
        // Spec 5.7: restored "by accessing the original report", so for reviewers of a report on it.
        case 'restore':
          if (current || !(c.access === 'reviewer' || state.reports.some((r) => r.conversationId === c.id))) continue;
          break;
        case 'participantPage':
          if (!c.course || !participantPageUrl(this.participantsUrl, c.course.id)) continue;
          break;
      }
      shown.add(option);
    }
    return shown;
  }

  // ---- Rendering

  override render() {
    const { t } = this.l10n;
    const c = this.open ? this.conversation : undefined;
    const options = c ? this.optionsFor(c) : new Set<SheetOption>();
    return html`<dialog part="sheet" aria-labelledby="title" aria-describedby=${c ? 'subtitle' : nothing} @cancel=${this.onCancel}>
      <header>
        <div class="titles">
          <h2 id="title" tabindex="-1">${t.conversationSettings}</h2>
          ${c
            ? html`<p id="subtitle" class="subtitle">
                ${conversationName(c, t)}${c.deleted ? ` · ${t.deletedConversation}` : c.closed ? ` · ${t.closedConversation}` : ''}
              </p>`
            : nothing}
        </div>
        <button class="icon-button" type="button" aria-label=${t.close} @click=${this.close}>
          <svg viewBox="0 0 24 24" aria-hidden="true">${closeIcon}</svg>
        </button>
      </header>
      <div class="body">
        <p class="error" role="alert">${this.error}</p>
        ${c && options.has('search') ? this.renderSearch() : nothing}
        ${c ? this.renderActions(c, options) : nothing}
        ${c && options.has('participants') ? this.renderParticipants(c, options) : nothing}
        ${c && options.has('relationship') ? this.renderRelationship(c) : nothing}
      </div>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcer.text}</div>
    </dialog>`;
  }

  private renderSearch() {
    const { t, locale } = this.l10n;
    const s = t.settings;
    const hits = this.search.query ? (this.search.results ?? []) : [];
    return html`<section aria-labelledby="search-heading">
      <h3 id="search-heading" data-option="search">${s.searchInConversation}</h3>
      <div class="search-field">
        <svg viewBox="0 0 24 24" aria-hidden="true">${searchIcon}</svg>
        <input
          id="search"
          type="search"
          aria-labelledby="search-heading"
          placeholder=${s.searchHint}
          enterkeyhint="search"
          autocomplete="off"
          .value=${this.search.query}
          @input=${(e: InputEvent) => this.search.set((e.target as HTMLInputElement).value)}
          @keydown=${this.onSearchKeydown}
        />
      </div>
      <p class="status" role="status">${this.searchStatus()}</p>
      ${hits.length
        ? html`<ul class="hits" aria-label=${s.searchResults} @keydown=${(e: KeyboardEvent) => this.roving.handleKeydown(e)} @focusin=${this.onHitFocus}>
            ${repeat(
              hits,
              (hit) => hit.messageId,
              (hit) => html`<li>
                <button class="hit" type="button" @click=${() => this.openHit(hit)}>
                  <span class="sender">${hit.senderName}</span>
                  <time datetime=${new Date(hit.createdAt).toISOString()} title=${formatFullTime(hit.createdAt, locale)}
                    >${formatListTime(hit.createdAt, this.clock.now, locale)}</time
                  >
                  <span class="snippet">${hit.field === 'attachment' ? html`<span class="file">${s.file}</span> ` : nothing}${highlight(hit)}</span>
                </button>
              </li>`,
            )}
          </ul>`
        : nothing}
    </section>`;
  }

  private searchStatus() {
    const { t } = this.l10n;
    return describeSearch(this.search, this.search.results?.length ?? 0, t, { found: t.settings.messagesFound, none: t.settings.noMessagesFound });
  }

  private renderActions(c: ConversationSummary, options: Set<SheetOption>) {
    const { t } = this.l10n;
    const s = t.settings;
    const labels: Partial<Record<SheetOption, string>> = {
      markUnread: t.action.markUnread,
      rename: s.rename,
      close: s.close,
      reopen: s.reopen,
      delete: s.delete,
      startNew: s.startNew,
      openCurrent: s.openCurrent,
      restore: s.restore,
      participantPage: s.participantPage,
      report: t.action.report,
      leave: s.leave,
    };
    const shown = actionOrder.filter((o) => options.has(o));
    if (!shown.length) return nothing;
    const danger = new Set<SheetOption>(['delete', 'leave']);
    return html`<ul class="actions" aria-label=${s.options}>
      ${repeat(
        shown,
        (option) => option,
        (option) =>
          html`<li>
            ${option === 'participantPage'
              ? html`<a part="option" data-option=${option} href=${participantPageUrl(this.participantsUrl, c.course!.id)!}>${labels[option]}</a>`
              : html`<button
                  part="option"
                  type="button"
                  data-option=${option}
                  class=${danger.has(option) ? 'danger' : ''}
                  aria-disabled=${this.busy ? 'true' : nothing}
                  @click=${() => this.act(option)}
                >
                  ${labels[option]}
                </button>`}
          </li>`,
      )}
    </ul>`;
  }

  private renderParticipants(c: ConversationSummary, options: Set<SheetOption>) {
    const { t } = this.l10n;
    const s = t.settings;
    const me = this.data.state?.user?.id;
    return html`<section aria-labelledby="participants-heading">
      <h3 id="participants-heading" tabindex="-1" data-option="participants">${s.participants}</h3>
      <p class="count">${t.participantsCount(c.participantCount)}</p>
      ${options.has('addParticipants') ? this.renderAdd() : nothing}
      ${this.participants
        ? html`<ul class="people" aria-labelledby="participants-heading">
            ${repeat(
              this.participants,
              (p) => p.id,
              (p) => html`<li class="person">
                <im-avatar kind="person" name=${p.name} src=${p.avatarUrl ?? ''}></im-avatar>
                <span class="who">
                  <span class="name" dir="auto">${p.id === me ? s.you(p.name) : p.name}</span>
                  <span class="detail">${[p.title, s.role[p.role], p.creator ? s.creator : ''].filter(Boolean).join(' · ')}</span>
                </span>
                ${p.id !== me ? this.renderPersonMenu(p, options) : nothing}
              </li>`,
            )}
          </ul>`
        : html`<p class="muted" aria-busy="true">${s.loadingParticipants}</p>`}
    </section>`;
  }

  /** A participant's ⋯ menu: what you share with them, your one-to-one with them ("Sent to N people"), removing them. */
  private renderPersonMenu(p: Participant, options: Set<SheetOption>) {
    const s = this.l10n.t.settings;
    const items: MenuItem[] = [];
    if (options.has('relationship')) items.push({ id: 'relationship', label: s.relationship });
    if (p.conversationId) items.push({ id: 'open', label: s.openOneToOne });
    if (options.has('removeParticipant')) items.push({ id: 'remove', label: s.remove, danger: true });
    if (!items.length) return nothing;
    return html`<im-menu label=${s.participantOptions(p.name)} .items=${items} @im-menu-select=${(e: ElementEvent<'im-menu-select'>) => this.onPersonAction(p, e.detail.id)}></im-menu>`;
  }

  private async onPersonAction(p: Participant, action: string) {
    if (action === 'remove') return this.removePerson(p);
    if (action === 'open' && p.conversationId) return this.emit('im-conversation-open', { conversationId: p.conversationId });
    // The reader is taken to the relationship section, and told what was found.
    const loaded = this.loadRelationship(p.id);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#relationship-heading')?.focus();
    await loaded;
    const r = this.relationship;
    if (r?.person.id !== p.id) return;
    const s = this.l10n.t.settings;
    const shared = [...r.courses.map((x) => x.course.name), ...r.projects.map((x) => x.name)];
    this.announce(shared.length ? `${s.relationshipWith(r.person.name)} ${this.l10n.t.names(shared)}.` : s.relationshipNone(r.person.name));
  }

  private renderAdd() {
    const { t } = this.l10n;
    const s = t.settings;
    const candidates = this.candidates();
    return html`<div class="add">
      <label for="add" data-option="addParticipants">${s.addParticipants}</label>
      <div class="search-field">
        <svg viewBox="0 0 24 24" aria-hidden="true">${searchIcon}</svg>
        <input
          id="add"
          type="search"
          placeholder=${s.addHint}
          autocomplete="off"
          .value=${this.people.query}
          @input=${(e: InputEvent) => this.people.set((e.target as HTMLInputElement).value)}
          @keydown=${this.onAddKeydown}
        />
      </div>
      <p class="status" role="status">${this.peopleStatus(candidates.length)}</p>
      ${candidates.length
        ? html`<ul class="people" aria-label=${s.peopleToAdd}>
            ${repeat(
              candidates,
              (p) => p.id,
              (p) => html`<li class="person">
                <im-avatar kind="person" name=${p.name} src=${p.avatarUrl ?? ''}></im-avatar>
                <span class="who"><span class="name" dir="auto">${p.name}</span><span class="detail">${p.title}</span></span>
                ${p.messagingDisabled
                  ? html`<span class="off">${s.messagingOff}</span>`
                  : html`<button class="add-button" type="button" aria-label=${s.addPerson(p.name)} @click=${() => this.addPerson(p)}>${s.add}</button>`}
              </li>`,
            )}
          </ul>`
        : nothing}
    </div>`;
  }

  /** People found who are not in the conversation yet. */
  private candidates(): Extract<Recipient, { type: 'person' }>[] {
    if (!this.people.query) return [];
    const inside = new Set(this.participants?.map((p) => p.id));
    return (this.people.results ?? []).filter((r): r is Extract<Recipient, { type: 'person' }> => r.type === 'person' && !inside.has(r.id));
  }

  private peopleStatus(count: number) {
    const { t } = this.l10n;
    return describeSearch(this.people, count, t, { found: t.settings.peopleFound, none: t.settings.noPeopleFound });
  }

  private renderRelationship(c: ConversationSummary) {
    const s = this.l10n.t.settings;
    const r = this.relationship;
    // In a course conversation, your own place in the course comes first ("courses where you're the teacher").
    const yours = c.course && c.courseRole ? html`<p class="course-role">${s.yourCourseRole(c.course.name, s.role[c.courseRole])}</p>` : nothing;
    const content = !this.relationshipWith
      ? html`<p class="muted">${s.relationshipHint}</p>`
      : !r
      ? html`<p class="muted" aria-busy="true">${s.loading}</p>`
      : !r.courses.length && !r.projects.length
        ? html`<p>${s.relationshipNone(r.person.name)}</p>`
        : html`<p>${s.relationshipWith(r.person.name)}</p>
            ${r.courses.length
              ? html`<h4>${s.courses}</h4>
                  <ul class="shared">
                    ${r.courses.map(
                      (x) => html`<li>
                        <span class="name" dir="auto">${x.course.name}</span>
                        <span class="detail">${s.roles(s.role[x.yourRole], r.person.name, s.role[x.theirRole])}</span>
                      </li>`,
                    )}
                  </ul>`
              : nothing}
            ${r.projects.length
              ? html`<h4>${s.projects}</h4>
                  <ul class="shared">
                    ${r.projects.map((p) => html`<li><span class="name" dir="auto">${p.name}</span></li>`)}
                  </ul>`
              : nothing}`;
    return html`<section aria-labelledby="relationship-heading">
      <h3 id="relationship-heading" tabindex="-1" data-option="relationship">${s.relationship}</h3>
      ${yours} ${content}
    </section>`;
  }

  // ---- Keyboard

  private onCancel(event: Event) {
    // Escape: we close through `open`, so state and dialog never disagree.
    event.preventDefault();
    this.close();
  }

  private onSearchKeydown(event: KeyboardEvent) {
    // Escape in a filled field clears it, not the whole sheet.
    if (event.key === 'Escape' && this.search.query) {
      event.preventDefault();
      event.stopPropagation();
      this.search.clear();
    } else if (event.key === 'ArrowDown') {
      const first = this.renderRoot.querySelector<HTMLElement>('.hit[tabindex="0"]');
      if (!first) return;
      event.preventDefault();
      first.focus();
    }
  }

  private onAddKeydown(event: KeyboardEvent) {
    if (event.key === 'Escape' && this.people.query) {
      event.preventDefault();
      event.stopPropagation();
      this.people.clear();
    }
  }

  private onHitFocus(event: FocusEvent) {
    const hit = (event.target as HTMLElement).closest<HTMLElement>('.hit');
    if (hit) this.roving.setCurrent(hit);
  }

  // ---- Intents

  private announce(text: string) {
    void this.announcer.say(text);
  }

  /** Runs one command at a time: a second activation (a double click) while one runs does nothing. */
  private async run(work: () => Promise<unknown>, describe?: (error: ImError) => string | undefined): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = '';
    try {
      await work();
      return true;
    } catch (error) {
      const failure = ImError.from(error);
      this.error = describe?.(failure) ?? describeError(failure, this.l10n.t);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** After an option swapped for another (Close for Reopen), focus goes to the new one, or to the heading. */
  private async refocus(option?: SheetOption) {
    await this.updateComplete;
    const next = option && this.renderRoot.querySelector<HTMLElement>(`[data-option="${option}"]`);
    if (next) next.focus();
    else if (!this.shadowRoot!.activeElement) this.heading?.focus();
  }

  private openHit(hit: SearchHit) {
    this.emit('im-conversation-open', { conversationId: this.conversationId, seq: hit.seq });
    this.close();
  }

  private async act(option: SheetOption) {
    const { t } = this.l10n;
    const s = t.settings;
    const store = this.data.store;
    const c = this.conversation;
    // One command at a time: no dialog opens whose answer would then be dropped.
    if (!store || !c || this.busy) return;
    const id = c.id;
    switch (option) {
      case 'markUnread':
        await this.run(async () => {
          await store.markUnread(id);
          this.announce(t.markedUnread);
        });
        break;
      case 'rename': {
        const answer = await askInDialog(this.renderRoot, {
          heading: s.rename,
          field: { label: s.renameLabel, required: true, value: c.named ? c.name : '' },
          confirmLabel: s.renameConfirm,
        });
        if (!answer) return;
        await this.run(async () => {
          const renamed = await store.rename(id, answer.value);
          this.announce(s.renamed(renamed.name));
        });
        break;
      }
      case 'report': {
        // Spec: the reporter stays anonymous, except in a one-to-one (which has no such option here).
        const answer = await askInDialog(this.renderRoot, {
          heading: t.reportTitle,
          text: t.reportAnonymous,
          field: { label: t.reportReason, required: true },
          confirmLabel: t.reportConfirm,
        });
        if (!answer) return;
        await this.run(async () => {
          await store.report(id, answer.value);
          this.announce(s.reportSentAnonymous);
        });
        break;
      }
      case 'leave': {
        const answer = await askInDialog(this.renderRoot, { heading: s.leaveTitle, text: s.leaveText, confirmLabel: s.leaveConfirm, danger: true });
        if (!answer) return;
        if (await this.run(() => store.leave(id))) this.close();
        return;
      }
      case 'close': {
        const answer = await askInDialog(this.renderRoot, { heading: s.closeTitle, text: s.closeText, confirmLabel: s.closeConfirm });
        if (!answer) return;
        const done = await this.run(async () => store.close(id));
        if (done) this.announce(s.closed);
        await this.refocus(done ? 'reopen' : undefined);
        return;
      }
      case 'reopen': {
        const done = await this.run(async () => store.reopen(id));
        if (done) this.announce(s.reopened);
        await this.refocus(done ? 'close' : undefined);
        return;
      }
      case 'delete': {
        const answer = await askInDialog(this.renderRoot, { heading: s.deleteTitle, text: s.deleteText, confirmLabel: s.deleteConfirm, danger: true });
        if (!answer) return;
        const done = await this.run(async () => store.deleteConversation(id));
        if (done) this.announce(s.deleted);
        await this.refocus(done ? 'startNew' : undefined);
        return;
      }
      case 'startNew':
        await this.run(async () => {
          const fresh = await store.startCourseConversation(c.course!.id);
          this.emit('im-conversation-open', { conversationId: fresh.id });
          this.close();
        });
        return;
      case 'openCurrent': {
        const current = this.data.state && this.currentCourseConversation(this.data.state);
        if (!current) return;
        this.emit('im-conversation-open', { conversationId: current.id });
        this.close();
        return;
      }
      case 'restore': {
        const done = await this.run(
          () => store.restoreConversation(id),
          (error) => (error.code === 'invalid' ? s.restoreBlocked : undefined),
        );
        if (done) this.announce(s.restored);
        await this.refocus(done ? 'close' : undefined);
        return;
      }
    }
    await this.refocus();
  }

  private async addPerson(person: Extract<Recipient, { type: 'person' }>) {
    const store = this.data.store;
    if (!store) return;
    const done = await this.run(async () => {
      await store.addParticipants(this.conversationId, [person.id]);
      await this.loadParticipants();
    });
    if (done) this.announce(this.l10n.t.settings.added(person.name));
    // The person's row has gone from the results: the field is the natural place to go on from.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#add')?.focus();
  }

  private async removePerson(person: Participant) {
    const s = this.l10n.t.settings;
    const store = this.data.store;
    if (!store) return;
    const answer = await askInDialog(this.renderRoot, {
      heading: s.removeTitle(person.name),
      text: s.removeText(person.name),
      confirmLabel: s.remove,
      danger: true,
    });
    if (!answer) return;
    const done = await this.run(async () => {
      await store.removeParticipant(this.conversationId, person.id);
      await this.loadParticipants();
    });
    if (done) this.announce(s.removed(person.name));
    await this.updateComplete;
    if (done) this.renderRoot.querySelector<HTMLElement>('#participants-heading')?.focus();
  }
}
