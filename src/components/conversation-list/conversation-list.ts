import { define } from '../shared/define.js';
import { ImConversationList } from './conversation-list.component.js';

export { ImConversationList };
export type { ConversationResult } from './conversation-list.component.js';

define('im-conversation-list', ImConversationList);

declare global {
  interface HTMLElementTagNameMap {
    'im-conversation-list': ImConversationList;
  }
}
