/** The library entry for hosts with a bundler: every element, the store, the transports' contract. */
export { ImMessenger } from './components/messenger/messenger.js';
export { ImChatBubble } from './components/chat-bubble/chat-bubble.js';
export { ImPanel } from './components/panel/panel.js';
export { ImConversationList } from './components/conversation-list/conversation-list.js';
export { ImConversationView } from './components/conversation-view/conversation-view.js';
export { ImMessage } from './components/message/message.js';
export { ImComposer } from './components/composer/composer.js';
export { ImMenu } from './components/menu/menu.js';
export { ImDialog } from './components/dialog/dialog.js';
export { ImAvatar } from './components/avatar/avatar.js';
export { MessengerStore } from './state/store.js';
export type { StoreState, MessageWindow, PendingMessage } from './state/store.js';
export type * from './transport/transport.js';
export { ImError } from './model/errors.js';
/** The elements' events and their details; importing the package types `addEventListener('im-…')` too. */
export type { ElementEvent, ImEventDetails, ImEventName, MessageNotice } from './components/shared/events.js';
export { defaultAttachmentPolicy, type AttachmentPolicy } from './model/attachments.js';
/** Languages: add one with `registerTranslation(tag, table)`, typed by the English table (`Messages`). */
export { localeFor, registerTranslation, type Locale } from './l10n/locale.js';
export type { Messages } from './l10n/en.js';
