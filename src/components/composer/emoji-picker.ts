/**
 * The composer's emoji picker, `im-emoji-picker`: a chunk of its own, loaded when the reader
 * first opens it, which fetches its data files (named in emoji-picker.component.ts).
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
