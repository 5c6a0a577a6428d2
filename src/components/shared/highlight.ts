import { html } from 'lit';
import type { SearchHit } from '../../model/types.js';

/** A search hit's snippet with its matches in `<mark>`: text nodes only, never HTML from the message. */
export function highlight(hit: Pick<SearchHit, 'snippet' | 'ranges'>) {
  const parts = [];
  let at = 0;
  for (const [start, end] of hit.ranges) {
    parts.push(hit.snippet.slice(at, start), html`<mark>${hit.snippet.slice(start, end)}</mark>`);
    at = end;
  }
  parts.push(hit.snippet.slice(at));
  return parts;
}
