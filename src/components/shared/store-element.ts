import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { LocalizeController } from '../../l10n/localize-controller.js';
// Our full tables: past the badge, elements say more than its few entries.
import '../../l10n/tables.js';
import type { ImEvent } from '../../model/events.js';
import type { MessengerStore, StoreState } from '../../state/store.js';
import { emit, type ImEventDetails, type ImEventName } from './events.js';
import { StoreController } from './store-controller.js';

/**
 * The base of the elements that show what the store knows: the `store` property, the
 * store controller that re-renders them when the state they read changes and passes
 * on the backend's events, the reader's language, and typed events. An element
 * overrides what it needs of `selectState`, `storeChanged` and `storeEvent`.
 */
export class StoreElement extends LitElement {
  /** A store to use instead of the one `<im-messenger>` provides. */
  @property({ attribute: false })
  set store(store: MessengerStore | undefined) {
    this.data.use(store);
  }
  get store(): MessengerStore | undefined {
    return this.data.store;
  }

  protected readonly l10n = new LocalizeController(this);
  protected readonly data = new StoreController(this, {
    select: (state) => this.selectState(state),
    onStore: (store) => this.storeChanged(store),
    onEvent: (event) => this.storeEvent(event),
  });

  /** The parts of the state the element renders: it re-renders when one changes (compared by identity). */
  protected selectState(_state: StoreState): readonly unknown[] {
    return [];
  }

  /** The store became available, or another replaced it: load what the element needs from it. */
  protected storeChanged(_store: MessengerStore): void {}

  /** A backend event, after the state took it in, while the element is connected. */
  protected storeEvent(_event: ImEvent): void {}

  /** Fires a typed `im-*` event (it bubbles out of shadow roots). */
  protected emit<K extends ImEventName>(name: K, detail: ImEventDetails[K], options?: { cancelable?: boolean }): boolean {
    return emit(this, name, detail, options);
  }
}
