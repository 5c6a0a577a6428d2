import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/recipient-field/recipient-field.js';
import { demoSchool, seedUsers } from './support.js';

type Args = { as: keyof typeof seedUsers };

const meta: Meta<Args> = {
  title: 'Elements/Recipient field',
  component: 'im-recipient-field',
  args: { as: 'kari' },
  argTypes: { as: { control: 'select', options: Object.keys(seedUsers) } },
  loaders: [async ({ args }) => ({ school: await demoSchool({ as: args.as }), recipients: [] })],
  render: (_, { loaded }) =>
    html`<im-recipient-field style="max-inline-size:24rem" .store=${loaded.school.store} .recipients=${loaded.recipients}></im-recipient-field>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Type "Hansen", "Berg", "Math" or "Whole". */
export const Empty: Story = {};

/** Chosen: a person and a course; Backspace in the empty field removes the last. */
export const WithChips: Story = {
  loaders: [
    async ({ args }) => {
      const school = await demoSchool({ as: args.as });
      const find = async (query: string) => (await school.transport.searchRecipients({ query }))[0];
      return { school, recipients: [await find('Emma'), await find('Mathematics')] };
    },
  ],
};
