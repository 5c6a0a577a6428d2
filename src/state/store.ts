/**
 * The client store: what the panel knows, kept right by the transport's events,
 * and every intent an element has: each command that reads or changes what the
 * backend holds is a method here, which updates the state from the backend's
 * answer (the event that follows changes nothing more). Elements render state
 * and call these; they never meet the transport. No DOM here: it is tested in
 * Node over the memory transport.
 */
import type { CommandArgs, CommandResults } from '../model/commands.js';
import type {
  Attachment,
  ConversationId,
  ConversationMatch,
  ConversationSummary,
  CourseId,
  Message,
  MessageId,
  NotificationPreferences,
  Participant,
  Person,
  Recipient,
  RecipientRef,
  Relationship,
  SearchHit,
  SeenBy,
  UserId,
} from '../model/types.js';
import type { UploadOptions } from '../transport/transport.js';
import { byActivity, merge, newClientId, type PendingMessage } from './state.js';
import { StoreCore } from './store-core.js';

export { reconnectDelay, type StoreOptions } from './store-core.js';
export { newClientId, type MessageWindow, type PendingMessage, type StoreEventListener, type StoreListener, type StoreState } from './state.js';

export class MessengerStore extends StoreCore {
  /** Marks read up to a seq; nothing is sent when it is read already. */
  async markRead(conversationId: ConversationId, upTo: number): Promise<void> {
    const conversation = this.current.conversations.get(conversationId);
    if (!conversation || conversation.access !== 'participant') return;
    if (upTo <= conversation.readUpTo && conversation.unreadCount === 0) return;
    this.keep(await this.transport.markRead({ conversationId, upTo }));
  }

  async markUnread(conversationId: ConversationId, fromSeq?: number): Promise<void> {
    this.keep(await this.transport.markUnread(fromSeq === undefined ? { conversationId } : { conversationId, fromSeq }));
  }

  /**
   * Mutes or unmutes the conversation for the reader: muted, its unread stay in its item but
   * leave the badge (the backend's total follows, with `unread-changed`), and it is not announced.
   */
  async setMuted(conversationId: ConversationId, muted: boolean): Promise<ConversationSummary> {
    return this.keep(await (muted ? this.transport.muteConversation({ conversationId }) : this.transport.unmuteConversation({ conversationId })));
  }

  /** Changes the reader's notification preferences (the others stay); every tab of theirs follows. */
  async setNotificationPreferences(changes: Partial<NotificationPreferences>): Promise<NotificationPreferences> {
    const preferences = await this.transport.setNotificationPreferences(changes);
    this.set({ preferences });
    return preferences;
  }

  /**
   * Reads every conversation in the reader's list, muted ones too: each item's count and the
   * badge go to 0 at once (the backend tells the reader's other tabs).
   */
  async markAllRead(): Promise<void> {
    const marked = await this.transport.markAllRead({});
    // One change for all of them: a year's worth of conversations is not re-sorted once each.
    const conversations = new Map(this.current.conversations);
    for (const conversation of marked) conversations.set(conversation.id, conversation);
    this.set({ conversations, order: byActivity(conversations), unread: 0 });
  }

  /** Pins the conversation to the top of the reader's list, or unpins it back to its place by activity. */
  async setPinned(conversationId: ConversationId, pinned: boolean): Promise<ConversationSummary> {
    return this.keep(await (pinned ? this.transport.pinConversation({ conversationId }) : this.transport.unpinConversation({ conversationId })));
  }

  /** Takes a conversation out of the reader's list (read, unpinned) until a new message arrives in it; its history stays open to them. */
  async hide(conversationId: ConversationId): Promise<ConversationSummary> {
    return this.keep(await this.transport.hideConversation({ conversationId }));
  }

  /** Who has seen one of the reader's messages, and who has not yet, by name (issue 18). */
  seenBy(messageId: MessageId): Promise<SeenBy> {
    return this.transport.getSeenBy({ messageId });
  }

