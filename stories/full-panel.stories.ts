import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { expect, waitFor } from 'storybook/test';
import '../src/components/messenger/messenger.js';
import { expectFocused, expectFocusOn, typeInto, within } from './play.js';
import { demoSchool, seedUsers } from './support.js';

type Args = {
  /** Who is signed in. */
  as: keyof typeof seedUsers;
  /** Whether the panel starts open. */
  open: boolean;
  /** Delay of every command (ms), to see loading states. */
  latency: number;
};
type School = Awaited<ReturnType<typeof demoSchool>>;

const meta: Meta<Args> = {
  title: 'Full panel',
  component: 'im-messenger',
  tags: ['!autodocs'],
  args: { as: 'ola', open: true, latency: 150 },
  argTypes: {
    as: { control: 'select', options: Object.keys(seedUsers), description: 'Who is signed in (teachers and the administrator moderate).' },
    open: { control: 'boolean' },
    latency: { control: { type: 'range', min: 0, max: 2000, step: 50 }, description: 'Delay of every command, in ms.' },
  },
  parameters: {
    layout: 'fullscreen',
    docs: {
      description: {
        component:
          'The whole panel as a host page shows it, over the memory transport: the demo school in the page, every workflow live. Switch who is signed in to see what students, teachers (moderators) and the administrator get.',
      },
    },
  },
  // The messenger starts the store itself, as it does on a host page.
  loaders: [async ({ args }) => ({ school: await demoSchool({ as: args.as, latency: args.latency, start: false }) })],
  render: ({ open }, { loaded }) => page(html`<im-messenger ?open=${open} .transport=${(loaded.school as School).transport}></im-messenger>`),
  // It opens on the first conversation.
  play: async ({ canvasElement }) => {
    const [first] = await conversations(canvasElement);
    await expectFocused(() => first);
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The conversations in the panel's list, once it shows them. */
const conversations = (canvasElement: HTMLElement) => within(canvasElement).findAllByShadowRole('option');

/** A host page's header with the messenger in its main menu, where the spec puts it. */
const page = (messenger: unknown) => html`<div style="font-family:system-ui,sans-serif">
  <header style="display:flex;align-items:center;gap:1rem;padding:0.5rem 1rem;border-block-end:1px solid color-mix(in srgb, CanvasText 20%, transparent)">
    <strong>Demo School</strong>
    <nav aria-label="Main menu" style="margin-inline-start:auto">${messenger}</nav>
  </header>
  <main style="padding:1rem;max-inline-size:40rem">
    <h1 style="font-size:1.25rem">A course page</h1>
    <p>Open the messages with the chat bubble in the main menu.</p>
  </main>
</div>`;

/**
 * A student: one-to-ones, groups, course conversations, weekly updates and a mass
 * message to read; start conversations, reply, forward, report abuse.
 */
export const Student: Story = {};

/** A teacher moderates the conversations they take part in: remove messages and people, close, delete a course conversation. */
export const Teacher: Story = { args: { as: 'kari' } };

/** The administrator also reviews abuse reports. */
export const Administrator: Story = { args: { as: 'admin' } };

/** Closed: only the bubble with its unread badge, as a page first shows it. */
export const Closed: Story = {
  args: { open: false },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByShadowRole('button', { name: 'Messages, 50 unread' })).toBeVisible();
  },
};

/**
 * Emma writes in "Maths study group" every few seconds: the list reorders, the
 * badge counts, and an open conversation shows and announces each message.
 */
export const LiveMessages: Story = {
  render: ({ open }, { loaded }) => {
    const school = loaded.school as School;
    const emma = school.actAs('emma');
    let count = 0;
    let timer: ReturnType<typeof setInterval> | undefined;
    const send = () => {
      count += 1;
      void emma('sendMessage', { conversationId: school.ids.group, clientId: crypto.randomUUID(), text: `Live message ${count} from Emma` });
    };
    // The first at once, then one every few seconds; stops once the story is gone (Storybook gives a render no cleanup of its own).
    const start = (el: Element | undefined) => {
      if (!el || timer) return;
      send();
      timer = setInterval(() => (el.isConnected ? send() : clearInterval(timer)), 4000);
    };
    return page(html`<im-messenger ${ref(start)} ?open=${open} .transport=${school.transport}></im-messenger>`);
  },
  play: async ({ canvasElement }) => {
    await waitFor(async () => expect((await conversations(canvasElement))[0]).toHaveAccessibleName(/^Maths study group,.* Emma Hansen: Live message 1 from Emma\./));
    await expectFocusOn('option', /^Maths study group,/);
  },
};

