import { autoUpdate, computePosition, flip, offset, shift, type Placement } from '@floating-ui/dom';

export interface AnchoredPopoverOptions {
  /** The popover element (`popover="manual"`) and the button it belongs to. */
  popup: () => HTMLElement | null | undefined;
  button: () => HTMLElement | null | undefined;
  placement: Placement;
  /** It should close: Escape (focus back on the button) or focus or a click going elsewhere (focus left where it went). */
  close: (returnFocus: boolean) => void;
}

/**
 * A non-modal popover by its button (who reacted, the emoji picker): in the top layer beside
 * the button, following it as the page scrolls (Floating UI). Escape asks to close it with
 * focus back on the button; a click elsewhere or focus leaving it asks to close it where focus
 * went. The host binds `onKeydown` and `onFocusout` on the popover.
 */
export class AnchoredPopover {
  private stopPositioning?: () => void;

  constructor(private readonly options: AnchoredPopoverOptions) {}

  /** Shows it by its button; resolves once it is in place. */
  async show() {
    const popup = this.options.popup();
    const button = this.options.button();
    if (!popup || !button) return;
    if (!popup.matches(':popover-open')) popup.showPopover();
    this.stopPositioning?.();
    this.stopPositioning = autoUpdate(button, popup, () => void this.position(button, popup));
    document.addEventListener('pointerdown', this.onOutsidePointer, true);
    await this.position(button, popup);
  }

  hide() {
    this.stopPositioning?.();
    this.stopPositioning = undefined;
    document.removeEventListener('pointerdown', this.onOutsidePointer, true);
    const popup = this.options.popup();
    if (popup?.matches(':popover-open')) popup.hidePopover();
  }

  private async position(button: HTMLElement, popup: HTMLElement) {
    const { x, y } = await computePosition(button, popup, { strategy: 'fixed', placement: this.options.placement, middleware: [offset(4), flip(), shift({ padding: 8 })] });
    Object.assign(popup.style, { left: `${x}px`, top: `${y}px` });
  }

  onKeydown = (event: KeyboardEvent) => {
    // What is inside may handle its own Escape (a list of its own) and stop it there.
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    // Handled here: what is around (a mode, a message, the panel) stays as it is.
    event.preventDefault();
    event.stopPropagation();
    this.options.close(true);
  };

  onFocusout = (event: FocusEvent) => {
    const to = event.relatedTarget as Node | null;
    const popup = this.options.popup();
    if (to && popup && !popup.contains(to) && to !== this.options.button()) this.options.close(false);
  };

  private onOutsidePointer = (event: PointerEvent) => {
    const path = event.composedPath();
    const popup = this.options.popup();
    const button = this.options.button();
    // On its button, the button's own click decides (it closes it).
    if (!(popup && path.includes(popup)) && !(button && path.includes(button))) this.options.close(false);
  };
}
