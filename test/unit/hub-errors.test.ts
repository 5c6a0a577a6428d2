import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ImError } from '../../src/model/errors.js';
import { decodeHubError, encodeHubError } from '../../src/transport/hub-errors.js';

describe('hub errors', () => {
  it('encodes a shape as "ImError " and its JSON, details only when present', () => {
    assert.equal(encodeHubError({ code: 'forbidden', message: 'No.' }), 'ImError {"code":"forbidden","message":"No."}');
    assert.equal(
      encodeHubError(new ImError('file-too-large', 'Too big', { max: 10 })),
      'ImError {"code":"file-too-large","message":"Too big","details":{"max":10}}',
    );
  });

  it('decodes what it encodes, behind the prefix ASP.NET clients add', () => {
    const encoded = encodeHubError({ code: 'read-only', message: 'Closed "for now" ImError {', details: { id: 'c1' } });
    for (const text of [encoded, `An unexpected error occurred invoking 'send' on the server. HubException: ${encoded}`]) {
      const error = decodeHubError(text);
      assert.ok(error instanceof ImError);
      assert.equal(error.code, 'read-only');
      assert.equal(error.message, 'Closed "for now" ImError {');
      assert.deepEqual(error.details, { id: 'c1' });
    }
  });

  it('skips a marker inside the prefix and finds the real one at the end', () => {
    const error = decodeHubError('HubException: ImError {broken} then ImError {"code":"not-found","message":"Gone"}');
    assert.equal(error?.code, 'not-found');
    assert.equal(error?.message, 'Gone');
  });

  it('gives undefined for anything that is not our convention', () => {
    for (const text of [
      '',
      'Invocation canceled due to the underlying connection being closed.',
      'ImError {"code":"forbidden","message":"No."} trailing text',
      'ImError {"code":"made-up","message":"No."}',
      'ImError {"code":"forbidden"}',
      'ImError ["forbidden"]',
    ]) {
      assert.equal(decodeHubError(text), undefined, text);
    }
  });

  it('drops details that are not an object', () => {
    const error = decodeHubError('ImError {"code":"invalid","message":"Bad","details":"oops"}');
    assert.equal(error?.code, 'invalid');
    assert.equal(error?.details, undefined);
  });
});
