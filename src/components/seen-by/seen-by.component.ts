import { Task } from '@lit/task';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ImError } from '../../model/errors.js';
import type { Message, Person, SeenBy } from '../../model/types.js';
import type { MessengerStore, StoreState } from '../../state/store.js';
import '../avatar/avatar.js';
import { deepActiveElement } from '../shared/deep-active.js';
import { describeError } from '../shared/describe.js';
import { dialogBox, errorLine, headingFocus, personList, theme } from '../shared/shared.styles.js';
import { StoreElement } from '../shared/store-element.js';
import styles from './seen-by.styles.js';

/**
 * @tagname im-seen-by
 * @summary Who has seen one of the reader's messages, and who has not yet, by name: a modal dialog.
 *
 * Opened from a message's "Seen by 12 of 28" (`show()`, or `showSeenBy`), it is named after
 * that status and puts focus on its heading. Under it, "Seen" and "Not seen yet", each a list
 * of people (avatar, name, title), in one scrolling area that takes focus, so that the 300 of a
 * course are read with the arrow keys, or a screen reader's headings and lists. The lists
 * follow the reading while it is open, without announcing it. Escape or Close closes it, and
 * focus goes back where it was.
 *
 * @csspart dialog - The dialog.
 * @csspart person - A person in either list.
 *
 * @fires {CustomEvent<Record<string, never>>} im-close - It closed.
 */
export class ImSeenBy extends StoreElement {
  static override styles = [theme, dialogBox, personList, errorLine, headingFocus, styles];

  /** The reader's message whose readers are listed. */
  @property({ attribute: false }) message?: Message;

  @state() private open = false;
  @query('dialog') private dialog?: HTMLDialogElement;
  private returnFocus?: HTMLElement;
  private closed?: () => void;

  /** Asked for when shown, and again whenever the conversation's read status moves while it is. */
  private readonly people = new Task(this, {
    task: async ([store, messageId, open]) => (store && messageId && open ? store.seenBy(messageId) : undefined),
    args: () => [this.data.store, this.message?.id, this.open, this.data.state?.readStatus.get(this.message?.conversationId ?? '')] as const,
  });

  protected override selectState(s: StoreState) {
    return [s.readStatus.get(this.message?.conversationId ?? '')];
  }

  /** Opens it with focus on its heading; resolves once it has closed and focus is back. */
  async show(): Promise<void> {
    this.returnFocus = deepActiveElement();
    this.open = true;
    await this.updateComplete;
    this.dialog?.showModal();
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    return new Promise((resolve) => (this.closed = resolve));
  }

  /** Closes it; focus goes back where it was before `show()`. */
  close() {
    if (!this.open) return;
    this.open = false;
    this.dialog?.close();
    this.returnFocus?.focus();
    this.emit('im-close', {});
    this.closed?.();
    this.closed = undefined;
  }

  override render() {
    const { t } = this.l10n;
    const shown = this.people.value;
    const status = this.data.state?.readStatus.get(this.message?.conversationId ?? '');
    const counts = shown ? [shown.seen.length, shown.seen.length + shown.notSeen.length] : status?.messageId === this.message?.id ? [status!.seen, status!.of] : undefined;
    return html`<dialog part="dialog" aria-labelledby="heading" @cancel=${this.onCancel}>
      <h2 id="heading" tabindex="-1">${counts ? t.seenBy(counts[0], counts[1]) : t.seenByPeople}</h2>
      ${this.open
        ? this.people.render({
            // Asked again as people read: the lists stay until the answer replaces them.
            pending: () => (shown ? this.renderPeople(shown) : html`<p class="muted" aria-busy="true">${t.loadingSeenBy}</p>`),
            complete: (loaded) => (loaded ? this.renderPeople(loaded) : nothing),
            error: (error) => html`<p class="error" role="alert">${describeError(ImError.from(error), t)}</p>`,
          })
        : nothing}
      <div class="buttons"><button type="button" @click=${() => this.close()}>${t.close}</button></div>
    </dialog>`;
  }

  private renderPeople({ seen, notSeen }: SeenBy) {
    const { t } = this.l10n;
    // Focusable, so that a long list scrolls by keyboard too.
    return html`<section class="people" tabindex="0" aria-label=${t.seenByPeople}>
      <h3 id="seen">${t.seenSection(seen.length)}</h3>
      ${seen.length ? this.renderList(seen, 'seen') : html`<p class="muted">${t.nobodySeen}</p>`}
      <h3 id="not-seen">${t.notSeenSection(notSeen.length)}</h3>
      ${notSeen.length ? this.renderList(notSeen, 'not-seen') : html`<p class="muted">${t.everyoneSeen}</p>`}
    </section>`;
  }

  private renderList(people: Person[], heading: string) {
    return html`<ul aria-labelledby=${heading}>
      ${repeat(
        people,
        (p) => p.id,
        (p) => html`<li part="person">
          <im-avatar kind="person" name=${p.name} src=${p.avatarUrl ?? ''}></im-avatar>
          <span class="who"><span class="name" dir="auto">${p.name}</span><span class="detail" dir="auto">${p.title}</span></span>
        </li>`,
      )}
    </ul>`;
  }

  private onCancel(event: Event) {
    event.preventDefault();
    // Escape here must not also close the panel below.
    event.stopPropagation();
    this.close();
  }
}

/** Shows who has seen `message` in a dialog placed in `root`; resolves, the dialog gone, once it is closed. */
export async function showSeenBy(root: Element | DocumentFragment, store: MessengerStore, message: Message): Promise<void> {
  const dialog = document.createElement('im-seen-by') as ImSeenBy;
  dialog.store = store;
  dialog.message = message;
  root.append(dialog);
  try {
    await dialog.show();
  } finally {
    dialog.remove();
  }
}
