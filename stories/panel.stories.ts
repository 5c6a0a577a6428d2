import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import '../src/components/panel/panel.js';
import { expectFocusOn, within } from './play.js';
import { demoSchool, seedUsers } from './support.js';

type Args = { as: keyof typeof seedUsers };

const meta: Meta<Args> = {
  title: 'Elements/Panel',
  component: 'im-panel',
  args: { as: 'ola' },
  argTypes: { as: { control: 'select', options: Object.keys(seedUsers) } },
  loaders: [async ({ args }) => ({ school: await demoSchool({ as: args.as }) })],
  render: (_, { loaded }) => html`<im-panel open .store=${loaded.school.store}></im-panel>`,
  // It opens on the first conversation.
  play: async () => {
    await expectFocusOn('option', /^Maths study group,/);
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Open: Story = {};

export const Reconnecting: Story = {
  render: (_, { loaded }) => {
    loaded.school.transport.goOffline();
    return html`<im-panel open .store=${loaded.school.store}></im-panel>`;
  },
};

/** The reader's notification settings shown (the bell after the search field), desktop notifications on. */
export const NotificationSettings: Story = {
  render: (_, { loaded }) => html`<im-panel open .store=${loaded.school.store}></im-panel>`,
  loaders: [
    async ({ args }) => {
      const school = await demoSchool({ as: args.as });
      await school.store.setNotificationPreferences({ desktop: true });
      return { school };
    },
  ],
  play: async ({ canvasElement, userEvent }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByShadowRole('button', { name: 'Notifications' }));
    await expect(await canvas.findByShadowRole('checkbox', { name: 'Desktop notifications' })).toBeChecked();
    await expectFocusOn('button', 'Notifications');
  },
};
