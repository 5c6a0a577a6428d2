import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findMatches, isSearchableKind, normalizeForSearch, searchMessage } from '../../src/model/search.js';
import type { Attachment, Message, MessageStatus } from '../../src/model/types.js';

/** The original substrings the ranges point at. */
const found = (text: string, query: string) => findMatches(text, query).map(([start, end]) => text.slice(start, end));

function message(text: string, attachments: string[] = [], status: MessageStatus = 'normal'): Message {
  return {
    id: 'm1',
    conversationId: 'c1',
    seq: 7,
    sender: { id: 'u1', name: 'Kari Nordmann', title: 'Teacher', role: 'teacher' },
    createdAt: 1_700_000_000_000,
    text,
    attachments: attachments.map((name, i): Attachment => ({ id: `a${i}`, name, size: 100, type: 'application/pdf' })),
    status,
  };
}

describe('search: normalizing', () => {
  it('lowers case, drops accents and maps every character back to the original', () => {
    assert.deepEqual(normalizeForSearch('Åse É'), { normalized: 'ase e', map: [0, 1, 2, 3, 4] });
  });

  it('drops combining marks of decomposed text, keeping the original offsets', () => {
    assert.deepEqual(normalizeForSearch('Cafe\u0301!'), { normalized: 'cafe!', map: [0, 1, 2, 3, 5] });
  });

  it('folds ø, æ and ß, which NFD leaves whole; a letter folded into two maps both to its index', () => {
    assert.deepEqual(normalizeForSearch('Bjørn'), { normalized: 'bjorn', map: [0, 1, 2, 3, 4] });
    assert.deepEqual(normalizeForSearch('Ærø'), { normalized: 'aero', map: [0, 0, 1, 2] });
    assert.equal(normalizeForSearch('Straße').normalized, 'strasse');
  });

  it('keeps emoji as they are, two UTF-16 units each', () => {
    assert.deepEqual(normalizeForSearch('a😀b'), { normalized: 'a😀b', map: [0, 1, 1, 3] });
  });
});

describe('search: matching', () => {
  it('ignores case and accents both ways', () => {
    assert.deepEqual(found('Hei Åse!', 'ase'), ['Åse']);
    assert.deepEqual(found('Hei Ase!', 'åse'), ['Ase']);
    assert.deepEqual(found('Un café crème', 'CAFE CREME'), ['café', 'crème']);
    assert.deepEqual(found('Møte på Ærøy', 'mote aeroy'), ['Møte', 'Ærøy']);
  });

  it('highlights a decomposed accent with its letter', () => {
    assert.deepEqual(found('cafe\u0301 au lait', 'café'), ['cafe\u0301']);
  });

  it('highlights the whole original letter when a match ends inside a fold', () => {
    assert.deepEqual(found('Ærlig', 'a'), ['Æ']);
  });

  it('requires every word and marks each occurrence', () => {
    const text = 'The test is on Friday. Bring the test sheet.';
    assert.deepEqual(findMatches(text, 'test friday'), [[4, 8], [15, 21], [33, 37]]);
    assert.deepEqual(findMatches(text, 'test monday'), []);
  });

  it('merges overlapping and touching occurrences', () => {
    assert.deepEqual(findMatches('aaaa', 'aa'), [[0, 4]]);
    assert.deepEqual(findMatches('notebook', 'note book'), [[0, 8]]);
  });

  it('finds nothing for a query without a letter or digit', () => {
    for (const query of ['', '   ', '😀', '👍🏽 🎉', '!!', '...', ':-)']) assert.deepEqual(findMatches('Great 😀 !! ... :-) 👍🏽🎉', query), [], query);
  });

  it('ignores emoji and punctuation around a word', () => {
    assert.deepEqual(found('Well done 🎉', '🎉done!'), ['done']);
  });

  it('finds words inside links, which are part of the text', () => {
    const text = 'See https://example.org/Report.pdf before class';
    assert.deepEqual(found(text, 'report'), ['Report']);
    assert.deepEqual(found(text, 'example.org/report'), ['example.org/Report']);
  });

  it('finds digits', () => {
    assert.deepEqual(found('Room 214, floor 2', '214'), ['214']);
  });
});

