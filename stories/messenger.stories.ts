import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/messenger/messenger.js';
import { expectFocusOn } from './play.js';

type Args = { open: boolean };

const meta: Meta<Args> = {
  title: 'Messenger',
  component: 'im-messenger',
  args: { open: false },
  render: ({ open }) => html`<im-messenger ?open=${open}></im-messenger>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Closed: Story = {};
/** Open with nothing to show (no transport): focus in the search field. */
export const Open: Story = {
  args: { open: true },
  play: async () => {
    await expectFocusOn('searchbox', 'Search conversations');
  },
};
