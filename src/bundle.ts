/**
 * The script-tag entry: only what the badge needs at page load. The panel,
 * the conversation view and the SignalR client load on first use.
 */
export { ImMessenger } from './components/messenger/messenger.js';
export { ImChatBubble } from './components/chat-bubble/chat-bubble.js';
/** For a page to add a language of its own (see the README's "Languages"); it loads with the badge. */
export { registerTranslation } from './l10n/locale.js';
