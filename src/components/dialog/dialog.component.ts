import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { LocalizeController } from '../../l10n/localize-controller.js';
// Our full tables: past the badge, elements say more than its few entries.
import '../../l10n/tables.js';
import { dialogBox, theme } from '../shared/shared.styles.js';
import { isTabKey } from '../shared/tab-key.js';
import styles from './dialog.styles.js';

export interface DialogField {
  label: string;
  /** Must not be empty to confirm. */
  required?: boolean;
  value?: string;
}

export interface DialogChoice {
  label: string;
  options: { value: string; label: string }[];
}

export interface DialogAnswer {
  /** What was typed in the field. */
  value: string;
  /** What was chosen. */
  choice: string;
}

/**
 * @tagname im-dialog
 * @summary A small modal question: confirm a destructive action, or ask for a text or a choice.
 *
 * Focus goes to the first field, or to Cancel when the action is destructive (the
 * least harmful choice). Escape cancels. Focus returns where it was.
 *
 * @csspart dialog - The dialog.
 */
export class ImDialog extends LitElement {
  static override styles = [theme, dialogBox, styles];

  /** The question, as the dialog's title. */
  @property() heading = '';

  /** More explanation under the title. */
  @property() text = '';

  /** The label of the confirming button. */
  @property({ attribute: 'confirm-label' }) confirmLabel = '';

  /** The action destroys something: red button, focus on Cancel. */
  @property({ type: Boolean }) danger = false;

  /** A text to ask for. */
  @property({ attribute: false }) field?: DialogField;

  /** A choice to ask for, as a list box. */
  @property({ attribute: false }) choice?: DialogChoice;

  @state() private value = '';
  /** Confirm was chosen with a required field empty: the field says what it needs. */
  @state() private missing = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  private resolve?: (answer: DialogAnswer | undefined) => void;
  private returnFocus?: HTMLElement;

  private readonly l10n = new LocalizeController(this);

  override render() {
    const { t } = this.l10n;
    return html`<dialog
      part="dialog"
      aria-labelledby="heading"
      aria-describedby=${this.text ? 'text' : nothing}
      @cancel=${this.onCancel}
      @keydown=${this.onKeydown}
    >
      <h2 id="heading">${this.heading}</h2>
      ${this.text ? html`<p id="text">${this.text}</p>` : nothing}
      ${this.choice
        ? html`<label for="choice">${this.choice.label}</label>
            <select id="choice">
              ${this.choice.options.map((o) => html`<option value=${o.value}>${o.label}</option>`)}
            </select>`
        : nothing}
      ${this.field
        ? html`<label for="field">${this.field.label}</label>
            <textarea
              id="field"
              .value=${this.value}
              ?required=${!!this.field.required}
              aria-invalid=${this.missing ? 'true' : nothing}
              aria-describedby=${this.missing ? 'field-error' : nothing}
              @input=${this.onInput}
            ></textarea>
            ${this.missing ? html`<p id="field-error" class="field-error">${t.fieldRequired(this.field.label)}</p>` : nothing}`
        : nothing}
      <div class="buttons">
        <button type="button" class="cancel" @click=${() => this.finish(undefined)}>${t.cancel}</button>
        <button type="button" class="confirm ${this.danger ? 'danger' : ''}" @click=${this.confirm}>${this.confirmLabel}</button>
      </div>
    </dialog>`;
  }

  /** Shows the dialog; resolves with the answer, or `undefined` when cancelled. */
  async ask(): Promise<DialogAnswer | undefined> {
    this.value = this.field?.value ?? '';
    this.missing = false;
    await this.updateComplete;
    this.returnFocus = deepActiveElement();
    this.dialog.showModal();
    const first = this.renderRoot.querySelector<HTMLElement>(this.danger ? '.cancel' : 'select, textarea, .confirm');
    first?.focus();
    return new Promise((resolve) => (this.resolve = resolve));
  }

  /**
   * Tab from the last control goes round to the first, Shift+Tab from the first to the last
   * (APG modal dialog). Left to the browser, focus goes out to its own controls: Chromium comes
   * back in on the first control, WebKit on the dialog itself, and Firefox 153 not at all into
   * a dialog in a shadow root, which left a keyboard user outside the question.
   */
  private onKeydown(event: KeyboardEvent) {
    if (!isTabKey(event) || event.altKey || event.ctrlKey || event.metaKey) return;
    const controls = [...this.dialog.querySelectorAll<HTMLElement>('select, textarea, button')];
    const [first, last] = [controls[0], controls.at(-1)];
    if (this.shadowRoot!.activeElement !== (event.shiftKey ? first : last)) return;
    event.preventDefault();
    (event.shiftKey ? last : first)?.focus();
  }

  private onInput(event: InputEvent) {
    this.value = (event.target as HTMLTextAreaElement).value;
    if (this.value.trim()) this.missing = false;
  }

  /**
   * Confirms; with a required field left empty (or blank) it says so under the field and
   * puts focus there, rather than offering a button that can't be used without saying why.
   */
  private async confirm() {
    if (this.field?.required && !this.value.trim()) {
      this.missing = true;
      await this.updateComplete;
      this.renderRoot.querySelector('textarea')?.focus();
      return;
    }
    const select = this.renderRoot.querySelector('select');
    this.finish({ value: this.value.trim(), choice: select?.value ?? '' });
  }

  private onCancel(event: Event) {
    event.preventDefault();
    // Escape here must not also close the panel below.
    event.stopPropagation();
    this.finish(undefined);
  }

  private finish(answer: DialogAnswer | undefined) {
    this.dialog.close();
    this.returnFocus?.focus();
    this.resolve?.(answer);
    this.resolve = undefined;
  }
}

function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

/** Asks a question in a dialog placed in `root`, removing it afterwards. */
export async function askInDialog(
  root: Element | DocumentFragment,
  options: Pick<ImDialog, 'heading' | 'confirmLabel'> & Partial<Pick<ImDialog, 'text' | 'danger' | 'field' | 'choice'>>,
): Promise<DialogAnswer | undefined> {
  const dialog = document.createElement('im-dialog') as ImDialog;
  Object.assign(dialog, options);
  root.append(dialog);
  try {
    return await dialog.ask();
  } finally {
    dialog.remove();
  }
}
