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

  // The panel
  newMessage: 'New message',
  searchConversations: 'Search conversations',
  clearSearch: 'Clear search',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline. Messages you send will go out when the connection is back.',
  retry: 'Try again',

  // The conversation list
  conversations: 'Conversations',
  noConversations: 'No conversations yet. Start one with “New message”.',
  loadingConversations: 'Loading conversations…',
  loadingMore: 'Loading more…',
  listError: (reason: string) => `Couldn’t load your conversations. ${reason}`,
  sentTo: (count: number) => (count === 1 ? 'Sent to 1 person' : `Sent to ${count} people`),
  kind: {
    'one-to-one': 'Conversation',
    group: 'Group conversation',
    course: 'Course conversation',
    project: 'Project conversation',
    individual: 'Individual messages',
    mass: 'Mass message',
    system: 'Weekly course update',
  },
  unreadMessages: (count: number) => (count === 1 ? '1 unread message' : `${count} unread messages`),
  you: 'You',
  fromSender: (name: string, text: string) => `${name}: ${text}`,
  filesSent: (count: number) => (count === 1 ? 'Sent a file' : `Sent ${count} files`),
  messageDeleted: 'This message was deleted',
  messageRemovedBy: (name: string) => `This message was removed by ${name}`,
  closedConversation: 'Closed conversation',
  deletedConversation: 'Deleted conversation',
  moreParticipants: (count: number) => `+${count}`,
  lastActivity: (when: string) => `Last activity ${when}`,

  // Search across conversations
  searching: 'Searching…',
  resultsFound: (count: number) => (count === 1 ? '1 conversation found' : `${count} conversations found`),
  noResults: (query: string) => `No conversations match “${query}”.`,
  searchError: (reason: string) => `Search failed. ${reason}`,
};

export type Messages = typeof en;
