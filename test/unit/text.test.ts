import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlToText } from '../../src/model/text.js';

describe('htmlToText: the plain text of a platform message’s HTML', () => {
  it('puts paragraphs, line breaks and list items on lines of their own', () => {
    assert.equal(
      htmlToText('<p>This week: <strong>equations</strong>.</p><ul><li>Read pages 60–64.</li><li>Exercises</li></ul><p>Test on <em>Tuesday</em>.<br>Good luck!</p>'),
      'This week: equations.\n\n• Read pages 60–64.\n• Exercises\n\nTest on Tuesday.\nGood luck!',
    );
    assert.equal(htmlToText('<ol><li>one</li><li>two<ul><li>inner</li></ul></li><li><p>three</p></li></ol>after'), '1. one\n2. two\n• inner\n3. three\n\nafter');
  });

  it('folds white space as a browser does, and keeps a link’s text', () => {
    assert.equal(htmlToText('  <p>\n  spread\n   over   lines </p>\n\n<p>next</p> '), 'spread over lines\n\nnext');
    assert.equal(htmlToText('See <a href="https://example.org" title="a > b">the <b>course</b> page</a>.'), 'See the course page.');
  });

  it('decodes the basic entities, once', () => {
    assert.equal(htmlToText('Tom &amp; Jerry &lt;b&gt; &quot;hi&quot; &#39;x&apos; &#65;&#x42; a&nbsp;b &amp;lt; &unknown;'), 'Tom & Jerry <b> "hi" \'x\' AB a\u00A0b &lt; &unknown;');
    assert.equal(htmlToText('&#0;&#xD800;&#x110000;'), '\uFFFD\uFFFD\uFFFD');
  });

  it('leaves out scripts, styles and comments, and keeps a stray "<"', () => {
    assert.equal(htmlToText('<script>alert("<p>no</p>")</script><style>p { color: red }</style><!-- note -->1 < 2<svg/> ok'), '1 < 2 ok');
    assert.equal(htmlToText('<p>only text'), 'only text');
    assert.equal(htmlToText(''), '');
  });
});
