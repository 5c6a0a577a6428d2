import { define } from '../shared/define.js';
import { ImReports } from './reports.component.js';

export { ImReports };

define('im-reports', ImReports);

declare global {
  interface HTMLElementTagNameMap {
    'im-reports': ImReports;
  }
}
