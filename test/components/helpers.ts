import { executeServerCommand } from '@web/test-runner-commands';
import { focusedNode, nodesWithRole } from './accessibility-tree.js';

/**
 * Whether the browser's own accessibility tree is read (Chromium, through scripts/wtr-accessible-names.mjs);
 * in Firefox and WebKit, which offer no way to read theirs, accessibility-tree.ts computes it in the page.
 */
const engineTree = executeServerCommand<string, Record<string, never>>('im-engine', {}).then((engine) => engine === 'chromium');

/**
 * The page's tree is read as a browser updates its own: with the next rendering, not in the middle
 * of a task (a virtualizer's rows, for one, are placed in an animation frame).
 */
const pageTree = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/** The names the accessibility tree gives every node of `role`. */
export async function accessibleNames(role: string): Promise<string[]> {
  if (await engineTree) return executeServerCommand<string[], { role: string }>('im-accessible-names', { role });
  await pageTree();
  return nodesWithRole(role).map((node) => node.name);
}

/** The element that really has focus, looking through shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Waits until `check` passes (for results that arrive through timers and transports).
 * Generous by default: CI runs the engines side by side on two cores, and a wrong result still fails.
 */
export async function until(check: () => boolean, what = 'condition', timeout = 12000) {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Visible text with white space folded. */
export const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

// "ResizeObserver loop completed with undelivered notifications" is the browser saying
// a resize was deferred to the next frame (the virtualizer measures its rows); it is
// not an error of ours, but mocha would fail whatever test is running.
window.addEventListener(
  'error',
  (event) => {
    if (String(event.message).includes('ResizeObserver loop')) {
      event.stopImmediatePropagation();
      event.preventDefault();
    }
  },
  true,
);

/** Role, name and description of the focused node in the accessibility tree: what a screen reader says on focus. */
export async function focused(): Promise<{ role: string; name: string; description: string } | null> {
  if (await engineTree) return executeServerCommand<{ role: string; name: string; description: string } | null, Record<string, never>>('im-focused', {});
  await pageTree();
  const node = focusedNode();
  return node && { role: node.role, name: node.name, description: node.description };
}

// What a messenger keeps across reloads (drafts, unsent messages) is kept per browser
// profile: each test starts with nothing kept by the one before.
beforeEach(async () => {
  const { indexedDbPersistence } = await import('../../src/state/persistence.js');
  await indexedDbPersistence()?.clear();
});

/** An accessible name to look for: the whole name, or a pattern it matches. */
export type Name = string | RegExp;

/** A node of the accessibility tree and its element. */
export interface AccessibleNode<T extends Element = HTMLElement> {
  element: T;
  name: string;
  description: string;
}

/** `root` itself or inside it, through shadow roots. */
function inside(root: Node, node: Node | null): boolean {
  for (let n = node; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) if (n === root) return true;
  return false;
}

const matches = (name: string, wanted?: Name) => wanted === undefined || (typeof wanted === 'string' ? name === wanted : wanted.test(name));

let lookups = 0;

/**
 * The nodes in `root` (shadow roots included) to which the accessibility tree gives
 * `role`, in order, with the name and description assistive technology gets, and, when
 * `name` is given, only those so named. What is hidden from that tree (aria-hidden,
 * display: none, a closed dialog's content) is not found. In Chromium through the 'im-by-role'
 * command of scripts/wtr-accessible-names.mjs, which hands each node's element to the page.
 */
export async function nodesByRole<T extends Element = HTMLElement>(root: Node, role: string, name?: Name): Promise<AccessibleNode<T>[]> {
  let nodes: AccessibleNode<T>[];
  if (await engineTree) {
    const key = `imByRole${++lookups}`;
    const found = await executeServerCommand<{ name: string; description: string }[], { role: string; key: string }>('im-by-role', { role, key });
    const store = window as unknown as Record<string, T[] | undefined>;
    const elements = store[key] ?? [];
    delete store[key];
    nodes = found.map((node, i) => ({ ...node, element: elements[i] }));
  } else {
    await pageTree();
    nodes = nodesWithRole(role).map(({ node, name, description }) => ({ element: node as unknown as T, name, description }));
  }
  return nodes.filter((node) => inside(root, node.element) && matches(node.name, name));
}

/** The elements in `root` with `role` (and `name`), as `nodesByRole` finds them. */
export const allByRole = async <T extends Element = HTMLElement>(root: Node, role: string, name?: Name) =>
  (await nodesByRole<T>(root, role, name)).map((node) => node.element);

/** The one element in `root` with `role` and `name`, as `nodesByRole` finds it; fails, listing the names that role has there, unless there is exactly one. */
export async function byRole<T extends Element = HTMLElement>(root: Node, role: string, name?: Name): Promise<T> {
  const all = await nodesByRole<T>(root, role);
  const found = all.filter((node) => matches(node.name, name));
  if (found.length !== 1) {
    const names = all.map((node) => JSON.stringify(node.name)).join(', ') || 'none';
    throw new Error(`${found.length} ${role} named ${String(name ?? '(any)')} where the ${role} names are: ${names}`);
  }
  return found[0].element;
}

/** Waits until `allByRole` finds `count` elements (one or more when `count` is not given), and returns them. */
export async function findAllByRole<T extends Element = HTMLElement>(root: Node, role: string, name?: Name, count?: number, timeout = 6000): Promise<T[]> {
  const start = performance.now();
  for (;;) {
    const found = await allByRole<T>(root, role, name);
    if (count === undefined ? found.length > 0 : found.length === count) return found;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${count ?? 'some'} ${role} named ${String(name ?? '(any)')}; found ${found.length}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until `byRole` finds its one element, and returns it. */
export const findByRole = async <T extends Element = HTMLElement>(root: Node, role: string, name?: Name, timeout = 6000) =>
  (await findAllByRole<T>(root, role, name, 1, timeout))[0];
