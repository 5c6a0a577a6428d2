import type { Messages } from './en.js';

/** Norwegian Bokmål. Typed by the English table, so a missing entry fails the type-check. */
export const nb: Messages = {
  locale: 'nb',
  openMessages: (unread) =>
    unread === 0 ? 'Meldinger' : unread === 1 ? 'Meldinger, 1 ulest' : `Meldinger, ${unread} uleste`,
  messagesTitle: 'Meldinger',
  close: 'Lukk',
  unreadBadge: (unread) => (unread > 99 ? '99+' : String(unread)),
};
