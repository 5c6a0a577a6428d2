/**
 * The English strings: the source table. Every user-visible text of the panel
 * comes from here (or its translations), so a string never sits in a template.
 * Entries are functions when they take values, so translations can order words
 * and choose plural forms freely.
 */
export const en = {
  locale: 'en',
  openMessages: (unread: number) =>
    unread === 0 ? 'Messages' : unread === 1 ? 'Messages, 1 unread' : `Messages, ${unread} unread`,
  messagesTitle: 'Messages',
  close: 'Close',
  unreadBadge: (unread: number) => (unread > 99 ? '99+' : String(unread)),
};

export type Messages = typeof en;
