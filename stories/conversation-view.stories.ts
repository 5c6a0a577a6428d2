import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import '../src/components/conversation-view/conversation-view.js';
import { within } from './play.js';
import { demoSchool, seedUsers } from './support.js';

type Pick = 'group' | 'maths' | 'oneToOne' | 'project' | 'individual' | 'mass' | 'weekly';
type Args = { as: keyof typeof seedUsers; conversation: Pick };

const meta: Meta<Args> = {
  title: 'Elements/Conversation view',
  component: 'im-conversation-view',
  args: { as: 'ola', conversation: 'group' },
  argTypes: {
    as: { control: 'select', options: Object.keys(seedUsers) },
    conversation: { control: 'select', options: ['group', 'maths', 'oneToOne', 'project', 'individual', 'mass', 'weekly'] },
  },
  loaders: [async ({ args }) => ({ school: await demoSchool({ as: args.as }) })],
  render: ({ conversation }, { loaded }) =>
    html`<div style="block-size: 36rem; max-inline-size: 26rem; display: flex; flex-direction: column; border: 1px solid #ccc">
      <im-conversation-view .store=${loaded.school.store} conversation-id=${loaded.school.ids[conversation]}></im-conversation-view>
    </div>`,
  // The messages are on screen (the list lays them out a frame after they load).
  play: async ({ canvasElement }) => {
    await expect((await within(canvasElement).findAllByShadowRole('article')).length).toBeGreaterThan(0);
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Opens at the first unread message. */
export const Group: Story = {};
export const CourseAsTeacher: Story = { args: { as: 'kari', conversation: 'maths' } };
export const OneToOne: Story = { args: { conversation: 'oneToOne' } };
export const Project: Story = { args: { as: 'per', conversation: 'project' } };
export const SentToManyPeople: Story = { args: { as: 'kari', conversation: 'individual' } };
export const MassMessage: Story = { args: { conversation: 'mass' } };
export const WeeklyUpdate: Story = { args: { conversation: 'weekly' } };
/** Emma's question to her study group, which two of the three have read: "Seen by 2 of 3" under it, with who on request. */
export const ReadStatus: Story = {
  args: { as: 'emma' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByShadowRole('button', { name: 'Seen by 2 of 3' })).toBeVisible();
  },
  loaders: [
    async () => {
      const school = await demoSchool({ as: 'emma' });
      const message = await school.actAs('emma')('sendMessage', { conversationId: school.ids.group, clientId: 'story-1', text: 'Library at three tomorrow?' });
      for (const reader of ['ola', 'noah'] as const) await school.actAs(reader)('markRead', { conversationId: school.ids.group, upTo: message.seq });
      return { school };
    },
  ],
};
export const Closed: Story = {
  loaders: [
    async () => {
      const school = await demoSchool();
      await school.actAs('emma')('closeConversation', { conversationId: school.ids.group });
      return { school };
    },
  ],
};
export const LongHistory: Story = {
  name: 'Long history (2 000 messages)',
  loaders: [
    async () => {
      const school = await demoSchool({ as: 'kari' });
      for (let i = 1; i <= 2000; i++) await school.actAs('emma')('sendMessage', { conversationId: school.ids.maths, clientId: `h${i}`, text: `Message ${i}` });
      return { school };
    },
  ],
  args: { as: 'kari', conversation: 'maths' },
};
