import { define } from '../shared/define.js';
import { ImRecipientField } from './recipient-field.component.js';

export { ImRecipientField };

define('im-recipient-field', ImRecipientField);

declare global {
  interface HTMLElementTagNameMap {
    'im-recipient-field': ImRecipientField;
  }
}
