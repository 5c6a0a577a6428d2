/**
 * The sanitizer of platform messages' formatted text (`Message.html`): DOMPurify with
 * a strict allow-list, loaded on first use so the badge's first chunks stay small.
 */
import type { DOMPurify } from 'dompurify';

/** Turns untrusted HTML into the allowed subset; safe to hand to `unsafeHTML`. */
export type Sanitize = (html: string) => string;

/** Paragraphs, line breaks, emphasis, lists and links: what the platform's editor makes. */
const config = {
  ALLOWED_TAGS: ['p', 'br', 'strong', 'em', 'b', 'i', 'ul', 'ol', 'li', 'a'],
  ALLOWED_ATTR: ['href'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
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
  return (html) => purify.sanitize(html, config);
}

function protocolOf(href: string): string {
  try {
    return new URL(href, document.baseURI).protocol;
  } catch {
    return '';
  }
}
