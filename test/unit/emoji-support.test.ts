import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newestDrawn } from '../../src/components/composer/emoji-support.js';

// The emoji picker leaves out emoji of Unicode versions the browser's fonts don't know.
describe('the emoji versions a browser draws', () => {
  it('are those up to the newest whose probe it draws in colour', () => {
    const drawn = new Set(['🥰', '🤩', '😀', '😃']);
    assert.equal(newestDrawn((emoji) => drawn.has(emoji)), 11);
    assert.equal(newestDrawn((emoji) => emoji === '😃'), 0.6);
  });

  it('are all of them when it draws none in colour (no colour font) or its canvas cannot be read', () => {
    assert.equal(newestDrawn(() => false), Infinity);
    assert.equal(
      newestDrawn(() => {
        throw new DOMException('The canvas has been tainted', 'SecurityError');
      }),
      Infinity,
    );
  });
});
