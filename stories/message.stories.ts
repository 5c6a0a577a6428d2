import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/message/message.js';
import { ImError } from '../src/model/errors.js';
import type { Message } from '../src/model/types.js';
import type { PendingMessage } from '../src/state/store.js';
import { storyTime } from './clock.js';
import { expectFocusOn, within } from './play.js';

const kari = { id: 'u-kari', name: 'Kari Nordmann', title: 'Mathematics teacher', role: 'teacher' as const };
const base: Message = {
  id: 'm1',
  conversationId: 'c1',
  seq: 12,
  sender: kari,
  createdAt: storyTime - 60 * 60_000,
  text: 'Homework for Thursday: exercises 4.1 to 4.12.\nThe answers are at https://example.org/maths/answers',
  attachments: [],
  status: 'normal',
};
// A small PNG, so the preview shows without a server.
const pixel = 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90"><rect width="160" height="90" fill="#62a0ea"/></svg>');

type Args = { message: Message; mine: boolean; actions: string[] };

/** Who reacted, as the conversation view names them. */
const whoReacted = async (_: Message, emoji: string) => (emoji === '👍' ? ['Emma Hansen', 'You', 'Noah Johansen'] : ['Ola Nordmann']);

const meta: Meta<Args> = {
  title: 'Elements/Message',
  component: 'im-message',
  args: { message: base, mine: false, actions: ['reply', 'replyPrivately', 'forward', 'markUnread', 'report'] },
  render: ({ message, mine, actions }) =>
    html`<im-message
      style="max-inline-size:26rem"
      .message=${message}
      ?mine=${mine}
      .actions=${actions}
      .whoReacted=${whoReacted}
      .attachmentUrl=${(a: { type: string }) => (a.type.startsWith('image/') ? pixel : '#')}
    ></im-message>`,
};
export default meta;

type Story = StoryObj<Args>;

export const FromSomeoneElse: Story = {};
/** The ⋯ button opens the message's options with focus on the first; the arrow keys move along them. */
export const OptionsOpen: Story = {
  name: 'Options menu open',
  play: async ({ canvasElement, userEvent }) => {
    await userEvent.click(within(canvasElement).getByShadowRole('button', { name: /^More options for message from Kari Nordmann, / }));
    await expectFocusOn('menuitem', 'Reply');
    await userEvent.keyboard('{ArrowDown}');
    await expectFocusOn('menuitem', 'Reply privately');
  },
};
export const Own: Story = { args: { mine: true, actions: ['reply', 'forward', 'markUnread', 'edit', 'delete'] } };
export const Edited: Story = { args: { message: { ...base, editedAt: storyTime - 5 * 60_000 } } };
/** Reactions under the message, the reader's own ringed; each shows who reacted, and the ⋯ menu ends with the row of the set. */
export const WithReactions: Story = {
  args: {
    message: { ...base, reactions: [{ emoji: '👍', count: 3, mine: true }, { emoji: '✅', count: 1 }] },
    actions: ['react', 'reply', 'replyPrivately', 'forward', 'markUnread', 'report'],
  },
};
export const WithFiles: Story = {
  args: {
    message: {
      ...base,
      text: '',
      attachments: [
        { id: 'a1', name: 'Chapter 4 answers.pdf', size: 482_113, type: 'application/pdf' },
        { id: 'a2', name: 'Whiteboard.png', size: 120_400, type: 'image/png' },
      ],
    },
  },
};
export const Reply: Story = {
  args: {
    message: {
      ...base,
      text: 'Yes, please show every step.',
      replyTo: { messageId: 'm0', conversationId: 'c1', seq: 11, senderName: 'Emma Hansen', text: 'Do we need to show the working for 4.7?', attachmentNames: [], createdAt: 0, gone: false },
    },
  },
};
export const Shared: Story = {
  args: {
    message: {
      ...base,
      text: 'See this from the maths conversation:',
      forwarded: { messageId: 'x', conversationId: 'c2', seq: 0, senderName: 'Emma Hansen', text: 'The test is moved to Friday.', attachmentNames: [], createdAt: 0, gone: false },
    },
  },
};
export const Deleted: Story = { args: { message: { ...base, text: '', status: 'deleted' } } };
export const RemovedByModerator: Story = { args: { message: { ...base, text: '', status: 'removed', removedBy: 'Per Hansen' } } };
export const UntrustedText: Story = {
  name: 'HTML and unsafe links stay text',
  args: { message: { ...base, text: '<img src=x onerror=alert(1)> javascript:alert(1) and mailto:kari@school.example' } },
};
export const FormattedWeeklyUpdate: Story = {
  name: 'Formatted platform message (weekly update)',
  args: {
    actions: ['forward', 'markUnread'],
    message: {
      ...base,
      text: 'This week: equations, chapter 4.\n\n• Read pages 60–64.\n• Exercises 4.1 to 4.12.\n\nTest next Tuesday. Practice tests are on the course page.',
      html:
        '<p>This week: <strong>equations</strong>, chapter 4.</p><ul><li>Read pages 60–64.</li><li>Exercises 4.1 to 4.12.</li></ul>' +
        '<p>Test next <em>Tuesday</em>. <a href="https://example.org/maths-9b/practice">Practice tests</a> are on the course page.</p>' +
        '<p><img src=x onerror=alert(1)><a href="javascript:alert(1)">Sanitized away</a></p>',
    },
  },
};

/** The reader's latest message the other person of a one-to-one has seen. */
export const SeenInOneToOne: Story = {
  name: 'Seen (one-to-one)',
  render: () => html`<im-message style="max-inline-size:26rem" mine one-to-one .message=${{ ...base, text: 'See you at three' }} .readStatus=${{ conversationId: 'c1', messageId: 'm1', seq: 12, seen: 1, of: 1 }}></im-message>`,
};
/** Elsewhere: how many of those it went to have seen it, a button that lists them. */
export const SeenByInCourse: Story = {
  name: 'Seen by 12 of 28 (course)',
  render: () => html`<im-message style="max-inline-size:26rem" mine .message=${base} .readStatus=${{ conversationId: 'c1', messageId: 'm1', seq: 12, seen: 12, of: 28 }}></im-message>`,
};

const pending: PendingMessage = { clientId: 'k1', conversationId: 'c1', text: 'On its way', attachments: [], createdAt: storyTime, status: 'pending' };
export const Sending: Story = { render: () => html`<im-message mine .pending=${pending}></im-message>` };
export const Failed: Story = {
  render: () =>
    html`<im-message mine .pending=${{ ...pending, status: 'failed', error: new ImError('conversation-closed', 'This conversation is closed.') }}></im-message>`,
};
