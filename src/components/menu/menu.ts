import { define } from '../shared/define.js';
import { ImMenu } from './menu.component.js';

export { ImMenu };
export type { MenuItem } from './menu.component.js';

define('im-menu', ImMenu);

declare global {
  interface HTMLElementTagNameMap {
    'im-menu': ImMenu;
  }
}
