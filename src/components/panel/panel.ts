import { define } from '../shared/define.js';
import { ImPanel } from './panel.component.js';

export { ImPanel };
/** For `im-messenger`, as the panel's code arrives: every date format the panel shows, made ready. */
export { prepareFormats } from '../../l10n/format.js';

define('im-panel', ImPanel);

declare global {
  interface HTMLElementTagNameMap {
    'im-panel': ImPanel;
  }
}
