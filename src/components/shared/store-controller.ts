import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ImEvent } from '../../model/events.js';
import type { MessengerStore, StoreState } from '../../state/store.js';
import { OnceAFrame } from './burst.js';
import { storeContext } from './context.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface StoreControllerOptions {
  /**
   * The parts of the state the element renders: it re-renders when one of them
   * changes. They are compared by identity, which works because the store
   * replaces what it changes. None: it re-renders only when the store changes.
   */
  select?: (state: StoreState) => readonly unknown[];
  /** Called when the store becomes available (or changes), e.g. to load data. */
  onStore?: (store: MessengerStore) => void;
  /** Hears each backend event after the state has taken it in, while the element is connected. */
  onEvent?: (event: ImEvent) => void;
}

/**
 * Gives an element the store from context (or one set directly), re-renders it when
 * the parts of the state it reads change, and passes on the backend's events.
 */
export class StoreController implements ReactiveController {
  store?: MessengerStore;
  private unsubscribe?: () => void;
  private selected?: readonly unknown[];
  private readonly frames = new OnceAFrame();

  constructor(
    private readonly host: Host,
    private readonly options: StoreControllerOptions = {},
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
    this.stop();
    this.store = store;
    if (store && this.host.isConnected) this.listen();
    if (store) this.options.onStore?.(store);
    this.host.requestUpdate();
  }

  get state(): StoreState | undefined {
    return this.store?.state;
  }

  /**
   * Waits for the next frame if the host has rendered since the last one, so that a flood
   * of changes (a message a millisecond into the conversation list) renders once a frame
   * and a single change at once. For a host whose render can wait for the frame: call it
   * before the host renders.
   */
  paced(): Promise<void> {
    return this.frames.paced();
  }

  hostConnected() {
    if (this.store && !this.unsubscribe) this.listen();
  }

  hostDisconnected() {
    this.stop();
  }

  private listen() {
    const store = this.store!;
    const { select = () => [], onEvent } = this.options;
    this.selected = select(store.state);
    const stopState = store.subscribe((state) => {
      const next = select(state);
      if (this.selected && next.length === this.selected.length && next.every((v, i) => Object.is(v, this.selected![i]))) return;
      this.selected = next;
      this.host.requestUpdate();
    });
    const stopEvents = onEvent ? store.onEvent(onEvent) : undefined;
    this.unsubscribe = () => (stopState(), stopEvents?.());
  }

  private stop() {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
