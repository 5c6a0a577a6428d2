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

  // Messages
  edited: '(edited)',
  optionsForMessage: (name: string, time: string) => `More options for message from ${name}, ${time}`,
  optionsForOwnMessage: (time: string) => `More options for your message, ${time}`,
  sending: 'Sending…',
  notSent: (reason: string) => `Not sent. ${reason}`,
  discard: 'Discard',
  sharedFrom: (name: string) => `Shared message from ${name}`,
  replyTo: (name: string) => `Reply to ${name}`,
  replyToGone: 'Reply to a message that is no longer there',
  showOriginal: 'Show the original message',
  download: (name: string, size: string) => `Download ${name}, ${size}`,
  action: {
    reply: 'Reply',
    replyPrivately: 'Reply privately',
    forward: 'Forward',
    markUnread: 'Mark as unread',
    edit: 'Edit',
    delete: 'Delete message',
    moderatorDelete: 'Delete message',
    report: 'Report abuse',
  },

  // The composer
  writeMessageTo: (name: string) => `Write message to ${name}…`,
  send: 'Send',
  save: 'Save',
  cancel: 'Cancel',
  attachFiles: 'Add files',
  removeFile: (name: string) => `Remove ${name}`,
  cancelUpload: (name: string) => `Cancel upload of ${name}`,
  uploadProgress: (name: string) => `Uploading ${name}`,
  uploadFailed: (name: string, reason: string) => `${name} was not uploaded. ${reason}`,
  cannotSend: (name: string) => `Sorry, you can’t send ${name}`,
  fileTooLarge: (name: string, max: string) => `${name} is larger than ${max}. Sorry, you can’t send it.`,
  tooManyFiles: (max: number) => `You can add at most ${max} files to a message.`,
  editingMessage: 'Editing message',
  replyingTo: (name: string) => `Replying to ${name}`,
  closedNote: 'This conversation is closed. No new messages can be sent.',
  deletedNote: 'This conversation was deleted. You can read its history but not send new messages.',
  readOnlyNote: 'This conversation is read only.',
  reviewerNote: 'You are reviewing a report. You are not a participant in this conversation.',

  // The conversation view
  backToConversations: 'Back to conversations',
  conversationSettings: 'Conversation settings',
  participantsCount: (count: number) => (count === 1 ? '1 participant' : `${count} participants`),
  history: (name: string) => `Messages in ${name}`,
  newMessagesBelow: 'New messages',
  unreadMarker: 'Unread messages',
  loadingOlder: 'Loading older messages…',
  beginning: 'This is the beginning of the conversation.',
  markedUnread: 'Marked as unread.',
  reportSent: 'Report sent. Thank you for telling us.',
  newMessagesCount: (count: number) => `${count} new messages`,
  newMessageFrom: (name: string, text: string) => `${name}: ${text}`,

  // Dialogs
  deleteTitle: 'Delete message?',
  deleteOwnText: 'The message will be deleted for everyone in the conversation.',
  moderatorDeleteText: (name: string, you: string) =>
    `Delete this message from ${name}? Everyone will see “This message was removed by ${you}”, and its content is gone for good.`,
  deleteConfirm: 'Delete',
  reportTitle: 'Report abuse',
  reportReason: 'What is wrong?',
  reportAnonymous: 'Your report goes to your teachers and the administrators. They will not see who reported it.',
  reportNamed: 'Your report goes to your teachers and the administrators. In a one-to-one conversation they will see that it was you.',
  reportConfirm: 'Send report',
  forwardTitle: 'Forward message',
  forwardTo: 'Forward to',
  forwardComment: 'Comment (optional)',
  forwardConfirm: 'Forward',
  noForwardTargets: 'There is no conversation you can forward to.',
  replyPrivatelyTitle: (name: string) => `Reply privately to ${name}`,
  replyPrivatelyLabel: 'Your reply (only they will see it)',

  // Errors, by code
  errors: {
    forbidden: 'You are not allowed to do that.',
    'not-found': 'That is no longer there.',
    'conversation-closed': 'This conversation is closed.',
    'conversation-deleted': 'This conversation was deleted.',
    'read-only': 'This conversation is read only.',
    'too-many-recipients': 'You can’t send to more than 300 recipients.',
    'messaging-disabled': 'The message can’t be delivered: messaging is turned off for the recipient.',
    'file-too-large': 'The file is larger than 20 MB.',
    'file-type-not-allowed': 'This type of file can’t be sent.',
    invalid: 'That did not work. Check what you entered.',
    unauthenticated: 'You are signed out. Sign in again.',
    unavailable: 'No connection. Try again when it is back.',
    internal: 'Something went wrong. Try again.',
  },
  messagingDisabled: {
    'one-to-one': (names: string) => `Your message can’t be delivered: ${names} can’t receive messages.`,
    group: (names: string) => `${names} can’t take part in conversations: messaging is turned off for them.`,
    course: (names: string) => `${names} can’t receive messages in this course.`,
  },
};

export type Messages = typeof en;
