import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/menu/menu.js';

const meta: Meta = {
  title: 'Elements/Menu',
  component: 'im-menu',
  render: () =>
    html`<im-menu
      label="More options for message from Kari Nordmann, 10:42"
      .items=${[
        { id: 'reply', label: 'Reply' },
        { id: 'forward', label: 'Forward' },
        { id: 'markUnread', label: 'Mark as unread' },
        { id: 'delete', label: 'Delete message', danger: true },
      ]}
    ></im-menu>`,
};
export default meta;

export const MessageOptions: StoryObj = {};
