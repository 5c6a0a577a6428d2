// The accessibility tree computed in the page, for the engines whose own tree a test
// cannot read (Firefox over WebDriver BiDi, WebKit over WebDriver): roles from HTML-AAM
// and names and descriptions from the accname algorithm, by dom-accessibility-api, over
// the flat tree (shadow roots and slots as they render). It answers as
// scripts/wtr-accessible-names.mjs answers from Chromium's tree, in Chromium's role names
// ('image', 'StaticText'). It is the specification's answer, not an engine's: the README's
// "Browser support" says where each is used.
import { computeAccessibleDescription, computeAccessibleName, getRole } from 'dom-accessibility-api';

/** A node of the tree: its role, name and description, and the element (or text) it is for. */
export interface ComputedNode {
  node: Element | Text;
  role: string;
  name: string;
  description: string;
}

// An element's own default semantics (ElementInternals' role, ariaLabel, ariaDescription)
// cannot be read from outside it; they are kept here as elements attach them.
const internalsOf = new WeakMap<Element, ElementInternals>();
const attachInternals = HTMLElement.prototype.attachInternals;
HTMLElement.prototype.attachInternals = function (this: HTMLElement) {
  const internals = attachInternals.call(this);
  internalsOf.set(this, internals);
  return internals;
};

/** Chromium's names for the roles that differ from ARIA's. */
const chromiumRole: Record<string, string> = { img: 'image' };
const sectioning = 'article, aside, main, nav, section, [role=article], [role=complementary], [role=main], [role=navigation], [role=region]';

function roleOf(el: Element): string {
  const internal = el.hasAttribute('role') ? undefined : internalsOf.get(el)?.role;
  if (internal) return internal;
  const role = getRole(el);
  // Where dom-accessibility-api and HTML-AAM part ways.
  if (!el.hasAttribute('role')) {
    if (el.localName === 'p') return 'paragraph';
    if (el.localName === 'svg') return 'image';
    if (el.localName === 'section' && !nameOf(el)) return 'generic';
    if ((el.localName === 'header' || el.localName === 'footer') && parentElement(el)?.closest(sectioning)) return 'generic';
  }
  return role ? (chromiumRole[role] ?? role) : 'generic';
}

const ownLabel = (el: Element) => el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby');
const ownDescription = (el: Element) => el.hasAttribute('aria-description') || el.hasAttribute('aria-describedby');

function nameOf(el: Element): string {
  const internal = ownLabel(el) ? undefined : internalsOf.get(el)?.ariaLabel;
  return internal ?? computeAccessibleName(el);
}

function descriptionOf(el: Element): string {
  const internal = ownDescription(el) ? undefined : internalsOf.get(el)?.ariaDescription;
  return internal ?? computeAccessibleDescription(el);
}

/** The flat-tree parent: a slotted node's slot, a shadow root's host. */
function parentElement(node: Node): Element | null {
  if (node instanceof Element && node.assignedSlot) return node.assignedSlot;
  const parent = node.parentNode;
  return parent instanceof ShadowRoot ? parent.host : (parent as Element | null);
}

/** The children as they render: a host's shadow root, a slot's assigned nodes (or its fallback). */
function flatChildren(node: Node): Node[] {
  if (node instanceof Element && node.shadowRoot) return [...node.shadowRoot.childNodes];
  if (node instanceof HTMLSlotElement) {
    const assigned = node.assignedNodes();
    return assigned.length ? assigned : [...node.childNodes];
  }
  return [...node.childNodes];
}

/** Left out with everything inside: aria-hidden, inert, not rendered. */
function hiddenSubtree(el: Element) {
  return el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('inert') || getComputedStyle(el).display === 'none';
}

/** Every rendered element and text of the document that assistive technology is given, in order. */
function* walk(node: Node): Generator<Element | Text> {
  for (const child of flatChildren(node)) {
    if (child instanceof Text) {
      const parent = parentElement(child);
      if (child.data.trim() && (!parent || getComputedStyle(parent).visibility === 'visible')) yield child;
    } else if (child instanceof Element && !hiddenSubtree(child)) {
      if (getComputedStyle(child).visibility === 'visible') yield child;
      yield* walk(child);
    }
  }
}

/** Inside `root`, shadow roots and slots included. */
function within(root: Element, node: Node) {
  for (let n: Node | null = node; n; n = parentElement(n)) if (n === root) return true;
  return false;
}

/** The nodes assistive technology is given: with a modal dialog open, only those inside the topmost one. */
function accessibleNodes(): (Element | Text)[] {
  const all = [...walk(document.documentElement)];
  const modals = all.filter((n): n is Element => n instanceof Element && n.matches(':modal'));
  const top = modals.findLast((modal) => !modals.some((other) => other !== modal && within(modal, other)));
  return top ? all.filter((n) => within(top, n)) : all;
}

const textName = (text: Text) => text.data.replace(/\s+/g, ' ').trim();

function computed(node: Element | Text): ComputedNode {
  if (node instanceof Text) return { node, role: 'StaticText', name: textName(node), description: '' };
  return { node, role: roleOf(node), name: nameOf(node), description: descriptionOf(node) };
}

/** Every node with `role`, in the order a screen reader meets them. */
export function nodesWithRole(role: string): ComputedNode[] {
  const found: ComputedNode[] = [];
  for (const node of accessibleNodes()) {
    if (role === 'StaticText' ? node instanceof Text : node instanceof Element && roleOf(node) === role) found.push(computed(node));
  }
  return found;
}

/** The node that has focus, looking through shadow roots; null when it is the page itself. */
export function focusedNode(): ComputedNode | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (!active || active === document.body || active === document.documentElement) return null;
  return computed(active);
}
