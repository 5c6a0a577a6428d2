import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ImEvent } from '../../model/events.js';
import { conversationActions, isModerator, permissionContextOf } from '../../model/permissions.js';
import type { ConversationSummary } from '../../model/types.js';
import type { StoreState } from '../../state/store.js';
import '../dialog/dialog.js';
import '../participants/participants.js';
import { Announcer } from '../shared/announcer.js';
import { askRunSay } from '../shared/ask-run-say.js';
import { CommandRunner } from '../shared/command-runner.js';
import { conversationName } from '../shared/describe.js';
import type { ElementEvent } from '../shared/events.js';
import { closeIcon } from '../shared/icons.js';
import { searchField } from '../shared/search-field.js';
import { errorLine, headingFocus, iconButton, sheetSection, theme, visuallyHidden } from '../shared/shared.styles.js';
import { sideSheet } from '../shared/side-sheet.styles.js';
import { StoreElement } from '../shared/store-element.js';
import { sheetOptions, type SheetFacts, type SheetOption } from './options.js';
import { ConversationSearch } from './search.js';
import { relationshipSaid, relationshipSection } from './relationship.js';
import styles from './settings-sheet.styles.js';

export type { SheetOption } from './options.js';

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
 * @summary A conversation's settings, from its gear button: search in it, mark it unread, mute, pin or hide it, its participants, and what you may manage.
 *
 * A modal dialog (APG) labelled by its heading; Escape or the close button closes it
 * and fires `im-close`, and the host returns focus to the gear button. It offers exactly
 * the options the spec lists for the conversation's kind, and of those only what
 * `model/permissions` allows the reader (the backend enforces the same rules).
 * The options are one table (`options.ts`); the participants are `<im-participants>`.
 * Destructive actions ask first; "Mute conversation" is a toggle button (`aria-pressed`) that keeps focus;
 * "Pin to top" and "Unpin" take each other's place, focus going with them. Everything updates live from the store: a rename, a
 * closing, people joining or leaving. Errors are announced assertively, successes politely.
 *
 * @csspart sheet - The dialog.
 * @csspart option - A button or link of the options list.
 * @cssprop --im-sheet-width - Width on wide screens; full width below 30rem.
 *
 * @fires {CustomEvent<Record<string, never>>} im-close - The sheet closed (Escape, the close button, after leaving or opening another conversation).
 * @fires {CustomEvent<{ conversationId: string; next?: string }>} im-conversation-hide - The reader hid the conversation from their list ("Hide from list"); `next` is the conversation that took its place there. The sheet closes after it.
 * @fires {CustomEvent<{ conversationId: string; seq?: number }>} im-conversation-open - A search hit was chosen (`seq` is its message), a new course conversation was started, or a recipient's one-to-one.
 */
export class ImSettingsSheet extends StoreElement {
  static override styles = [theme, visuallyHidden, iconButton, sideSheet, searchField, errorLine, sheetSection, headingFocus, styles];

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

  /** Whom "Your relationship" is about, once asked for or chosen. */
  @state() private relationshipWith?: string;

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('h2') private heading?: HTMLElement;

  private readonly announcer = new Announcer(this);
  /** One command at a time: while one runs, options say so (aria-disabled) and ignore activation. */
  private readonly commands = new CommandRunner(this, () => this.l10n.t);
  private readonly search = new ConversationSearch(this, {
    search: (query) => this.data.store?.searchConversation(this.conversationId, query) ?? Promise.resolve([]),
    open: (hit) => {
      this.emit('im-conversation-open', { conversationId: this.conversationId, seq: hit.seq });
      this.close();
    },
  });
  private readonly relationship = new Task(this, {
    task: async ([store, userId]) => (store && userId ? store.relationship(userId) : undefined),
    args: () => [this.data.store, this.relationshipWith] as const,
    onComplete: (r) => {
      if (r && this.relationshipAsked) void this.announcer.say(relationshipSaid(this.l10n.t, r));
      this.relationshipAsked = false;
    },
    onError: (error) => {
      this.relationshipAsked = false;
      this.commands.fail(error);
    },
  });
  /** The conversation whose data is loaded, so a new id or a late store loads again. */
  private loadedFor?: string;
  /** The reader chose a participant's relationship: say it when it has loaded. */
  private relationshipAsked = false;