  // ---- Sending, with an outbox that survives a dropped connection

  /**
   * Sends a message. It shows at once as pending; if the connection is down it
   * waits and goes out after the reconnect with the same client id, so it is
   * stored once however often it is tried.
   */
  async send(conversationId: ConversationId, content: { text: string; attachments?: Attachment[]; replyTo?: Message }): Promise<void> {
    const pending: PendingMessage = {
      clientId: newClientId(),
      conversationId,
      text: content.text,
      attachments: content.attachments ?? [],
      createdAt: Date.now(),
      status: 'pending',
      ...(content.replyTo ? { replyTo: content.replyTo } : {}),
    };
    this.set({ outbox: [...this.current.outbox, pending], drafts: this.withDraft(conversationId, '') });
    await this.pump();
  }

  /** Tries a failed message again. */
  async retry(clientId: string): Promise<void> {
    const pending = this.current.outbox.find((p) => p.clientId === clientId);
    if (!pending) return;
    this.updatePending(clientId, { status: 'pending', error: undefined });
    await this.pump();
  }

  /** Gives up on a failed message; its text goes back to the draft so nothing typed is lost. */
  discard(clientId: string) {
    const pending = this.current.outbox.find((p) => p.clientId === clientId);
    if (!pending) return;
    const draft = this.current.drafts.get(pending.conversationId);
    this.set({
      outbox: this.current.outbox.filter((p) => p.clientId !== clientId),
      drafts: draft ? this.current.drafts : this.withDraft(pending.conversationId, pending.text),
    });
  }
  // ---- Drafts

  setDraft(conversationId: ConversationId, text: string) {
    if ((this.current.drafts.get(conversationId) ?? '') === text) return;
    this.set({ drafts: this.withDraft(conversationId, text) });
  }
  // ---- Other intents: the result updates the state at once; the event that follows changes nothing more.

  async editMessage(messageId: MessageId, text: string): Promise<void> {
    this.replaceMessage(await this.transport.editMessage({ messageId, text }));
  }

  async deleteMessage(messageId: MessageId): Promise<void> {
    this.replaceMessage(await this.transport.deleteMessage({ messageId }));
  }

  /**
   * Reacts to a message with one of `REACTIONS` (`added`), or takes the reaction back; the
   * message shows it at once. No unread count moves anywhere.
   */
  async react(messageId: MessageId, emoji: string, added: boolean): Promise<Message> {
    const message = await (added ? this.transport.addReaction({ messageId, emoji }) : this.transport.removeReaction({ messageId, emoji }));
    this.replaceMessage(message);
    return message;
  }

  /** Who reacted to a message with an emoji, earliest first. */
  reactions(messageId: MessageId, emoji: string): Promise<Person[]> {
    return this.transport.getReactions({ messageId, emoji });
  }

  private replaceMessage(message: Message) {
    const window = this.current.windows.get(message.conversationId);
    if (window?.messages.some((m) => m.id === message.id)) this.setWindow(message.conversationId, { ...window, messages: merge(window, [message]) });
  }

  /** Forwards a message into another conversation, with an optional comment. */
  async forward(messageId: MessageId, conversationId: ConversationId, text: string): Promise<Message> {
    return this.transport.forwardMessage({ messageId, conversationId, clientId: newClientId(), text });
  }

  /** Answers a message in a one-to-one with its author; resolves to that conversation, kept in the state. */
  async replyPrivately(messageId: MessageId, text: string): Promise<ConversationSummary> {
    const { conversation } = await this.transport.replyPrivately({ messageId, clientId: newClientId(), text });
    return this.keep(conversation);
  }

  /**
   * Starts a conversation (or writes into the one the recipients lead to); the conversation is
   * kept in the state. The form keeps one `clientId` across its retries, so a message is stored once.
   */
  async startConversation(args: CommandArgs['startConversation']): Promise<CommandResults['startConversation']> {
    const result = await this.transport.startConversation({ ...args, recipients: args.recipients.map(({ type, id }) => ({ type, id })) });
    this.keep(result.conversation);
    return result;
  }

