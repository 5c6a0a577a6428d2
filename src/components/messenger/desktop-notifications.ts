/**
 * What `<im-messenger>` tells of a new message from someone else: the `im-message` event a
 * host notifies with in its own way, and the desktop notification (the browser's
 * Notification API) it raises itself for a reader who turned them on and is not looking.
 */
import type { ConversationSummary, Message } from '../../model/types.js';
import type { MessageNotice } from '../shared/events.js';

const PREVIEW_LENGTH = 140;

/** The message as one line of plain text, cut at `PREVIEW_LENGTH` characters (never inside one); the files' names when it has no text. */
export function previewOf(message: Message): string {
  const text = message.text.replace(/\s+/g, ' ').trim() || message.attachments.map((a) => a.name).join(', ');
  const characters = [...text];
  return characters.length > PREVIEW_LENGTH ? `${characters.slice(0, PREVIEW_LENGTH - 1).join('')}…` : text;
}

export function noticeOf(message: Message, conversation: ConversationSummary, conversationName: string, onScreen: boolean): MessageNotice {
  return {
    conversationId: conversation.id,
    conversationName,
    kind: conversation.kind,
    messageId: message.id,
    sender: { id: message.sender.id, name: message.sender.name },
    preview: previewOf(message),
    sentAt: message.createdAt,
    muted: !!conversation.muted,
    onScreen,
  };
}

/** This browser shows notifications, and the reader allowed them for this site. */
export const notificationsAllowed = () => typeof Notification !== 'undefined' && Notification.permission === 'granted';

/**
 * Raises the notification: the sender (and the conversation, unless it is one-to-one) and
 * the preview. It is tagged with the conversation, so a newer message of it replaces the
 * one shown, silently, also when another open tab of the reader raised that one. A click
 * brings the page forward and calls `open`.
 */
export function showNotification(notice: MessageNotice, lang: string, open: () => void): void {
  const oneToOne = notice.kind === 'one-to-one';
  const notification = new Notification(oneToOne ? notice.sender.name : notice.conversationName, {
    body: oneToOne ? notice.preview : `${notice.sender.name}: ${notice.preview}`,
    tag: `im-${notice.conversationId}`,
    lang,
  });
  notification.addEventListener('click', () => {
    window.focus();
    open();
    notification.close();
  });
}
