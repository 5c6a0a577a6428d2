// What the end-to-end test asks of a host page in Firefox and WebKit, bundled and put into
// the page as `window.imPage` (in Chromium, Playwright's own locators answer): elements by
// role and name as the page's accessibility tree has them (test/components/accessibility-tree.ts),
// text through shadow roots, and the errors the page has had since.
import { nodesWithRole } from '../components/accessibility-tree.js';

const errors: string[] = [];
// "ResizeObserver loop completed with undelivered notifications" is the browser deferring a
// resize to the next frame (the virtualizer measures its rows), not an error of ours.
addEventListener('error', (event) => void (String(event.message).includes('ResizeObserver loop') || errors.push(event.message)));
addEventListener('unhandledrejection', (event) => errors.push(String(event.reason)));

/** `node` or its flat-tree ancestors match `selector`. */
function inside(node: Node, selector: string) {
  for (let n: Node | null = node; n; n = n instanceof Element && n.assignedSlot ? n.assignedSlot : (n.parentNode ?? null)) {
    if (n instanceof ShadowRoot) n = n.host;
    if (n instanceof Element && n.matches(selector)) return true;
  }
  return false;
}

/**
 * Where to click the one element with `role` whose name matches `name` (a pattern's source);
 * null unless there is exactly one, wholly in the viewport (the panel slides in from its edge).
 */
function centre(role: string, name: string) {
  const pattern = new RegExp(name);
  const found = nodesWithRole(role).filter((node) => pattern.test(node.name));
  if (found.length !== 1) return null;
  const element = found[0].node as Element;
  element.scrollIntoView({ block: 'nearest' });
  const box = element.getBoundingClientRect();
  if (box.left < 0 || box.top < 0 || box.right > innerWidth || box.bottom > innerHeight) return null;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Whether a text of the page inside `within` (a selector) reads `text`, whole. */
const shows = (text: string, within: string) => nodesWithRole('StaticText').some((node) => node.name === text && inside(node.node, within));

declare global {
  interface Window {
    imPage: { centre: typeof centre; shows: typeof shows; errors: string[] };
  }
}

window.imPage = { centre, shows, errors };
