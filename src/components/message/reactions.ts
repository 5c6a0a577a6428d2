import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Messages } from '../../l10n/en.js';
import type { Message } from '../../model/types.js';
import { AnchoredPopover } from '../shared/anchored-popover.js';

export interface ReactionsOptions {
  message?: Message;
  /** Who reacted with an emoji, as names to show (the reader as "You"). */
  whoReacted: (message: Message, emoji: string) => Promise<string[]>;
  /** The reader may react here: the list of who reacted offers their own toggle. */
  canReact: boolean;
  /** Tab index of the buttons (-1 in a feed until the reader enters the message). */
  tab: number;
  /** A button's name from its reaction's words ("👍 3, including you"): with the message, so no two are alike. */
  name: (reaction: string) => string;
  t: Messages;
  /** The reader reacts with `emoji` or takes it back. */
  react(emoji: string, added: boolean): void;
}

/**
 * A message's reactions: a button an emoji with its count ("👍 3, including you", and the
 * message it is on), and on request who reacted, in a non-modal dialog by the button that
 * takes focus. Escape closes it with focus back on the button; a click outside or Tab out of
 * it closes it where focus went. When the reader may react, the dialog ends with their toggle
 * ("Remove your 👍").
 */
export class ReactionsController implements ReactiveController {
  /** The emoji whose list is open, and what it says once loaded. */
  private open?: { emoji: string; names?: string[]; failed?: string };
  private readonly popover = new AnchoredPopover({
    popup: () => this.dialog(),
    button: () => this.button(this.open?.emoji ?? ''),
    placement: 'top-start',
    close: (returnFocus) => this.close(returnFocus),
  });

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment },
    private readonly options: () => ReactionsOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected() {
    this.close(false);
  }

  render() {
    const { message, tab, t, canReact, name } = this.options();
    const reactions = message?.reactions ?? [];
    if (!message || message.status !== 'normal' || !reactions.length) return nothing;
    const open = this.open;
    const mine = !!reactions.find((r) => r.emoji === open?.emoji)?.mine;
    return html`<div class="reactions" role="group" aria-label=${t.action.react}>
        ${reactions.map(
          (r) =>
            html`<button
              part="reaction"
              type="button"
              class=${r.mine ? 'reaction mine' : 'reaction'}
              data-emoji=${r.emoji}
              tabindex=${tab}
              aria-label=${name(t.reactionCount(r.emoji, r.count, !!r.mine))}
              aria-description=${t.showWhoReacted}
              aria-haspopup="dialog"
              aria-expanded=${open?.emoji === r.emoji ? 'true' : 'false'}
              @click=${() => void (open?.emoji === r.emoji ? this.close() : this.show(r.emoji))}
            >
              <span aria-hidden="true">${r.emoji}</span><span aria-hidden="true">${r.count}</span>
            </button>`,
        )}
      </div>
      <div
        class="who"
        role="dialog"
        popover="manual"
        tabindex="-1"
        aria-labelledby="who-title"
        aria-describedby="who-names"
        @keydown=${this.popover.onKeydown}
        @focusout=${this.popover.onFocusout}
      >
        ${open
          ? html`<p id="who-title">${t.reactedWith(open.emoji)}</p>
              <p id="who-names" class="visually-hidden">${open.failed ?? t.names(open.names ?? [])}</p>
              ${open.failed
                ? html`<p class="failed" aria-hidden="true">${open.failed}</p>`
                : html`<ul aria-hidden="true">
                    ${(open.names ?? []).map((name) => html`<li dir="auto">${name}</li>`)}
                  </ul>`}
              ${canReact
                ? html`<button class="outlined-button" type="button" @click=${() => this.toggle(open.emoji, !mine)}>
                    ${mine ? t.removeReaction(open.emoji) : t.reactWith(open.emoji)}
                  </button>`
                : nothing}`
          : nothing}
      </div>`;
  }

  /** Loads who reacted with `emoji`, then opens the list with focus in it. */
  private async show(emoji: string) {
    const { message, whoReacted, t } = this.options();
    if (!message) return;
    try {
      this.open = { emoji, names: await whoReacted(message, emoji) };
    } catch (error) {
      this.open = { emoji, failed: t.whoReactedFailed((error as Error).message ?? '') };
    }
    this.host.requestUpdate();
    await this.host.updateComplete;
    await this.popover.show();
    this.dialog()?.focus();
  }

  /** Closes the list; focus goes back to its button unless `returnFocus` is false. */
  close(returnFocus = true) {
    const emoji = this.open?.emoji;
    if (!emoji) return;
    this.open = undefined;
    this.popover.hide();
    this.host.requestUpdate();
    if (returnFocus) this.button(emoji)?.focus();
  }

  private toggle(emoji: string, added: boolean) {
    this.close();
    this.options().react(emoji, added);
  }

  private dialog() {
    return this.host.renderRoot.querySelector<HTMLElement>('.who');
  }

  private button(emoji: string) {
    return [...this.host.renderRoot.querySelectorAll<HTMLElement>('.reaction')].find((b) => b.dataset.emoji === emoji);
  }
}
