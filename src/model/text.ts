/** The first line of a text, shortened to `max` characters with an ellipsis: a list item's one-line preview. */
export function previewText(text: string, max = 100): string {
  const line = text.trim().split(/\r?\n/, 1)[0] ?? '';
  const chars = [...line];
  return chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : line;
}

/** Whether a text has anything to send: not only white space. */
export function hasText(text: string | undefined): boolean {
  return !!text && text.trim().length > 0;
}

/**
 * Bidirectional formatting characters (embeddings, overrides, isolates, marks): in a
 * file name they only ever serve to spoof it ("photo<RLO>gnp.txt" shows as
 * "phototxt.png"), so names are shown, and stored, without them.
 */
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** A file name as it may be shown: without bidirectional controls (the extension checked is the real one). */
export function plainFileName(name: string): string {
  return name.replace(bidiControls, '');
}

/** Elements whose content is not text (code, styles, templates): left out whole. */
const hiddenElements = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'iframe', 'object', 'svg', 'math']);
/** Elements that start and end a line of their own. */
const blockElements = new Set(['p', 'div', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'tr', 'hr', 'section', 'article', 'header', 'footer']);
const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };
/** A comment, a start or end tag (attributes may quote a `>`), text, or a `<` that starts no tag. */
const htmlToken = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][\w-]*)(?:"[^"]*"|'[^']*'|[^'">])*>|[^<]+|</g;

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z]+));/gi, (entity, dec?: string, hex?: string, name?: string) => {
    if (name) return namedEntities[name.toLowerCase()] ?? entity;
    const code = dec ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
  });
}

/**
 * The plain text of a platform message's HTML (mass messages, weekly updates), for
 * previews, search and screen readers: tags stripped, the basic entities decoded,
 * paragraphs, line breaks and list items on lines of their own. Without a DOM, so the
 * backend can run anywhere; it never makes HTML safe, it only reads text out of it.
 */
export function htmlToText(html: string): string {
  let out = '';
  let hidden: string | undefined;
  const lists: { ordered: boolean; count: number }[] = [];
  // Where the last list item's marker ends: a paragraph inside the item starts no new line.
  let marker = -1;
  const endLine = (lines: number) => {
    if (!out || out.length === marker) return;
    let ending = 0;
    while (ending < lines && out[out.length - 1 - ending] === '\n') ending++;
    out += '\n'.repeat(lines - ending);
  };
  for (const [token, slash, rawName] of html.matchAll(htmlToken)) {
    const name = rawName?.toLowerCase();
    if (hidden) {
      if (slash && name === hidden) hidden = undefined;
      continue;
    }
    if (token.startsWith('<!--')) continue;
    if (!name) {
      // White space folds as a browser folds it, across tags too.
      const text = token.replace(/[ \t\r\n\f]+/g, ' ');
      out += decodeEntities(out === '' || out.endsWith(' ') || out.endsWith('\n') ? text.replace(/^ /, '') : text);
    } else if (slash) {
      const list = name === 'ul' || name === 'ol';
      if (list) lists.pop();
      // A paragraph, or a list not inside another, is followed by an empty line.
      if (blockElements.has(name)) endLine(name === 'p' || (list && !lists.length) ? 2 : 1);
    } else if (hiddenElements.has(name)) {
      // A self-closing one (`<svg/>`) has no end tag to wait for.
      if (!token.endsWith('/>')) hidden = name;
    } else if (name === 'br') {
      out += '\n';
    } else if (blockElements.has(name)) {
      endLine(1);
      if (name === 'ul' || name === 'ol') lists.push({ ordered: name === 'ol', count: 0 });
      const list = lists.at(-1);
      if (name === 'li') {
        out += list?.ordered ? `${++list.count}. ` : '• ';
        marker = out.length;
      }
    }
  }
  return out
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
