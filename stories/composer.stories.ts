import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/composer/composer.js';
import { demoSchool } from './support.js';

const meta: Meta = {
  title: 'Elements/Composer',
  component: 'im-composer',
  loaders: [async () => ({ school: await demoSchool({ latency: 800 }) })],
  render: (_, { loaded }) =>
    html`<im-composer style="max-inline-size:26rem" .store=${loaded.school.store} conversation-id=${loaded.school.ids.group} recipient-name="Maths study group"></im-composer>`,
};
export default meta;

type Story = StoryObj;

export const Empty: Story = {};

/** Files upload slowly here (the memory transport waits 0.8 s), so the progress and cancel buttons show. */
export const Uploading: Story = {
  play: async ({ canvasElement }) => {
    const composer = canvasElement.querySelector('im-composer')!;
    composer.addFiles([new File([new Uint8Array(300_000)], 'Essay draft.pdf', { type: 'application/pdf' })]);
  },
};

/** The emoji picker open: its code and data load as it opens (the data from our own files, served to Storybook beside the source). */
export const EmojiPicker: Story = {
  play: async ({ canvasElement }) => {
    const composer = canvasElement.querySelector('im-composer')!;
    await composer.updateComplete;
    composer.shadowRoot!.querySelector<HTMLButtonElement>('.emoji-button')!.click();
  },
};

export const RefusedFiles: Story = {
  play: async ({ canvasElement }) => {
    const composer = canvasElement.querySelector('im-composer')!;
    composer.addFiles([new File(['x'], 'game.exe', { type: 'application/x-msdownload' })]);
  },
};

export const Replying: Story = {
  render: (_, { loaded }) => {
    const { store, ids } = loaded.school;
    return html`<im-composer
      style="max-inline-size:26rem"
      .store=${store}
      conversation-id=${ids.group}
      recipient-name="Maths study group"
      .replyTo=${{ id: 'm', conversationId: ids.group, seq: 1, sender: { id: 'u-emma', name: 'Emma Hansen', title: '', role: 'student' }, createdAt: Date.now(), text: 'Study group for the maths test?', attachments: [], status: 'normal' }}
    ></im-composer>`;
  },
};
