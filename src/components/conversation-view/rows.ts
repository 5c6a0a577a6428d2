/**
 * The rows of a conversation's history: day separators, the unread marker,
 * messages and pending messages, in order. Pure, so the view only renders.
 */
import { isOtherDay } from '../../l10n/format.js';
import type { Message } from '../../model/types.js';
import type { PendingMessage } from '../../state/store.js';

export type Row =
  | { type: 'start'; key: 'start' }
  | { type: 'day'; key: string; time: number }
  | { type: 'unread'; key: 'unread' }
  | { type: 'message'; key: string; message: Message; compact: boolean }
  | { type: 'pending'; key: string; pending: PendingMessage };

/** Messages from the same sender within this time are grouped: no name and avatar again. */
const GROUP_WITHIN = 5 * 60_000;

export function buildRows(messages: readonly Message[], pending: readonly PendingMessage[], options: { unreadAfter?: number; complete: boolean }): Row[] {
  const rows: Row[] = [];
  if (options.complete) rows.push({ type: 'start', key: 'start' });
  let previous: Message | undefined;
  let lastTime: number | undefined;
  for (const message of messages) {
    if (lastTime === undefined || isOtherDay(lastTime, message.createdAt)) {
      rows.push({ type: 'day', key: `day-${message.seq}`, time: message.createdAt });
      previous = undefined;
    }
    const firstUnread = options.unreadAfter !== undefined && message.seq === options.unreadAfter + 1;
    if (firstUnread) {
      rows.push({ type: 'unread', key: 'unread' });
      previous = undefined;
    }
    const compact =
      !!previous && previous.sender.id === message.sender.id && message.createdAt - previous.createdAt < GROUP_WITHIN && previous.status === 'normal';
    rows.push({ type: 'message', key: message.id, message, compact });
    previous = message;
    lastTime = message.createdAt;
  }
  for (const p of pending) {
    if (lastTime !== undefined && isOtherDay(lastTime, p.createdAt)) rows.push({ type: 'day', key: `day-pending-${p.clientId}`, time: p.createdAt });
    rows.push({ type: 'pending', key: `pending-${p.clientId}`, pending: p });
    lastTime = p.createdAt;
  }
  return rows;
}
