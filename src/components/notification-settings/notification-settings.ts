import { define } from '../shared/define.js';
import { ImNotificationSettings } from './notification-settings.component.js';

export { ImNotificationSettings };

define('im-notification-settings', ImNotificationSettings);

declare global {
  interface HTMLElementTagNameMap {
    'im-notification-settings': ImNotificationSettings;
  }
}
