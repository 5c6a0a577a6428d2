/**
 * The entries the badge says (`im-messenger` and `im-chat-bubble`), in a module of
 * their own so they load before first paint, while the full tables (en.ts, nb.ts,
 * which take these in) load with the panel's code: see tables.ts.
 */
export const enBadge = {
  locale: 'en',
  openMessages: (unread: number) =>
    unread === 0 ? 'Messages' : unread === 1 ? 'Messages, 1 unread' : `Messages, ${unread} unread`,
  unreadBadge: (unread: number) => (unread > 99 ? '99+' : String(unread)),
  // A new message announced while the panel is closed, with its conversation's name.
  newMessagesCount: (count: number) => `${count} new messages`,
  newMessageIn: (name: string, conversation: string) => `New message from ${name} in ${conversation}`,
  sentTo: (count: number) => (count === 1 ? 'Sent to 1 person' : `Sent to ${count} people`),
  moreParticipants: (count: number) => `+${count}`,
  // The panel's code could not be loaded (the network dropped) when the reader opened it.
  panelLoadFailed: 'Messages could not be loaded. Check your connection.',
  retry: 'Try again',
};

export type BadgeMessages = typeof enBadge;

export const nbBadge: BadgeMessages = {
  locale: 'nb',
  openMessages: (unread) =>
    unread === 0 ? 'Meldinger' : unread === 1 ? 'Meldinger, 1 ulest' : `Meldinger, ${unread} uleste`,
  unreadBadge: (unread) => (unread > 99 ? '99+' : String(unread)),
  newMessagesCount: (count) => `${count} nye meldinger`,
  newMessageIn: (name, conversation) => `Ny melding fra ${name} i ${conversation}`,
  sentTo: (count) => (count === 1 ? 'Sendt til 1 person' : `Sendt til ${count} personer`),
  moreParticipants: (count) => `+${count}`,
  panelLoadFailed: 'Meldingene kunne ikke lastes. Sjekk tilkoblingen.',
  retry: 'Prøv igjen',
};
