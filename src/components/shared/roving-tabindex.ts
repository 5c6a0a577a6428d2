import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface RovingOptions {
  /** The items, in order, that take turns being the one tab stop. */
  items: () => HTMLElement[];
  /**
   * Which arrows move: up/down for lists, left/right for toolbars; in a grid (items laid out
   * in rows) left/right to the item beside, up/down to the one above or below.
   */
  direction?: 'vertical' | 'horizontal' | 'grid';
  /** How many items a row of the grid has, as laid out now. */
  columns?: () => number;
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
    const direction = this.options.direction ?? 'vertical';
    const rtl = getComputedStyle(items[0]).direction === 'rtl';
    const index = Math.max(0, items.indexOf(this.current ?? items[0]));
    // How far each arrow moves: one item along the line; in a grid, a row up or down.
    const [next, previous] = direction === 'vertical' ? ['ArrowDown', 'ArrowUp'] : rtl ? ['ArrowLeft', 'ArrowRight'] : ['ArrowRight', 'ArrowLeft'];
    const steps: Record<string, number> = { [next]: 1, [previous]: -1 };
    if (direction === 'grid') {
      const row = Math.max(1, this.options.columns?.() ?? 1);
      Object.assign(steps, { ArrowDown: row, ArrowUp: -row });
    }
    let target: number;
    if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = items.length - 1;
    else if (Object.hasOwn(steps, event.key)) target = Math.min(items.length - 1, Math.max(0, index + steps[event.key]));
    else return;
    event.preventDefault();
    this.focus(items[target]);
  }

  private focus(item: HTMLElement) {
    this.setCurrent(item);
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: 'nearest' });
  }
}
