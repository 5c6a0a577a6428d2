/**
 * The composer's emoji picker, in a chunk of its own that loads when the reader first opens
 * it, with its data (src/components/composer/emoji-picker.component.ts).
 */
import { define } from '../shared/define.js';
import { ImEmojiPicker } from './emoji-picker.component.js';

export { ImEmojiPicker };

define('im-emoji-picker', ImEmojiPicker);

declare global {
  interface HTMLElementTagNameMap {
    'im-emoji-picker': ImEmojiPicker;
  }
}