  /** Files an abuse report on a message, or on the whole conversation without `messageId`. */
  async report(conversationId: ConversationId, reason: string, messageId?: MessageId): Promise<void> {
    await this.transport.reportAbuse(messageId ? { conversationId, messageId, reason } : { conversationId, reason });
  }

  // ---- Managing a conversation: each answers the conversation as it is now, kept in the state.

  async rename(conversationId: ConversationId, name: string): Promise<ConversationSummary> {
    return this.keep(await this.transport.renameConversation({ conversationId, name }));
  }

  async close(conversationId: ConversationId): Promise<ConversationSummary> {
    return this.keep(await this.transport.closeConversation({ conversationId }));
  }

  async reopen(conversationId: ConversationId): Promise<ConversationSummary> {
    return this.keep(await this.transport.reopenConversation({ conversationId }));
  }

  async deleteConversation(conversationId: ConversationId): Promise<ConversationSummary> {
    return this.keep(await this.transport.deleteConversation({ conversationId }));
  }

  async restoreConversation(conversationId: ConversationId): Promise<ConversationSummary> {
    return this.keep(await this.transport.restoreConversation({ conversationId }));
  }

  /** A fresh course conversation after the old one was deleted. */
  async startCourseConversation(courseId: CourseId): Promise<ConversationSummary> {
    return this.keep(await this.transport.startCourseConversation({ courseId }));
  }

  async addParticipants(conversationId: ConversationId, userIds: UserId[]): Promise<ConversationSummary> {
    return this.keep(await this.transport.addParticipants({ conversationId, userIds }));
  }

  async removeParticipant(conversationId: ConversationId, userId: UserId): Promise<ConversationSummary> {
    return this.keep(await this.transport.removeParticipant({ conversationId, userId }));
  }

  /** Leaves a group; it goes from the state at once (the event that follows says the same). */
  async leave(conversationId: ConversationId): Promise<void> {
    await this.transport.leaveConversation({ conversationId });
    this.forget(conversationId);
  }

  // ---- Looking things up: answers for the element that asked, nothing kept but a conversation.

  /** A conversation's summary: from the state, or fetched and kept (a reviewer's view of a report, say). */
  async conversation(conversationId: ConversationId): Promise<ConversationSummary> {
    return this.current.conversations.get(conversationId) ?? this.keep(await this.transport.getConversation({ conversationId }));
  }

  participants(conversationId: ConversationId): Promise<Participant[]> {
    return this.transport.getParticipants({ conversationId });
  }

  /** "Your relationship" with another user: the courses and projects you share. */
  relationship(userId: UserId): Promise<Relationship> {
    return this.transport.getRelationship({ userId });
  }

  /** The panel's search over the reader's conversations: names first, then messages. */
  searchConversations(query: string): Promise<ConversationMatch[]> {
    return this.transport.searchConversations({ query });
  }

  searchConversation(conversationId: ConversationId, query: string): Promise<SearchHit[]> {
    return this.transport.searchConversation({ conversationId, query });
  }

  /** People, courses and projects by name, as far as the school's rules let the reader reach them. */
  searchRecipients(query: string, types?: Recipient['type'][]): Promise<Recipient[]> {
    return this.transport.searchRecipients(types ? { query, types } : { query });
  }

  /** How many different people a choice of recipients reaches, and who of them can't receive messages. */
  checkRecipients(recipients: RecipientRef[]): Promise<CommandResults['checkRecipients']> {
    return this.transport.checkRecipients({ recipients: recipients.map(({ type, id }) => ({ type, id })) });
  }

  // ---- Files

  uploadAttachment(file: File, options: UploadOptions): Promise<Attachment> {
    return this.transport.uploadAttachment(file, options);
  }

  /** Where a file downloads from. */
  attachmentUrl(attachment: Attachment): string {
    return this.transport.attachmentUrl(attachment);
  }
}