  protected override selectState(s: StoreState) {
    return [s.conversations.get(this.conversationId), s.user, this.currentCourseConversation(s), s.reports];
  }

  protected override storeEvent(event: ImEvent) {
    // Left here or elsewhere, or removed by a moderator: there is nothing left to set.
    if (this.open && event.type === 'conversation-removed' && event.conversationId === this.conversationId) this.close();
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
    this.relationshipWith = undefined;
    this.relationshipAsked = false;
    this.commands.clear();
    this.announcer.clear();
    this.search.clear();
  }

  /** Loads the summary if the reader's list lacks it (a reviewer's view), and the relationship shown at once. */
  private async load() {
    const store = this.data.store!;
    const id = this.conversationId;
    if (!id) return;
    try {
      await store.conversation(id);
    } catch (error) {
      this.commands.fail(error);
      return;
    }
    const c = this.conversation;
    if (id !== this.conversationId || !c) return;
    if (this.optionsFor(c).has('relationship')) this.relationshipWith = this.relationshipByDefault(c);
    // Whether a report covers this deleted course conversation decides whether Restore is offered.
    const ctx = permissionContextOf(this.data.state?.user, c);
    if (c.kind === 'course' && c.deleted && ctx && isModerator(ctx)) void store.loadReports().catch(() => undefined);
  }

  /** The person the relationship is with before the reader chooses one: the other one in a one-to-one, the sender of a one-way message. */
  private relationshipByDefault(c: ConversationSummary): string | undefined {
    if (c.kind === 'one-to-one') return c.peer?.id;
    if ((c.kind === 'mass' || c.kind === 'system') && c.createdBy !== this.data.state?.user?.id) return c.createdBy;
    return undefined;
  }

  // ---- What the reader may do

  /** A newer, live conversation of the same course, once this one was deleted. */
  private currentCourseConversation(s: StoreState): ConversationSummary | undefined {
    const c = s.conversations.get(this.conversationId);
    if (!c || c.kind !== 'course' || !c.deleted || !c.course) return undefined;
    for (const other of s.conversations.values()) {
      if (other.kind === 'course' && !other.deleted && other.course?.id === c.course.id && other.id !== c.id) return other;
    }
    return undefined;
  }

  private facts(c: ConversationSummary): SheetFacts | undefined {
    const state = this.data.state;
    const ctx = permissionContextOf(state?.user, c);
    if (!state || !ctx) return undefined;
    const current = this.currentCourseConversation(state);
    const participantPage = c.course && participantPageUrl(this.participantsUrl, c.course.id);
    return {
      conversation: c,
      ctx,
      reported: state.reports.some((r) => r.conversationId === c.id),
      ...(current ? { current } : {}),
      ...(participantPage ? { participantPage } : {}),
    };
  }

