import { define } from '../shared/define.js';
import { ImConversationView } from './conversation-view.component.js';

export { ImConversationView };

define('im-conversation-view', ImConversationView);

declare global {
  interface HTMLElementTagNameMap {
    'im-conversation-view': ImConversationView;
  }
}
