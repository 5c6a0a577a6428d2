import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Row } from './rows.js';

export interface HistoryFocusOptions {
  /** The feed: `<lit-virtualizer>`, whose children are the rendered rows. */
  scroller?: LitVirtualizer;
  rows: Row[];
  /** The rows on screen. */
  visible: { first: number; last: number };
  /** Asks for older messages; false when there are none. */
  loadOlder(): Promise<boolean>;
  /** Where Ctrl+End and the shortcut go: the message field, when there is one. */
  field(): HTMLElement | undefined;
  /** Where Ctrl+Home goes: the conversation's heading. */
  heading(): HTMLElement | undefined;
}

const isMessage = (row: Row) => row.type === 'message' || row.type === 'pending';

/** Alt+Shift+M: from anywhere in the view to the message field, and from the field back to the message last read. */
export const isFieldShortcut = (event: KeyboardEvent) => event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyM';

/**
 * The history as one tab stop (an APG feed whose articles are the messages): the
 * message last focused, or while it is off screen the first unread or the last
 * message on screen, so Tab never scrolls the reader away. Up/Down move a message,
 * PageUp/PageDown a screenful, Home/End to the first and last loaded (older pages
 * load as focus moves up), Ctrl+Home/Ctrl+End leave for the heading and the message
 * field. A message's own links, files, quote and options are entered with Enter
 * (`MessageRows` handles that). When a render takes away the element that had focus
 * (a message deleted under it, a menu that is no longer offered), focus goes to the
 * message it was in, or the nearest one, never to the page.
 */
