import { define } from '../shared/define.js';
import { ImMessenger } from './messenger.component.js';

export { ImMessenger };

define('im-messenger', ImMessenger);

declare global {
  interface HTMLElementTagNameMap {
    'im-messenger': ImMessenger;
  }
}
