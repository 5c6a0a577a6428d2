import { define } from '../shared/define.js';
import { ImChatBubble } from './chat-bubble.component.js';

export { ImChatBubble };

define('im-chat-bubble', ImChatBubble);

declare global {
  interface HTMLElementTagNameMap {
    'im-chat-bubble': ImChatBubble;
  }
}
