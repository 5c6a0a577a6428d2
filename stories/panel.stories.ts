import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/panel/panel.js';
import { demoSchool, seedUsers } from './support.js';

type Args = { as: keyof typeof seedUsers };

const meta: Meta<Args> = {
  title: 'Elements/Panel',
  component: 'im-panel',
  args: { as: 'ola' },
  argTypes: { as: { control: 'select', options: Object.keys(seedUsers) } },
  loaders: [async ({ args }) => ({ school: await demoSchool({ as: args.as }) })],
  render: (_, { loaded }) => html`<im-panel open .store=${loaded.school.store}></im-panel>`,
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
