import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { segments } from '../../src/components/message/segments.js';

describe('message text segments', () => {
  it('makes http, https and mailto links and keeps the rest as text', () => {
    assert.deepEqual(segments('See https://example.org/a?b=1. Mail kari@school.no'), [
      { type: 'text', text: 'See ' },
      { type: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { type: 'text', text: '. Mail ' },
      { type: 'link', text: 'kari@school.no', href: 'mailto:kari@school.no' },
    ]);
  });

  it('never links other schemes', () => {
    for (const text of ['javascript:alert(1)', 'ftp://files.example.org', 'file:///etc/passwd', 'data:text/html,<script>alert(1)</script>']) {
      assert.ok(segments(text).every((s) => s.type === 'text'), text);
      assert.equal(segments(text).map((s) => s.text).join(''), text, 'nothing lost');
    }
  });

  it('keeps HTML as text', () => {
    assert.deepEqual(segments('<img src=x onerror=alert(1)>'), [{ type: 'text', text: '<img src=x onerror=alert(1)>' }]);
  });
});
