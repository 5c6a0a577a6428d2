import { define } from '../shared/define.js';
import { ImPanel } from './panel.component.js';

export { ImPanel };

define('im-panel', ImPanel);

declare global {
  interface HTMLElementTagNameMap {
    'im-panel': ImPanel;
  }
}
