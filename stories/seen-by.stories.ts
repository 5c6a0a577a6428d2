import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/seen-by/seen-by.js';
import { showSeenBy } from '../src/components/seen-by/seen-by.js';
import type { Message } from '../src/model/types.js';
import { demoSchool } from './support.js';

type School = Awaited<ReturnType<typeof demoSchool>>;
type Args = { readers: ('ola' | 'noah' | 'sofie')[] };

const meta: Meta<Args> = {
  title: 'Elements/Seen by',
  component: 'im-seen-by',
  args: { readers: ['ola', 'noah'] },
  loaders: [
    async ({ args }) => {
      // Emma's question to her study group, read by `readers`.
      const school = await demoSchool({ as: 'emma' });
      const message = await school.actAs('emma')('sendMessage', { conversationId: school.ids.group, clientId: 'story-1', text: 'Library at three tomorrow?' });
      for (const reader of args.readers) await school.actAs(reader)('markRead', { conversationId: school.ids.group, upTo: message.seq });
      await school.store.openConversation(school.ids.group);
      return { school, message };
    },
  ],
  render: (_, { loaded }) => {
    const { school, message } = loaded as { school: School; message: Message };
    const open = (event: Event) => void showSeenBy((event.currentTarget as HTMLElement).parentElement!, school.store, message);
    return html`<div><button type="button" aria-haspopup="dialog" @click=${open}>Who has seen “${message.text}”?</button></div>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Two of three have seen it. */
export const SomeHaveSeenIt: Story = {};
/** Everyone has: the second list says so. */
export const EveryoneHasSeenIt: Story = { args: { readers: ['ola', 'noah', 'sofie'] } };
