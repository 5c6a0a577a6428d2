/**
 * The SignalR record of an event pushed to one user, `event(envelope)`, as JSON text. An event
 * stored once for many (a message to a 300-member course) is serialised once: each user's
 * record adds only their seq and their own fields (`OwnFields`) to the same text, so a fan-out
 * does no JSON of the message a member. The record reads as `writeRecord` would write
 * `invocationMessage(target, [{ seq, event: eventFor(event, own) }])`; only the order of keys
 * differs.
 */
import type { OwnFields, StoredEvent, ViewerFields } from '../src/backend/storage.js';
import type { ImEvent } from '../src/model/events.js';
import type { ConversationSummary } from '../src/model/types.js';
import { MessageType, RECORD_SEPARATOR } from './signalr/protocol.js';

/** Every field a viewer may have of their own (the compiler checks the list is whole). */
const VIEWER_FIELDS = Object.keys({
  readUpTo: 0,
  unreadCount: 0,
  access: 0,
  hidden: 0,
  muted: 0,
  pinnedAt: 0,
  courseRole: 0,
  name: 0,
  peer: 0,
} satisfies Record<keyof ViewerFields, 0>) as (keyof ViewerFields)[];

/** Events without a viewer's fields, as JSON. */
const whole = new WeakMap<ImEvent, string>();
/** Events with a conversation, as JSON without any viewer's fields: the event open before its conversation (`{"type":…,"message":{…}`), and the conversation open where those fields go (`{"id":…`). */
const open = new WeakMap<ImEvent, { head: string; conversation: string }>();

/** The JSON of `event` as the user whose own fields are `own` receives it (`eventFor`). */
export function eventJson(event: ImEvent, own: OwnFields | undefined): string {
  if (!own || !('conversation' in event)) {
    let text = whole.get(event);
    if (text === undefined) whole.set(event, (text = JSON.stringify(event)));
    return text;
  }
  let parts = open.get(event);
  if (parts === undefined) {
    const { conversation, ...rest } = event;
    const common = Object.fromEntries(Object.entries(conversation).filter(([key]) => !VIEWER_FIELDS.includes(key as keyof ViewerFields)));
    open.set(event, (parts = { head: JSON.stringify(rest).slice(0, -1), conversation: JSON.stringify(common).slice(0, -1) }));
  }
  let text = parts.head;
  if (own.unreadTotal !== undefined && event.type === 'message-created') text += `,"unreadTotal":${own.unreadTotal}`;
  // The conversation last, so the text ends with its brace and the event's.
  text += `,"conversation":${parts.conversation}`;
  const conversation: Partial<ConversationSummary> = event.conversation;
  let comma = !parts.conversation.endsWith('{');
  for (const key of VIEWER_FIELDS) {
    const value = key in own ? own[key] : conversation[key];
    if (value === undefined) continue;
    text += `${comma ? ',' : ''}"${key}":${JSON.stringify(value)}`;
    comma = true;
  }
  return `${text}}}`;
}

/** The record calling `target` on a client with the user's envelope of a stored event. */
export function eventRecord(target: string, { seq, event, own }: StoredEvent): string {
  return `{"type":${MessageType.Invocation},"target":${JSON.stringify(target)},"arguments":[{"seq":${seq},"event":${eventJson(event, own)}}]}${RECORD_SEPARATOR}`;
}
