import { define } from '../shared/define.js';
import { ImAvatar } from './avatar.component.js';

export { ImAvatar };

define('im-avatar', ImAvatar);

declare global {
  interface HTMLElementTagNameMap {
    'im-avatar': ImAvatar;
  }
}
