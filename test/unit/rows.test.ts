// The conversation view's rows: a day separator wherever the local day changes (daylight
// saving included), the unread marker, grouping, and pending messages after the rest.
process.env.TZ = 'Europe/Oslo';

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRows } from '../../src/components/conversation-view/rows.js';
import type { PendingMessage } from '../../src/state/store.js';
import type { Message } from '../../src/model/types.js';

const at = (local: string) => new Date(local).getTime();
const message = (seq: number, time: number, sender = 'u-ola'): Message =>
  ({ id: `m${seq}`, conversationId: 'c', seq, sender: { id: sender, name: sender }, createdAt: time, text: `${seq}`, attachments: [], status: 'normal' }) as unknown as Message;
const pending = (clientId: string, time: number) => ({ clientId, createdAt: time, text: clientId }) as unknown as PendingMessage;
const shape = (rows: ReturnType<typeof buildRows>) => rows.map((r) => (r.type === 'message' ? `${r.message.seq}${r.compact ? '~' : ''}` : r.type === 'pending' ? `p:${r.key.slice(8)}` : r.type));

describe('the conversation view’s rows', () => {
  it('starts a day wherever the local day changes, across the spring change of the clocks too', () => {
    const messages = [
      message(1, at('2026-03-28T23:30:00')),
      message(2, at('2026-03-29T00:30:00')),
      message(3, at('2026-03-29T03:10:00')),
      message(4, at('2026-03-29T23:59:00')),
      message(5, at('2026-03-30T00:00:00')),
    ];
    assert.deepEqual(shape(buildRows(messages, [], { complete: true })), ['start', 'day', '1', 'day', '2', '3', '4', 'day', '5']);
  });

  it('puts the unread marker before the first unread and starts a new group after it', () => {
    const messages = [1, 2, 3].map((seq) => message(seq, at('2026-11-23T10:00:00') + seq * 60_000));
    assert.deepEqual(shape(buildRows(messages, [], { complete: false, unreadAfter: 1 })), ['day', '1', 'unread', '2', '3~']);
  });

  it('adds pending messages after the rest, with a day row only where the day changes after others', () => {
    const messages = [message(1, at('2026-11-23T22:00:00'))];
    assert.deepEqual(shape(buildRows(messages, [pending('a', at('2026-11-23T23:00:00')), pending('b', at('2026-11-24T08:00:00'))], { complete: false })), [
      'day',
      '1',
      'p:a',
      'day',
      'p:b',
    ]);
    assert.deepEqual(shape(buildRows([], [pending('a', at('2026-11-23T23:00:00')), pending('b', at('2026-11-24T08:00:00'))], { complete: false })), ['p:a', 'day', 'p:b']);
  });
});
