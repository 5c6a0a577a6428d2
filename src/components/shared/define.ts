const warned = new Set<string>();

/**
 * Registers a tag once. The same class again (this module evaluated once, imported
 * from many places) is skipped silently. Another class under the tag means a second
 * copy of the library on the page (the script-tag bundle beside the package, or two
 * versions): it is skipped instead of throwing, with a warning once per tag, since
 * the page's elements keep the first copy's code.
 */
export function define(tag: string, ctor: CustomElementConstructor) {
  const defined = customElements.get(tag);
  if (!defined) customElements.define(tag, ctor);
  else if (defined !== ctor && !warned.has(tag)) {
    warned.add(tag);
    console.warn(`im-panel: <${tag}> is already defined by another copy of the library; this copy's <${tag}> is not used. Load im-panel once on a page.`);
  }
}
