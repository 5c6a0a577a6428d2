import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { defaultAttachmentPolicy, type AttachmentPolicy } from '../../model/attachments.js';
import { ImError } from '../../model/errors.js';
import { MAX_RECIPIENTS, decideRecipients, type RecipientDecision } from '../../model/recipients.js';
import type { ConversationSummary, Person, Recipient } from '../../model/types.js';
import { newClientId } from '../../state/store.js';
import '../recipient-field/recipient-field.js';
import type { ImRecipientField } from '../recipient-field/recipient-field.component.js';
import { backBar } from '../shared/back-bar.styles.js';
import { describeError } from '../shared/describe.js';
import type { ElementEvent } from '../shared/events.js';
import { iconButton, theme, visuallyHidden, writing } from '../shared/shared.styles.js';
import { StoreElement } from '../shared/store-element.js';
import styles from './new-conversation.styles.js';
import { UploadsController } from '../shared/uploads.js';
import { backIcon, clipIcon, sendIcon } from '../shared/icons.js';


type Mode = 'group' | 'individual';
/** How the spec words feedback about people who can't receive messages (spec: "Disabled Messaging Feedback"). */
type DisabledKind = 'one-to-one' | 'group' | 'course';

/** The same choice whatever the order it was made in. */
const keyOf = (recipients: Recipient[]) =>
  recipients
    .map((r) => `${r.type}:${r.id}`)
    .sort()
    .join(',');

/**
 * @tagname im-new-conversation
 * @summary The "New message" form: recipients, the group or individual choice, the message and its files.
 *
 * Follows the spec's "Big courses or groups" matrix through `decideRecipients`: the
 * group/individual choice shows exactly when it applies; more than 300 people, or a
 * course or project over 300 with anything else, is refused before sending; a course or
 * project over 300 alone goes to its course or project conversation. Only the backend can
 * count unique people across courses, so that refusal comes after sending. People who
 * can't receive messages are named before sending (the backend is asked as the choice
 * changes) and after. The message is written as in the composer: Enter sends, Shift+Enter
 * starts a new line; files are checked, then upload at once.
 *
 * Sending opens the new conversation (for individual messages, the "Sent to N people"
 * item). When someone was left out because messaging is turned off for them, the form
 * first says so, with a button to open the conversation. Focus starts in the recipient field.
 *
 * @csspart recipients - The recipient field (`<im-recipient-field>`).
 * @csspart choice - The group or individual choice.
 * @csspart input - The message field.
 * @csspart send - The send button.
 *
 * @fires {CustomEvent<{ conversationId: string }>} im-conversation-open - The message went out; open this conversation.
 * @fires {CustomEvent<Record<string, never>>} im-back - Back to the list without sending.
 */
export class ImNewConversation extends StoreElement {
  static override styles = [theme, visuallyHidden, iconButton, writing, backBar, styles];

  /** The chosen recipients. A host may preset them ("Message Kari" on a profile page). */
  @property({ attribute: false }) recipients: Recipient[] = [];

  /** How several people get the message when the form offers the choice: one group conversation, or one each. */
  @property() mode: Mode = 'group';

  /** Size and type rules for files (the backend enforces the same); unset, `defaultAttachmentPolicy`. */
  @property({ attribute: false }) policy?: AttachmentPolicy;

  @state() private text = '';
  /** One id per message, kept across retries of it, so a send that got through before a failure is not stored twice. */
  private clientId = newClientId();
  @state() private sending = false;
  /** Why the last send failed, in the reader's words. */
  @state() private error = '';
  /** The choice the backend refused as too many people: sending it again would fail the same way. */
  @state() private refusedFor?: string;
  /** Sent, but someone was left out: the form says so before the conversation opens. */
  @state() private sent?: { conversation: ConversationSummary; notice: string };

  @query('im-recipient-field') private field?: ImRecipientField;
  @query('textarea') private textField?: HTMLTextAreaElement;
  @query('input[type="file"]') private picker?: HTMLInputElement;
  @query('.sent button') private openButton?: HTMLButtonElement;

  private readonly uploads = new UploadsController(this, { store: () => this.data.store, policy: () => this.policy ?? defaultAttachmentPolicy, l10n: this.l10n });
  /** Who the choice reaches, for the messaging-disabled note; asked again as the choice changes, the newest answer wins. */
  private readonly reach = new Task(this, {
    task: async ([store, recipients]) => {
      const decision = decideRecipients(recipients);
      if (!store || decision.outcome === 'none' || decision.outcome === 'error') return undefined;
      try {
        const result = await store.checkRecipients(recipients);
        return { uniqueCount: result.uniqueCount, disabled: result.messagingDisabled };
      } catch {
        // Only a hint: sending gives the backend's final word.
        return undefined;
      }
    },
    args: () => [this.data.store, this.recipients] as const,
  });