/** The connection dropped: the panel says it is reconnecting, and what is sent waits in the outbox. */
export const Reconnecting: Story = {
  render: ({ open }, { loaded }) => {
    const school = loaded.school as School;
    const offline = (el: Element | undefined) => {
      if (!el) return;
      // After the first load, so the list is there when the connection goes.
      setTimeout(() => school.transport.goOffline(), 1000);
    };
    return page(html`<im-messenger ${ref(offline)} ?open=${open} .transport=${school.transport}></im-messenger>`);
  },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByShadowText('Reconnecting…')).toBeVisible();
    await expectFocusOn('option', /^Maths study group,/);
  },
};

/** Open a conversation from the list, write and send: focus goes to its heading, then stays in the emptied field. */
export const OpenAndSend: Story = {
  name: 'Open a conversation and send',
  play: async ({ canvasElement, userEvent }) => {
    const canvas = within(canvasElement);
    await userEvent.click((await conversations(canvasElement))[0]);
    await expectFocusOn('heading', 'Maths study group');
    const field = canvas.getByShadowRole('textbox', { name: 'Write message to Maths study group…' });
    await userEvent.type(field, 'See you at the library{Enter}');
    await expect(await canvas.findByShadowText('See you at the library')).toBeVisible();
    await expect(field).toHaveValue('');
    await expectFocusOn('textbox', 'Write message to Maths study group…');
  },
};

/** A teacher writes to the whole school and Emma at once: the 300 rule refuses it before anything is sent. */
export const TooManyRecipients: Story = {
  name: 'Add recipients past the 300 rule',
  args: { as: 'kari' },
  play: async ({ canvasElement, userEvent }) => {
    const canvas = within(canvasElement);
    await conversations(canvasElement); // the panel has loaded
    await userEvent.click(canvas.getByShadowRole('button', { name: 'New message' }));
    await expectFocusOn('combobox', 'Add recipients');
    const field = canvas.getByShadowRole('combobox', { name: 'Add recipients' });
    for (const [query, name] of [['Whole', /^Whole school/], ['Emma', /^Emma Hansen/]] as const) {
      await typeInto(userEvent, field, query);
      await userEvent.click(await canvas.findByShadowRole('option', { name }));
      await expectFocusOn('combobox', 'Add recipients');
    }
    const refusal = 'You can’t send to more than 300 recipients. Whole school has 349 participants: send to it on its own.';
    await waitFor(() => expect(canvas.getAllByShadowRole('alert').map((alert) => alert.textContent?.trim())).toContain(refusal));
    await expect(field).toHaveAccessibleDescription(refusal);
    await expect(canvas.getByShadowRole('button', { name: 'Send' })).toBeDisabled();
  },
};

/** Ola leaves the study group from its settings, after confirming: back on the list, without it, with word of it. */
export const LeaveGroup: Story = {
  name: 'Leave a group',
  play: async ({ canvasElement, userEvent }) => {
    const canvas = within(canvasElement);
    await userEvent.click((await conversations(canvasElement))[0]);
    await expectFocusOn('heading', 'Maths study group');
    await userEvent.click(canvas.getByShadowRole('button', { name: 'Conversation settings' }));
    await userEvent.click(await canvas.findByShadowRole('button', { name: 'Leave conversation' }));
    await expect(await canvas.findByShadowRole('dialog', { name: 'Leave this conversation?' })).toBeVisible();
    await userEvent.click(canvas.getByShadowRole('button', { name: 'Leave' }));
    await expect(await canvas.findByShadowText('You left Maths study group.')).toBeInTheDocument();
    await expectFocusOn('option', /^Weekly update: Mathematics 9B,/);
    await expect(canvas.queryByShadowRole('option', { name: /^Maths study group,/ })).toBeNull();
  },
};
