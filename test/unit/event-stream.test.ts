import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventEnvelope } from '../../src/model/events.js';
import { EventStream } from '../../src/transport/event-stream.js';

const event = (seq: number): EventEnvelope => ({ seq, event: { type: 'unread-changed', total: seq } });

function recorder(stream: EventStream) {
  const seen: number[] = [];
  stream.subscribe((e) => e.type === 'event' && seen.push(e.seq));
  return seen;
}

describe('EventStream', () => {
  it('delivers each event once, in order, across a catch-up', async () => {
    const stream = new EventStream();
    const seen = recorder(stream);
    stream.push(event(1));
    stream.push(event(2));
    const catchUp = stream.catchUp(async (after) => {
      // A live event arrives while the missed ones are fetched.
      stream.push(event(5));
      return { events: [2, 3, 4].filter((s) => s > after).map(event), latestSeq: 4, reset: false };
    });
    await catchUp;
    stream.push(event(5));
    stream.push(event(6));
    assert.deepEqual(seen, [1, 2, 3, 4, 5, 6]);
  });

  it('holds live events after a failed catch-up until one succeeds, so no gap is skipped', async () => {
    const stream = new EventStream();
    const seen = recorder(stream);
    stream.push(event(1));
    await assert.rejects(stream.catchUp(async () => Promise.reject(new Error('offline'))));
    stream.push(event(4));
    assert.deepEqual(seen, [1], 'event 4 waits: 2 and 3 are missing');
    await stream.catchUp(async () => ({ events: [event(2), event(3)], latestSeq: 3, reset: false }));
    assert.deepEqual(seen, [1, 2, 3, 4]);
  });

  it('asks listeners to reload when the backend no longer has the missed events', async () => {
    const stream = new EventStream();
    const kinds: string[] = [];
    stream.subscribe((e) => kinds.push(e.type));
    await stream.catchUp(async () => ({ events: [], latestSeq: 9000, reset: true }));
    assert.deepEqual(kinds, ['reset']);
    assert.equal(stream.seq, 9000);
  });
});
