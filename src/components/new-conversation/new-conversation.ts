import { define } from '../shared/define.js';
import { ImNewConversation } from './new-conversation.component.js';

export { ImNewConversation };

define('im-new-conversation', ImNewConversation);

declare global {
  interface HTMLElementTagNameMap {
    'im-new-conversation': ImNewConversation;
  }
}
