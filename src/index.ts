export { ImMessenger } from './components/messenger/messenger.js';
export { ImChatBubble } from './components/chat-bubble/chat-bubble.js';
export { localeFor, type Locale } from './l10n/locale.js';
export type { Messages } from './l10n/en.js';
