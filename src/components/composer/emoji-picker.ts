/**
 * The composer's emoji picker, in a chunk of its own that loads when the reader first opens
 * it: emoji-picker-element, with its emoji data (names and keywords for search, in English or
 * Norwegian) from files of our own build beside this module, never from the picker's default
 * CDN. Found relative to this module, so a host serving our files from its own CDN serves
 * these too. The picker keeps the data in IndexedDB and asks again only whether it changed.
 */
import Picker from 'emoji-picker-element/picker.js';
import type { I18n } from 'emoji-picker-element/shared.js';

/** The data files: the build puts them beside this module (`emojiData` in scripts/build-helpers.mjs). */
const data = {
  en: new URL('./emoji/en.json', import.meta.url).href,
  nb: new URL('./emoji/nb.json', import.meta.url).href,
};

/** A picker in the reader's language (Norwegian for Norwegian, English for any other), with the texts of our tables. */
export function emojiPicker(language: string, i18n: I18n): HTMLElement {
  const locale = /^(nb|nn|no)\b/i.test(language) ? 'nb' : 'en';
  const picker = new Picker({ locale, dataSource: data[locale], i18n });
  // Its styles come as a <style> element, which a strict Content-Security-Policy refuses: before
  // the picker is in the page (when the browser would read it), they become a constructed sheet.
  const root = picker.shadowRoot!;
  const style = root.querySelector('style');
  if (style) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(style.textContent ?? '');
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    style.remove();
  }
  return picker;
}
