import { define } from '../shared/define.js';
import { ImDialog } from './dialog.component.js';

export { ImDialog };
export { askInDialog, type DialogAnswer, type DialogChoice, type DialogField } from './dialog.component.js';

define('im-dialog', ImDialog);

declare global {
  interface HTMLElementTagNameMap {
    'im-dialog': ImDialog;
  }
}
