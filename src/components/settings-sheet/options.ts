/**
 * The settings sheet's options, one table: for each, the kinds of conversation whose
 * settings list it (the spec's "Options for single / group / course conversation", help
 * 4.4), the permission behind it (`model/permissions`, shared with the backend), what
 * else decides it that only the panel knows, and for the options list its label, whether
 * it is destructive, what it asks first, the store intent it runs, what is said when it
 * is done and where focus goes then.
 */
import type { Messages } from '../../l10n/en.js';
import type { ImError } from '../../model/errors.js';
import type { ConversationAction, PermissionContext } from '../../model/permissions.js';
import type { ConversationKind, ConversationSummary } from '../../model/types.js';
import type { MessengerStore } from '../../state/store.js';
import type { DialogAnswer } from '../dialog/dialog.component.js';
import type { Ask } from '../shared/ask-run-say.js';

/** Everything the sheet can offer. */
export type SheetOption =
  | 'search'
  | 'markUnread'
  | 'mute'
  | 'pin'
  | 'unpin'
  | 'rename'
  | 'close'
  | 'reopen'
  | 'delete'
  | 'startNew'
  | 'openCurrent'
  | 'restore'
  | 'participantPage'
  | 'report'
  | 'hide'
  | 'leave'
  | 'participants'
  | 'addParticipants'
  | 'removeParticipant'
  | 'relationship';

/** What decides an option beyond the permissions. */
export interface SheetFacts {
  conversation: ConversationSummary;
  ctx: PermissionContext;
  /** A newer, live conversation of the same course, once this one was deleted. */
  current?: ConversationSummary;
  /** The reader reviews a report on this conversation. */
  reported: boolean;
  /** The host's course participant page for it, if the host gave one. */
  participantPage?: string;
}

interface OptionSpec {
  kinds: readonly ConversationKind[];
  permission?: ConversationAction;
  when?: (facts: SheetFacts) => boolean;
  /** Its label in the options list; sections (search, participants…) have none. */
  label?: (t: Messages) => string;
  danger?: boolean;
  /** A toggle (`aria-pressed`): whether it is on for the conversation. Its label stays; focus stays on it. */
  pressed?: (c: ConversationSummary) => boolean;
  ask?: (t: Messages, c: ConversationSummary) => Ask;
  /** The intent; the dialog's answer when it asked. */
  run?: (store: MessengerStore, c: ConversationSummary, answer: DialogAnswer | undefined) => Promise<ConversationSummary | void>;
  said?: (t: Messages, result: ConversationSummary | void) => string;
  /** A failure in the option's own words, when the general one would not say what to do. */
  failure?: (t: Messages, error: ImError) => string | undefined;
  /**
   * Afterwards: focus on the option that took its place (Reopen for Close), the sheet closes, the
   * conversation it leads to opens, or (`hidden`) the host hears `im-conversation-hide` and the sheet closes.
   */
  then?: { focus: SheetOption } | 'close' | 'open' | 'hidden';
}

const all: readonly ConversationKind[] = ['one-to-one', 'group', 'course', 'project', 'individual', 'mass', 'system'];
const written: readonly ConversationKind[] = ['one-to-one', 'group', 'course', 'project', 'individual'];
const managed: readonly ConversationKind[] = ['group', 'course', 'project'];

/**
 * In the order shown: sections, then the options list (everyday first, leaving last).
 * Kinds the spec does not list get what makes sense for them: a project conversation is
 * managed like a course one without its course-only options; the "Sent to N people" item
 * lists whom it went to; one-way kinds keep what a reader needs (their participants are a
 * whole hierarchy, not listed), and there the relationship is with whoever sent them.
 */
