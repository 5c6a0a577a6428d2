import { createContext } from '@lit/context';
import type { MessengerStore } from '../../state/store.js';

/** The store `<im-messenger>` provides to every element inside it; a story or host may provide one too. */
export const storeContext = createContext<MessengerStore | undefined>(Symbol.for('im-store'));
