import { html, nothing } from 'lit';
import type { Messages } from '../../l10n/en.js';
import type { Message } from '../../model/types.js';
import { AnchoredPopover } from '../shared/anchored-popover.js';

export interface ReactionsOptions {
  /** Who reacted with an emoji, as names to show (the reader as "You"). */
  whoReacted: (message: Message, emoji: string) => Promise<string[]>;
  t: Messages;
  /** The reader reacts with `emoji` or takes it back. */
  react(message: Message, emoji: string, added: boolean): void;
  /** Renders again (the list opened or closed). */
  update(): Promise<unknown>;
  /** Where the messages are rendered. */
  root(): ParentNode;
}

/** How one message's reactions are rendered. */
export interface ReactionsOf {
  /** The message's key among those rendered together. */
  key: string;
  message: Message;
  /** The reader may react here: the list of who reacted offers their own toggle. */
  canReact: boolean;
  /** Tab index of the buttons (-1 in a feed until the reader enters the message). */
  tab: number;
  /** A button's name from its reaction's words ("👍 3, including you"): with the message, so no two are alike. */
  name: (reaction: string) => string;
}

/** The reaction whose list is open, its button, and what the list says once loaded. */
interface OpenList {
  of: ReactionsOf;
  emoji: string;
  button: HTMLElement;
  names?: string[];
  failed?: string;
}

/**
 * The reactions of messages rendered together (a history, or one message): under each, a
 * button an emoji with its count ("👍 3, including you", and the message it is on), and on
 * request who reacted, in a non-modal dialog by the button that takes focus (one at a
 * time). Escape closes it with focus back on the button; a click outside or Tab out of it
 * closes it where focus went. When the reader may react, the dialog ends with their toggle
 * ("Remove your 👍").
 */
export class Reactions {
  private open?: OpenList;
  /**
   * The message whose list was opened last: its (empty) dialog stays rendered once closed,
   * so closing hides what has focus rather than taking it out of the page under a render.
   */
  private lastKey?: string;
  private readonly popover = new AnchoredPopover({
    popup: () => this.dialog(),
    button: () => this.open?.button,
    placement: 'top-start',
    close: (returnFocus) => this.close(returnFocus),
  });

  constructor(private readonly options: () => ReactionsOptions) {}

  /** What a message's reactions show of the list of who reacted (it changes when this does): the open list, or whether its closed one is there. */
  stateOf(key: string): OpenList | boolean {
    return this.open?.of.key === key ? this.open : this.lastKey === key;
  }

  /** A message's buttons, and the list of who reacted when one of them opened it; or nothing. */
  render(of: ReactionsOf) {
    const { t } = this.options();
    const { message, tab, name } = of;
    const reactions = message.reactions ?? [];
    if (message.status !== 'normal' || !reactions.length) return nothing;
    const open = this.open?.of.key === of.key ? this.open : undefined;
    const list = this.lastKey === of.key;
    return html`<div class="reactions" role="group" aria-label=${t.action.react}>
        ${reactions.map(
          (r) =>
            html`<button
              part="reaction"
              type="button"
              class=${r.mine ? 'reaction mine' : 'reaction'}
              tabindex=${tab}
              aria-label=${name(t.reactionCount(r.emoji, r.count, !!r.mine))}
              aria-description=${t.showWhoReacted}
              aria-haspopup="dialog"
              aria-expanded=${open?.emoji === r.emoji ? 'true' : 'false'}
              @click=${(event: Event) => void (open?.emoji === r.emoji ? this.close() : this.show(of, r.emoji, event.currentTarget as HTMLElement))}
            >
              <span aria-hidden="true">${r.emoji}</span><span aria-hidden="true">${r.count}</span>
            </button>`,
        )}
      </div>
      ${list ? this.renderList(open) : nothing}`;
  }

  /** Who reacted, by the buttons: one list at a time, in the message it is about, so Tab goes on from it through the message. */
  private renderList(open: OpenList | undefined) {
    return html`<div
      class="who"
      role="dialog"
      popover="manual"
      tabindex="-1"
      aria-labelledby="who-title"
      aria-describedby="who-names"
      @keydown=${this.popover.onKeydown}
      @focusout=${this.popover.onFocusout}
    >
      ${open ? this.renderNames(open) : nothing}
    </div>`;
  }

  private renderNames(open: OpenList) {
    const { t } = this.options();
    const mine = !!open.of.message.reactions?.find((r) => r.emoji === open.emoji)?.mine;
    return html`<p id="who-title">${t.reactedWith(open.emoji)}</p>
      <p id="who-names" class="visually-hidden">${open.failed ?? t.names(open.names ?? [])}</p>
      ${open.failed
        ? html`<p class="failed" aria-hidden="true">${open.failed}</p>`
        : html`<ul aria-hidden="true">
            ${(open.names ?? []).map((name) => html`<li dir="auto">${name}</li>`)}
          </ul>`}
      ${open.of.canReact
        ? html`<button class="outlined-button" type="button" @click=${() => this.toggle(open.of.message, open.emoji, !mine)}>
            ${mine ? t.removeReaction(open.emoji) : t.reactWith(open.emoji)}
          </button>`
        : nothing}`;
  }

  /** Loads who reacted with `emoji`, then opens the list with focus in it. */
  private async show(of: ReactionsOf, emoji: string, button: HTMLElement) {
    const { whoReacted, t, update } = this.options();
    this.lastKey = of.key;
    try {
      this.open = { of, emoji, button, names: await whoReacted(of.message, emoji) };
    } catch (error) {
      this.open = { of, emoji, button, failed: t.whoReactedFailed((error as Error).message ?? '') };
    }
    await update();
    await this.popover.show();
    this.dialog()?.focus();
  }

  /** Closes the list; focus goes back to its button unless `returnFocus` is false. */
  close(returnFocus = true) {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    this.popover.hide();
    void this.options().update();
    if (returnFocus) open.button.focus();
  }

  private toggle(message: Message, emoji: string, added: boolean) {
    this.close();
    this.options().react(message, emoji, added);
  }

  private dialog() {
    return this.options().root().querySelector<HTMLElement>('.who');
  }
}
