import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface RovingOptions {
  /** The items, in order, that take turns being the one tab stop. */
  items: () => HTMLElement[];
  /** Which arrows move: up/down for lists, left/right for toolbars. */
  direction?: 'vertical' | 'horizontal';
}

/**
 * One tab stop for a group of items: arrows, Home and End move between them
 * (APG roving tabindex). The current item keeps its place when items are added
 * or removed around it. Call `handleKeydown` from the container's keydown and
 * `update` after each render.
 */
export class RovingTabindexController implements ReactiveController {
  private current?: HTMLElement;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: RovingOptions,
  ) {
    host.addController(this);
  }

  hostUpdated() {
    this.update();
  }

  /** Makes exactly one item tabbable: the current one if still there, else the first. */
  update() {
    const items = this.options.items();
    if (!this.current || !items.includes(this.current)) this.current = items[0];
    for (const item of items) {
      item.tabIndex = item === this.current ? 0 : -1;
      // In a list box the one with focus is the selected one (selection follows focus).
      if (item.getAttribute('role') === 'option') item.setAttribute('aria-selected', String(item === this.current));
    }
  }

  /** Makes an item the current one (when it is clicked or focused). */
  setCurrent(item: HTMLElement) {
    if (!this.options.items().includes(item)) return;
    this.current = item;
    this.update();
  }

  handleKeydown(event: KeyboardEvent) {
    const items = this.options.items();
    if (!items.length) return;
    const vertical = (this.options.direction ?? 'vertical') === 'vertical';
    const rtl = getComputedStyle(items[0]).direction === 'rtl';
    const index = Math.max(0, items.indexOf(this.current ?? items[0]));
    const next = vertical ? 'ArrowDown' : rtl ? 'ArrowLeft' : 'ArrowRight';
    const previous = vertical ? 'ArrowUp' : rtl ? 'ArrowRight' : 'ArrowLeft';
    let target: number;
    switch (event.key) {
      case next:
        target = Math.min(items.length - 1, index + 1);
        break;
      case previous:
        target = Math.max(0, index - 1);
        break;
      case 'Home':
        target = 0;
        break;
      case 'End':
        target = items.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    this.focus(items[target]);
  }

  private focus(item: HTMLElement) {
    this.setCurrent(item);
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: 'nearest' });
  }
}
