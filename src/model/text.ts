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
