/**
 * Registers a tag once. A page may load both the script-tag bundle and the
 * module build; the second registration is skipped instead of throwing.
 */
export function define(tag: string, ctor: CustomElementConstructor) {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
