/**
 * The rows of a conversation's history: day separators, the unread marker,
 * messages and pending messages, in order. Pure, so the view only renders.
 */
import { dayOf } from '../../l10n/format.js';
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
  // The day of the row before: worked out once a day, not once a message, as a fling back
  // through thousands of messages builds the rows again with every page.
  let day: [number, number] | undefined;
  /** Whether `time` is outside the day of the row before (always, for the first row). */
  const newDay = (time: number) => {
    if (day && time >= day[0] && time < day[1]) return false;
    day = dayOf(time);
    return true;
  };
  for (const message of messages) {
    if (newDay(message.createdAt)) {
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
  }
  for (const p of pending) {
    // Pending messages alone get no day row; after others, one where the day changes.
    const after = day !== undefined;
    if (newDay(p.createdAt) && after) rows.push({ type: 'day', key: `day-pending-${p.clientId}`, time: p.createdAt });
    rows.push({ type: 'pending', key: `pending-${p.clientId}`, pending: p });
  }
  return rows;
}
