import { find } from 'linkifyjs';

export type Segment = { type: 'text'; text: string } | { type: 'link'; text: string; href: string };

/** Only these ever become links: a `javascript:`, `file:` or `data:` URL stays text. */
const safe = /^(https?:|mailto:)/i;

/**
 * Splits a message text into plain text and links (linkifyjs finds them).
 * Rendered by Lit as text nodes and `<a>` elements: no HTML string is ever built.
 */
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const link of find(text)) {
    if (!link.isLink || !safe.test(link.href)) continue;
    if (link.start > at) out.push({ type: 'text', text: text.slice(at, link.start) });
    out.push({ type: 'link', text: link.value, href: link.href });
    at = link.end;
  }
  if (at < text.length) out.push({ type: 'text', text: text.slice(at) });
  return out;
}