export class HistoryFocusController implements ReactiveController {
  /** Key of the message last focused. */
  private current?: string;
  /** The element inside the view that last had focus, to notice when a render takes focus away. */
  private lastFocused?: Element;
  private inside = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: () => HistoryFocusOptions,
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.host.addEventListener('focusin', this.onFocusin);
    this.host.addEventListener('focusout', this.onFocusout);
    this.host.addEventListener('keydown', this.onKeydown);
    this.host.addEventListener('pointerdown', this.onPointerdown);
  }

  hostDisconnected() {
    this.host.removeEventListener('focusin', this.onFocusin);
    this.host.removeEventListener('focusout', this.onFocusout);
    this.host.removeEventListener('keydown', this.onKeydown);
    this.host.removeEventListener('pointerdown', this.onPointerdown);
  }

  hostUpdated() {
    this.applyTabStop();
    // Messages render after the view: look once they have.
    if (this.lastFocused) requestAnimationFrame(() => this.recover());
  }

  /** Makes exactly one rendered message tabbable (call when what is on screen changes). */
  applyTabStop() {
    const stop = this.tabStop();
    for (const el of this.rendered()) {
      const tabIndex = el.dataset.key === stop ? '0' : '-1';
      if (el.getAttribute('tabindex') !== tabIndex) el.setAttribute('tabindex', tabIndex);
    }
  }

  /** Focuses a message (after an action on it), or the history's tab stop when it is gone. */
  async focusMessage(key?: string) {
    if (key) this.current = key;
    await this.host.updateComplete;
    this.applyTabStop();
    const el = this.element(this.tabStop());
    if (el) el.focus();
    else this.options().heading()?.focus();
  }

  /** Resolves once the virtualizer has rendered messages and one of them is the tab stop (a few frames at most). */
  async ready() {
    for (let frames = 0; frames < 20 && !this.element(this.tabStop()); frames++) {
      await new Promise((frame) => requestAnimationFrame(frame));
    }
    this.applyTabStop();
  }

  /** Makes a message the tab stop while it is on screen, as if the reader had last been on it (a search result opened at it). */
  remember(key: string | undefined) {
    this.current = key;
  }

  /** Focuses the history's tab stop: the message last read. */
  focus() {
    void this.focusMessage();
  }

  private tabStop(): string | undefined {
    const { rows, visible } = this.options();
    if (this.current && this.inside) return this.current;
    const onScreen = rows.slice(Math.max(0, visible.first), visible.last + 1);
    if (this.current && (onScreen.some((r) => r.key === this.current) || this.onScreen(this.element(this.current)))) return this.current;
    const unread = onScreen.findIndex((r) => r.type === 'unread');
    const firstUnread = unread >= 0 ? onScreen.slice(unread).find(isMessage) : undefined;
    return (firstUnread ?? onScreen.findLast(isMessage) ?? rows.findLast(isMessage))?.key;
  }

  /** Whether a rendered row is in the scroller's box (the virtualizer's own range can be a frame behind). */
  private onScreen(el: HTMLElement | undefined) {
    const box = this.options().scroller?.getBoundingClientRect();
    const rect = el?.getBoundingClientRect();
    return !!box && !!rect && rect.bottom > box.top && rect.top < box.bottom;
  }

  private rendered() {
    return [...(this.options().scroller?.children ?? [])].filter((el): el is HTMLElement => el instanceof HTMLElement && !!el.dataset.key);
  }

  private element(key: string | undefined) {
    return key === undefined ? undefined : this.rendered().find((el) => el.dataset.key === key);
  }

  /**
   * Focus was in the view (the last focus event said so, and no pointer has been
   * pressed since) and is now on nothing: a render took the focused element away.
   * Focus moving within a message fires no focus event out here, so the element
   * last seen may still be there.
   */
  private recover() {
    if (!this.lastFocused || !this.host.isConnected) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    this.lastFocused = undefined;
    // Focus is nowhere, whether or not the browser said so: Chromium fires focusout when the
    // focused element is removed, Firefox and WebKit do not. The tab stop is then the message on
    // screen, not the one taken away (which is no longer there to focus).
    this.inside = false;
    void this.focusMessage();
  }

  private onPointerdown = () => {
    this.lastFocused = undefined;
  };

  private onFocusin = (event: FocusEvent) => {
    const path = event.composedPath();
    this.lastFocused = path[0] as Element;
    const { scroller } = this.options();
    // The browser lets a scroller take focus while none of its children can (before the
    // virtualizer has rendered them): the reader goes on to the message that is the tab stop.
    if (path[0] === scroller) {
      void this.forwardFrom(scroller!);
      return;
    }
    const message = path.find((node): node is HTMLElement => node instanceof HTMLElement && node.parentElement === scroller && !!node.dataset.key);
    this.inside = !!message;
    if (message) {
      this.current = message.dataset.key;
      this.applyTabStop();
    }
  };

  private async forwardFrom(scroller: HTMLElement) {
    for (let frames = 0; frames < 30 && scroller.matches(':focus'); frames++) {
      this.applyTabStop();
      const stop = this.element(this.tabStop());
      if (stop) return stop.focus();
      await new Promise((frame) => requestAnimationFrame(frame));
    }
  }

  private onFocusout = (event: FocusEvent) => {
    // Focus went somewhere outside the view: nothing to recover. (With no relatedTarget
    // it may have been taken away by a render.)
    const to = event.relatedTarget as Node | null;
    if (to && to !== this.host && !this.host.contains(to)) this.lastFocused = undefined;
    this.inside = false;
  };

  private onKeydown = (event: KeyboardEvent) => {
    if (isFieldShortcut(event)) {
      event.preventDefault();
      const field = this.options().field();
      if (field && !event.composedPath().includes(field)) field.focus();
      else this.focus();
      return;
    }
    const { scroller, rows, visible } = this.options();
    const target = event.composedPath()[0];
    if (!(target instanceof HTMLElement) || target.parentElement !== scroller || !target.dataset.key) return;
    const screenful = Math.max(1, rows.slice(Math.max(0, visible.first), visible.last + 1).filter(isMessage).length - 1);
    let move: number | 'first' | 'last';
    switch (event.key) {
      case 'ArrowDown':
        move = 1;
        break;
      case 'ArrowUp':
        move = -1;
        break;
      case 'PageDown':
        move = screenful;
        break;
      case 'PageUp':
        move = -screenful;
        break;
      case 'Home':
        if (event.ctrlKey) {
          event.preventDefault();
          this.options().heading()?.focus();
          return;
        }
        move = 'first';
        break;
      case 'End':
        if (event.ctrlKey) {
          event.preventDefault();
          this.options().field()?.focus();
          return;
        }
        move = 'last';
        break;
      default:
        return;
    }
    event.preventDefault();
    void this.move(target.dataset.key, move);
  };

  /** Moves focus `by` messages from `key` (or to the first or last), loading older ones on the way up. */
  private async move(key: string, by: number | 'first' | 'last') {
    const keys = () => this.options().rows.filter(isMessage).map((row) => row.key);
    let at = keys().indexOf(key);
    if (typeof by === 'number' && at + by < 0 && (await this.options().loadOlder())) {
      await this.host.updateComplete;
      at = keys().indexOf(key);
    }
    const all = keys();
    this.current = all[by === 'first' ? 0 : by === 'last' ? all.length - 1 : Math.max(0, Math.min(all.length - 1, at + by))];
    const index = this.options().rows.findIndex((row) => row.key === this.current);
    if (index < 0) return;
    await this.show(index);
    const el = this.element(this.current);
    if (!el) {
      this.focus();
      return;
    }
    this.applyTabStop();
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest' });
  }

  /** Brings row `index` on screen, rendering it if the virtualizer has not (rows may shift meanwhile as older ones arrive). */
  private async show(index: number) {
    const { scroller } = this.options();
    const key = this.options().rows[index].key;
    for (let frames = 0; scroller && !this.element(key) && frames < 30; frames++) {
      scroller.element(this.options().rows.findIndex((row) => row.key === key))?.scrollIntoView({ block: 'nearest' });
      await new Promise((frame) => requestAnimationFrame(frame));
    }
  }
}
