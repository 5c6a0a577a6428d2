import type { Messages } from '../../l10n/en.js';
import { canConversation, messageActions, permissionContextOf, type MessageAction, type PermissionContext } from '../../model/permissions.js';
import type { ConversationSummary, Message } from '../../model/types.js';
import type { MessengerStore, StoreState } from '../../state/store.js';
import { askInDialog } from '../dialog/dialog.component.js';
import { conversationName } from '../shared/describe.js';

/** What a message's options need from the conversation view. */
export interface MessageActionContext {
  store: MessengerStore;
  conversation: ConversationSummary;
  t: Messages;
  /** Where the confirmation dialogs go. */
  root: Element | DocumentFragment;
  /** Runs a command, showing its error if it fails; true when it succeeded. */
  run(work: () => Promise<unknown>): Promise<boolean>;
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

/** Does what the reader chose from a message's options: asks first where the spec says so, then says what happened. */
export async function runMessageAction(action: MessageAction, message: Message, ctx: MessageActionContext): Promise<void> {
  const { t, store, conversation } = ctx;
  switch (action) {
    case 'reply':
    case 'edit':
      await ctx.compose(action, message);
      return;
    case 'markUnread':
      if (await ctx.run(() => store.markUnread(conversation.id, message.seq))) ctx.announce(t.markedUnread);
      return;
    case 'delete':
    case 'moderatorDelete': {
      const own = action === 'delete';
      const answer = await askInDialog(ctx.root, {
        heading: t.deleteTitle,
        text: own ? t.deleteOwnText : t.moderatorDeleteText(message.sender.name, store.state.user?.name ?? ''),
        confirmLabel: t.deleteConfirm,
        danger: true,
      });
      if (answer && (await ctx.run(() => store.deleteMessage(message.id)))) ctx.announce(own ? t.messageDeletedDone : t.messageRemovedDone);
      ctx.focusMessage(message);
      return;
    }
    case 'report': {
      const answer = await askInDialog(ctx.root, {
        heading: t.reportTitle,
        text: conversation.kind === 'one-to-one' ? t.reportNamed : t.reportAnonymous,
        field: { label: t.reportReason, required: true },
        confirmLabel: t.reportConfirm,
      });
      if (answer && (await ctx.run(() => store.report(conversation.id, answer.value, message.id)))) {
        ctx.announce(t.reportSent);
      }
      ctx.focusMessage(message);
      return;
    }
    case 'forward': {
      const targets = ctx.forwardTargets();
      const answer = await askInDialog(ctx.root, {
        heading: t.forwardTitle,
        text: targets.length ? '' : t.noForwardTargets,
        choice: targets.length ? { label: t.forwardTo, options: targets.map((c) => ({ value: c.id, label: conversationName(c, t) })) } : undefined,
        field: targets.length ? { label: t.forwardComment } : undefined,
        confirmLabel: t.forwardConfirm,
      });
      const to = answer?.choice;
      if (to && (await ctx.run(() => store.forward(message.id, to, answer.value)))) {
        ctx.open(to);
      } else {
        ctx.focusMessage(message);
      }
      return;
    }
    case 'replyPrivately': {
      const answer = await askInDialog(ctx.root, {
        heading: t.replyPrivatelyTitle(message.sender.name),
        field: { label: t.replyPrivatelyLabel, required: true },
        confirmLabel: t.send,
      });
      let target: ConversationSummary | undefined;
      if (answer) {
        await ctx.run(async () => (target = await store.replyPrivately(message.id, answer.value)));
      }
      if (target) ctx.open(target.id);
      else ctx.focusMessage(message);
      return;
    }
    default: {
      // Every action of the ⋯ menu is handled above: a new one fails the type-check here.
      const unhandled: never = action;
      throw new Error(`No handler for the message action ${String(unhandled)}`);
    }
  }
}

const noActions: MessageAction[] = [];

/**
 * A message's menu items, the same array for the same answer: a new array each render
 * would make every rendered message render again on any change.
 */
export class MessageActionsCache {
  private readonly cache = new Map<string, MessageAction[]>();

  for(ctx: PermissionContext | undefined, message: Message): MessageAction[] {
    if (!ctx) return noActions;
    const { user, access, conversation: c } = ctx;
    const key = `${user.id}|${user.role}|${access}|${c.kind}|${c.closed}|${c.deleted}|${c.createdBy}|${c.courseRole}|${message.sender.id === user.id}|${message.sender.role}|${message.status}`;
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
