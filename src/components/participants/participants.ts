import { define } from '../shared/define.js';
import { ImParticipants } from './participants.component.js';

export { ImParticipants };

define('im-participants', ImParticipants);

declare global {
  interface HTMLElementTagNameMap {
    'im-participants': ImParticipants;
  }
}
