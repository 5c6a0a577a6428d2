/**
 * The sanitizer of platform messages' formatted text (`Message.html`): DOMPurify with
 * a strict allow-list, loaded on first use so the badge's first chunks stay small.
 *
 * It works on elements, not strings, so that a host enforcing Trusted Types with only
 * Lit's policy (`trusted-types lit-html`) needs nothing more: the HTML is parsed by Lit,
 * through that policy, into a document of its own that shows nothing and runs nothing,
 * DOMPurify cleans the elements there, in place, without a policy or a parser of its own,
 * and only what is left is put into the page.
 */
import type { DOMPurify } from 'dompurify';
import { render } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';

/** Turns untrusted HTML into an element (`div.formatted`) holding only the allowed subset, ready to be put in the page. */
export type Sanitize = (html: string) => HTMLElement;

/** Paragraphs, line breaks, emphasis, lists and links: what the platform's editor makes; the div is the root it is cleaned in. */
const config = {
  ALLOWED_TAGS: ['div', 'p', 'br', 'strong', 'em', 'b', 'i', 'ul', 'ol', 'li', 'a'],
  ALLOWED_ATTR: ['href'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  IN_PLACE: true,
  // No policy of DOMPurify's own: with IN_PLACE it parses nothing, so it needs none.
  TRUSTED_TYPES_POLICY: null,
};

/** As in a plain message's text (`segments.ts`): no `javascript:`, `data:`, `file:` or others. */
const safeProtocols = new Set(['http:', 'https:', 'mailto:']);

let sanitize: Sanitize | undefined;
let loading: Promise<Sanitize | undefined> | undefined;

/** The sanitizer if it has loaded, else undefined. */
export function loadedSanitizer(): Sanitize | undefined {
  return sanitize;
}

/** Loads DOMPurify once; undefined if it could not be loaded (the messages stay plain text). */
export function loadSanitizer(): Promise<Sanitize | undefined> {
  loading ??= import('dompurify').then(
    ({ default: DOMPurify }) => (sanitize = create(DOMPurify)),
    (error: unknown) => {
      console.warn('<im-message>: the sanitizer did not load; formatted messages are shown as plain text.', error);
      return undefined;
    },
  );
  return loading;
}

function create(DOMPurify: DOMPurify): Sanitize {
  // An instance of our own: the hook must not reach a DOMPurify the host page uses too.
  const purify = DOMPurify(window);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.localName !== 'a') return;
    const href = node.getAttribute('href');
    // Read as the browser reads it (it drops tabs and new lines, so "java\tscript:" is javascript:).
    if (href !== null && !safeProtocols.has(protocolOf(href))) node.removeAttribute('href');
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  });
  return (html) => {
    const root = parseInert(html);
    purify.sanitize(root, config);
    // Into the page's document only now, cleaned.
    const clean = document.importNode(root, true);
    clean.className = 'formatted';
    clean.dir = 'auto';
    return clean;
  };
}

/**
 * The HTML parsed into a div of a document without a window: its images don't load and
 * its handlers can't run. Lit parses it in a template, which is inert too, through its
 * Trusted Types policy; its markers (comments) are removed by the sanitizer.
 */
function parseInert(html: string): HTMLElement {
  const inert = document.implementation.createHTMLDocument('');
  const root = inert.createElement('div');
  render(unsafeHTML(html), root, { creationScope: inert });
  return root;
}

function protocolOf(href: string): string {
  try {
    return new URL(href, document.baseURI).protocol;
  } catch {
    return '';
  }
}
