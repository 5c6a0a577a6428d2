import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MessengerStore, StoreState } from '../../state/store.js';
import { storeContext } from './context.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Gives a component the store from context and re-renders it when the parts
 * of the state it reads change. `select` picks those parts; they are compared
 * by identity, which works because the store replaces what it changes.
 */
export class StoreController<T extends readonly unknown[]> implements ReactiveController {
  store?: MessengerStore;
  private unsubscribe?: () => void;
  private selected?: T;

  constructor(
    private readonly host: Host,
    private readonly select: (state: StoreState) => T,
    /** Called when the store becomes available (or changes), e.g. to load data. */
    private readonly onStore?: (store: MessengerStore) => void,
  ) {
    host.addController(this);
    new ContextConsumer(host, {
      context: storeContext,
      subscribe: true,
      callback: (store) => this.use(store),
    });
  }

  /** Uses a store given directly (a property) instead of one from context. */
  use(store: MessengerStore | undefined) {
    if (store === this.store) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.store = store;
    if (store && this.host.isConnected) this.listen();
    if (store) this.onStore?.(store);
    this.host.requestUpdate();
  }

  get state(): StoreState | undefined {
    return this.store?.state;
  }

  hostConnected() {
    if (this.store && !this.unsubscribe) this.listen();
  }

  hostDisconnected() {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private listen() {
    const store = this.store!;
    this.selected = this.select(store.state);
    this.unsubscribe = store.subscribe((state) => {
      const next = this.select(state);
      if (this.selected && next.length === this.selected.length && next.every((v, i) => Object.is(v, this.selected![i]))) return;
      this.selected = next;
      this.host.requestUpdate();
    });
  }
}
