/**
 * @lit-labs/virtualizer 2.1.1 (the latest) positions its rows reading `this._children[i]`
 * for each row, and `_children` walks the host's children afresh on every read: work
 * quadratic in the rows on screen, and the largest single cost of scrolling through a
 * long history in our benchmark. This runs the same positioning with the list read once.
 */
import { virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';

interface Positioning {
  _positionChildren(positions: unknown): void;
  readonly _children: Element[];
}

const patched = new WeakSet<object>();

/**
 * Patches the class of the virtualizer behind a `<lit-virtualizer>`, once (a no-op for a
 * version without the method). False while the element has no virtualizer yet.
 */
export function positionRowsInOnePass(host: Element): boolean {
  const virtualizer = (host as unknown as Record<symbol, object | undefined>)[virtualizerRef];
  const proto = virtualizer && (Object.getPrototypeOf(virtualizer) as Positioning);
  if (!proto) return false;
  if (patched.has(proto) || typeof proto._positionChildren !== 'function') return true;
  patched.add(proto);
  const original = proto._positionChildren;
  proto._positionChildren = function (this: Positioning, positions: unknown) {
    // The original code, run on a view of the virtualizer whose `_children` is read already.
    original.call(Object.create(this, { _children: { value: this._children } }) as Positioning, positions);
  };
  return true;
}
