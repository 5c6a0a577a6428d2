import type { Messages } from '../../l10n/en.js';
import { canConversation, messageActions, permissionContextOf, type MessageAction, type PermissionContext } from '../../model/permissions.js';
import type { ConversationSummary, Message } from '../../model/types.js';
import type { MessengerStore, StoreState } from '../../state/store.js';
import type { DialogAnswer } from '../dialog/dialog.component.js';
import { askRunSay, type Step } from '../shared/ask-run-say.js';
import type { CommandRunner } from '../shared/command-runner.js';
import { conversationName } from '../shared/describe.js';

/** What a message's options need from the conversation view. */
export interface MessageActionContext {
  store: MessengerStore;
  conversation: ConversationSummary;
  t: Messages;
  /** Where the confirmation dialogs go. */
  root: Element | DocumentFragment;
  /** The view's runner: one error line for its commands. */
  runner: CommandRunner;
  announce(text: string): void;
  /** Puts the composer in reply or edit mode for the message, with focus in the field. */
  compose(mode: 'reply' | 'edit', message: Message): Promise<void>;
  /** Focus back on the message (it stays, perhaps as "This message was deleted"). */
  focusMessage(message: Message): void;
  /** Opens another conversation. */
  open(conversationId: string): void;
  /** Conversations the reader can send to, for forwarding. */
  forwardTargets(): ConversationSummary[];
}

/** A message option: what it asks, does and says, and the conversation it leads to when it leads somewhere (else focus stays on the message). */
interface MessageStep extends Step<unknown> {
  goesTo?: (result: unknown, answer: DialogAnswer | undefined) => string | undefined;
  /** No dialog took focus: it stays where the menu left it. */
  focusStays?: boolean;
}

/** Each option of a message's ⋯ menu (spec 4.5), in one table; the type-checker wants every action here. */
const steps: Record<Exclude<MessageAction, 'react' | 'reply' | 'edit'>, (message: Message, ctx: MessageActionContext) => MessageStep> = {
  markUnread: (message, { t, store, conversation }) => ({
    run: () => store.markUnread(conversation.id, message.seq),
    said: () => t.markedUnread,
    focusStays: true,
  }),
  delete: (message, { t, store }) => ({
    ask: { heading: t.deleteTitle, text: t.deleteOwnText, confirmLabel: t.deleteConfirm, danger: true },
    run: () => store.deleteMessage(message.id),
    said: () => t.messageDeletedDone,
  }),
  moderatorDelete: (message, { t, store }) => ({
    ask: { heading: t.deleteTitle, text: t.moderatorDeleteText(message.sender.name, store.state.user?.name ?? ''), confirmLabel: t.deleteConfirm, danger: true },
    run: () => store.deleteMessage(message.id),
    said: () => t.messageRemovedDone,
  }),
  report: (message, { t, store, conversation }) => ({
    ask: {
      heading: t.reportTitle,
      text: conversation.kind === 'one-to-one' ? t.reportNamed : t.reportAnonymous,
      field: { label: t.reportReason, required: true },
      confirmLabel: t.reportConfirm,
    },
    run: (answer) => store.report(conversation.id, answer!.value, message.id),
    said: () => t.reportSent,
  }),
  forward: (message, { t, store, forwardTargets }) => {
    const targets = forwardTargets();
    return {
      ask: {
        heading: t.forwardTitle,
        text: targets.length ? '' : t.noForwardTargets,
        choice: targets.length ? { label: t.forwardTo, options: targets.map((c) => ({ value: c.id, label: conversationName(c, t) })) } : undefined,
        field: targets.length ? { label: t.forwardComment } : undefined,
        confirmLabel: t.forwardConfirm,
      },
      // No conversation to forward to: the dialog only said so.
      run: async (answer) => (answer?.choice ? store.forward(message.id, answer.choice, answer.value) : undefined),
      goesTo: (_, answer) => answer?.choice || undefined,
    };
  },
  replyPrivately: (message, { t, store }) => ({
    ask: { heading: t.replyPrivatelyTitle(message.sender.name), field: { label: t.replyPrivatelyLabel, required: true }, confirmLabel: t.send },
    run: (answer) => store.replyPrivately(message.id, answer!.value),
    goesTo: (result) => (result as ConversationSummary | undefined)?.id,
  }),
};

/** Does what the reader chose from a message's options: asks first where the spec says so, then says what happened. */
export async function runMessageAction(action: Exclude<MessageAction, 'react'>, message: Message, ctx: MessageActionContext): Promise<void> {
  if (action === 'reply' || action === 'edit') return ctx.compose(action, message);
  const step = steps[action](message, ctx);
  const { outcome, result, answer } = await askRunSay(ctx.root, ctx.runner, ctx.announce, step);
  const to = outcome === 'done' ? step.goesTo?.(result, answer) : undefined;
  if (to) ctx.open(to);
  else if (!step.focusStays) ctx.focusMessage(message);
}

/**
 * Reacts to a message or takes the reaction back (from its options or the list of who
 * reacted), and says so ("You reacted with 👍."); focus stays where the reader left it.
 */
export async function runReaction(message: Message, emoji: string, added: boolean, { t, store, root, runner, announce }: MessageActionContext): Promise<void> {
  await askRunSay(root, runner, announce, {
    run: () => store.react(message.id, emoji, added),
    said: () => (added ? t.youReacted(emoji) : t.reactionRemoved(emoji)),
  });
}

/** No options (a message not yet sent, or a reader who may do nothing). */
export const noActions: MessageAction[] = [];

/**
 * A message's menu items, the same array for the same answer: a new array each render
 * would make every rendered message render again on any change.
 */
export class MessageActionsCache {
  private readonly cache = new Map<string, MessageAction[]>();

  for(ctx: PermissionContext | undefined, message: Message): MessageAction[] {
    if (!ctx) return noActions;
    const { user, access, conversation: c } = ctx;
    const key = `${user.id}|${user.role}|${!!user.messagingDisabled}|${access}|${c.kind}|${c.closed}|${c.deleted}|${c.createdBy}|${c.courseRole}|${message.sender.id === user.id}|${message.sender.role}|${message.status}`;
    let actions = this.cache.get(key);
    if (!actions) {
      actions = messageActions(ctx, { senderId: message.sender.id, senderRole: message.sender.role, status: message.status });
      this.cache.set(key, actions);
    }
    return actions;
  }
}

/** Conversations the reader can send to, newest first: where a message can be forwarded. */
export function forwardTargets(state: StoreState): ConversationSummary[] {
  return state.order.flatMap((id) => {
    const c = state.conversations.get(id);
    const ctx = c && permissionContextOf(state.user, c);
    return c && ctx && canConversation('send', ctx) ? [c] : [];
  });
}
