/**
 * Dispatches a typed `im-*` event from a component. Events bubble and cross
 * shadow boundaries so a host page can listen on `<im-messenger>` or above.
 * Returns false when a listener vetoed a cancelable request.
 */
export function emit<K extends keyof GlobalEventHandlersEventMap>(
  el: HTMLElement,
  name: K,
  detail: GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never,
  options: { cancelable?: boolean } = {},
): boolean {
  const event = new CustomEvent(name, { bubbles: true, composed: true, cancelable: options.cancelable ?? false, detail });
  return el.dispatchEvent(event);
}
