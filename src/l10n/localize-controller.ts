import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Messages } from './en.js';
import { localeFor, messagesFor, onTablesChanged, type Locale } from './locale.js';

type Host = ReactiveControllerHost & HTMLElement;

/** The `lang` in effect for an element: the nearest `lang` attribute, across shadow roots. */
export function langInEffect(el: Element): string {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? '';
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return navigator.language;
}

// One observer for the whole document: any `lang` change, a language a host
// registers, or the full tables arriving with the panel's code re-resolves every host.
const hosts = new Set<LocalizeController>();
let observer: MutationObserver | undefined;
let stopTables: (() => void) | undefined;
const refreshAll = () => hosts.forEach((c) => c.refresh());

function watch(controller: LocalizeController) {
  hosts.add(controller);
  if (!observer) {
    observer = new MutationObserver(refreshAll);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    stopTables = onTablesChanged(refreshAll);
  }
}

function unwatch(controller: LocalizeController) {
  hosts.delete(controller);
  if (hosts.size === 0) {
    observer?.disconnect();
    observer = undefined;
    stopTables?.();
    stopTables = undefined;
  }
}

/**
 * Gives a component the strings and formatters of the language in effect where
 * it stands, and re-renders it when that language changes. Two panels in one
 * page can speak different languages.
 */
export class LocalizeController implements ReactiveController {
  locale: Locale = 'en';
  t: Messages = messagesFor('en');

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected() {
    watch(this);
    this.refresh();
  }

  hostDisconnected() {
    unwatch(this);
  }

  /** Re-reads the language in effect; re-renders the host if it, or its table, changed. */
  refresh() {
    const locale = localeFor(langInEffect(this.host));
    const t = messagesFor(locale);
    if (locale === this.locale && t === this.t) return;
    this.locale = locale;
    this.t = t;
    this.host.requestUpdate();
  }
}
