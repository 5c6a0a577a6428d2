import { define } from '../shared/define.js';
import { ImComposer } from './composer.component.js';

export { ImComposer };

define('im-composer', ImComposer);

declare global {
  interface HTMLElementTagNameMap {
    'im-composer': ImComposer;
  }
}
