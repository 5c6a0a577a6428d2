import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { LocalizeController } from '../../l10n/localize-controller.js';
import { AnchoredPopover } from '../shared/anchored-popover.js';
import type { ElementEvent } from '../shared/events.js';
import { smileIcon } from '../shared/icons.js';

export interface EmojiOptions {
  l10n: LocalizeController;
  /** Puts the chosen emoji in the field, where its caret was, with focus back there. */
  insert: (emoji: string) => void;
}

/**
 * The composer's "Insert emoji" button and its picker: a non-modal dialog above the button
 * holding `im-emoji-picker`, whose code and data load the first time it opens (its own
 * chunk and files, never the bundle's). Focus goes to the picker's search field, emptied;
 * choosing an emoji closes it and puts the emoji in the field; Escape closes it with focus
 * back on the button; Tab out of it or a click elsewhere closes it where focus went.
 */
export class EmojiController implements ReactiveController {
  /** The load failed, in the reader's words (for the composer's alert). */
  error = '';
  private open = false;
  /** The picker's code has loaded: it is rendered from then on, shown or not. */
  private loaded = false;
  private readonly popover = new AnchoredPopover({
    popup: () => this.host.renderRoot.querySelector<HTMLElement>('#emoji'),
    button: () => this.host.renderRoot.querySelector<HTMLElement>('.emoji-button'),
    placement: 'top-end',
    close: (returnFocus) => this.close(returnFocus),
  });

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment },
    private readonly options: EmojiOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected() {
    this.close(false);
  }

  render() {
    const { t } = this.options.l10n;
    return html`<button
        class="icon-button emoji-button"
        type="button"
        aria-label=${t.insertEmoji}
        aria-haspopup="dialog"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="emoji"
        @click=${() => void (this.open ? this.close() : this.show())}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">${smileIcon}</svg>
      </button>
      <div
        id="emoji"
        class="emoji"
        role="dialog"
        aria-label=${t.emojiPicker.label}
        popover="manual"
        @keydown=${this.popover.onKeydown}
        @focusout=${this.popover.onFocusout}
      >
        ${this.loaded ? html`<im-emoji-picker @im-emoji-select=${this.onChoose}></im-emoji-picker>` : nothing}
      </div>`;
  }

  private async show() {
    const { t } = this.options.l10n;
    try {
      await import('./emoji-picker.js');
    } catch (error) {
      this.error = t.emojiLoadFailed((error as Error).message ?? '');
      this.host.requestUpdate();
      return;
    }
    this.error = '';
    // The composer may have gone while the picker loaded (the panel closed): nothing to open then.
    if (!this.host.isConnected) return;
    this.loaded = this.open = true;
    this.host.requestUpdate();
    await this.host.updateComplete;
    // Or gone (which closes it) while it rendered.
    if (!this.open) return;
    await this.popover.show();
    const picker = this.host.renderRoot.querySelector('im-emoji-picker');
    await picker?.updateComplete;
    picker?.reset();
    picker?.focus();
  }

  /** Closes the picker; focus goes back to its button unless `returnFocus` is false. */
  close(returnFocus = true) {
    if (!this.open) return;
    this.open = false;
    this.popover.hide();
    this.host.requestUpdate();
    if (returnFocus) this.host.renderRoot.querySelector<HTMLElement>('.emoji-button')?.focus();
  }

  private onChoose = (event: ElementEvent<'im-emoji-select'>) => {
    this.close(false);
    this.options.insert(event.detail.emoji);
  };
}
