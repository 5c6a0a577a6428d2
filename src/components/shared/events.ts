/**
 * Every event the elements fire, with its detail, declared once. Events bubble and
 * cross shadow roots, so a host page hears them on `<im-messenger>` or above.
 *
 * Names are `im-<noun>-<verb>`: what the event is about, then what happens to it
 * (`im-conversation-open`, `im-message-send`). An element's own state changes take the
 * verb alone (`im-close`, `im-back`, `im-toggle`, `im-error`).
 */
import type { ImError } from '../../model/errors.js';
import type { MessageAction } from '../../model/permissions.js';
import type { Attachment, ConversationKind, Message, Recipient } from '../../model/types.js';

/** Nothing to tell beyond the event itself. */
type Empty = Record<string, never>;

/** A new message from someone else, as a host needs it to notify its own way (push, e-mail, a page title). */
export interface MessageNotice {
  conversationId: string;
  /** The conversation's name as the reader sees it ("Emma Hansen", "Maths 9B", "Sent to 3 people"). */
  conversationName: string;
  kind: ConversationKind;
  messageId: string;
  sender: { id: string; name: string };
  /** The text as plain text, at most 140 characters; the files' names when it has no text. */
  preview: string;
  sentAt: number;
  /** The reader muted the conversation: the panel neither counts nor announces it, nor notifies. */
  muted: boolean;
  /** The reader has it in front of them: the conversation open in the panel, in a tab they can see. */
  onScreen: boolean;
}

export interface ImEventDetails {
  // <im-messenger>, for the host page
  'im-unread-change': { unread: number };
  'im-error': { error: ImError };
  'im-close': Empty;
  'im-message': MessageNotice;
  // Going somewhere
  'im-toggle': { expanded: boolean };
  'im-back': Empty;
  'im-conversation-open': { conversationId: string; seq?: number };
  'im-new-conversation-open': Empty;
  'im-reports-open': Empty;
  'im-settings-open': { conversationId: string };
  /** The reader hid the conversation from their list; `next` took its place there (or came before it, when it was last). */
  'im-conversation-hide': { conversationId: string; next?: string };
  'im-quote-open': { messageId: string; conversationId: string; seq: number };
  'im-relationship-open': { userId: string };
  'im-seen-by-open': { message: Message };
  // Writing
  'im-message-send': { text: string; attachments: Attachment[]; replyTo?: Message };
  'im-message-edit': { message: Message; text: string };
  'im-message-retry': { clientId: string };
  'im-message-discard': { clientId: string };
  'im-message-action': { action: Exclude<MessageAction, 'react'>; message: Message };
  'im-message-react': { message: Message; emoji: string; added: boolean };
  'im-composer-cancel': { mode: 'edit' | 'reply' };
  'im-recipients-change': { recipients: Recipient[] };
  // Inner parts
  'im-menu-select': { id: string };
  'im-emoji-select': { emoji: string };
}

export type ImEventName = keyof ImEventDetails;

/** The event of a name, for typing a handler: `(event: ElementEvent<'im-message-send'>) => …`. */
export type ElementEvent<K extends ImEventName> = CustomEvent<ImEventDetails[K]>;

type ImEvents = { [K in ImEventName]: ElementEvent<K> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declared once here, typed for every listener
  interface GlobalEventHandlersEventMap extends ImEvents {}
}

/**
 * Dispatches a typed `im-*` event from an element. Returns false when a listener
 * vetoed a cancelable request.
 */
export function emit<K extends ImEventName>(el: HTMLElement, name: K, detail: ImEventDetails[K], options: { cancelable?: boolean } = {}): boolean {
  const event = new CustomEvent(name, { bubbles: true, composed: true, cancelable: options.cancelable ?? false, detail });
  return el.dispatchEvent(event);
}
