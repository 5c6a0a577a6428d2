import type { ConversationKind, Message, SearchHit } from './types.js';

/** About how much of a long message a hit shows. */
const SNIPPET_LENGTH = 120;
/** How much text a snippet keeps before its first match. */
const CONTEXT_BEFORE = 40;
/** How far a snippet's cut may move to fall between words. */
const WORD_SLACK = 15;

/**
 * Letters people type without their mark that NFKD does not take apart.
 * Folding ø → o and æ → ae lets "Bjorn" find "Bjørn" as "ase" finds "Åse";
 * a one-to-many fold maps every output letter to the same original index.
 */
const letterFolds: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', ł: 'l', ı: 'i', þ: 'th' };
const foldable = /[øæœßđðłıþ]/g;
const marks = /\p{M}/gu;
const notWordEdge = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * Case- and accent-insensitive form of `text` for matching: NFKD, combining
 * marks dropped, lower case, the folds above. `map[i]` is the UTF-16 index in
 * `text` of the character normalized character `i` came from.
 */
export function normalizeForSearch(text: string): { normalized: string; map: number[] } {
  let normalized = '';
  const map: number[] = [];
  let index = 0;
  for (const char of text) {
    const folded = char < '\u0080' ? char.toLowerCase() : fold(char);
    normalized += folded;
    for (let k = 0; k < folded.length; k++) map.push(index);
    index += char.length;
  }
  return { normalized, map };
}

function fold(char: string): string {
  // Marks go after lower-casing: "İ" lowers to "i" plus a combining dot.
  return char.normalize('NFKD').toLowerCase().replace(marks, '').replace(foldable, (c) => letterFolds[c] ?? c);
}

/**
 * Words of a query, normalized. Punctuation and emoji at a word's ends are
 * dropped, so a word with no letter or digit disappears: the spec has no
 * search for emoji, and a query of only such words finds nothing.
 */
function queryWords(query: string): string[] {
  const words = normalizeForSearch(query).normalized.split(/\s+/).map((word) => word.replace(notWordEdge, ''));
  return [...new Set(words.filter(Boolean))];
}

/**
 * Where every word of `query` occurs in `text`, as sorted, merged [start, end)
 * ranges of UTF-16 offsets into `text`; [] unless every word occurs. Words match
 * anywhere, not only at word starts, so "report" finds ".../Report.pdf" in a link.
 */
export function findMatches(text: string, query: string): [number, number][] {
  return matchWords(text, queryWords(query));
}

function matchWords(text: string, words: string[]): [number, number][] {
  if (words.length === 0) return [];
  const { normalized, map } = normalizeForSearch(text);
  const ranges: [number, number][] = [];
  for (const word of words) {
    let at = normalized.indexOf(word);
    if (at === -1) return [];
    for (; at !== -1; at = normalized.indexOf(word, at + 1)) {
      ranges.push([map[at], originalEnd(map, at + word.length, text.length)]);
    }
  }
  return merge(ranges);
}

/**
 * The original end of a match ending before normalized index `end`: the start
 * of the next original character, so dropped combining marks and the rest of a
 * folded letter (æ → ae) are inside the range.
 */
function originalEnd(map: number[], end: number, length: number): number {
  const last = map[end - 1];
  for (let i = end; i < map.length; i++) if (map[i] > last) return map[i];
  return length;
}

function merge(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of ranges) {
    const previous = merged.at(-1);
    if (previous && start <= previous[1]) previous[1] = Math.max(previous[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Whether a conversation of this kind can be searched: not mass messages, not weekly course updates (spec, "Search"). */
export function isSearchableKind(kind: ConversationKind): boolean {
  return kind !== 'mass' && kind !== 'system';
}

/**
 * Matches one message: its text (links included) first, else the first
 * attachment name that holds every word. Deleted and removed messages never
 * match; their content is gone. Every word must occur in the same field.
 */
export function searchMessage(message: Message, query: string): SearchHit | undefined {
  if (message.status !== 'normal') return undefined;
  const words = queryWords(query);
  const hit = { conversationId: message.conversationId, messageId: message.id, seq: message.seq, senderName: message.sender.name, createdAt: message.createdAt };
  const ranges = matchWords(message.text, words);
  if (ranges.length > 0) return { ...hit, field: 'text', ...snippet(message.text, ranges) };
  for (const { name } of message.attachments) {
    const inName = matchWords(name, words);
    if (inName.length > 0) return { ...hit, field: 'attachment', snippet: name, ranges: inName };
  }
  return undefined;
}

/** A window of about SNIPPET_LENGTH characters around the first match, cut between words, "…" where cut. */
function snippet(text: string, ranges: [number, number][]): Pick<SearchHit, 'snippet' | 'ranges'> {
  if (text.length <= SNIPPET_LENGTH) return { snippet: text, ranges };
  const [first, firstEnd] = ranges[0];
  // Some text before the match, unless the match is long enough to need the room; a full window near the end.
  const ideal = Math.min(first, Math.max(first - CONTEXT_BEFORE, firstEnd - SNIPPET_LENGTH));
  let start = Math.max(0, Math.min(ideal, text.length - SNIPPET_LENGTH));
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (start > 0 && !/\s/.test(text[start - 1])) {
    const space = text.slice(start, Math.min(first, start + WORD_SLACK)).search(/\s/);
    if (space !== -1) start += space + 1;
  }
  if (end < text.length && !/\s/.test(text[end])) {
    const from = Math.max(firstEnd, end - WORD_SLACK);
    const space = text.slice(from, end).search(/\s\S*$/);
    if (space !== -1) end = from + space;
  }
  // Never split a surrogate pair (an emoji) at a cut.
  if (isLowSurrogate(text, start)) start++;
  if (end < text.length && isLowSurrogate(text, end)) end--;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const shift = prefix.length - start;
  return {
    snippet: prefix + text.slice(start, end) + suffix,
    ranges: ranges
      .filter(([from, to]) => from < end && to > start)
      .map(([from, to]) => [Math.max(from, start) + shift, Math.min(to, end) + shift]),
  };
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}
