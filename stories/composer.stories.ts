import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import '../src/components/composer/composer.js';
import { storyTime } from './clock.js';
import { expectFocusOn, within } from './play.js';
import { demoSchool } from './support.js';

const meta: Meta = {
  title: 'Elements/Composer',
  component: 'im-composer',
  loaders: [async () => ({ school: await demoSchool() })],
  render: (_, { loaded }) =>
    html`<im-composer style="max-inline-size:26rem" .store=${loaded.school.store} conversation-id=${loaded.school.ids.group} recipient-name="Maths study group"></im-composer>`,
};
export default meta;

type Story = StoryObj;

export const Empty: Story = {};

/** A file on its way: its progress and a button to cancel it (here the upload never ends). */
export const Uploading: Story = {
  loaders: [
    async () => {
      const school = await demoSchool();
      school.transport.uploadAttachment = (file, { onProgress, signal } = {}) =>
        new Promise((_, reject) => {
          onProgress?.(file.size * 0.4, file.size);
          signal?.addEventListener('abort', () => reject(signal.reason));
        });
      return { school };
    },
  ],
  play: async ({ canvasElement }) => {
    canvasElement.querySelector('im-composer')!.addFiles([new File([new Uint8Array(300_000)], 'Essay draft.pdf', { type: 'application/pdf' })]);
    const canvas = within(canvasElement);
    await expect(await canvas.findByShadowRole('progressbar', { name: 'Uploading Essay draft.pdf' })).toHaveValue(0.4);
    await expect(canvas.getByShadowRole('button', { name: 'Cancel upload of Essay draft.pdf' })).toBeVisible();
  },
};

/** The emoji picker open: its code and data load as it opens (the data from our own files, served to Storybook beside the source). */
export const EmojiPicker: Story = {
  play: async ({ canvasElement, userEvent }) => {
    await userEvent.click(await within(canvasElement).findByShadowRole('button', { name: 'Insert emoji' }));
    await expectFocusOn('combobox', 'Search emoji');
  },
};

export const RefusedFiles: Story = {
  play: async ({ canvasElement }) => {
    canvasElement.querySelector('im-composer')!.addFiles([new File(['x'], 'game.exe', { type: 'application/x-msdownload' })]);
    await expect(await within(canvasElement).findByShadowRole('alert')).toHaveTextContent('Sorry, you can’t send game.exe');
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
      .replyTo=${{ id: 'm', conversationId: ids.group, seq: 1, sender: { id: 'u-emma', name: 'Emma Hansen', title: '', role: 'student' }, createdAt: storyTime - 10 * 60_000, text: 'Study group for the maths test?', attachments: [], status: 'normal' }}
    ></im-composer>`;
  },
};
