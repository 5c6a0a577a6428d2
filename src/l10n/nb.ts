import type { Messages } from './en.js';

/** Norwegian Bokmål. Typed by the English table, so a missing entry fails the type-check. */
export const nb: Messages = {
  locale: 'nb',
  openMessages: (unread) =>
    unread === 0 ? 'Meldinger' : unread === 1 ? 'Meldinger, 1 ulest' : `Meldinger, ${unread} uleste`,
  messagesTitle: 'Meldinger',
  close: 'Lukk',
  unreadBadge: (unread) => (unread > 99 ? '99+' : String(unread)),

  newMessage: 'Ny melding',
  searchConversations: 'Søk i samtaler',
  clearSearch: 'Tøm søket',
  connecting: 'Kobler til …',
  reconnecting: 'Kobler til på nytt …',
  offline: 'Frakoblet. Meldinger du sender, går ut når forbindelsen er tilbake.',
  retry: 'Prøv igjen',

  conversations: 'Samtaler',
  noConversations: 'Ingen samtaler ennå. Start en med «Ny melding».',
  loadingConversations: 'Laster inn samtaler …',
  loadingMore: 'Laster inn flere …',
  listError: (reason) => `Kunne ikke laste inn samtalene dine. ${reason}`,
  sentTo: (count) => (count === 1 ? 'Sendt til 1 person' : `Sendt til ${count} personer`),
  kind: {
    'one-to-one': 'Samtale',
    group: 'Gruppesamtale',
    course: 'Emnesamtale',
    project: 'Prosjektsamtale',
    individual: 'Individuelle meldinger',
    mass: 'Massemelding',
    system: 'Ukentlig emneoppdatering',
  },
  unreadMessages: (count) => (count === 1 ? '1 ulest melding' : `${count} uleste meldinger`),
  you: 'Du',
  fromSender: (name, text) => `${name}: ${text}`,
  filesSent: (count) => (count === 1 ? 'Sendte en fil' : `Sendte ${count} filer`),
  messageDeleted: 'Denne meldingen ble slettet',
  messageRemovedBy: (name) => `Denne meldingen ble fjernet av ${name}`,
  closedConversation: 'Lukket samtale',
  deletedConversation: 'Slettet samtale',
  moreParticipants: (count) => `+${count}`,
  lastActivity: (when) => `Siste aktivitet ${when}`,

  searching: 'Søker …',
  resultsFound: (count) => (count === 1 ? '1 samtale funnet' : `${count} samtaler funnet`),
  noResults: (query) => `Ingen samtaler samsvarer med «${query}».`,
  searchError: (reason) => `Søket mislyktes. ${reason}`,
};
