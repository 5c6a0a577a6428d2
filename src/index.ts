/**
 * The library entry for hosts with a bundler: the messenger and its bubble, and the types
 * a host needs. The panel, the conversation view, the store and the SignalR client are not
 * imported here: the messenger loads them on first use, so they stay out of the importing
 * app's first chunk, as they stay out of the script tag's. Each is its own module under
 * `im-panel/components/…`, `im-panel/state/…` and `im-panel/transport/…` for hosts that
 * use one directly.
 */
export { ImMessenger } from './components/messenger/messenger.js';
export { ImChatBubble } from './components/chat-bubble/chat-bubble.js';
export type { ImPanel } from './components/panel/panel.js';
export type { ImConversationList } from './components/conversation-list/conversation-list.js';
export type { ImConversationView } from './components/conversation-view/conversation-view.js';
export type { ImMessage } from './components/message/message.js';
export type { ImComposer } from './components/composer/composer.js';
export type { ImMenu } from './components/menu/menu.js';
export type { ImDialog } from './components/dialog/dialog.js';
export type { ImAvatar } from './components/avatar/avatar.js';
export type { MessengerStore, StoreState, MessageWindow, PendingMessage } from './state/store.js';
export type * from './transport/transport.js';
export { ImError } from './model/errors.js';
/** The elements' events and their details; importing the package types `addEventListener('im-…')` too. */
export type { ElementEvent, ImEventDetails, ImEventName, MessageNotice } from './components/shared/events.js';
export { defaultAttachmentPolicy, type AttachmentPolicy } from './model/attachments.js';
/** Languages: add one with `registerTranslation(tag, table)`, typed by the English table (`Messages`). */
export { localeFor, registerTranslation, type Locale } from './l10n/locale.js';
export type { Messages } from './l10n/en.js';