  /** The options shown, in the table's order: those the table lists for the kind that the reader may use. */
  private optionsFor(c: ConversationSummary): Set<SheetOption> {
    const facts = this.facts(c);
    const shown = new Set<SheetOption>();
    if (!facts) return shown;
    const allowed = new Set(conversationActions(facts.ctx));
    for (const [option, spec] of Object.entries(sheetOptions) as [SheetOption, (typeof sheetOptions)[SheetOption]][]) {
      if (!spec.kinds.includes(c.kind)) continue;
      if (spec.permission && !allowed.has(spec.permission)) continue;
      if (spec.when && !spec.when(facts)) continue;
      shown.add(option);
    }
    // "Your relationship" needs someone to be about: the other person, the sender, or a participant to choose.
    if (!shown.has('participants') && !this.relationshipByDefault(c)) shown.delete('relationship');
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
        <p class="error" role="alert">${this.commands.error}</p>
        ${c && options.has('search') ? this.search.render(this.l10n) : nothing}
        ${c ? this.renderActions(c, options) : nothing}
        ${c && options.has('participants')
          ? html`<im-participants
              .store=${this.data.store}
              .conversation=${c}
              ?can-add=${options.has('addParticipants')}
              ?can-remove=${options.has('removeParticipant')}
              ?can-relate=${options.has('relationship')}
              @im-relationship-open=${this.onRelationshipOpen}
              @im-conversation-open=${() => this.close()}
            ></im-participants>`
          : nothing}
        ${c && options.has('relationship') ? this.renderRelationship(c) : nothing}
      </div>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcer.text}</div>
    </dialog>`;
  }

  private renderActions(c: ConversationSummary, options: Set<SheetOption>) {
    const { t } = this.l10n;
    const shown = [...options].filter((option) => sheetOptions[option].label);
    if (!shown.length) return nothing;
    return html`<ul class="actions" aria-label=${t.settings.options}>
      ${repeat(
        shown,
        (option) => option,
        (option) => {
          const spec = sheetOptions[option];
          const label = spec.label!(t);
          return html`<li>
            ${option === 'participantPage'
              ? html`<a part="option" data-option=${option} href=${this.facts(c)?.participantPage ?? ''}>${label}</a>`
              : html`<button
                  part="option"
                  type="button"
                  data-option=${option}
                  class=${spec.danger ? 'danger' : spec.pressed ? 'toggle' : ''}
                  aria-pressed=${spec.pressed ? String(spec.pressed(c)) : nothing}
                  aria-disabled=${this.commands.busy ? 'true' : nothing}
                  @click=${() => this.act(option)}
                >
                  ${label}${spec.pressed ? html`<span class="switch" aria-hidden="true"></span>` : nothing}
                </button>`}
          </li>`;
        },
      )}
    </ul>`;
  }

  /** What is known of the person asked about: nothing yet while it loads, the hint again after a failure (said in the alert). */
  private renderRelationship(c: ConversationSummary) {
    const failed = this.relationship.status === TaskStatus.ERROR;
    const r = this.relationship.value;
    return relationshipSection(this.l10n.t, c, !!this.relationshipWith && !failed, r?.person.id === this.relationshipWith ? r : undefined);
  }

  // ---- Keyboard

  private onCancel(event: Event) {
    // Escape: we close through `open`, so state and dialog never disagree.
    event.preventDefault();
    this.close();
  }

  // ---- Intents

  /** "Your relationship" from a participant's menu: the reader is taken there, and told what was found. */
  private onRelationshipOpen = async (event: ElementEvent<'im-relationship-open'>) => {
    const again = this.relationshipWith === event.detail.userId && this.relationship.status === TaskStatus.COMPLETE;
    this.relationshipAsked = !again;
    this.relationshipWith = event.detail.userId;
    // The same person asked about again: the answer is there, so it is said at once.
    if (again && this.relationship.value) void this.announcer.say(relationshipSaid(this.l10n.t, this.relationship.value));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#relationship-heading')?.focus();
  };

  /** Runs an option as its row of the table says: ask, run the intent, say it, then move focus, close or open. */
  private async act(option: SheetOption) {
    const { t } = this.l10n;
    const spec = sheetOptions[option];
    const store = this.data.store;
    const c = this.conversation;
    // One command at a time: no dialog opens whose answer would then be dropped.
    if (!store || !c || this.commands.busy) return;
    // Where the list's focus goes once the conversation leaves it: the one after it, or before it when it was last.
    const order = spec.then === 'hidden' ? (this.data.state?.order ?? []) : [];
    const at = order.indexOf(c.id);
    const next = at < 0 ? undefined : (order[at + 1] ?? order[at - 1]);
    const { outcome, result } = await askRunSay(this.renderRoot, this.commands, (text) => void this.announcer.say(text), {
      ...(spec.ask ? { ask: spec.ask(t, c) } : {}),
      run: async (answer) => spec.run?.(store, c, answer),
      said: (done) => spec.said?.(t, done),
      failure: (error) => spec.failure?.(t, error),
    });
    if (outcome === 'cancelled' || outcome === 'skipped') return;
    if (outcome === 'failed') return this.focusAfter();
    const then = spec.then;
    if (then === 'close') return this.close();
    if (then === 'hidden') {
      this.emit('im-conversation-hide', { conversationId: c.id, ...(next ? { next } : {}) });
      return this.close();
    }
    if (then === 'open') {
      const to = result ?? this.facts(c)?.current;
      if (to) this.emit('im-conversation-open', { conversationId: to.id });
      return this.close();
    }
    await this.focusAfter(then?.focus);
  }

  /** After an option swapped for another (Close for Reopen), focus goes to the new one, or to the heading. */
  private async focusAfter(option?: SheetOption) {
    await this.updateComplete;
    const next = option && this.renderRoot.querySelector<HTMLElement>(`[data-option="${option}"]`);
    if (next) next.focus();
    else if (!this.shadowRoot!.activeElement) this.heading?.focus();
  }
}
