import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { defaultAttachmentPolicy, type AttachmentPolicy } from '../../model/attachments.js';
import type { Message } from '../../model/types.js';
import { iconButton, theme, visuallyHidden, writing } from '../shared/shared.styles.js';
import { StoreElement } from '../shared/store-element.js';
import { UploadsController } from '../shared/uploads.js';
import styles from './composer.styles.js';
import { EmojiController } from './emoji.js';
import { clipIcon, crossIcon, sendIcon } from '../shared/icons.js';


/**
 * @tagname im-composer
 * @summary Where a message is written: text, files, and the modes for replying and editing.
 *
 * Enter sends, Shift+Enter starts a new line. Files are checked (size, type) before
 * they upload, then upload at once with a progress bar and a way to cancel. The text
 * is kept as a draft per conversation. In reply and edit mode the field is named for
 * the mode ("Reply to Noah Johansen", "Editing your message") and described by the
 * banner; Escape leaves the mode with focus staying in the field.
 *
 * "Insert emoji" opens an emoji picker (a dialog with search, categories and skin tones),
 * whose code and data load the first time it opens; the emoji chosen goes where the caret
 * was, with focus back in the field.
 *
 * @csspart input - The text field.
 * @csspart send - The send button.
 *
 * @fires {CustomEvent<{ text: string; attachments: Attachment[]; replyTo?: Message }>} im-message-send - Send a new message.
 * @fires {CustomEvent<{ message: Message; text: string }>} im-message-edit - Save an edited message.
 * @fires {CustomEvent<{ mode: 'edit' | 'reply' }>} im-composer-cancel - Leave edit or reply mode.
 */
export class ImComposer extends StoreElement {
  static override styles = [theme, visuallyHidden, iconButton, writing, styles];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The conversation written to: its draft is kept under this id. */
  @property({ attribute: 'conversation-id' }) conversationId = '';

  /** Who the message goes to, for "Write message to NAME…". */
  @property({ attribute: 'recipient-name' }) recipientName = '';

  /** A message being edited; the composer shows its text and saves instead of sending. */
  @property({ attribute: false }) editing?: Message;

  /** The message being replied to. */
  @property({ attribute: false }) replyTo?: Message;

  /** Size and type rules for files (the backend enforces the same); unset, `defaultAttachmentPolicy`. */
  @property({ attribute: false }) policy?: AttachmentPolicy;


  @state() private text = '';

  @query('textarea') private field!: HTMLTextAreaElement;
  @query('input[type="file"]') private picker!: HTMLInputElement;

  protected override storeChanged() {
    this.loadDraft();
  }

  private readonly uploads = new UploadsController(this, { store: () => this.data.store, policy: () => this.policy ?? defaultAttachmentPolicy, l10n: this.l10n });
  private readonly emoji = new EmojiController(this, { l10n: this.l10n, insert: (emoji) => this.insert(emoji) });

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('conversationId')) {
      this.uploads.clear();
      this.loadDraft();
    }
    if (changed.has('editing')) this.text = this.editing ? this.editing.text : (this.data.state?.drafts.get(this.conversationId) ?? '');
  }

  private loadDraft() {
    if (!this.editing) this.text = this.data.state?.drafts.get(this.conversationId) ?? '';
  }

  private get canSend() {
    if (this.uploads.uploading) return false;
    if (this.editing) return this.text.trim() !== '' || this.editing.attachments.length > 0;
    return this.text.trim() !== '' || this.uploads.attachments.length > 0;
  }

  override render() {
    const { t } = this.l10n;
    const writeTo = t.writeMessageTo(this.recipientName || '…');
    // The field says which mode it is in: its name is what the reader is doing, the banner describes it.
    const label = this.editing ? t.editingYourMessage : this.replyTo ? t.replyTo(this.replyTo.sender.name) : writeTo;
    return html`
      ${this.editing
        ? this.renderMode(t.editingMessage, 'edit')
        : this.replyTo
          ? this.renderMode(`${t.replyingTo(this.replyTo.sender.name)}: ${this.replyTo.text}`, 'reply')
          : nothing}
      <div class="errors" role="alert">${[...this.uploads.errors, ...(this.emoji.error ? [this.emoji.error] : [])].map((e) => html`<p>${e}</p>`)}</div>
      ${this.uploads.files.length ? this.uploads.render(() => this.field.focus()) : nothing}
      <div class="row">
        <textarea
          part="input"
          rows="1"
          aria-label=${label}
          aria-describedby=${this.editing || this.replyTo ? 'mode' : nothing}
          placeholder=${writeTo}
          enterkeyhint="send"
          .value=${this.text}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
        ></textarea>
        ${this.emoji.render()}
        ${this.editing
          ? nothing
          : html`<button class="icon-button" type="button" aria-label=${t.attachFiles} @click=${() => this.picker.click()}>
                <svg viewBox="0 0 24 24" aria-hidden="true">${clipIcon}</svg>
              </button>
              <input type="file" multiple tabindex="-1" aria-hidden="true" @change=${this.onPick} />`}
        <button part="send" class="icon-button" type="button" aria-label=${this.editing ? t.save : t.send} ?disabled=${!this.canSend} @click=${this.submit}>
          <svg viewBox="0 0 24 24" aria-hidden="true">${sendIcon}</svg>
        </button>
      </div>
    `;
  }

  private renderMode(label: string, mode: 'edit' | 'reply') {
    const { t } = this.l10n;
    return html`<div class="mode">
      <span id="mode" dir="auto">${label}</span>
      <button class="icon-button" type="button" aria-label=${mode === 'edit' ? t.cancelEdit : t.cancelReply} @click=${() => this.cancelMode(mode)}>
        <svg viewBox="0 0 24 24" aria-hidden="true">${crossIcon}</svg>
      </button>
    </div>`;
  }

  /** Adds files as if picked: checked, then uploaded. */
  addFiles(picked: File[]) {
    this.uploads.add(picked);
  }

  private onPick(event: Event) {
    const input = event.target as HTMLInputElement;
    this.addFiles([...(input.files ?? [])]);
    input.value = '';
    this.field.focus();
  }

  private onInput(event: InputEvent) {
    this.changed((event.target as HTMLTextAreaElement).value);
  }

  private changed(text: string) {
    this.text = text;
    if (!this.editing) this.data.store?.setDraft(this.conversationId, this.text);
  }

  /** Puts an emoji where the caret was (over the selection), the caret after it, focus in the field. */
  private insert(emoji: string) {
    const field = this.field;
    field.setRangeText(emoji, field.selectionStart, field.selectionEnd, 'end');
    this.changed(field.value);
    field.focus();
  }

  private onKeydown(event: KeyboardEvent) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    } else if (event.key === 'Escape' && (this.editing || this.replyTo)) {
      // Handled here, so the panel around stays open.
      event.preventDefault();
      event.stopPropagation();
      this.cancelMode(this.editing ? 'edit' : 'reply');
    }
  }

  private cancelMode(mode: 'edit' | 'reply') {
    this.emit('im-composer-cancel', { mode });
    this.field.focus();
  }

  private submit() {
    if (!this.canSend) return;
    const text = this.text;
    if (this.editing) {
      this.emit('im-message-edit', { message: this.editing, text });
    } else {
      const attachments = this.uploads.attachments;
      this.emit('im-message-send', this.replyTo ? { text, attachments, replyTo: this.replyTo } : { text, attachments });
      this.data.store?.setDraft(this.conversationId, '');
    }
    this.text = '';
    this.uploads.clear();
    this.field.focus();
  }

  /** Focuses the text field. */
  override focus() {
    this.field?.focus();
  }
}
