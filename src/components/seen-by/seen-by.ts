import { define } from '../shared/define.js';
import { ImSeenBy } from './seen-by.component.js';

export { ImSeenBy };
export { showSeenBy } from './seen-by.component.js';

define('im-seen-by', ImSeenBy);

declare global {
  interface HTMLElementTagNameMap {
    'im-seen-by': ImSeenBy;
  }
}
