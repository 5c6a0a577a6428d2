import { Task } from '@lit/task';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ImError } from '../../model/errors.js';
import type { ImEvent } from '../../model/events.js';
import type { ConversationSummary, Participant, Recipient } from '../../model/types.js';
import type { StoreState } from '../../state/store.js';
import '../avatar/avatar.js';
import '../menu/menu.js';
import type { MenuItem } from '../menu/menu.component.js';
import '../recipient-field/recipient-field.js';
import { Announcer } from '../shared/announcer.js';
import { askRunSay } from '../shared/ask-run-say.js';
import { CommandRunner } from '../shared/command-runner.js';
import { describeError } from '../shared/describe.js';
import type { ElementEvent } from '../shared/events.js';
import { errorLine, headingFocus, personList, primaryButton, sheetSection, theme, visuallyHidden } from '../shared/shared.styles.js';
import { StoreElement } from '../shared/store-element.js';
import styles from './participants.styles.js';

/**
 * @tagname im-participants
 * @summary A conversation's participants (avatar, name, title, role), each with their options, and the field that adds more.
 *
 * A section under its heading. Adding: the recipient field in its people-only mode
 * (people already in the conversation are not offered), then "Add participants" (help
 * 5.3). Each other participant has a ⋯ menu with what the reader may do: see what they
 * share ("Your relationship"), open the one-to-one a "Sent to N people" message went
 * through, remove them (a moderator, after confirming). The list follows changes made
 * by anyone, live. Successes are said politely, errors assertively; after a removal
 * focus goes to the heading, after adding to the field.
 *
 * @csspart person - One participant.
 *
 * @fires {CustomEvent<{ userId: string }>} im-relationship-open - "Your relationship" was chosen for a participant.
 * @fires {CustomEvent<{ conversationId: string }>} im-conversation-open - The reader opens their one-to-one with a recipient.
 */
export class ImParticipants extends StoreElement {
  static override styles = [theme, visuallyHidden, sheetSection, errorLine, primaryButton, headingFocus, personList, styles];

  /** The conversation whose participants are shown. */
  @property({ attribute: false }) conversation?: ConversationSummary;

  /** Whether the reader may add people (an open group they take part in). */
  @property({ type: Boolean, attribute: 'can-add' }) canAdd = false;

  /** Whether the reader may remove people (a teacher or administrator in a group). */
  @property({ type: Boolean, attribute: 'can-remove' }) canRemove = false;

  /** Whether participants offer "Your relationship". */
  @property({ type: Boolean, attribute: 'can-relate' }) canRelate = false;

  /** People chosen in the field, not added yet. */
  @state() private chosen: Recipient[] = [];
  /** "Add participants" was chosen with nobody in the field: the field says so. */
  @state() private nobodyChosen = false;

  private readonly announcer = new Announcer(this);
  private readonly commands = new CommandRunner(this, () => this.l10n.t);
  /** Loaded for the conversation, and again when its participants change (not on every message). */
  private readonly people = new Task(this, {
    task: async ([store, conversationId]) => (store && conversationId ? { conversationId, people: await store.participants(conversationId) } : undefined),
    args: () => [this.data.store, this.conversation?.id, this.conversation?.participantCount] as const,
  });

  protected override selectState(s: StoreState) {
    return [s.user];
  }

  /** Someone joined, left or was removed (one in, one out keeps the count): the list is asked again. */
  protected override storeEvent(event: ImEvent) {
    if (event.type === 'conversation-updated' && event.conversation.id === this.conversation?.id) void this.people.run();
  }

