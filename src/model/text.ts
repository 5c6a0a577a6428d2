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