describe('search: conversation kinds', () => {
  it('leaves out mass messages and weekly course updates', () => {
    assert.equal(isSearchableKind('mass'), false);
    assert.equal(isSearchableKind('system'), false);
    for (const kind of ['one-to-one', 'group', 'course', 'project', 'individual'] as const) assert.equal(isSearchableKind(kind), true, kind);
  });
});

describe('search: messages', () => {
  it('gives a hit on the text with the message it belongs to', () => {
    const hit = searchMessage(message('Homework for Tuesday', ['tuesday.pdf']), 'tuesday');
    assert.deepEqual(hit, {
      conversationId: 'c1',
      messageId: 'm1',
      seq: 7,
      senderName: 'Kari Nordmann',
      createdAt: 1_700_000_000_000,
      field: 'text',
      snippet: 'Homework for Tuesday',
      ranges: [[13, 20]],
    });
  });

  it('falls back to the first attachment whose name matches', () => {
    const hit = searchMessage(message('', ['notes.txt', 'Årsplan 2025.PDF', 'årsplan.docx']), 'arsplan pdf');
    assert.equal(hit?.field, 'attachment');
    assert.equal(hit?.snippet, 'Årsplan 2025.PDF');
    assert.deepEqual(hit?.ranges, [[0, 7], [13, 16]]);
  });

  it('finds nothing when no field holds every word', () => {
    assert.equal(searchMessage(message('the report', ['summary.pdf']), 'report summary'), undefined);
  });

  it('never matches deleted or removed messages', () => {
    assert.equal(searchMessage(message('secret plan', ['plan.pdf'], 'deleted'), 'plan'), undefined);
    assert.equal(searchMessage(message('secret plan', ['plan.pdf'], 'removed'), 'plan'), undefined);
  });

  it('never matches on an emoji-only query', () => {
    assert.equal(searchMessage(message('🎉🎉 party 🎉'), '🎉'), undefined);
  });
});

describe('search: snippets', () => {
  const words = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}`).join(' ');

  it('cuts a window around the first match of a long text, with "…" at cut ends and ranges re-based', () => {
    const text = `${words(40, 'before')} Æsop's fable ${words(40, 'after')}`;
    const hit = searchMessage(message(text), 'aesop fable');
    assert.ok(hit);
    assert.ok(hit.snippet.startsWith('…') && hit.snippet.endsWith('…'), hit.snippet);
    assert.ok(hit.snippet.length <= 122, `${hit.snippet.length}`);
    assert.deepEqual(hit.ranges.map(([start, end]) => hit.snippet.slice(start, end)), ['Æsop', 'fable']);
    assert.ok(text.includes(hit.snippet.slice(1, -1)));
    // Cut between words, not inside one.
    assert.match(hit.snippet, /^…before\d+ /);
    assert.match(hit.snippet, / after\d+…$/);
  });

  it('has no leading "…" when the match is near the start, and clips later ranges at the cut', () => {
    const text = `Report: ${words(60, 'filler')} report`;
    const hit = searchMessage(message(text), 'report');
    assert.ok(hit);
    assert.ok(hit.snippet.startsWith('Report:') && hit.snippet.endsWith('…'));
    assert.deepEqual(hit.ranges, [[0, 6]]);
  });

  it('fills the window back from the end when the match is near it', () => {
    const text = `${words(60, 'filler')} the end`;
    const hit = searchMessage(message(text), 'end');
    assert.ok(hit);
    assert.ok(hit.snippet.startsWith('…') && hit.snippet.endsWith('the end'));
    assert.ok(hit.snippet.length > 100);
    assert.deepEqual(hit.ranges.map(([start, end]) => hit.snippet.slice(start, end)), ['end']);
  });

  it('keeps a match longer than the window from its start', () => {
    const long = 'x'.repeat(200);
    const text = `${words(30, 'w')} ${long} tail`;
    const hit = searchMessage(message(text), long);
    assert.ok(hit);
    assert.equal(hit.ranges.length, 1);
    const [start, end] = hit.ranges[0];
    assert.equal(start, 1);
    assert.equal(hit.snippet.slice(start, end), 'x'.repeat(120));
  });

  it('never splits an emoji at a cut', () => {
    const text = `${'😀'.repeat(60)}word${'😀'.repeat(60)}`;
    const hit = searchMessage(message(text), 'word');
    assert.ok(hit);
    assert.doesNotMatch(hit.snippet, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    assert.deepEqual(hit.ranges.map(([start, end]) => hit.snippet.slice(start, end)), ['word']);
  });
});
