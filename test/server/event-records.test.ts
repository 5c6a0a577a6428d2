// The record the hub pushes an event in: an event stored once for many is serialised once,
// and every user must still read exactly their own envelope.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Backend, unlimited } from '../../src/backend/backend.js';
import { MemoryStorage } from '../../src/backend/memory-storage.js';
import { seed, seedUsers as u } from '../../src/backend/seed.js';
import { envelopeOf, type StoredEvent, type ViewerFields } from '../../src/backend/storage.js';
import type { EventEnvelope } from '../../src/model/events.js';
import type { ConversationSummary } from '../../src/model/types.js';
import { eventRecord } from '../../server/event-records.js';
import { invocationMessage, writeRecord } from '../../server/signalr/protocol.js';

describe('an event’s record', () => {
  it('reads for every user as the envelope they are sent, in one piece, however their own fields differ', async () => {
    const clock = { now: Date.UTC(2026, 10, 23, 9) };
    const backend = new Backend({ storage: new MemoryStorage(), now: () => clock.now, limits: unlimited });
    const heard: { envelope: EventEnvelope; stored: StoredEvent }[] = [];
    backend.onEvent((_, stored) => heard.push({ envelope: envelopeOf(stored), stored }));
    const { conversations: ids } = await seed(backend, clock);
    // Members who see the same message differently: muted, pinned; a reviewer, who is no member.
    await backend.execute(u.ola.id, 'muteConversation', { conversationId: ids.group });
    await backend.execute(u.emma.id, 'pinConversation', { conversationId: ids.group });
    await backend.execute(u.ola.id, 'reportAbuse', { conversationId: ids.maths, reason: 'Test' });
    // A group without a name is named for each member after the others.
    const { conversation: unnamed } = await backend.execute(u.kari.id, 'startConversation', {
      recipients: [u.emma, u.noah, u.sofie].map((p) => ({ type: 'person' as const, id: p.id })),
      mode: 'group',
      text: 'Who brings the projector?',
      clientId: 'c-unnamed',
    });
    const sends = [
      [u.emma.id, ids.group],
      [u.kari.id, ids.oneToOne],
      [u.kari.id, ids.maths],
      [u.per.id, ids.project],
      [u.noah.id, unnamed.id],
    ];
    for (const [sender, conversationId] of sends) {
      await backend.execute(sender, 'sendMessage', { conversationId, clientId: `c-${conversationId}`, text: 'The test is moved to “Thursday” \u2028 ✓' });
    }

    for (const { envelope, stored } of heard) {
      const record = eventRecord('event', stored);
      const expected = writeRecord(invocationMessage('event', [envelope]));
      assert.ok(record.endsWith('\x1e'), 'a record ends with the separator');
      assert.deepEqual(JSON.parse(record.slice(0, -1)), JSON.parse(expected.slice(0, -1)), `${envelope.event.type} #${envelope.seq}`);
      // A key written twice would be read once, and written back the record would be shorter.
      assert.equal(JSON.stringify(JSON.parse(record.slice(0, -1))).length, record.length - 1, `${envelope.event.type} #${envelope.seq} has a key twice`);
    }
    const own = (test: (fields: ViewerFields) => boolean) => heard.some(({ stored }) => stored.own && test(stored.own));
    assert.ok(own((f) => f.muted === true), 'a muted member was heard');
    assert.ok(own((f) => f.pinnedAt! > 0), 'a member who pinned it was heard');
    assert.ok(own((f) => f.peer !== undefined) && own((f) => f.access === undefined), 'one-to-ones and reviewers were heard');
    assert.ok(heard.some(({ stored }) => stored.own === undefined && 'conversation' in stored.event), 'events with a conversation and nobody’s own fields were heard');
  });

  it('writes a viewer’s field left unset as absent, as the envelope does', () => {
    const conversation = { id: 'c', kind: 'group', name: 'Old name', lastSeq: 1, unreadCount: 0 } as unknown as ConversationSummary;
    const event = { type: 'conversation-updated', conversation } as const;
    const cases: (ViewerFields | undefined)[] = [{}, { name: undefined }, { name: 'Ola, Emma', unreadCount: 2 }, undefined];
    for (const own of cases) {
      const record = eventRecord('event', { seq: 3, event, own });
      const expected = writeRecord(invocationMessage('event', [{ seq: 3, event: own ? { ...event, conversation: { ...event.conversation, ...own } } : event }]));
      assert.deepEqual(JSON.parse(record.slice(0, -1)), JSON.parse(expected.slice(0, -1)), JSON.stringify(own));
    }
  });
});