  override willUpdate(changed: PropertyValues<this>) {
    // A different message (other text or recipients) is a different send.
    if (changed.has('recipients') || changed.has('mode') || (changed as Map<string, unknown>).has('text')) this.clientId = newClientId();
    if (changed.has('mode') && this.mode !== 'group' && this.mode !== 'individual') {
      console.warn(`im-new-conversation: mode must be "group" or "individual", not "${String(this.mode)}".`);
      this.mode = 'group';
    }
    if (changed.has('recipients')) {
      if (!Array.isArray(this.recipients)) {
        console.warn('im-new-conversation: recipients must be an array.');
        this.recipients = [];
      }
      this.error = '';
    }
  }

  override async firstUpdated() {
    await this.field?.updateComplete;
    this.field?.focus();
  }

  private get decision(): RecipientDecision {
    return decideRecipients(this.recipients);
  }

  override render() {
    const { t } = this.l10n;
    return html`
      <div class="bar">
        <button class="icon-button back" type="button" aria-label=${t.backToConversations} @click=${this.back}>
          <svg viewBox="0 0 24 24" aria-hidden="true">${backIcon}</svg>
        </button>
        <h2>${t.newMessage}</h2>
      </div>
      ${this.sent ? this.renderSent(this.sent.notice) : this.renderForm()}
    `;
  }

  private renderForm() {
    const { t } = this.l10n;
    const decision = this.decision;
    return html`
      <div class="form">
        <im-recipient-field
          part="recipients"
          .store=${this.data.store}
          .recipients=${this.recipients}
          error=${this.validation(decision)}
          @im-recipients-change=${this.onRecipientsChange}
        ></im-recipient-field>
        ${decision.showChoice ? this.renderChoice() : nothing}
        <div class="notes" role="status">
          ${this.notes(decision).map((note) => html`<p>${note}</p>`)}
        </div>
        <div class="errors" role="alert">
          ${this.validation(decision) ? html`<p>${this.validation(decision)}</p>` : nothing}
          ${this.error ? html`<p>${this.error}</p>` : nothing}
        </div>
      </div>
      <div class="composer">
        <div class="errors" role="alert">${this.uploads.errors.map((e) => html`<p>${e}</p>`)}</div>
        ${this.uploads.files.length ? this.uploads.render(() => this.textField?.focus()) : nothing}
        <div class="row">
          <button class="icon-button" type="button" aria-label=${t.attachFiles} @click=${() => this.picker?.click()}>
            <svg viewBox="0 0 24 24" aria-hidden="true">${clipIcon}</svg>
          </button>
          <input type="file" multiple tabindex="-1" aria-hidden="true" @change=${this.onPick} />
          <textarea
            part="input"
            rows="2"
            aria-label=${this.messageLabel()}
            placeholder=${this.messageLabel()}
            enterkeyhint="send"
            .value=${this.text}
            @input=${(e: InputEvent) => (this.text = (e.target as HTMLTextAreaElement).value)}
            @keydown=${this.onTextKeydown}
          ></textarea>
          <button part="send" class="icon-button" type="button" aria-label=${t.send} ?disabled=${!this.canSend} @click=${this.send}>
            <svg viewBox="0 0 24 24" aria-hidden="true">${sendIcon}</svg>
          </button>
        </div>
      </div>
    `;
  }

  private renderChoice() {
    const { t } = this.l10n;
    const option = (mode: Mode, label: string, hint: string) =>
      html`<div class="option">
        <input type="radio" id=${mode} name="mode" value=${mode} aria-describedby="${mode}-hint" .checked=${this.mode === mode} @change=${() => (this.mode = mode)} />
        <label class="label" for=${mode}>${label}</label>
        <span class="hint" id="${mode}-hint">${hint}</span>
      </div>`;
    return html`<fieldset part="choice">
      <legend>${t.newConversation.sendAs}</legend>
      ${option('group', t.kind.group, t.newConversation.groupHint)} ${option('individual', t.kind.individual, t.newConversation.individualHint)}
    </fieldset>`;
  }



  private renderSent(notice: string) {
    const { t } = this.l10n;
    return html`<div class="sent">
      <p role="alert"><strong>${t.newConversation.sent}.</strong> ${notice}</p>
      <button class="primary" type="button" @click=${this.openSent}>${t.newConversation.openConversation}</button>
    </div>`;
  }

  // ---- What the form says about the choice

  /** The refusal of the 300 rule that the form can see for itself, before sending. */
  private validation(decision: RecipientDecision): string {
    if (decision.outcome !== 'error') return '';
    const { t } = this.l10n;
    if (decision.reason === 'large-group-with-others') {
      const large = this.recipients.find((r) => r.type !== 'person' && r.participantCount > MAX_RECIPIENTS);
      if (large && large.type !== 'person') return t.newConversation.largeGroupWithOthers(MAX_RECIPIENTS, large.name, large.participantCount);
    }
    if (decision.reason === 'people-over-limit') return t.newConversation.peopleOverLimit(MAX_RECIPIENTS);
    return t.errors['too-many-recipients'];
  }

