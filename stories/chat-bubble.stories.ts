import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/chat-bubble/chat-bubble.js';

type Args = { unread: number; expanded: boolean };

const meta: Meta<Args> = {
  title: 'Elements/Chat bubble',
  component: 'im-chat-bubble',
  args: { unread: 0, expanded: false },
  argTypes: { unread: { control: { type: 'number', min: 0 } } },
  render: ({ unread, expanded }) => html`<im-chat-bubble .unread=${unread} ?expanded=${expanded}></im-chat-bubble>`,
};
export default meta;

type Story = StoryObj<Args>;

export const NothingUnread: Story = {};
export const Unread: Story = { args: { unread: 3 } };
/**
 * The badge shows "99+", the name keeps the exact count ("Messages, 250 unread"). axe's
 * label-in-name check takes the badge for the button's label and wants "99+" in the name;
 * the label is the icon's "Messages", which starts the name, and the count is its state.
 */
export const ManyUnread: Story = {
  name: 'More than 99 unread',
  args: { unread: 250 },
  parameters: { a11y: { config: { rules: [{ id: 'label-content-name-mismatch', enabled: false }] } } },
};
export const Expanded: Story = { args: { unread: 1, expanded: true } };