  /** Focuses the heading, so a screen reader says where the reader is. */
  focusHeading() {
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  override render() {
    const { t } = this.l10n;
    const s = t.settings;
    const c = this.conversation;
    if (!c) return nothing;
    return html`<section aria-labelledby="heading">
      <h3 id="heading" tabindex="-1">${s.participants}</h3>
      <p class="count">${t.participantsCount(c.participantCount)}</p>
      <p class="error" role="alert">${this.commands.error}</p>
      ${this.canAdd ? this.renderAdd() : nothing}
      ${this.people.render({
        // Asked again: the list stays (a focused menu button with it) until the answer replaces it.
        pending: () => {
          const shown = this.people.value;
          return shown?.conversationId === c.id ? this.renderList(shown.people) : html`<p class="muted" aria-busy="true">${s.loadingParticipants}</p>`;
        },
        complete: (loaded) => (loaded ? this.renderList(loaded.people) : nothing),
        error: (error) => html`<p class="muted">${describeError(ImError.from(error), t)}</p>`,
      })}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcer.text}</div>
    </section>`;
  }

  private renderList(people: Participant[]) {
    const s = this.l10n.t.settings;
    const me = this.data.state?.user?.id;
    return html`<ul aria-labelledby="heading">
      ${repeat(
        people,
        (p) => p.id,
        (p) => html`<li part="person">
          <im-avatar kind="person" name=${p.name} src=${p.avatarUrl ?? ''}></im-avatar>
          <span class="who">
            <span class="name" dir="auto">${p.id === me ? s.you(p.name) : p.name}</span>
            <span class="detail">${[p.title, s.role[p.role], p.creator ? s.creator : ''].filter(Boolean).join(' · ')}</span>
          </span>
          ${p.id !== me ? this.renderMenu(p) : nothing}
        </li>`,
      )}
    </ul>`;
  }

  /** A participant's ⋯ menu: what you share with them, your one-to-one with them ("Sent to N people"), removing them. */
  private renderMenu(p: Participant) {
    const s = this.l10n.t.settings;
    const items: MenuItem[] = [];
    if (this.canRelate) items.push({ id: 'relationship', label: s.relationship });
    if (p.conversationId) items.push({ id: 'open', label: s.openOneToOne });
    if (this.canRemove) items.push({ id: 'remove', label: s.remove, danger: true });
    if (!items.length) return nothing;
    const choose = (e: ElementEvent<'im-menu-select'>) => {
      if (e.detail.id === 'remove') void this.removePerson(p);
      else if (e.detail.id === 'open' && p.conversationId) this.emit('im-conversation-open', { conversationId: p.conversationId });
      else this.emit('im-relationship-open', { userId: p.id });
    };
    return html`<im-menu label=${s.participantOptions(p.name)} .items=${items} @im-menu-select=${choose}></im-menu>`;
  }

  private renderAdd() {
    const s = this.l10n.t.settings;
    const inside = this.people.value?.people.map((p) => p.id) ?? [];
    return html`<div class="add">
      <im-recipient-field
        .store=${this.data.store}
        label=${s.addParticipants}
        .types=${['person']}
        .exclude=${inside}
        .recipients=${this.chosen}
        error=${this.nobodyChosen ? s.chooseFirst : ''}
        @im-recipients-change=${this.onChosen}
      ></im-recipient-field>
      ${this.nobodyChosen ? html`<p class="error">${s.chooseFirst}</p>` : nothing /* said as the field's description when focus lands there */}
      <button class="primary-button" type="button" aria-disabled=${this.commands.busy ? 'true' : nothing} @click=${this.add}>
        ${s.addParticipants}
      </button>
    </div>`;
  }

  private onChosen = (event: ElementEvent<'im-recipients-change'>) => {
    this.chosen = event.detail.recipients;
    if (this.chosen.length) this.nobodyChosen = false;
  };

  private add = async () => {
    const store = this.data.store;
    const c = this.conversation;
    const people = this.chosen;
    if (!store || !c || this.commands.busy) return;
    // The button is always there to reach; with nobody chosen it says where to choose, and goes there.
    if (!people.length) {
      this.nobodyChosen = true;
      await this.updateComplete;
      this.renderRoot.querySelector('im-recipient-field')?.focus();
      return;
    }
    if (await this.commands.run(() => store.addParticipants(c.id, people.map((p) => p.id)))) {
      this.chosen = [];
      void this.announcer.say(this.l10n.t.settings.added(this.l10n.t.names(people.map((p) => p.name)), people.length));
    }
    // The chosen are in the list now (or still in the field, with what went wrong): the field is where to go on.
    await this.updateComplete;
    this.renderRoot.querySelector('im-recipient-field')?.focus();
  };

  private async removePerson(person: Participant) {
    const s = this.l10n.t.settings;
    const store = this.data.store;
    const c = this.conversation;
    if (!store || !c) return;
    const { outcome } = await askRunSay(this.renderRoot, this.commands, (text) => void this.announcer.say(text), {
      ask: { heading: s.removeTitle(person.name), text: s.removeText(person.name), confirmLabel: s.remove, danger: true },
      run: () => store.removeParticipant(c.id, person.id),
      said: () => s.removed(person.name),
    });
    await this.updateComplete;
    if (outcome === 'done') this.focusHeading();
  }
}
