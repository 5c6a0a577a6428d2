// The hub's delivery in order: events arriving crossed, twice, or past a gap (as they do
// from several instances through Redis) reach a user's connections once each, in seq order,
// the missing ones read from the store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventEnvelope } from '../../src/model/events.js';
import { Delivery } from '../../server/delivery.js';

const envelope = (seq: number): EventEnvelope => ({ seq, event: { type: 'unread-changed', total: seq } });

/** A delivery over a store holding `stored` events of one user, recording what it sends and reads. */
function deliveryOver(stored: number) {
  const log = { sent: [] as number[], reads: 0, reported: [] as unknown[], resets: 0 };
  /** How many of the next reads fail. */
  const fail = { reads: 0 };
  const store = { latest: stored };
  const delivery = new Delivery({
    send: (_userId, e) => log.sent.push(e.seq),
    async read(_userId, seq, limit) {
      log.reads++;
      await sleep(1);
      if (fail.reads-- > 0) throw new Error('database away');
      const events = Array.from({ length: Math.max(0, Math.min(limit, store.latest - seq)) }, (_, i) => envelope(seq + 1 + i));
      return { events, latestSeq: store.latest };
    },
    report: (error) => log.reported.push(error),
    reset: () => log.resets++,
  });
  return { delivery, log, store, fail };
}

describe('delivery in order', () => {
  it('sends events in order at once, counting from the user’s latest when they connected', async () => {
    const { delivery, log } = deliveryOver(7);
    delivery.watch('u');
    delivery.deliver('u', envelope(8)); // before counting started: waits for it
    await delivery.ready('u');
    delivery.deliver('u', envelope(9));
    delivery.deliver('u', envelope(7)); // the client's own catch-up has that one
    await sleep(5);
    assert.deepEqual(log.sent, [8, 9]);
  });

  it('fills a gap from the store, in order, and drops what arrives afterwards twice', async () => {
    const { delivery, log, store } = deliveryOver(3);
    delivery.watch('u');
    await delivery.ready('u');
    store.latest = 7;
    delivery.deliver('u', envelope(6)); // 4 and 5 came from another instance and were lost, or are late
    delivery.deliver('u', envelope(5));
    delivery.deliver('u', envelope(4));
    delivery.deliver('u', envelope(7));
    await sleep(10);
    assert.deepEqual(log.sent, [4, 5, 6, 7]);
  });

  it('reads what was missed for every watched user when asked to resync, and nothing for others', async () => {
    const { delivery, log, store } = deliveryOver(2);
    delivery.watch('u');
    await delivery.ready('u');
    store.latest = 5;
    delivery.resync('someone-else');
    await sleep(5);
    assert.deepEqual(log.sent, []);
    delivery.resync();
    await sleep(5);
    assert.deepEqual(log.sent, [3, 4, 5]);
  });

  it('reads a gap again when the store failed to answer, and never sends past a gap it can’t fill: the connections are reset instead', async () => {
    const { delivery, log, store, fail } = deliveryOver(2);
    fail.reads = 1; // the latest, read again
    delivery.watch('u');
    await delivery.ready('u');
    delivery.deliver('u', envelope(3));
    store.latest = 5;
    fail.reads = 1;
    delivery.deliver('u', envelope(5)); // 4 is read on the second try
    for (const deadline = Date.now() + 10_000; log.sent.length < 3 && Date.now() < deadline; ) await sleep(20);
    assert.deepEqual(log.sent, [3, 4, 5]);
    assert.equal(log.resets, 0);
    store.latest = 8;
    fail.reads = 3;
    delivery.deliver('u', envelope(8)); // 6 and 7 can't be read at all
    // The reads are retried a few times, a while apart: a busy machine takes longer.
    for (const deadline = Date.now() + 10_000; log.resets === 0 && Date.now() < deadline; ) await sleep(20);
    assert.deepEqual(log.sent, [3, 4, 5], 'nothing past the gap');
    assert.equal(log.resets, 1, 'the user’s connections are told to reconnect and catch up');
    assert.equal(log.reported.length, 1);
    delivery.deliver('u', envelope(9));
    await sleep(5);
    assert.deepEqual(log.sent, [3, 4, 5], 'and nothing more until they come back');
  });

  it('resets the connections when the latest can’t be read at the start, sending nothing', async () => {
    const { delivery, log, fail } = deliveryOver(2);
    fail.reads = 3;
    delivery.watch('u');
    delivery.deliver('u', envelope(3));
    await delivery.ready('u');
    await sleep(5);
    assert.deepEqual(log.sent, []);
    assert.equal(log.resets, 1);
  });

  it('sends nothing from steps still queued once the user’s last connection here has left', async () => {
    const { delivery, log, store } = deliveryOver(1);
    delivery.watch('u');
    await delivery.ready('u');
    store.latest = 4;
    delivery.deliver('u', envelope(4)); // a gap: read on the next tick
    delivery.unwatch('u');
    delivery.watch('u'); // a new connection: counting afresh
    await delivery.ready('u');
    await sleep(10);
    assert.deepEqual(log.sent, [], 'the old entry’s fill reached nobody');
  });

  it('stops with the user’s last connection here, and starts counting afresh with their next', async () => {
    const { delivery, log } = deliveryOver(1);
    delivery.watch('u');
    delivery.watch('u');
    await delivery.ready('u');
    assert.equal(delivery.unwatch('u'), false);
    assert.equal(delivery.unwatch('u'), true);
    delivery.deliver('u', envelope(2));
    assert.deepEqual(log.sent, []);
    assert.equal(log.reads, 1);
  });
});
