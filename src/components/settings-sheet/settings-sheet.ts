import { define } from '../shared/define.js';
import { ImSettingsSheet } from './settings-sheet.component.js';

export { ImSettingsSheet };
export { participantPageUrl, type SheetOption } from './settings-sheet.component.js';

define('im-settings-sheet', ImSettingsSheet);

declare global {
  interface HTMLElementTagNameMap {
    'im-settings-sheet': ImSettingsSheet;
  }
}