export const sheetOptions: Record<SheetOption, OptionSpec> = {
  search: { kinds: written, permission: 'search' },
  // Read positions belong to participants: a reviewer's view is not in their list.
  markUnread: {
    kinds: all,
    permission: 'markUnread',
    when: ({ conversation }) => conversation.access === 'participant',
    label: (t) => t.action.markUnread,
    run: (store, c) => store.markUnread(c.id),
    said: (t) => t.markedUnread,
  },
  // The reader's own, in every kind they take part in (issue 18): a course of 300 or a weekly update alike.
  mute: {
    kinds: all,
    permission: 'mute',
    label: (t) => t.settings.mute,
    pressed: (c) => !!c.muted,
    run: (store, c) => store.setMuted(c.id, !c.muted),
    said: (t, result) => (result?.muted ? t.settings.mutedSaid : t.settings.unmutedSaid),
    then: { focus: 'mute' },
  },
  // Issue 18: the reader's own order, in every kind they take part in; Pin and Unpin take each other's place.
  pin: {
    kinds: all,
    permission: 'pin',
    when: ({ conversation }) => !conversation.pinnedAt,
    label: (t) => t.settings.pin,
    run: (store, c) => store.setPinned(c.id, true),
    said: (t) => t.settings.pinnedSaid,
    then: { focus: 'unpin' },
  },
  unpin: {
    kinds: all,
    permission: 'pin',
    when: ({ conversation }) => !!conversation.pinnedAt,
    label: (t) => t.settings.unpin,
    run: (store, c) => store.setPinned(c.id, false),
    said: (t) => t.settings.unpinnedSaid,
    then: { focus: 'pin' },
  },
  rename: {
    kinds: ['group'],
    permission: 'rename',
    label: (t) => t.settings.rename,
    ask: (t, c) => ({ heading: t.settings.rename, field: { label: t.settings.renameLabel, required: true, value: c.named ? c.name : '' }, confirmLabel: t.settings.renameConfirm }),
    run: (store, c, answer) => store.rename(c.id, answer!.value),
    said: (t, renamed) => t.settings.renamed(renamed ? renamed.name : ''),
  },
  close: {
    kinds: managed,
    permission: 'close',
    label: (t) => t.settings.close,
    ask: (t) => ({ heading: t.settings.closeTitle, text: t.settings.closeText, confirmLabel: t.settings.closeConfirm }),
    run: (store, c) => store.close(c.id),
    said: (t) => t.settings.closed,
    then: { focus: 'reopen' },
  },
  reopen: {
    kinds: managed,
    permission: 'reopen',
    label: (t) => t.settings.reopen,
    run: (store, c) => store.reopen(c.id),
    said: (t) => t.settings.reopened,
    then: { focus: 'close' },
  },
  delete: {
    kinds: ['course'],
    permission: 'deleteConversation',
    label: (t) => t.settings.delete,
    danger: true,
    ask: (t) => ({ heading: t.settings.deleteTitle, text: t.settings.deleteText, confirmLabel: t.settings.deleteConfirm, danger: true }),
    run: (store, c) => store.deleteConversation(c.id),
    said: (t) => t.settings.deleted,
    then: { focus: 'startNew' },
  },
  startNew: {
    kinds: ['course'],
    permission: 'startCourseConversation',
    when: ({ current }) => !current,
    label: (t) => t.settings.startNew,
    run: (store, c) => store.startCourseConversation(c.course!.id),
    then: 'open',
  },
  openCurrent: {
    kinds: ['course'],
    when: ({ current }) => !!current,
    label: (t) => t.settings.openCurrent,
    then: 'open',
  },
  // Spec 5.7: restored "by accessing the original report", so for reviewers of a report on it.
  restore: {
    kinds: ['course'],
    permission: 'restoreConversation',
    when: ({ current, reported, conversation }) => !current && (reported || conversation.access === 'reviewer'),
    label: (t) => t.settings.restore,
    run: (store, c) => store.restoreConversation(c.id),
    said: (t) => t.settings.restored,
    failure: (t, error) => (error.code === 'invalid' ? t.settings.restoreBlocked : undefined),
    then: { focus: 'close' },
  },
  participantPage: {
    kinds: ['course'],
    when: ({ participantPage }) => !!participantPage,
    label: (t) => t.settings.participantPage,
  },
  // Spec: the reporter stays anonymous, except in a one-to-one (which has no such option here).
  report: {
    kinds: ['group'],
    permission: 'reportConversation',
    label: (t) => t.action.report,
    ask: (t) => ({ heading: t.reportTitle, text: t.reportAnonymous, field: { label: t.reportReason, required: true }, confirmLabel: t.reportConfirm }),
    run: (store, c, answer) => store.report(c.id, answer!.value),
    said: (t) => t.settings.reportSentAnonymous,
  },
  // Issue 18: a one-to-one, or a conversation that is over, out of the reader's list until a new message
  // comes; no question first, as nothing is lost. The host goes back to the list (and says so).
  hide: {
    kinds: ['one-to-one', ...managed],
    permission: 'hide',
    when: ({ conversation }) => !conversation.hidden,
    label: (t) => t.settings.hide,
    run: (store, c) => store.hide(c.id),
    then: 'hidden',
  },
  leave: {
    kinds: ['group'],
    permission: 'leave',
    label: (t) => t.settings.leave,
    danger: true,
    ask: (t) => ({ heading: t.settings.leaveTitle, text: t.settings.leaveText, confirmLabel: t.settings.leaveConfirm, danger: true }),
    run: (store, c) => store.leave(c.id),
    then: 'close',
  },
  participants: { kinds: ['one-to-one', 'group', 'course', 'project', 'individual'], permission: 'viewParticipants' },
  addParticipants: { kinds: ['group'], permission: 'addParticipants' },
  removeParticipant: { kinds: ['group'], permission: 'removeParticipant' },
  relationship: { kinds: all, permission: 'relationship' },
};
