import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/conversation-list/conversation-list.js';
import { MessengerStore } from '../src/state/store.js';
import { MemoryTransport } from '../src/transport/memory-transport.js';
import { demoSchool, seedUsers } from './support.js';

type Args = { as: keyof typeof seedUsers };

const meta: Meta<Args> = {
  title: 'Elements/Conversation list',
  component: 'im-conversation-list',
  args: { as: 'ola' },
  argTypes: { as: { control: 'select', options: Object.keys(seedUsers) } },
  loaders: [async ({ args }) => ({ school: await demoSchool({ as: args.as }) })],
  render: (_, { loaded }) => html`<im-conversation-list style="max-inline-size:26rem" .store=${loaded.school.store}></im-conversation-list>`,
};
export default meta;

type Story = StoryObj<Args>;

/** A student's list: every kind, some unread. */
export const Student: Story = {};

/** A teacher's list, with "Sent to 3 people". */
export const Teacher: Story = { args: { as: 'kari' } };

/** A student who muted the course conversation and the weekly update: their unread show, with the mute icon, but not in the badge. */
export const Muted: Story = {
  loaders: [
    async () => {
      const school = await demoSchool({ as: 'ola' });
      await school.store.setMuted(school.ids.maths, true);
      await school.store.setMuted(school.ids.weekly, true);
      return { school };
    },
  ],
};

/**
 * A student who pinned the one-to-one with their teacher and the weekly update (issue 18): they head the
 * list, the most recently pinned first, each with a pin and "Pinned" in its name; the rest follow by activity.
 */
export const Pinned: Story = {
  loaders: [
    async () => {
      const school = await demoSchool({ as: 'ola' });
      await school.store.setPinned(school.ids.weekly, true);
      await school.store.setPinned(school.ids.oneToOne, true);
      return { school };
    },
  ],
};

export const Loading: Story = {
  loaders: [async () => ({ school: await demoSchool({ latency: 1e9, start: false }) })],
  render: (_, { loaded }) => {
    void loaded.school.store.start();
    return html`<im-conversation-list .store=${loaded.school.store}></im-conversation-list>`;
  },
};

export const Empty: Story = {
  loaders: [
    async () => {
      const school = await demoSchool();
      await school.backend.run((storage) => storage.putUser({ id: 'u-new', name: 'New Pupil', title: 'Student', role: 'student' }));
      const store = new MessengerStore(new MemoryTransport({ backend: school.backend, userId: 'u-new' }));
      await store.start();
      return { store };
    },
  ],
  render: (_, { loaded }) => html`<im-conversation-list .store=${loaded.store}></im-conversation-list>`,
};

export const Failed: Story = {
  loaders: [
    async () => {
      const school = await demoSchool({ start: false });
      school.transport.listConversations = async () => {
        throw new Error('The server did not answer.');
      };
      await school.store.start().catch(() => undefined);
      return { school };
    },
  ],
};

/** Many conversations: scroll to the end to load more. */
export const Many: Story = {
  loaders: [
    async () => {
      const school = await demoSchool({ as: 'kari', start: false });
      for (let i = 1; i <= 80; i++) {
        await school.actAs('kari')('startConversation', {
          recipients: [{ type: 'person', id: `u-student-${i}` }],
          mode: 'group',
          text: `Hello student ${i}`,
          clientId: `many-${i}`,
        });
      }
      await school.store.start();
      return { school };
    },
  ],
};