  /** Polite notes: where a large course's message goes, who can't receive it, that it is on its way. */
  private notes(decision: RecipientDecision): string[] {
    const { t } = this.l10n;
    const notes: string[] = [];
    if (decision.outcome === 'course' || decision.outcome === 'project') {
      const name = this.recipients[0]?.name ?? '';
      notes.push(decision.outcome === 'course' ? t.newConversation.goesToCourse(name, MAX_RECIPIENTS) : t.newConversation.goesToProject(name, MAX_RECIPIENTS));
    }
    const check = this.currentCheck;
    if (check?.disabled.length) notes.push(this.disabledNotice(check.disabled, this.disabledKind(decision)));
    if (this.sending) notes.push(t.sending);
    return notes;
  }

  private disabledNotice(people: Person[], kind: DisabledKind) {
    return this.l10n.t.messagingDisabled[kind](this.l10n.t.names(people.map((p) => p.name)));
  }

  /** What sending would make, in the words the spec uses for people left out. */
  private disabledKind(decision: RecipientDecision): DisabledKind {
    if (decision.outcome === 'course') return 'course';
    if (decision.outcome === 'one-to-one') return 'one-to-one';
    if (decision.outcome === 'project') return 'group';
    return this.mode === 'individual' ? 'one-to-one' : 'group';
  }

  /** The answer for the recipients chosen now; none while it is asked. */
  private get currentCheck() {
    return this.reach.status === TaskStatus.COMPLETE ? this.reach.value : undefined;
  }

  /** Everyone chosen has messaging turned off: nothing could be delivered (a course conversation still takes the message). */
  private nobodyCanReceive(decision: RecipientDecision) {
    const check = this.currentCheck;
    if (!check || decision.outcome === 'course' || decision.outcome === 'project') return false;
    return check.uniqueCount > 0 && check.disabled.length >= check.uniqueCount;
  }

  private messageLabel() {
    const { t } = this.l10n;
    if (!this.recipients.length) return t.newConversation.writeMessage;
    const names = this.recipients.slice(0, 3).map((r) => r.name);
    const more = this.recipients.length - names.length;
    return t.writeMessageTo(more > 0 ? `${names.join(', ')} ${t.moreParticipants(more)}` : t.names(names));
  }

  private get canSend() {
    const decision = this.decision;
    if (decision.outcome === 'none' || decision.outcome === 'error') return false;
    if (this.sending || this.uploads.uploading || this.refusedFor === keyOf(this.recipients) || this.nobodyCanReceive(decision)) return false;
    return this.text.trim() !== '' || this.uploads.attachments.length > 0;
  }

  // ---- Intents

  private onRecipientsChange(event: ElementEvent<'im-recipients-change'>) {
    this.recipients = event.detail.recipients;
  }

  private onTextKeydown(event: KeyboardEvent) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.send();
    }
  }

  private onPick(event: Event) {
    const input = event.target as HTMLInputElement;
    this.uploads.add([...(input.files ?? [])]);
    input.value = '';
    this.textField?.focus();
  }

  /** Adds files as if picked: checked, then uploaded. */
  addFiles(files: File[]) {
    this.uploads.add(files);
  }

  /** Sends the message as Send does; nothing happens while the form can't send. */
  async send() {
    const store = this.data.store;
    if (!store || !this.canSend) return;
    const { t } = this.l10n;
    const recipients = this.recipients;
    const decision = this.decision;
    this.sending = true;
    this.error = '';
    try {
      const result = await store.startConversation({
        recipients,
        mode: decision.showChoice ? this.mode : 'group',
        text: this.text,
        attachmentIds: this.uploads.attachments.map((a) => a.id),
        clientId: this.clientId,
      });
      this.text = '';
      this.uploads.clear();
      if (result.messagingDisabled.length) {
        const kind: DisabledKind =
          result.conversation.kind === 'course' ? 'course' : result.conversation.kind === 'one-to-one' || result.conversation.kind === 'individual' ? 'one-to-one' : 'group';
        this.sent = { conversation: result.conversation, notice: this.disabledNotice(result.messagingDisabled, kind) };
        await this.updateComplete;
        this.openButton?.focus();
      } else {
        this.emit('im-conversation-open', { conversationId: result.conversation.id });
      }
    } catch (error) {
      const failure = ImError.from(error);
      const details = failure.details ?? {};
      if (failure.code === 'too-many-recipients') this.refusedFor = keyOf(recipients);
      // Only the backend counts unique people across courses: its refusal says how many it found.
      this.error =
        failure.code === 'too-many-recipients' && details.reason === 'unique-over-limit' && typeof details.uniqueCount === 'number'
          ? t.newConversation.uniqueOverLimit(MAX_RECIPIENTS, details.uniqueCount)
          : describeError(failure, t);
    } finally {
      this.sending = false;
    }
  }

  private openSent() {
    if (this.sent) this.emit('im-conversation-open', { conversationId: this.sent.conversation.id });
  }

  private back() {
    this.emit('im-back', {});
  }

  /** Focuses the recipient field (or, once sent, the button that opens the conversation). */
  override focus(options?: FocusOptions) {
    if (this.sent) this.openButton?.focus(options);
    else this.field?.focus(options);
  }
}
