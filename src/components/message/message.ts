import { define } from '../shared/define.js';
import { ImMessage } from './message.component.js';

export { ImMessage };

define('im-message', ImMessage);

declare global {
  interface HTMLElementTagNameMap {
    'im-message': ImMessage;
  }
}
